// Text normalisation shared by the parser and by retrieval.

/** Japanese characters (kana, kanji, full-width forms and CJK punctuation). */
export const CJK = '\\u3000-\\u303f\\u3040-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff01-\\uff60\\uffe0-\\uffef\\u2460-\\u2473';

const cjkSpaceBefore = new RegExp(`(?<=[${CJK}])[ \\t\\u3000]+(?=[${CJK}0-9A-Za-z(])`, 'g');
const cjkSpaceAfter = new RegExp(`(?<=[${CJK}0-9A-Za-z)])[ \\t\\u3000]+(?=[${CJK}])`, 'g');

/** Full-width ASCII digits, letters and parentheses to half-width (labels and markers). */
export function toHalfWidth(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Removes the PDF-extraction slips from a line of body text, keeping everything else verbatim:
 * letters spaced out (`C I S O`, `I C カード`), spaces inside Japanese (`機密性 3`, `公衆無線 LAN 等`).
 */
export function cleanText(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  // Runs of single capital letters separated by single spaces: "C I S O" -> "CISO".
  t = t.replace(/(?<![A-Za-z])[A-Z](?: [A-Z])+(?![A-Za-z])/g, (m) => m.replace(/ /g, ''));
  t = t.replace(cjkSpaceBefore, '').replace(cjkSpaceAfter, '');
  return t;
}

/** A form for comparing and searching: NFKC, lower-case, no whitespace. */
export function searchForm(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Joins two halves of a sentence; a few characters repeated across the break are kept once. */
export function joinBroken(a: string, b: string): string {
  for (let k = Math.min(4, a.length, b.length); k >= 1; k--) {
    if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
  }
  return a + b;
}
