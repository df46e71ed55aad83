// Text normalisation for matching what people type against commands, choices and intent vocabulary.

import { memoLast } from './memo';

/** Longest text the dialogs look at; anything beyond is ignored (input is untrusted). */
export const MAX_INPUT_CHARS = 2000;

/** Strips control characters and unpaired surrogates, and caps the length. */
export function clean(text: string): string {
  return text
    .slice(0, MAX_INPUT_CHARS)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
}

/**
 * A key for comparisons: NFKC (full-width → half-width, ｶﾀｶﾅ → カタカナ), lower case, no spaces,
 * no surrounding punctuation, ASCII punctuation unified.
 */
export function norm(text: string): string {
  return clean(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[〜～]/g, '~')
    .replace(/^[「『（(\[【"'`]+|[」』）)\]】"'`。．.、,!！?？…‥・ー~]+$/g, '');
}

/** Hiragana → katakana, so なくした / ナクシタ match the same vocabulary. */
export function kana(text: string): string {
  if (text.length > 10_000) return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  // Code by code (several times faster than a replace with a callback per character).
  const codes = new Array<number>(text.length);
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3041 && c <= 0x3096) {
      codes[i] = c + 0x60;
      changed = true;
    } else {
      codes[i] = c;
    }
  }
  return changed ? String.fromCharCode(...codes) : text;
}

/** The key used for vocabulary matching: norm + katakana (remembered for the last few texts). */
export const matchKey: (text: string) => string = memoLast((text) => kana(norm(text)));
