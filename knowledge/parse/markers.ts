// The numbering marks the policy uses at each level, and their order.

export type MarkerType = 'chapter' | 'section' | 'subsection' | 'katakana' | 'circled' | 'parenKatakana' | 'latin';

export interface Marker {
  type: MarkerType;
  /** The label segment as FORMAT.md writes it: '7', '(4)', 'ア', '②', '(ア)', 'c'; for chapters the number. */
  segment: string;
  /** Position in its sequence, 1-based (ア=1, イ=2 …). */
  ordinal: number;
  /** What follows the mark on the same line. */
  rest: string;
}

/** The gojūon order the policy numbers items in (ア, イ, ウ, … as in 第3章 8(1)ア–ト). */
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const LATIN = 'abcdefghijklmnopqrstuvwxyz';

/** Nesting rank: a mark nests under the nearest open mark of lower rank. */
export const RANK: Record<MarkerType, number> = {
  chapter: 0,
  section: 1,
  subsection: 2,
  katakana: 3,
  circled: 3.5,
  parenKatakana: 4,
  latin: 5,
};

const digits = (s: string) => Number(s.normalize('NFKC').replace(/\s+/g, ''));

/** Recognises the mark at the start of a line (bullets and indentation already removed). */
export function readMarker(line: string): Marker | null {
  let m = /^第\s*([0-9０-９]+)\s*章\s*(.*)$/.exec(line);
  if (m) return { type: 'chapter', segment: String(digits(m[1]!)), ordinal: digits(m[1]!), rest: m[2]! };
  // (1), （1）, (1 2) — and the slip "4)" where the opening parenthesis was lost.
  m = /^(?:[(（]\s*([0-9０-９][0-9０-９ ]*)\s*[)）]|([0-9０-９]{1,2})[)）])\s*(.*)$/.exec(line);
  if (m) {
    const n = digits(m[1] ?? m[2]!);
    return { type: 'subsection', segment: `(${n})`, ordinal: n, rest: m[3]! };
  }
  m = /^[(（]([ア-ン])[)）]\s*(.*)$/.exec(line);
  if (m && KATAKANA.includes(m[1]!)) {
    return { type: 'parenKatakana', segment: `(${m[1]})`, ordinal: KATAKANA.indexOf(m[1]!) + 1, rest: m[2]! };
  }
  m = /^([0-9０-９]{1,2})[ \u3000]+(\S.*)$/.exec(line);
  if (m) return { type: 'section', segment: String(digits(m[1]!)), ordinal: digits(m[1]!), rest: m[2]! };
  m = /^([ア-ン])[ \u3000]+(\S.*)$/.exec(line);
  if (m && KATAKANA.includes(m[1]!)) {
    return { type: 'katakana', segment: m[1]!, ordinal: KATAKANA.indexOf(m[1]!) + 1, rest: m[2]! };
  }
  m = /^([①-⑳])[ \u3000]*(\S.*)$/.exec(line);
  if (m) return { type: 'circled', segment: m[1]!, ordinal: CIRCLED.indexOf(m[1]!) + 1, rest: m[2]! };
  m = /^([a-z])[ \u3000]+(\S.*)$/.exec(line);
  if (m) return { type: 'latin', segment: m[1]!, ordinal: LATIN.indexOf(m[1]!) + 1, rest: m[2]! };
  return null;
}
