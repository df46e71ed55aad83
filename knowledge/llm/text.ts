// Small text helpers shared by the LLM option: width and whitespace normalization of labels,
// quotes and role names, so that comparisons ignore the extraction noise of the policy text
// (spaced letters such as `C I S O`, full-width digits and parentheses).

/** Full-width ASCII (digits, letters, parentheses, …) to half-width; circled numbers stay. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Every kind of whitespace out (ASCII, full-width space, line breaks). */
export function stripSpaces(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

/** A clause label in canonical form (`第3章 7(1)ア(ウ)b`), or null when it is not label-shaped. */
export function normalizeLabel(label: string): string | null {
  const s = stripSpaces(toHalfWidth(label));
  const m = /^第(\d+)章(.*)$/.exec(s);
  if (!m) return null;
  return m[2] ? `第${m[1]}章 ${m[2]}` : `第${m[1]}章`;
}

/**
 * Finds `needle` in `haystack` ignoring whitespace on both sides and returns the exact slice of
 * `haystack` it covers (so a displayed quote is always the policy's own characters), or null.
 */
export function findIgnoringSpaces(haystack: string, needle: string): string | null {
  const target = stripSpaces(needle);
  if (!target) return null;
  // Map each non-space character of the haystack to its index in the original string.
  const positions: number[] = [];
  let compact = '';
  for (let i = 0; i < haystack.length; i++) {
    const ch = haystack[i]!;
    if (/[\s\u3000]/.test(ch)) continue;
    positions.push(i);
    compact += ch;
  }
  const at = compact.indexOf(target);
  if (at < 0) return null;
  const start = positions[at]!;
  const end = positions[at + target.length - 1]! + 1;
  return haystack.slice(start, end);
}
