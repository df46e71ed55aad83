// Configuration: defaults, every setting's validation, and errors that name the bad setting.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Env } from '../../bot/config';

const dir = mkdtempSync(join(tmpdir(), 'policy-bot-config-'));
const load = (env: Env) => loadConfig(env, { cwd: dir });

/** The ConfigError a configuration raises (fails the test when it loads). */
function errorOf(env: Env): ConfigError {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('defaults (no configuration)', () => {
  const config = load({});

  it('is a local development bot on 127.0.0.1:3978 with SQLite under ./data', () => {
    expect(config.server).toMatchObject({ port: 3978, host: '127.0.0.1', nodeEnv: 'development' });
    expect(config.storage.databaseUrl).toBeUndefined();
    expect(config.storage.dataDir).toBe(join(dir, 'data'));
    expect(config.auth.enabled).toBe(false);
    expect(config.auth.allowedTenantIds).toEqual([]);
    expect(config.log.level).toBe('info');
    expect(config.knowledge.answerCacheSize).toBe(1000);
  });

  it('gives the guided procedures 24 h idle, 30 min to confirm, 90 days for follow-ups, in Asia/Tokyo', () => {
    expect(config.dialogs).toEqual({ idleHours: 24, confirmMinutes: 30, followUpDays: 90, timeZone: 'Asia/Tokyo' });
    expect(load({ DIALOG_IDLE_HOURS: '0.5', DIALOG_CONFIRM_MINUTES: '5', DIALOG_FOLLOWUP_DAYS: '30', DIALOG_TIME_ZONE: 'UTC' }).dialogs).toEqual({
      idleHours: 0.5,
      confirmMinutes: 5,
      followUpDays: 30,
      timeZone: 'UTC',
    });
  });

  it('warns that requests are not authenticated', () => {
    expect(config.warnings.join('\n')).toMatch(/LOCAL DEVELOPMENT MODE.*NOT authenticated.*127\.0\.0\.1/);
  });
});

describe('credentials', () => {
  it('reads clientId, clientSecret and tenantId; listens on all interfaces; allows the own tenant', () => {
    const c = load({ clientId: 'app', clientSecret: 's', tenantId: TENANT.toUpperCase() });
    expect(c.auth).toMatchObject({ enabled: true, clientId: 'app', clientSecret: 's', validateIssuer: true });
    expect(c.server.host).toBe('0.0.0.0');
    expect(c.auth.allowedTenantIds).toEqual([TENANT]);
    expect(c.warnings).toEqual([]);
  });

  it('reads the legacy MicrosoftApp* names', () => {
    const c = load({ MicrosoftAppId: 'legacy-app', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT });
    expect(c.auth).toMatchObject({ enabled: true, clientId: 'legacy-app', clientSecret: 'pw', tenantId: TENANT });
  });

  it('reads the SDK connection form Connections__<id>__Settings__<prop>, case-insensitively', () => {
    const c = load({
      Connections__serviceConnection__Settings__ClientId: 'conn-app',
      CONNECTIONS__SERVICECONNECTION__SETTINGS__CLIENTSECRET: 'conn-secret',
      Connections__serviceConnection__Settings__TenantId: TENANT,
    });
    expect(c.auth).toMatchObject({ enabled: true, clientId: 'conn-app', clientSecret: 'conn-secret', tenantId: TENANT });
  });

  it('names an unknown connection setting', () => {
    expect(errorOf({ Connections__serviceConnection__Settings__ClientSecrte: 'x' }).setting).toBe(
      'Connections__serviceConnection__Settings__ClientSecrte',
    );
  });

  it('ALLOWED_TENANT_IDS overrides the default; * allows every tenant', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    expect(load({ clientId: 'a', tenantId: TENANT, ALLOWED_TENANT_IDS: `${TENANT},${other}` }).auth.allowedTenantIds).toEqual([TENANT, other]);
    expect(load({ clientId: 'a', tenantId: TENANT, ALLOWED_TENANT_IDS: '*' }).auth.allowedTenantIds).toEqual([]);
  });

  it('certificate files must exist and come in pairs', () => {
    const pem = join(dir, 'cert.pem');
    writeFileSync(pem, 'x');
    expect(errorOf({ clientId: 'a', certPemFile: join(dir, 'missing.pem') }).setting).toBe('certPemFile');
    expect(errorOf({ clientId: 'a', certPemFile: pem }).setting).toBe('certKeyFile');
    expect(load({ clientId: 'a', certPemFile: 'cert.pem', certKeyFile: pem }).auth.certPemFile).toBe(pem);
  });
});

describe('refuses to start', () => {
  it('in production without credentials', () => {
    const err = errorOf({ NODE_ENV: 'production' });
    expect(err.setting).toBe('clientId');
    expect(err.message).toMatch(/production requires bot credentials/);
  });

  it('in production without a tenant id', () => {
    expect(errorOf({ NODE_ENV: 'production', clientId: 'a', clientSecret: 's' }).setting).toBe('tenantId');
  });

  it('on another interface than loopback without credentials', () => {
    const err = errorOf({ HOST: '0.0.0.0' });
    expect(err.setting).toBe('HOST');
    expect(err.message).toMatch(/127\.0\.0\.1/);
  });

  it.each<[Env, string]>([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ ORG_DIRECTORY: 'no-such-directory.yaml' }, 'ORG_DIRECTORY'],
    [{ POLICY_PATH: 'no-such-policy.txt' }, 'POLICY_PATH'],
    [{ ALLOWED_TENANT_IDS: 'contoso' }, 'ALLOWED_TENANT_IDS'],
    [{ clientId: 'a', authorityEndpoint: 'not a url' }, 'authorityEndpoint'],
    [{ clientId: 'a', authType: 'Password' }, 'authType'],
    [{ clientId: 'a', authType: 'ClientSecret' }, 'clientSecret'],
    [{ MicrosoftAppId: 'a', MicrosoftAppTenantId: 'bad tenant!' }, 'MicrosoftAppTenantId'],
    [{ validateIssuer: 'maybe', clientId: 'a' }, 'validateIssuer'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES'],
    [{ ANSWER_CACHE_SIZE: '-1' }, 'ANSWER_CACHE_SIZE'],
    [{ DIALOG_IDLE_HOURS: '0' }, 'DIALOG_IDLE_HOURS'],
    [{ DIALOG_IDLE_HOURS: 'soon' }, 'DIALOG_IDLE_HOURS'],
    [{ DIALOG_CONFIRM_MINUTES: '99999' }, 'DIALOG_CONFIRM_MINUTES'],
    [{ DIALOG_FOLLOWUP_DAYS: '-3' }, 'DIALOG_FOLLOWUP_DAYS'],
    [{ DIALOG_TIME_ZONE: 'Mars/Olympus' }, 'DIALOG_TIME_ZONE'],
  ])('with %j, naming %s', (env, setting) => {
    const err = errorOf(env);
    expect(err.setting).toBe(setting);
    expect(err.message.startsWith(`Invalid configuration: ${setting}: `)).toBe(true);
  });
});

describe('files', () => {
  it('reads a .env file; the real environment wins', () => {
    const envDir = mkdtempSync(join(tmpdir(), 'policy-bot-envfile-'));
    writeFileSync(join(envDir, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n');
    const c = loadConfig({ LOG_LEVEL: 'warn' }, { cwd: envDir });
    expect(c.server.port).toBe(4000);
    expect(c.log.level).toBe('warn');
  });

  it('names ENV_FILE when it cannot be read', () => {
    expect(errorOf({ ENV_FILE: 'missing.env' }).setting).toBe('ENV_FILE');
  });

  it('resolves ORG_DIRECTORY, POLICY_PATH and DATA_DIR against the working directory', () => {
    writeFileSync(join(dir, 'org.yaml'), 'roles: {}\n');
    writeFileSync(join(dir, 'policy.txt'), '第1章\n');
    const c = load({ ORG_DIRECTORY: 'org.yaml', POLICY_PATH: 'policy.txt', DATA_DIR: 'state' });
    expect(c.directory.orgDirectory).toBe(join(dir, 'org.yaml'));
    expect(c.knowledge.policyPath).toBe(join(dir, 'policy.txt'));
    expect(c.storage.dataDir).toBe(join(dir, 'state'));
  });

  it('keeps a DATABASE_URL', () => {
    expect(load({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).storage.databaseUrl).toBe('postgres://u@127.0.0.1:5432/db');
  });
});

describe('LLM settings (the optional model)', () => {
  const KEY = 'sk-config-test-key-0123456789';

  it('is offline with none of them set', () => {
    expect(load({}).llm).toMatchObject({ mode: 'offline', timeoutMs: 8000 });
    expect(load({ OPENAI_MODEL: 'gpt-4o-mini', LLM_TIMEOUT_MS: '3000' }).llm).toMatchObject({ mode: 'offline', timeoutMs: 3000 });
  });

  it('reads OpenAI, a compatible server and Azure OpenAI, with the library defaults', () => {
    expect(load({ OPENAI_API_KEY: KEY }).llm).toMatchObject({ mode: 'openai', model: 'gpt-4o-mini', timeoutMs: 8000, maxRetries: 0, retrieveK: 8 });
    expect(load({ OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1', OPENAI_MODEL: 'qwen2.5', LLM_TIMEOUT_MS: '12000' }).llm).toMatchObject({
      mode: 'compatible',
      baseURL: 'http://10.0.0.5:8000/v1',
      apiKey: null,
      model: 'qwen2.5',
      timeoutMs: 12000,
    });
    expect(load({ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt4o', AZURE_OPENAI_API_KEY: KEY }).llm).toMatchObject({
      mode: 'azure',
      deployment: 'gpt4o',
      apiVersion: '2024-10-21',
      auth: { kind: 'key' },
    });
    expect(load({ LLM_MODE: 'off', OPENAI_API_KEY: KEY }).llm.mode).toBe('offline');
  });

  it('reads the variables case-insensitively, like every other setting', () => {
    expect(load({ openai_api_key: KEY, Openai_Model: 'gpt-4.1-mini' }).llm).toMatchObject({ mode: 'openai', model: 'gpt-4.1-mini' });
  });

  it('never shows a key: not in the config as JSON, not when printed', () => {
    const c = load({ OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_AD_TOKEN: KEY });
    expect(JSON.stringify(c)).not.toContain(KEY);
    expect(require('node:util').inspect(c, { depth: 10 })).not.toContain(KEY);
  });

  it('takes the host\'s managed identity for Azure OpenAI, without a warning', () => {
    const c = load({ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_MANAGED_IDENTITY: 'system' });
    expect(c.llm).toMatchObject({ mode: 'azure', auth: { kind: 'managed-identity' } });
    expect(c.warnings.join('\n')).not.toMatch(/static token/);
    expect(() => load({ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' })).toThrow(/AZURE_OPENAI_MANAGED_IDENTITY/);
  });

  it('warns that a static Entra token expires', () => {
    const c = load({ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_AD_TOKEN: KEY });
    expect(c.warnings.join('\n')).toMatch(/AZURE_OPENAI_AD_TOKEN is a static token/);
    expect(c.warnings.join('\n')).not.toContain(KEY);
  });

  it.each([
    [{ LLM_MODE: 'on' }, 'LLM_MODE'],
    [{ LLM_TIMEOUT_MS: 'soon' }, 'LLM_TIMEOUT_MS'],
    [{ LLM_TIMEOUT_MS: '50' }, 'LLM_TIMEOUT_MS'],
    [{ LLM_MAX_RETRIES: '9' }, 'LLM_MAX_RETRIES'],
    [{ LLM_RETRIEVE_K: '0' }, 'LLM_RETRIEVE_K'],
    [{ LLM_TEMPERATURE: '3' }, 'LLM_TEMPERATURE'],
    [{ OPENAI_BASE_URL: 'ftp://10.0.0.5/v1', OPENAI_MODEL: 'm' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1', OPENAI_API_KEY: KEY }, 'OPENAI_MODEL'],
    [{ AZURE_OPENAI_ENDPOINT: 'not a url' }, 'AZURE_OPENAI_ENDPOINT'],
    [{ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_API_KEY: KEY }, 'AZURE_OPENAI_DEPLOYMENT'],
    [{ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_AD_TOKEN: KEY }, 'AZURE_OPENAI_API_KEY'],
    [{ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' }, 'AZURE_OPENAI_API_KEY'],
  ])('with %j, naming %s and never the key', (env, setting) => {
    const err = errorOf({ ...env, OPENAI_API_KEY: (env as Record<string, string>).OPENAI_API_KEY ?? KEY });
    expect(err.setting).toBe(setting);
    expect(err.message.startsWith(`Invalid configuration: ${setting}: `)).toBe(true);
    expect(err.message).not.toContain(KEY);
  });
});
