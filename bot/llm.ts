// The LLM option as the bot uses it: the client built once from the validated settings, verified model answers
// (knowledge/llm) cached under their own mode, and the library's log entries in the bot's log. Null when no model
// is configured: then no client exists and the bot is exactly the offline bot.

import {
  type AnswerWithLlmOptions,
  type FallbackReason,
  type LlmClientOptions,
  type LlmConfig,
  type LlmLogEntry,
  answerWithLlm,
  createLlmClient,
  describeLlmConfig,
} from '../knowledge/llm';
import type { Answer, KnowledgeEngine } from '../knowledge/types';
import type { AnswerCache, AnswerMode } from './answer-cache';
import type { LogFields, Logger } from './log';

export interface ModelAnswer {
  /** Always safe to show: the verified model answer or the offline one. */
  answer: Answer;
  source: 'llm' | 'offline';
  fallbackReason?: FallbackReason;
  /** Draft text was streamed (it must be replaced by the final message). */
  streamed: boolean;
  /** source 'llm': the model's verified explanation (the streamed text), shown under the verdict. */
  explanation?: string;
  /** A verified model answer given earlier for the same question. */
  cached: boolean;
}

export interface BotLlm {
  /** Safe one-line description (provider, model or deployment, host; never keys). */
  readonly description: string;
  /** The cache mode of this model's answers. */
  readonly mode: AnswerMode;
  /** A verified model answer already given for this question, if any (no model call). */
  cached(question: string): ModelAnswer | undefined;
  /**
   * Answers with the model, verified, or offline on any failure. `fields` are added to the LLM log lines
   * (ids only). Never rejects because of the model.
   */
  answer(question: string, options: AnswerWithLlmOptions, fields?: LogFields): Promise<ModelAnswer>;
}

export interface BotLlmDeps {
  engine: KnowledgeEngine;
  log: Logger;
  cache: AnswerCache;
  /** Passed to the openai client (tests, proxies). */
  client?: LlmClientOptions;
}

/** The library's log entry as a bot log line: scalars only, citation labels joined. */
function logLine(entry: LlmLogEntry, fields: LogFields): LogFields {
  const { level: _level, event: _event, citations, ...rest } = entry;
  return { ...fields, ...rest, ...(citations ? { citations: citations.join(' | ') } : {}) };
}

export function createBotLlm(config: LlmConfig, deps: BotLlmDeps): BotLlm | null {
  const client = createLlmClient(config, deps.client);
  if (!client) return null;
  const mode: AnswerMode = `llm:${config.mode}:${client.model}`;
  const { engine, log, cache } = deps;
  return {
    description: describeLlmConfig(config),
    mode,
    cached(question) {
      const hit = cache.get(mode, question);
      return hit ? { ...hit, source: 'llm', streamed: false, cached: true } : undefined;
    },
    async answer(question, options, fields = {}) {
      const llmLog = (entry: LlmLogEntry) => log[entry.level](entry.event, logLine(entry, fields));
      const result = await answerWithLlm(question, { engine, llm: client, log: llmLog }, options);
      // Only verified model answers go under the model's mode; a fallback is the offline engine's answer.
      const explanation = result.source === 'llm' ? result.explanation : undefined;
      cache.set(result.source === 'llm' ? mode : 'offline', question, { answer: result.answer, ...(explanation ? { explanation } : {}) });
      return {
        answer: result.answer,
        source: result.source,
        ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
        streamed: result.streamed,
        ...(explanation ? { explanation } : {}),
        cached: false,
      };
    },
  };
}
