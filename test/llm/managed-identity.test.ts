// Azure OpenAI with the host's managed identity: tokens come from the platform's identity endpoint (here a local
// stand-in for App Service's, which MSAL finds through IDENTITY_ENDPOINT and IDENTITY_HEADER), are sent as bearer
// tokens, and are reused until they expire.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLlmClient } from '../../knowledge/llm/client';
import { describeLlmConfig, readLlmConfig } from '../../knowledge/llm/config';
import { startFakeOpenAi, type FakeOpenAi } from './support/fakeOpenAi';

const USER_ASSIGNED = '11111111-2222-3333-4444-555555555555';
const HEADER_SECRET = 'identity-header-secret';

interface IdentityRequest {
  url: URL;
  header: string | undefined;
}

async function startIdentityEndpoint(): Promise<{ url: string; requests: IdentityRequest[]; close: () => Promise<void> }> {
  const requests: IdentityRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = req.headers['x-identity-header'] as string | undefined;
    requests.push({ url, header });
    if (header !== HEADER_SECRET) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    const id = url.searchParams.get('client_id') ?? 'system';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        access_token: `token-for-${id}-${requests.length}`,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Azure OpenAI with a managed identity', () => {
  let ai: FakeOpenAi;
  let identity: Awaited<ReturnType<typeof startIdentityEndpoint>>;
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    ai = await startFakeOpenAi(() => ({ type: 'content', content: 'ok' }));
    identity = await startIdentityEndpoint();
    // What App Service sets for the process; MSAL reads it when a token is first asked for.
    process.env.IDENTITY_ENDPOINT = identity.url;
    process.env.IDENTITY_HEADER = HEADER_SECRET;
  });
  afterAll(async () => {
    for (const [name, value] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await ai?.close();
    await identity?.close();
  });
  beforeEach(() => {
    ai.requests.length = 0;
    identity.requests.length = 0;
  });

  async function ask(clientIdentity: string) {
    const config = readLlmConfig({ AZURE_OPENAI_ENDPOINT: ai.origin, AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini-jp', AZURE_OPENAI_MANAGED_IDENTITY: clientIdentity });
    const client = createLlmClient(config)!;
    for (let i = 0; i < 2; i++) {
      await client.openai.chat.completions.create({ model: client.model, messages: [{ role: 'user', content: 'ping' }] });
    }
    return config;
  }

  test('the system-assigned identity: its token is sent as a bearer token, and reused', async () => {
    const config = await ask('system');
    expect(describeLlmConfig(config)).toContain('auth=managed-identity(system)');
    expect(identity.requests).toHaveLength(1);
    const [asked] = identity.requests;
    expect(asked!.header).toBe(HEADER_SECRET);
    expect(asked!.url.searchParams.get('resource')).toBe('https://cognitiveservices.azure.com');
    expect(asked!.url.searchParams.get('client_id')).toBeNull();
    expect(ai.requests).toHaveLength(2);
    for (const r of ai.requests) {
      expect(r.headers.authorization).toBe('Bearer token-for-system-1');
      expect(r.headers['api-key']).toBeUndefined();
      expect(r.url).toContain('/openai/deployments/gpt-4o-mini-jp/chat/completions');
    }
  });

  test('a user-assigned identity is asked for by its client id', async () => {
    const config = await ask(USER_ASSIGNED);
    expect(describeLlmConfig(config)).toContain('auth=managed-identity(user-assigned)');
    expect(identity.requests).toHaveLength(1);
    expect(identity.requests[0]!.url.searchParams.get('client_id')).toBe(USER_ASSIGNED);
    expect(ai.requests.map((r) => r.headers.authorization)).toEqual([`Bearer token-for-${USER_ASSIGNED}-1`, `Bearer token-for-${USER_ASSIGNED}-1`]);
  });
});

describe('AZURE_OPENAI_MANAGED_IDENTITY', () => {
  const azure = { AZURE_OPENAI_ENDPOINT: 'https://example.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' };

  test('is "system" or a client id; anything else is refused, naming the setting', () => {
    expect(readLlmConfig({ ...azure, AZURE_OPENAI_MANAGED_IDENTITY: 'system' })).toMatchObject({ auth: { kind: 'managed-identity' } });
    expect(readLlmConfig({ ...azure, AZURE_OPENAI_MANAGED_IDENTITY: USER_ASSIGNED })).toMatchObject({ auth: { kind: 'managed-identity', clientId: USER_ASSIGNED } });
    expect(() => readLlmConfig({ ...azure, AZURE_OPENAI_MANAGED_IDENTITY: 'yes' })).toThrow(/AZURE_OPENAI_MANAGED_IDENTITY/);
  });

  test('with a key or a token as well, the setting is refused', () => {
    expect(() => readLlmConfig({ ...azure, AZURE_OPENAI_MANAGED_IDENTITY: 'system', AZURE_OPENAI_API_KEY: 'k' })).toThrow(/set only one of/);
    expect(() => readLlmConfig({ ...azure, AZURE_OPENAI_MANAGED_IDENTITY: 'system', AZURE_OPENAI_AD_TOKEN: 't' })).toThrow(/set only one of/);
  });
});
