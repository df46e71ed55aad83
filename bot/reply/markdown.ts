// Escaping for the markdown of Teams message text (policy quotes may hold characters markdown would eat).

/** Escapes markdown emphasis, code, links and citation-like brackets, and HTML angle brackets. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters (code points), ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** One line of text from possibly multi-line, space-padded policy text. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
