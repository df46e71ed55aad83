// The LLM option's public API. No bot SDK here: the bot adapts these callbacks to its
// streaming response (see docs/llm.md).
export { answerWithLlm, clausesForModel, PROGRESS_TEXT } from './answer';
export type { AnswerWithLlmOptions, FallbackReason, LlmAnswerResult, LlmDeps, SkipReason } from './answer';
export { createAnswerer } from './answerer';
export type { Answerer, AnswererOptions } from './answerer';
export { createLlmClient } from './client';
export type { LlmClient, LlmClientOptions } from './client';
export {
  DEFAULT_AZURE_API_VERSION,
  DEFAULT_OPENAI_MODEL,
  DEFAULT_TIMEOUT_MS,
  describeLlmConfig,
  LlmConfigError,
  llmEnvSchema,
  llmEnvShape,
  llmSettingsSchema,
  readLlmConfig,
  toLlmConfig,
} from './config';
export type { LlmConfig, LlmEnv, LlmMode } from './config';
export { silentLog, stderrLog } from './log';
export type { LlmLog, LlmLogEntry } from './log';
export { Secret } from './secret';
export { llmOutputSchema } from './schema';
export type { LlmOutput } from './schema';
export type { VerificationFailure } from './verify';
