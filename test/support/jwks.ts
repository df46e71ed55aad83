// A local Entra-like token issuer for tests: an RSA key, its JWKS on 127.0.0.1, and signed tokens.
// The bot's authorityEndpoint points here (http://127.0.0.1:<port>/<tenant>), so the SDK fetches the
// keys from <authority>/discovery/v2.0/keys and accepts the issuer <authority>/v2.0.

import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export interface TokenIssuer {
  /** http://127.0.0.1:<port>/<tenant>: the authorityEndpoint to configure. */
  authority: string;
  /** The issuer claim the bot accepts: `${authority}/v2.0`. */
  issuer: string;
  tenantId: string;
  /** How many times the keys were fetched. */
  readonly keyRequests: number;
  /** A token signed with the published key (or another one); claims override the defaults. */
  sign(claims: Record<string, unknown>, options?: { expiresInSeconds?: number; key?: 'published' | 'unknown'; kid?: string }): string;
  close(): Promise<void>;
}

export async function startTokenIssuer(tenantId: string): Promise<TokenIssuer> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unknown = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...(published.publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, use: 'sig', alg: 'RS256' };
  let keyRequests = 0;

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.endsWith('/discovery/v2.0/keys')) {
      keyRequests++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const authority = `http://127.0.0.1:${port}/${tenantId}`;
  const issuer = `${authority}/v2.0`;

  return {
    authority,
    issuer,
    tenantId,
    get keyRequests() {
      return keyRequests;
    },
    sign(claims, options = {}) {
      const key: KeyObject = options.key === 'unknown' ? unknown.privateKey : published.privateKey;
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (options.expiresInSeconds ?? 3600);
      const payload = { iss: issuer, tid: tenantId, iat: Math.min(now, exp - 60), nbf: Math.min(now, exp - 60), exp, ...claims };
      return jwt.sign(payload, key, { algorithm: 'RS256', keyid: options.kid ?? kid });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
