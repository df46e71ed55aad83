// Validation of the tab's SSO tokens (authentication.getAuthToken): an Entra ID access token for this app.
//
// Checked, in this order, before anything is read or returned: a compact JWS with RS256 and a key id; the tenant
// (`tid`) in the allow-list; the signature against the issuer's published keys (jwks-rsa, cached, rate-limited);
// expiry and not-before (5 minutes of clock tolerance, like the bot's own token checks); audience = the app's
// client id or Application ID URI; issuer = one of the Entra issuers for that same tenant; the delegated scope
// in `scp`; a user (`oid`); optionally the client app (`azp`/`appid`).

import jwt, { type JwtPayload } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import type { SsoSettings } from './settings';

export type SsoFailure =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'wrong-tenant'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'missing-scope'
  | 'not-a-user'
  | 'wrong-client'
  | 'keys-unavailable';

export class SsoError extends Error {
  constructor(readonly reason: SsoFailure) {
    super(`SSO token refused: ${reason}`);
    this.name = 'SsoError';
  }
}

export interface SsoIdentity {
  /** Entra object id (`oid`), lower case: the same id Teams gives the bot as from.aadObjectId. */
  userId: string;
  tenantId: string;
  /** Display name from the token (`name`); never logged. */
  name?: string;
}

export interface SsoVerifier {
  verify(token: string): Promise<SsoIdentity>;
}

const CLOCK_TOLERANCE_S = 300;
const MAX_TOKEN_CHARS = 16_384;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Entra object ids are GUIDs; the directory (and the Agents Playground) also use other short ids. */
const OBJECT_ID = /^[A-Za-z0-9-]{1,64}$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function createSsoVerifier(s: SsoSettings, options: { fetchTimeoutMs?: number } = {}): SsoVerifier {
  const keys = new JwksClient({
    jwksUri: s.jwksUrl,
    cache: true,
    cacheMaxAge: 6 * 3600_000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: options.fetchTimeoutMs ?? 10_000,
  });
  const allowed = new Set(s.allowedTenantIds.map((t) => t.toLowerCase()));

  const publicKey = async (kid: string): Promise<string> => {
    try {
      return (await keys.getSigningKey(kid)).getPublicKey();
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      throw new SsoError(name === 'SigningKeyNotFoundError' ? 'unknown-key' : 'keys-unavailable');
    }
  };

  return {
    async verify(token: string): Promise<SsoIdentity> {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
        throw new SsoError('malformed');
      }
      const decoded = jwt.decode(token, { complete: true });
      if (!decoded || typeof decoded.payload !== 'object') throw new SsoError('malformed');
      const { header } = decoded;
      if (header.alg !== 'RS256') throw new SsoError('unsupported-algorithm');
      const kid = str(header.kid);
      if (!kid) throw new SsoError('malformed');
      const tid = str((decoded.payload as JwtPayload).tid)?.toLowerCase();
      if (!tid || !TENANT_ID.test(tid)) throw new SsoError('wrong-tenant');
      if (allowed.size > 0 && !allowed.has(tid)) throw new SsoError('wrong-tenant');

      const key = await publicKey(kid);
      let claims: JwtPayload;
      try {
        claims = jwt.verify(token, key, { algorithms: ['RS256'], clockTolerance: CLOCK_TOLERANCE_S, complete: false }) as JwtPayload;
      } catch (err) {
        const name = err instanceof Error ? err.name : '';
        if (name === 'TokenExpiredError') throw new SsoError('expired');
        if (name === 'NotBeforeError') throw new SsoError('not-yet-valid');
        throw new SsoError('bad-signature');
      }
      if (typeof claims.exp !== 'number') throw new SsoError('expired');

      const aud = claims.aud;
      const auds = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
      if (!auds.some((a) => s.audiences.includes(a))) throw new SsoError('wrong-audience');

      const issuers = s.issuers.map((i) => i.replace(/\{tenantid\}/gi, tid));
      if (!claims.iss || !issuers.includes(claims.iss)) throw new SsoError('wrong-issuer');

      const scopes = (str(claims.scp) ?? '').split(' ');
      if (!scopes.includes(s.scope)) throw new SsoError('missing-scope');

      const oid = str(claims.oid)?.toLowerCase();
      if (!oid || !OBJECT_ID.test(oid)) throw new SsoError('not-a-user');

      if (s.clientAppIds.length > 0) {
        const client = (str(claims.azp) ?? str(claims.appid))?.toLowerCase();
        if (!client || !s.clientAppIds.includes(client)) throw new SsoError('wrong-client');
      }

      const name = str(claims.name);
      return { userId: oid, tenantId: tid, ...(name ? { name: name.slice(0, 200) } : {}) };
    },
  };
}
