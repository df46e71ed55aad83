// The openai client for a config: OpenAI, Azure OpenAI, or an OpenAI-compatible server.
// Values come only from the validated config (never read from the environment here), so what
// the client does is exactly what readLlmConfig reported.
import OpenAI, { AzureOpenAI } from 'openai';
import type { LlmConfig } from './config';
import { managedIdentityTokenProvider } from './managed-identity';

export interface LlmClient {
  openai: OpenAI;
  /** Model name (OpenAI / compatible) or deployment (Azure). */
  model: string;
  config: Exclude<LlmConfig, { mode: 'offline' }>;
}

export interface LlmClientOptions {
  /** For Azure with Microsoft Entra ID: returns a bearer token (e.g. a managed-identity provider). */
  azureADTokenProvider?: () => Promise<string>;
  /** Custom fetch (tests, proxies). */
  fetch?: typeof fetch;
}

/** Builds the client; null in offline mode. Throws when Azure needs a token provider and has none. */
export function createLlmClient(config: LlmConfig, options: LlmClientOptions = {}): LlmClient | null {
  const common = {
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    // The client's own logging could print request bodies (the question) with OPENAI_LOG=debug.
    logLevel: 'off' as const,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  switch (config.mode) {
    case 'offline':
      return null;
    case 'openai':
      return { openai: new OpenAI({ apiKey: config.apiKey.reveal(), baseURL: 'https://api.openai.com/v1', organization: null, project: null, ...common }), model: config.model, config };
    case 'compatible':
      // Local servers often need no key; the client requires one, so a placeholder is sent.
      return { openai: new OpenAI({ apiKey: config.apiKey?.reveal() ?? 'no-key', baseURL: config.baseURL, organization: null, project: null, ...common }), model: config.model, config };
    case 'azure': {
      // A key in the settings wins; otherwise a token provider given by the caller, otherwise the static token.
      // apiKey null (not undefined) keeps the client from reading AZURE_OPENAI_API_KEY itself.
      let auth: { apiKey: string } | { apiKey: null; azureADTokenProvider: () => Promise<string> };
      if (config.auth.kind === 'key') auth = { apiKey: config.auth.key.reveal() };
      else if (options.azureADTokenProvider) auth = { apiKey: null, azureADTokenProvider: options.azureADTokenProvider };
      else if (config.auth.kind === 'managed-identity') auth = { apiKey: null, azureADTokenProvider: managedIdentityTokenProvider(config.auth.clientId) };
      else if (config.auth.kind === 'token') {
        const token = config.auth.token.reveal();
        auth = { apiKey: null, azureADTokenProvider: async () => token };
      } else {
        throw new Error('Azure OpenAI needs AZURE_OPENAI_API_KEY, AZURE_OPENAI_AD_TOKEN, AZURE_OPENAI_MANAGED_IDENTITY or an azureADTokenProvider');
      }
      // baseURL rather than endpoint, so OPENAI_BASE_URL in the environment cannot interfere.
      const baseURL = `${config.endpoint.replace(/\/+$/, '')}/openai`;
      const openai = new AzureOpenAI({
        baseURL,
        deployment: config.deployment,
        apiVersion: config.apiVersion,
        ...(auth as { apiKey: string }),
        ...common,
      });
      return { openai, model: config.deployment, config };
    }
  }
}
