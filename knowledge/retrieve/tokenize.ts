// Japanese tokenisation for retrieval: TinySegmenter words plus character bigrams of kanji/katakana runs,
// so compounds match their parts (電磁的記録媒体 ~ 記録媒体) and verb forms match (持ち出す ~ 持ち出し).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TinySegmenter = require('tiny-segmenter') as new () => { segment(text: string): string[] };

const segmenter = new TinySegmenter();

/** NFKC (full-width letters and digits to ASCII, half-width kana to full-width), lower-case, no controls. */
export function normalizeQuery(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ')
    .toLowerCase();
}

const HIRAGANA_ONLY = /^[\u3040-\u309f]+$/;
const PUNCT_ONLY = /^[\p{P}\p{S}\s]+$/u;
const CJK_RUN = /[\u4e00-\u9fff\u30a0-\u30ffー々]{2,}/g;

/** Words worth matching: no particles, auxiliaries or punctuation. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const w of segmenter.segment(normalizeQuery(text))) {
    const t = w.trim();
    if (!t || PUNCT_ONLY.test(t)) continue;
    if (HIRAGANA_ONLY.test(t) && t.length < 3) continue;
    if (/^\d+$/.test(t) && t.length > 4) continue;
    out.push(t);
  }
  return out;
}

/** Character bigrams of every kanji/katakana run. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of normalizeQuery(text).matchAll(CJK_RUN)) {
    const run = m[0];
    for (let i = 0; i < run.length - 1; i++) out.push(`#${run.slice(i, i + 2)}`);
  }
  return out;
}

/** The terms a text is indexed and searched by. */
export function terms(text: string): string[] {
  return [...words(text), ...bigrams(text)];
}
