// A bounded least-recently-used cache of answers, keyed by the mode that made them and the question. The offline
// engine is deterministic and its index never changes while the process runs, so a repeated question (staff ask
// the same things) reuses the answer instead of scoring every clause again. Verified model answers are kept
// under their own mode ('llm:<provider>:<model>'), so an offline answer is never served as a model answer or
// the other way round. Answers are shared: callers must not mutate them.

import type { Answer } from '../knowledge/types';

/** 'offline', or 'llm:<provider>:<model>' for verified model answers. */
export type AnswerMode = 'offline' | `llm:${string}`;

export interface CachedAnswer {
  answer: Answer;
  /** Model answers: the model's verified explanation, shown under the verdict. */
  explanation?: string;
}

export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer, counted as a hit or a miss; refreshes its place in the order. */
  get(mode: AnswerMode, question: string): CachedAnswer | undefined {
    if (this.capacity <= 0) return undefined;
    const key = `${mode}\u0000${question}`;
    const cached = this.entries.get(key);
    if (!cached) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, cached);
    return cached;
  }

  set(mode: AnswerMode, question: string, answer: CachedAnswer): void {
    if (this.capacity <= 0) return;
    const key = `${mode}\u0000${question}`;
    this.entries.delete(key);
    this.entries.set(key, answer);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export interface CachedAnswerer {
  (question: string): Promise<Answer>;
  readonly size: number;
  readonly hits: number;
  readonly misses: number;
}

/** The offline engine's answers through the cache (mode 'offline'). */
export function cachedAnswerer(answer: (question: string) => Answer, capacity: number, cache = new AnswerCache(capacity)): CachedAnswerer {
  const fn = async (question: string): Promise<Answer> => {
    const cached = cache.get('offline', question);
    if (cached) return cached.answer;
    const fresh = answer(question);
    cache.set('offline', question, { answer: fresh });
    return fresh;
  };
  return Object.defineProperties(fn, {
    size: { get: () => cache.size },
    hits: { get: () => cache.hits },
    misses: { get: () => cache.misses },
  }) as CachedAnswerer;
}
