// Authentication with credentials configured: Bot Framework tokens signed here and checked by the SDK
// against a local JWKS; every bad token gets 401 before any handler runs. Tenant allow-list. /healthz open.

import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { type TokenIssuer, startTokenIssuer } from '../support/jwks';
import { startBot, type TestBot } from '../support/bot';
import { fixtureEngine } from '../support/engine';
import { TENANT, message, post } from '../support/teams';

const CLIENT_ID = '5f0b8a43-0000-4000-8000-00000000b0b0';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

describe.each(TEST_DIALECTS)('authentication on %s', (dialect) => {
  const testDb = useTestDb(dialect);
  let issuer: TokenIssuer;
  let bot: TestBot;
  const engine = fixtureEngine();

  beforeAll(async () => {
    issuer = await startTokenIssuer(TENANT);
    bot = await startBot({
      db: testDb().db,
      engine,
      env: {
        clientId: CLIENT_ID,
        clientSecret: 'test-secret-value',
        tenantId: TENANT,
        authorityEndpoint: issuer.authority,
        HOST: '127.0.0.1',
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await issuer?.close();
  });

  const ask = (headers: Record<string, string>, o: { tenantId?: string } = {}) =>
    post(bot.url, message('USBメモリを持ち出してもいいですか', { expectReplies: true, serviceUrl: null, ...o }), headers);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** The reason the SDK gave for the last refusal (logged; the caller only sees 401). */
  const lastReason = () => bot.lines.filter((l) => l.event === 'auth.refused').at(-1)?.reason;

  it('runs in authenticated mode', () => {
    expect(bot.config.auth.enabled).toBe(true);
    expect(bot.config.auth.allowedTenantIds).toEqual([TENANT]);
  });

  it('accepts a valid token and answers', async () => {
    const before = engine.questions.length;
    const res = await ask(bearer(issuer.sign({ aud: CLIENT_ID })));
    expect(res.status).toBe(200);
    expect(res.body.activities[0].text).toContain('許可が必要です');
    expect(engine.questions.length).toBe(before + 1);
  });

  describe('refuses with 401 before any handler runs', () => {
    let before: number;
    beforeEach(() => {
      before = engine.questions.length;
    });
    afterEach(() => {
      expect(engine.questions.length).toBe(before);
    });

    it('a missing Authorization header', async () => {
      const res = await ask({});
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'unauthorized' });
      expect(lastReason()).toBe('authorization header not found');
    });

    it.each([['Bearer'], ['Basic dXNlcjpwYXNz'], ['Bearer a b'], ['Bearer not-a-jwt'], ['Bearer eyJhbGciOiJub25lIn0.e30.']])(
      'a malformed header: %s',
      async (header) => {
        expect((await ask({ authorization: header })).status).toBe(401);
      },
    );

    it('a token for another audience', async () => {
      expect((await ask(bearer(issuer.sign({ aud: 'someone-else' })))).status).toBe(401);
      expect(lastReason()).toBe('Audience mismatch');
    });

    it('an expired token', async () => {
      // Beyond the SDK's five minutes of clock tolerance.
      expect((await ask(bearer(issuer.sign({ aud: CLIENT_ID }, { expiresInSeconds: -600 })))).status).toBe(401);
      expect(lastReason()).toBe('jwt expired');
    });

    it('a token signed with a key the issuer does not publish', async () => {
      expect((await ask(bearer(issuer.sign({ aud: CLIENT_ID }, { key: 'unknown' })))).status).toBe(401);
      expect(lastReason()).toBe('invalid signature');
    });

    it('a token from an issuer that is not accepted', async () => {
      expect((await ask(bearer(issuer.sign({ aud: CLIENT_ID, iss: 'https://evil.example/v2.0' })))).status).toBe(401);
      expect(lastReason()).toBe('Issuer mismatch');
    });

    it('an unsigned token (alg none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(JSON.stringify({ aud: CLIENT_ID, iss: issuer.issuer, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
      expect((await ask({ authorization: `Bearer ${header}.${body}.` })).status).toBe(401);
      expect(lastReason()).toBe('jwt signature is required');
    });
  });

  it('fetched the signing keys from the local JWKS', () => {
    expect(issuer.keyRequests).toBeGreaterThan(0);
  });

  it('refuses (403) and logs activities from a tenant not on the allow-list', async () => {
    const before = engine.questions.length;
    const res = await ask(bearer(issuer.sign({ aud: CLIENT_ID })), { tenantId: OTHER_TENANT });
    expect(res.status).toBe(403);
    expect(engine.questions.length).toBe(before);
    expect(bot.lines.some((l) => l.event === 'tenant.refused' && l.tenantId === OTHER_TENANT)).toBe(true);
  });

  it('serves /healthz without a token, revealing nothing but ok', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('never logs tokens or secrets', () => {
    const all = JSON.stringify(bot.lines);
    expect(all).not.toContain('test-secret-value');
    expect(all).not.toContain('eyJ');
    expect(bot.lines.filter((l) => l.event === 'auth.refused').length).toBeGreaterThanOrEqual(8);
  });
});

describe('tenant allow-list in local development mode', () => {
  const testDb = useTestDb('sqlite');
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot({ db: testDb().db, env: { ALLOWED_TENANT_IDS: `${TENANT}, ${OTHER_TENANT.toUpperCase()}` } });
  });
  afterAll(() => bot?.close());

  it('accepts the listed tenants (case-insensitively) and refuses the others', async () => {
    expect((await post(bot.url, message('ヘルプ', { expectReplies: true }))).status).toBe(200);
    expect((await post(bot.url, message('ヘルプ', { expectReplies: true, tenantId: OTHER_TENANT }))).status).toBe(200);
    expect((await post(bot.url, message('ヘルプ', { expectReplies: true, tenantId: '99999999-2222-4333-8444-555555555555' }))).status).toBe(403);
  });

  it('refuses activities that name no tenant', async () => {
    const activity = message('ヘルプ', { expectReplies: true });
    delete activity.conversation.tenantId;
    delete activity.channelData;
    expect((await post(bot.url, activity)).status).toBe(403);
  });
});
