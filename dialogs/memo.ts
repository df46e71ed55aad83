// A turn asks the same questions about the same text several times (is it a command? which procedure does it
// name? …): the pure text functions remember their results for the last few distinct texts.

/** fn with its results remembered for the last `size` distinct inputs (oldest forgotten first). */
export function memoLast<R>(fn: (text: string) => R, size = 32): (text: string) => R {
  const cache = new Map<string, R>();
  return (text: string): R => {
    if (cache.has(text)) return cache.get(text) as R;
    const result = fn(text);
    if (cache.size >= size) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(text, result);
    return result;
  };
}
