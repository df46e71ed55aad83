// A bounded least-recently-used cache in front of the knowledge engine. The engine is deterministic and its
// index never changes while the process runs, so a repeated question (staff ask the same things) reuses the
// answer instead of scoring every clause again. Answers are shared: callers must not mutate them.

import type { Answer } from '../knowledge/types';

export interface CachedAnswerer {
  (question: string): Promise<Answer>;
  readonly size: number;
  readonly hits: number;
  readonly misses: number;
}

export function cachedAnswerer(answer: (question: string) => Answer, capacity: number): CachedAnswerer {
  const cache = new Map<string, Answer>();
  let hits = 0;
  let misses = 0;
  const fn = async (question: string): Promise<Answer> => {
    if (capacity <= 0) return answer(question);
    const cached = cache.get(question);
    if (cached) {
      hits++;
      cache.delete(question);
      cache.set(question, cached);
      return cached;
    }
    misses++;
    const fresh = answer(question);
    cache.set(question, fresh);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return fresh;
  };
  return Object.defineProperties(fn, {
    size: { get: () => cache.size },
    hits: { get: () => hits },
    misses: { get: () => misses },
  }) as CachedAnswerer;
}
