// The function the `ask` command (batch mode included) uses: the configured mode, one question
// at a time, returning the Answer the offline engine would return in offline mode.
import type { Answer, KnowledgeEngine } from '../types';
import { answerWithLlm } from './answer';
import { createLlmClient, type LlmClientOptions } from './client';
import { describeLlmConfig, readLlmConfig, type LlmMode } from './config';
import type { LlmLog } from './log';

export type Answerer = ((question: string) => Promise<Answer>) & {
  readonly mode: LlmMode;
  /** Safe one-line description of the settings (no keys), for a startup line on stderr. */
  readonly description: string;
};

export interface AnswererOptions extends LlmClientOptions {
  log?: LlmLog;
}

/**
 * `createAnswerer(engine, process.env)`: offline engine when no model is configured, otherwise
 * verified model answers with offline fallback. Throws LlmConfigError on invalid settings.
 */
export function createAnswerer(
  engine: KnowledgeEngine,
  env: Record<string, string | undefined> = process.env,
  options: AnswererOptions = {},
): Answerer {
  const config = readLlmConfig(env);
  const llm = createLlmClient(config, options);
  const deps = { engine, llm, ...(options.log ? { log: options.log } : {}) };
  const answer = async (question: string): Promise<Answer> => (await answerWithLlm(question, deps)).answer;
  return Object.assign(answer, { mode: config.mode, description: describeLlmConfig(config) });
}
