import { inspect } from 'node:util';
import { z } from 'zod';
import { createLlmClient } from '../../knowledge/llm/client';
import {
  DEFAULT_AZURE_API_VERSION,
  DEFAULT_OPENAI_MODEL,
  describeLlmConfig,
  LlmConfigError,
  llmEnvSchema,
  llmEnvShape,
  readLlmConfig,
  toLlmConfig,
} from '../../knowledge/llm/config';

const KEY = 'sk-test-SECRET-do-not-log-1234567890';

describe('readLlmConfig', () => {
  test('nothing set → offline, with the default timeout', () => {
    const c = readLlmConfig({});
    expect(c.mode).toBe('offline');
    expect(c.timeoutMs).toBe(8000);
    expect(describeLlmConfig(c)).toBe('offline');
  });

  test('blank values count as unset', () => {
    expect(readLlmConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '  ', AZURE_OPENAI_ENDPOINT: '', LLM_TIMEOUT_MS: '' }).mode).toBe('offline');
  });

  test('unrelated variables are ignored', () => {
    expect(readLlmConfig({ PATH: '/usr/bin', OPENAI_MODEL: 'gpt-x' }).mode).toBe('offline');
  });

  test('OPENAI_API_KEY → OpenAI with the default or given model', () => {
    const c = readLlmConfig({ OPENAI_API_KEY: KEY });
    expect(c).toMatchObject({ mode: 'openai', model: DEFAULT_OPENAI_MODEL });
    expect(readLlmConfig({ OPENAI_API_KEY: KEY, OPENAI_MODEL: 'gpt-4.1-mini' })).toMatchObject({ model: 'gpt-4.1-mini' });
  });

  test('OPENAI_BASE_URL → a compatible server; the model is required, the key optional', () => {
    const c = readLlmConfig({ OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1', OPENAI_MODEL: 'qwen2.5' });
    expect(c).toMatchObject({ mode: 'compatible', baseURL: 'http://10.0.0.5:8000/v1', apiKey: null, model: 'qwen2.5' });
    expect(() => readLlmConfig({ OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1' })).toThrow(/OPENAI_MODEL/);
    expect(() => readLlmConfig({ OPENAI_BASE_URL: 'not a url', OPENAI_MODEL: 'm' })).toThrow(/OPENAI_BASE_URL/);
    expect(() => readLlmConfig({ OPENAI_BASE_URL: 'file:///etc/passwd', OPENAI_MODEL: 'm' })).toThrow(LlmConfigError);
  });

  test('Azure OpenAI: endpoint, deployment, key or token, API version', () => {
    const env = { AZURE_OPENAI_ENDPOINT: 'https://example.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'gpt4o', AZURE_OPENAI_API_KEY: KEY };
    const c = readLlmConfig(env);
    expect(c).toMatchObject({ mode: 'azure', deployment: 'gpt4o', apiVersion: DEFAULT_AZURE_API_VERSION, auth: { kind: 'key' } });
    expect(readLlmConfig({ ...env, OPENAI_API_VERSION: '2024-08-01-preview' })).toMatchObject({ apiVersion: '2024-08-01-preview' });
    expect(readLlmConfig({ ...env, OPENAI_API_VERSION: '2024-08-01-preview', AZURE_OPENAI_API_VERSION: '2025-01-01-preview' })).toMatchObject({ apiVersion: '2025-01-01-preview' });
    const { AZURE_OPENAI_API_KEY: _key, ...noKey } = env;
    expect(readLlmConfig({ ...noKey, AZURE_OPENAI_AD_TOKEN: 'eyJ-token' })).toMatchObject({ auth: { kind: 'token' } });
    expect(readLlmConfig(noKey)).toMatchObject({ auth: { kind: 'entra-provider' } });
    expect(() => readLlmConfig({ ...env, AZURE_OPENAI_AD_TOKEN: 'eyJ-token' })).toThrow(/only one/);
    expect(() => readLlmConfig({ AZURE_OPENAI_ENDPOINT: env.AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY: KEY })).toThrow(/AZURE_OPENAI_DEPLOYMENT/);
  });

  test('Azure without key or token needs a token provider from the caller', () => {
    const c = readLlmConfig({ AZURE_OPENAI_ENDPOINT: 'https://example.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' });
    expect(() => createLlmClient(c)).toThrow(/azureADTokenProvider/);
    expect(createLlmClient(c, { azureADTokenProvider: async () => 'token' })?.model).toBe('d');
  });

  test('Azure wins over OpenAI, a base URL over the public OpenAI endpoint', () => {
    expect(readLlmConfig({ OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: KEY }).mode).toBe('azure');
    expect(readLlmConfig({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_MODEL: 'm' }).mode).toBe('compatible');
  });

  test('LLM_MODE=off keeps the bot offline even with a key', () => {
    expect(readLlmConfig({ OPENAI_API_KEY: KEY, LLM_MODE: 'off' }).mode).toBe('offline');
    expect(() => readLlmConfig({ LLM_MODE: 'maybe' })).toThrow(/LLM_MODE/);
  });

  test('numbers: timeout, retries, clauses, temperature', () => {
    const c = readLlmConfig({ OPENAI_API_KEY: KEY, LLM_TIMEOUT_MS: '2500', LLM_MAX_RETRIES: '2', LLM_RETRIEVE_K: '5', LLM_TEMPERATURE: '0' });
    expect(c).toMatchObject({ timeoutMs: 2500, maxRetries: 2, retrieveK: 5, temperature: 0 });
    expect(() => readLlmConfig({ LLM_TIMEOUT_MS: 'abc' })).toThrow(/LLM_TIMEOUT_MS/);
    expect(() => readLlmConfig({ LLM_TIMEOUT_MS: '-5' })).toThrow(/LLM_TIMEOUT_MS/);
    expect(() => readLlmConfig({ LLM_MAX_RETRIES: '99' })).toThrow(/LLM_MAX_RETRIES/);
  });
});

describe('secrets', () => {
  test('keys never show in JSON, inspect, String, descriptions or errors', () => {
    const configs = [
      readLlmConfig({ OPENAI_API_KEY: KEY }),
      readLlmConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: 'm', OPENAI_API_KEY: KEY }),
      readLlmConfig({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: KEY }),
      readLlmConfig({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_AD_TOKEN: KEY }),
    ];
    for (const c of configs) {
      for (const shown of [JSON.stringify(c), inspect(c, { depth: 10 }), `${Object.values(c).join(' ')}`, describeLlmConfig(c)]) {
        expect(shown).not.toContain(KEY);
      }
    }
    const c = configs[0]!;
    expect(c.mode === 'openai' && c.apiKey.reveal()).toBe(KEY);
    for (const env of [
      { OPENAI_API_KEY: KEY, LLM_TIMEOUT_MS: 'x' },
      { AZURE_OPENAI_ENDPOINT: 'https://x', AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_AD_TOKEN: KEY },
      { OPENAI_BASE_URL: KEY, OPENAI_API_KEY: KEY },
    ]) {
      let message = '';
      try { readLlmConfig(env); } catch (err) { message = `${(err as Error).message} ${inspect(err)}`; }
      expect(message).not.toBe('');
      expect(message).not.toContain(KEY);
    }
  });
});

describe('composition', () => {
  test('the bot can compose the shape into its own schema', () => {
    const botSchema = z.object({ PORT: z.coerce.number().default(3978), ...llmEnvShape });
    const parsed = botSchema.parse({ PORT: '4000', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3' });
    expect(parsed.PORT).toBe(4000);
    expect(toLlmConfig(parsed)).toMatchObject({ mode: 'compatible', model: 'llama3' });
  });

  test('parsed variables already hold keys as Secret (a logged bot config shows no key)', () => {
    const parsed = llmEnvSchema.parse({ OPENAI_API_KEY: KEY, AZURE_OPENAI_AD_TOKEN: KEY });
    expect(JSON.stringify(parsed)).not.toContain(KEY);
    expect(inspect(parsed)).not.toContain(KEY);
    expect(parsed.OPENAI_API_KEY?.reveal()).toBe(KEY);
  });
});
