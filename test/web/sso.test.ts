// The tab's SSO token checks, with tokens signed here against a local JWKS (test/support/jwks.ts):
// signature, audience, tenant, issuer, expiry, scope, user, client app — and the development identity,
// which exists only without bot credentials.

import jwt from 'jsonwebtoken';
import { loadConfig } from '../../bot/config';
import { identify } from '../../bot/web/identity';
import { webSettings, type SsoSettings } from '../../bot/web/settings';
import { createSsoVerifier, SsoError, type SsoVerifier } from '../../bot/web/sso';
import { startTokenIssuer, type TokenIssuer } from '../support/jwks';

const TENANT = '6e3a2f1b-0c4d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
const APP_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const RESOURCE = `api://bot.example.lg.jp/${APP_ID}`;
const USER = 'AB12CD34-0000-4000-8000-0000000000AA';

let issuer: TokenIssuer;
let settings: SsoSettings;
let verifier: SsoVerifier;

/** The base of the local issuer (http://127.0.0.1:<port>), so issuers can be written per tenant. */
const base = () => issuer.authority.slice(0, issuer.authority.lastIndexOf('/'));
const good = (claims: Record<string, unknown> = {}, options?: Parameters<TokenIssuer['sign']>[1]) =>
  issuer.sign({ aud: APP_ID, scp: 'access_as_user', oid: USER, name: '山田 花子', azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', ver: '2.0', ...claims }, options);

async function reason(token: string, v: SsoVerifier = verifier): Promise<string> {
  try {
    await v.verify(token);
  } catch (err) {
    if (err instanceof SsoError) return err.reason;
    throw err;
  }
  return 'accepted';
}

beforeAll(async () => {
  issuer = await startTokenIssuer(TENANT);
  settings = {
    appId: APP_ID,
    audiences: [APP_ID, RESOURCE],
    scope: 'access_as_user',
    jwksUrl: `${issuer.authority}/discovery/v2.0/keys`,
    issuers: [`${base()}/{tenantid}/v2.0`, `${base()}/sts/{tenantid}/`],
    allowedTenantIds: [TENANT],
    clientAppIds: [],
  };
  verifier = createSsoVerifier(settings);
});

afterAll(async () => {
  await issuer.close();
});

describe('tokens that are accepted', () => {
  it('a v2.0 token for the app: the user is the object id (lower case), with the tenant and the name', async () => {
    await expect(verifier.verify(good())).resolves.toEqual({ userId: USER.toLowerCase(), tenantId: TENANT, name: '山田 花子' });
  });

  it('a v1.0 token whose audience is the Application ID URI and whose issuer is the v1 form', async () => {
    const token = good({ aud: RESOURCE, iss: `${base()}/sts/${TENANT}/`, ver: '1.0', azp: undefined, appid: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: USER.toLowerCase() });
  });

  it('several scopes, the required one among them', async () => {
    expect(await reason(good({ scp: 'User.Read access_as_user' }))).toBe('accepted');
  });

  it('an expiry within the 5 minutes of clock tolerance', async () => {
    expect(await reason(good({}, { expiresInSeconds: -120 }))).toBe('accepted');
  });

  it('fetches the keys once and keeps them', async () => {
    const before = issuer.keyRequests;
    for (let i = 0; i < 5; i++) await verifier.verify(good());
    expect(issuer.keyRequests).toBe(before);
  });
});

describe('tokens that are refused', () => {
  it('wrong audience (another app, Graph, or none)', async () => {
    expect(await reason(good({ aud: '00000003-0000-0000-c000-000000000000' }))).toBe('wrong-audience');
    expect(await reason(good({ aud: `api://bot.example.lg.jp/${OTHER_TENANT}` }))).toBe('wrong-audience');
    expect(await reason(good({ aud: undefined }))).toBe('wrong-audience');
  });

  it('wrong tenant: a tenant outside the allow-list, even when everything else is right', async () => {
    expect(await reason(good({ tid: OTHER_TENANT, iss: `${base()}/${OTHER_TENANT}/v2.0` }))).toBe('wrong-tenant');
    expect(await reason(good({ tid: undefined }))).toBe('wrong-tenant');
    expect(await reason(good({ tid: 'contoso.onmicrosoft.com' }))).toBe('wrong-tenant');
  });

  it('wrong issuer: another authority, or an issuer for another tenant than the token names', async () => {
    expect(await reason(good({ iss: 'https://evil.example/v2.0' }))).toBe('wrong-issuer');
    expect(await reason(good({ iss: `${base()}/${OTHER_TENANT}/v2.0` }))).toBe('wrong-issuer');
    expect(await reason(good({ iss: undefined }))).toBe('wrong-issuer');
  });

  it('expired (beyond the tolerance) and not yet valid', async () => {
    expect(await reason(good({}, { expiresInSeconds: -600 }))).toBe('expired');
    const now = Math.floor(Date.now() / 1000);
    expect(await reason(good({ nbf: now + 3600, iat: now, exp: now + 7200 }))).toBe('not-yet-valid');
  });

  it('bad signature: signed with another key under the published key id', async () => {
    expect(await reason(good({}, { key: 'unknown' }))).toBe('bad-signature');
  });

  it('a payload changed after signing', async () => {
    const [h, p, s] = good().split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, oid: '00000000-0000-4000-8000-000000000001' })).toString('base64url');
    expect(await reason(`${h}.${forged}.${s}`)).toBe('bad-signature');
  });

  it('a key id the issuer does not publish', async () => {
    expect(await reason(good({}, { key: 'unknown', kid: 'not-published' }))).toBe('unknown-key');
  });

  it('alg none and HS256 signed with the public key (algorithm confusion)', async () => {
    const payload = { aud: APP_ID, iss: issuer.issuer, tid: TENANT, scp: 'access_as_user', oid: USER, exp: Math.floor(Date.now() / 1000) + 600 };
    const none = jwt.sign(payload, '', { algorithm: 'none', keyid: 'x' });
    expect(await reason(none)).toBe('malformed');
    const header = JSON.parse(Buffer.from(good().split('.')[0]!, 'base64url').toString());
    const hs = jwt.sign(payload, 'public-key-as-secret', { algorithm: 'HS256', keyid: header.kid });
    expect(await reason(hs)).toBe('unsupported-algorithm');
  });

  it('missing scope, or a token without a user (an app-only token)', async () => {
    expect(await reason(good({ scp: 'User.Read' }))).toBe('missing-scope');
    expect(await reason(good({ scp: undefined, roles: ['access_as_user'] }))).toBe('missing-scope');
    expect(await reason(good({ oid: undefined }))).toBe('not-a-user');
  });

  it('garbage, empty and oversized strings', async () => {
    for (const t of ['', 'abc', 'a.b', 'a.b.c.d', `${'x'.repeat(20000)}.y.z`, 'eyJhbGciOiJSUzI1NiJ9.e30.']) {
      expect(await reason(t)).toBe('malformed');
    }
  });

  it('a client app outside SSO_CLIENT_APP_IDS when that list is set', async () => {
    const strict = createSsoVerifier({ ...settings, clientAppIds: ['1fec8e78-bce4-4aaf-ab1b-5451cc387264'] });
    expect(await reason(good(), strict)).toBe('wrong-client');
    expect(await reason(good({ azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' }), strict)).toBe('accepted');
  });

  it('keys unavailable: the JWKS endpoint does not answer', async () => {
    const offline = createSsoVerifier({ ...settings, jwksUrl: 'http://127.0.0.1:9/keys' }, { fetchTimeoutMs: 2000 });
    expect(await reason(good(), offline)).toBe('keys-unavailable');
  });
});

describe('who calls the API', () => {
  const withCredentials = webSettings(
    loadConfig({ clientId: APP_ID, clientSecret: 's', tenantId: TENANT, ENV_FILE: undefined, DATA_DIR: '/nonexistent-unused' }, { cwd: __dirname }),
  );
  const localDev = webSettings(loadConfig({ ENV_FILE: undefined, DATA_DIR: '/nonexistent-unused' }, { cwd: __dirname }));

  it('settings: credentials mean no development identity; SSO for the bot app and the own tenant', () => {
    expect(withCredentials.devIdentity).toBe(false);
    expect(withCredentials.sso).toMatchObject({ appId: APP_ID, audiences: [APP_ID], allowedTenantIds: [TENANT] });
    expect(withCredentials.sso?.jwksUrl).toBe(`https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`);
    expect(localDev.devIdentity).toBe(true);
    expect(localDev.sso).toBeUndefined();
  });

  it('with credentials the development header is refused, even together with a valid token', async () => {
    const r = await identify({ 'x-dev-user': 'alex', authorization: `Bearer ${good()}` }, { verifier, devIdentity: withCredentials.devIdentity });
    expect(r).toEqual({ ok: false, status: 401, reason: 'dev-identity-refused' });
  });

  it('in local development mode the header names the user; malformed ids are refused', async () => {
    expect(await identify({ 'x-dev-user': '00000000-0000-0000-0000-0000000000020' }, { devIdentity: localDev.devIdentity })).toEqual({
      ok: true,
      identity: { userId: '00000000-0000-0000-0000-0000000000020', source: 'dev' },
    });
    expect(await identify({ 'x-dev-user': 'a b' }, { devIdentity: true })).toMatchObject({ ok: false, reason: 'dev-identity-refused' });
  });

  it('a bearer token is verified; none, or no verifier, is 401', async () => {
    expect(await identify({ authorization: `Bearer ${good()}` }, { verifier, devIdentity: false })).toMatchObject({
      ok: true,
      identity: { userId: USER.toLowerCase(), source: 'sso', tenantId: TENANT },
    });
    expect(await identify({}, { verifier, devIdentity: false })).toMatchObject({ ok: false, status: 401, reason: 'missing-token' });
    expect(await identify({ authorization: `Basic abc` }, { verifier, devIdentity: false })).toMatchObject({ reason: 'missing-token' });
    expect(await identify({ authorization: `Bearer ${good()}` }, { devIdentity: true })).toMatchObject({ reason: 'sso-not-configured' });
    expect(await identify({ authorization: `Bearer ${good({ aud: 'x' })}` }, { verifier, devIdentity: false })).toMatchObject({
      status: 401,
      reason: 'wrong-audience',
    });
  });
});
