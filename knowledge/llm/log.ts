// What the LLM option logs: one structured entry per answer, with reason codes, ids, timings and
// policy labels, never the question or reply text, never keys.
import type { LlmMode } from './config';

export interface LlmLogEntry {
  level: 'info' | 'warn';
  event: 'llm.answer' | 'llm.fallback' | 'llm.skip' | 'llm.callback_error';
  mode: LlmMode;
  model?: string;
  /** Caller's correlation id (e.g. the activity id). */
  requestId?: string;
  reason?: string;
  /** A label or role name that failed verification (policy vocabulary only). */
  detail?: string;
  status?: number;
  /** Error class name. */
  error?: string;
  durationMs?: number;
  streamed?: boolean;
  verdict?: string;
  citations?: string[];
}

export type LlmLog = (entry: LlmLogEntry) => void;

/** Default: one JSON line on stderr (stdout stays free for the batch command's answers). */
export const stderrLog: LlmLog = (entry) => {
  process.stderr.write(`${JSON.stringify(entry)}\n`);
};

export const silentLog: LlmLog = () => {};
