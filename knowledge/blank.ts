// Phrases taken out of a text before it is read for something else, each replaced by a mark that joins nothing
// (「許可は取って」 out of what a question asks for, 家族 out of what it says of places).

/** The text with every occurrence of each phrase, in the order given, replaced by `mark`. */
export function blankOut(text: string, phrases: readonly string[], mark = ' '): string {
  let out = text;
  for (const p of phrases) if (out.includes(p)) out = out.split(p).join(mark);
  return out;
}
