// The guided procedures as the bot runs them: one DialogRunner per server on the bot's KvStore, clause quotes from
// the knowledge engine's clause tree (verbatim), policy questions typed mid-flow answered by the bot's own answer
// path, and effects handed to the effect sink with the conversation they came from.

import { DialogRunner, type DialogWho, type PreloadedState, type RunnerResult } from '../../dialogs/runner';
import type { DialogInput, Quote } from '../../dialogs/types';
import type { Answer, KnowledgeEngine } from '../../knowledge/types';
import type { KvStore } from '../../storage/types';
import type { Config } from '../config';
import type { DialogEffectSink, EffectOrigin } from './effects';

export interface DialogOptions {
  /** Where effects go (default: openEffectSink, the bot's database until the bot starts the approvals workflow). */
  effects?: DialogEffectSink;
  /** Clock, for tests (idle expiry). */
  now?: () => Date;
  /** Run ids, for tests. */
  newId?: () => string;
  /** Where dialog state lives (default: the bot's KvStore, deps.kv); tests use it to make storage fail. */
  store?: KvStore;
}

export interface BotDialogs {
  /** The runner itself: `status(who)`, `settle(who, run, reason)` (for the approvals workflow), `flush(who)`. */
  readonly runner: DialogRunner;
  readonly effects: DialogEffectSink;
  /** One turn; effects delivered during it carry `origin`. `preloaded`: the state read with the turn state. */
  handle(who: DialogWho, input: DialogInput, origin: EffectOrigin, preloaded?: PreloadedState): Promise<RunnerResult>;
  /** True when the runner keeps its state in the application's storage, so it can be read with the turn state. */
  readonly readAhead: boolean;
  /** The question an `answer` output answered (what the person typed), for the answer record. */
  questionOf(answer: Answer): string | undefined;
}

/** The verbatim text of a clause by its canonical label, from the engine's clause tree. */
export function clauseQuote(engine: KnowledgeEngine, label: string): Quote | undefined {
  const clause = engine.clause(label);
  if (!clause || !clause.text.trim()) return undefined;
  return { label: clause.label, text: clause.text };
}

export function createBotDialogs(
  deps: { config: Config; engine: KnowledgeEngine; answer: (question: string) => Promise<Answer>; kv: KvStore },
  effects: DialogEffectSink,
  options: DialogOptions = {},
): BotDialogs {
  const asked = new WeakMap<Answer, string>();
  const c = deps.config.dialogs;
  const runner = new DialogRunner({
    store: options.store ?? deps.kv,
    // Effects retried outside a turn (flush) have no origin; a turn's own carry its conversation (handle below).
    deliver: (effect) => effects.deliver(effect, undefined),
    quote: (label) => clauseQuote(deps.engine, label),
    ask: async (question) => {
      const answer = await deps.answer(question);
      asked.set(answer, question);
      return answer;
    },
    idleTtlMs: c.idleHours * 3_600_000,
    confirmTtlMs: c.confirmMinutes * 60_000,
    parkedTtlMs: c.followUpDays * 86_400_000,
    timeZone: c.timeZone,
    ...(options.now ? { now: options.now } : {}),
    ...(options.newId ? { newId: options.newId } : {}),
  });
  return {
    runner,
    effects,
    handle: (who, input, origin, preloaded) =>
      runner.handle(who, input, { deliver: (effect) => effects.deliver(effect, origin), ...(preloaded ? { preloaded } : {}) }),
    readAhead: options.store === undefined,
    questionOf: (answer) => asked.get(answer),
  };
}
