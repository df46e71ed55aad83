// Who is calling the pages' API: the SSO token's user, or — in local development mode only — an explicit
// development identity (the X-Dev-User header, e.g. a Playground user's aadObjectId). With bot credentials the
// header is refused outright, whatever else the request carries.

import type { IncomingHttpHeaders } from 'node:http';
import { SsoError, type SsoFailure, type SsoVerifier } from './sso';

export const DEV_USER_HEADER = 'x-dev-user';

export interface WebIdentity {
  userId: string;
  name?: string;
  tenantId?: string;
  source: 'sso' | 'dev';
}

export type IdentityResult =
  | { ok: true; identity: WebIdentity }
  | { ok: false; status: 401 | 503; reason: SsoFailure | 'missing-token' | 'dev-identity-refused' | 'sso-not-configured' };

const DEV_USER = /^[A-Za-z0-9._-]{1,64}$/;

export interface IdentityOptions {
  verifier?: SsoVerifier;
  /** True only in local development mode (no bot credentials). */
  devIdentity: boolean;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function identify(headers: IncomingHttpHeaders, o: IdentityOptions): Promise<IdentityResult> {
  const dev = header(headers, DEV_USER_HEADER);
  if (dev !== undefined) {
    if (!o.devIdentity || !DEV_USER.test(dev)) return { ok: false, status: 401, reason: 'dev-identity-refused' };
    return { ok: true, identity: { userId: dev, source: 'dev' } };
  }
  const auth = header(headers, 'authorization');
  const m = auth ? /^Bearer ([^\s]+)$/i.exec(auth) : null;
  if (!m?.[1]) return { ok: false, status: 401, reason: 'missing-token' };
  if (!o.verifier) return { ok: false, status: 401, reason: 'sso-not-configured' };
  try {
    const id = await o.verifier.verify(m[1]);
    return { ok: true, identity: { userId: id.userId, tenantId: id.tenantId, ...(id.name ? { name: id.name } : {}), source: 'sso' } };
  } catch (err) {
    if (err instanceof SsoError) return { ok: false, status: err.reason === 'keys-unavailable' ? 503 : 401, reason: err.reason };
    throw err;
  }
}
