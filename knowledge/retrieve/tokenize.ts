// Japanese tokenisation for retrieval: the words of a segmenter (TinySegmenter by default) plus character
// bigrams of kanji/katakana runs, so compounds match their parts (電磁的記録媒体 ~ 記録媒体) and verb forms
// match each other (持ち出す ~ 持ち出し).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TinySegmenter = require('tiny-segmenter') as new () => { segment(text: string): string[] };

/** NFKC (full-width letters and digits to ASCII, half-width kana to full-width), lower-case, no controls. */
export function normalizeQuery(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ')
    // A dash typed for the long vowel mark after katakana (プロダクトキ−): the mark.
    .replace(/([\u30a1-\u30fa])[\u2010-\u2015\u2212]/g, '$1ー')
    .toLowerCase();
}

const HIRAGANA_ONLY = /^[\u3040-\u309f]+$/;
const PUNCT_ONLY = /^[\p{P}\p{S}\s]+$/u;
const CJK_RUN = /[\u4e00-\u9fff\u30a0-\u30ffー々]{2,}/g;

export type Segment = (text: string) => string[];

export interface Tokenizer {
  readonly name: string;
  /** Words worth matching: no particles, auxiliaries or punctuation. */
  words(text: string): string[];
  /** Character bigrams of every kanji/katakana run, marked with #. */
  bigrams(text: string): string[];
  /** The terms a text is indexed and searched by. */
  terms(text: string): string[];
}

/** Remembers results for repeated texts (headings, thesaurus terms, clause sentences), up to a bound. */
function memo<T>(fn: (text: string) => T, max = 20000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      v = fn(text);
      if (cache.size >= max) cache.clear();
      cache.set(text, v);
    }
    return v;
  };
}

export function createTokenizer(name: string, segment: Segment): Tokenizer {
  const words = (text: string): string[] => {
    const out: string[] = [];
    for (const w of segment(normalizeQuery(text))) {
      const t = w.trim();
      if (!t || PUNCT_ONLY.test(t)) continue;
      if (HIRAGANA_ONLY.test(t) && t.length < 3) continue;
      if (/^\d+$/.test(t) && t.length > 4) continue;
      out.push(t);
    }
    return out;
  };
  const bigrams = (text: string): string[] => {
    const out: string[] = [];
    for (const m of normalizeQuery(text).matchAll(CJK_RUN)) {
      const run = m[0];
      for (let i = 0; i < run.length - 1; i++) out.push(`#${run.slice(i, i + 2)}`);
    }
    return out;
  };
  const w = memo(words);
  const b = memo(bigrams);
  return { name, words: w, bigrams: b, terms: memo((text) => [...w(text), ...b(text)]) };
}

let tiny: Tokenizer | undefined;

/** The default tokenizer: TinySegmenter (about 1 ms to load, no dictionary). */
export function tinySegmenterTokenizer(): Tokenizer {
  if (!tiny) {
    const segmenter = new TinySegmenter();
    tiny = createTokenizer('tiny-segmenter', (t) => segmenter.segment(t));
  }
  return tiny;
}
