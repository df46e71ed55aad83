// LLM settings from the environment, validated with zod. With none of the provider variables
// set the result is offline mode and the bot behaves exactly as the offline bot.
//
// Precedence: LLM_MODE=off → offline; AZURE_OPENAI_ENDPOINT → Azure OpenAI; OPENAI_BASE_URL →
// an OpenAI-compatible server (vLLM, Ollama, …); OPENAI_API_KEY → OpenAI; otherwise offline.
// Keys are wrapped in Secret so that logging the config never shows them.
import { z } from 'zod';
import { Secret } from './secret';

/** Blank values ('' or spaces, common in .env files) count as unset. */
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const optionalText = unsetIfBlank(z.string().trim().min(1).optional());
/** Keys and tokens become Secret as soon as they are parsed, so no parsed config holds them in clear. */
const optionalSecret = unsetIfBlank(z.string().trim().min(1).transform((v) => new Secret(v)).optional());
const optionalUrl = unsetIfBlank(z.url({ protocol: /^https?$/ }).optional());
const intSetting = (min: number, max: number, fallback: number) =>
  unsetIfBlank(z.coerce.number().int().min(min).max(max).default(fallback));

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
/** The Azure OpenAI GA API version with structured outputs. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
export const DEFAULT_TIMEOUT_MS = 8000;

/**
 * The environment variables this module reads, as a plain zod shape (field = variable name) so the
 * central bot config can compose it: `z.object({ ...botShape, ...llmEnvShape })` or a config section
 * with schema `llmEnvSchema`, then `toLlmConfig(parsed)`. Keys parse to Secret.
 */
export const llmEnvShape = {
  /** `off` forces offline mode even when a provider is configured (to measure the offline reference). */
  LLM_MODE: unsetIfBlank(z.enum(['auto', 'off']).default('auto')),
  OPENAI_API_KEY: optionalSecret,
  OPENAI_MODEL: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  AZURE_OPENAI_ENDPOINT: optionalUrl,
  AZURE_OPENAI_API_KEY: optionalSecret,
  /** A Microsoft Entra access token for Azure OpenAI (scope https://cognitiveservices.azure.com/.default). */
  AZURE_OPENAI_AD_TOKEN: optionalSecret,
  /**
   * Tokens from the managed identity of the host (App Service, Functions, Container Apps, VM, AKS): `system` for
   * the system-assigned identity, or the client id of a user-assigned one. No key or token is stored anywhere.
   */
  AZURE_OPENAI_MANAGED_IDENTITY: unsetIfBlank(
    z
      .string()
      .trim()
      .refine((v) => v === 'system' || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), 'must be "system" or the client id (GUID) of a user-assigned identity')
      .optional(),
  ),
  AZURE_OPENAI_DEPLOYMENT: optionalText,
  AZURE_OPENAI_API_VERSION: optionalText,
  OPENAI_API_VERSION: optionalText,
  /** The whole answer (request, streaming, parsing) must finish within this; then offline. */
  LLM_TIMEOUT_MS: intSetting(200, 120_000, DEFAULT_TIMEOUT_MS),
  /** Retries of the openai client on 429/5xx/connection errors, within the same deadline. */
  LLM_MAX_RETRIES: intSetting(0, 5, 0),
  /** How many retrieved clauses the model sees. */
  LLM_RETRIEVE_K: intSetting(1, 20, 8),
  LLM_TEMPERATURE: unsetIfBlank(z.coerce.number().min(0).max(2).optional()),
};

export const llmEnvSchema = z.object(llmEnvShape);
export type LlmEnv = z.infer<typeof llmEnvSchema>;

interface Common {
  timeoutMs: number;
  maxRetries: number;
  retrieveK: number;
  temperature: number | undefined;
}

export type LlmConfig =
  | ({ mode: 'offline' } & Common)
  | ({ mode: 'openai'; apiKey: Secret; model: string } & Common)
  | ({ mode: 'compatible'; baseURL: string; apiKey: Secret | null; model: string } & Common)
  | ({
      mode: 'azure';
      endpoint: string;
      deployment: string;
      apiVersion: string;
      /**
       * `managed-identity`: tokens from the host's managed identity (user-assigned when `clientId` is set).
       * `entra-provider`: no key, token or identity in the environment; the caller must pass a token provider.
       */
      auth:
        | { kind: 'key'; key: Secret }
        | { kind: 'token'; token: Secret }
        | { kind: 'managed-identity'; clientId?: string }
        | { kind: 'entra-provider' };
    } & Common);

export type LlmMode = LlmConfig['mode'];

export class LlmConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid LLM settings: ${problems.join('; ')}`);
    this.name = 'LlmConfigError';
  }
}

/** Turns validated variables into a config; throws LlmConfigError on combinations that cannot work. */
export function toLlmConfig(env: LlmEnv): LlmConfig {
  const common: Common = {
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxRetries: env.LLM_MAX_RETRIES,
    retrieveK: env.LLM_RETRIEVE_K,
    temperature: env.LLM_TEMPERATURE,
  };
  if (env.LLM_MODE === 'off') return { mode: 'offline', ...common };

  if (env.AZURE_OPENAI_ENDPOINT) {
    const problems: string[] = [];
    if (!env.AZURE_OPENAI_DEPLOYMENT) problems.push('AZURE_OPENAI_DEPLOYMENT is required with AZURE_OPENAI_ENDPOINT');
    const ways = [env.AZURE_OPENAI_API_KEY, env.AZURE_OPENAI_AD_TOKEN, env.AZURE_OPENAI_MANAGED_IDENTITY].filter((v) => v !== undefined);
    if (ways.length > 1) {
      problems.push('set only one of AZURE_OPENAI_API_KEY, AZURE_OPENAI_AD_TOKEN and AZURE_OPENAI_MANAGED_IDENTITY');
    }
    if (problems.length) throw new LlmConfigError(problems);
    const identity = env.AZURE_OPENAI_MANAGED_IDENTITY;
    const auth: Extract<LlmConfig, { mode: 'azure' }>['auth'] = env.AZURE_OPENAI_API_KEY
      ? { kind: 'key', key: env.AZURE_OPENAI_API_KEY }
      : env.AZURE_OPENAI_AD_TOKEN
        ? { kind: 'token', token: env.AZURE_OPENAI_AD_TOKEN }
        : identity
          ? identity === 'system'
            ? { kind: 'managed-identity' }
            : { kind: 'managed-identity', clientId: identity }
          : { kind: 'entra-provider' };
    return {
      mode: 'azure',
      endpoint: env.AZURE_OPENAI_ENDPOINT,
      deployment: env.AZURE_OPENAI_DEPLOYMENT!,
      apiVersion: env.AZURE_OPENAI_API_VERSION ?? env.OPENAI_API_VERSION ?? DEFAULT_AZURE_API_VERSION,
      auth,
      ...common,
    };
  }

  if (env.OPENAI_BASE_URL) {
    if (!env.OPENAI_MODEL) {
      throw new LlmConfigError(['OPENAI_MODEL is required with OPENAI_BASE_URL (the model name the server serves)']);
    }
    return {
      mode: 'compatible',
      baseURL: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY ?? null,
      model: env.OPENAI_MODEL,
      ...common,
    };
  }

  if (env.OPENAI_API_KEY) {
    return { mode: 'openai', apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL, ...common };
  }

  return { mode: 'offline', ...common };
}

/**
 * The schema of the whole setting: environment in, LlmConfig out. Problems are reported by
 * variable name only; values (keys!) never appear in messages.
 */
export const llmSettingsSchema = llmEnvSchema.transform((env, ctx): LlmConfig => {
  try {
    return toLlmConfig(env);
  } catch (err) {
    if (!(err instanceof LlmConfigError)) throw err;
    for (const message of err.problems) ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
});

/** Reads the LLM settings from an environment (process.env by default). Throws LlmConfigError. */
export function readLlmConfig(env: Record<string, string | undefined> = process.env): LlmConfig {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(llmEnvShape)) picked[key] = env[key];
  const parsed = llmSettingsSchema.safeParse(picked);
  if (!parsed.success) {
    throw new LlmConfigError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)));
  }
  return parsed.data;
}

/** A one-line description safe for logs: mode, model or deployment, host. Never keys. */
export function describeLlmConfig(config: LlmConfig): string {
  const host = (url: string) => {
    try { return new URL(url).host; } catch { return '?'; }
  };
  switch (config.mode) {
    case 'offline': return 'offline';
    case 'openai': return `openai model=${config.model} timeout=${config.timeoutMs}ms`;
    case 'compatible': return `compatible host=${host(config.baseURL)} model=${config.model} timeout=${config.timeoutMs}ms`;
    case 'azure':
      return `azure host=${host(config.endpoint)} deployment=${config.deployment} api-version=${config.apiVersion} auth=${config.auth.kind}${
        config.auth.kind === 'managed-identity' ? `(${config.auth.clientId ? 'user-assigned' : 'system'})` : ''
      } timeout=${config.timeoutMs}ms`;
  }
}
