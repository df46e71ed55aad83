// A clause's text as sentences, with their offsets (quotes are slices of the clause text).

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Splits on 。 and line breaks; a 。 inside parentheses (「…という。」) does not end a sentence. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    if (s) out.push({ start: start + lead, end: start + lead + s.length, text: s });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ('（(「『'.includes(c)) depth++;
    else if ('）)」』'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '\n') push(i + 1);
    else if (c === '。' && depth === 0) push(i + 1);
  }
  push(text.length);
  return out;
}
