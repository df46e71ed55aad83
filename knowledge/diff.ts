// Clause-level differences between two revisions of the policy (for the annual review, 第3章 11(3)).
// Clauses are matched by their text, not their numbers, so pure renumbering is not a change, and the
// comparison ignores extraction noise (spacing, full-width/half-width forms).
import { parsePolicy, type ParsedClause } from './parse/tree';

export interface ClauseChange {
  kind: 'added' | 'removed' | 'changed';
  /** The label in the new revision (the old one for removed clauses). */
  label: string;
  /** The label in the old revision when it differs (renumbered). */
  oldLabel?: string;
  oldText?: string;
  newText?: string;
}

export interface PolicyDiff {
  changes: ClauseChange[];
  /** Clauses whose text is unchanged but whose number moved: [old label, new label]. */
  renumbered: [string, string][];
}

const key = (c: ParsedClause) => `${c.title}|${c.text}`.normalize('NFKC').replace(/\s+/g, '');
const shown = (c: ParsedClause) => c.text || c.title;

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient over character bigrams, 0 … 1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  for (const [g, n] of x) common += Math.min(n, y.get(g) ?? 0);
  const total = Math.max(1, a.length - 1) + Math.max(1, b.length - 1);
  return (2 * common) / total;
}

export function diffPolicies(oldSource: string, newSource: string): PolicyDiff {
  const olds = parsePolicy(oldSource).clauses;
  const news = parsePolicy(newSource).clauses;
  const pairs: [ParsedClause, ParsedClause][] = [];
  const usedOld = new Set<ParsedClause>();
  const usedNew = new Set<ParsedClause>();
  const pair = (o: ParsedClause, n: ParsedClause) => {
    pairs.push([o, n]);
    usedOld.add(o);
    usedNew.add(n);
  };

  // 1. The same text: first with the same label, then anywhere (renumbered).
  const byKey = new Map<string, ParsedClause[]>();
  for (const n of news) byKey.set(key(n), [...(byKey.get(key(n)) ?? []), n]);
  for (const sameLabelFirst of [true, false]) {
    for (const o of olds) {
      if (usedOld.has(o)) continue;
      const n = (byKey.get(key(o)) ?? []).find((c) => !usedNew.has(c) && (!sameLabelFirst || c.label === o.label));
      if (n) pair(o, n);
    }
  }
  // 2. Edited text under the same label, then the most similar remaining clause.
  const newByLabel = new Map(news.map((n) => [n.label, n]));
  for (const o of olds) {
    const n = newByLabel.get(o.label);
    if (!usedOld.has(o) && n && !usedNew.has(n) && similarity(key(o), key(n)) >= 0.5) pair(o, n);
  }
  for (const o of olds) {
    if (usedOld.has(o)) continue;
    let best: ParsedClause | undefined;
    let bestScore = 0.6;
    for (const n of news) {
      if (usedNew.has(n)) continue;
      const s = similarity(key(o), key(n));
      if (s > bestScore) [best, bestScore] = [n, s];
    }
    if (best) pair(o, best);
  }

  const changes: ClauseChange[] = [];
  const renumbered: [string, string][] = [];
  for (const [o, n] of pairs) {
    const moved = o.label !== n.label;
    if (key(o) === key(n)) {
      if (moved) renumbered.push([o.label, n.label]);
      continue;
    }
    changes.push({ kind: 'changed', label: n.label, ...(moved ? { oldLabel: o.label } : {}), oldText: shown(o), newText: shown(n) });
  }
  for (const n of news) if (!usedNew.has(n)) changes.push({ kind: 'added', label: n.label, newText: shown(n) });
  for (const o of olds) if (!usedOld.has(o)) changes.push({ kind: 'removed', label: o.label, oldText: shown(o) });
  const order = new Map(news.map((n, i) => [n.label, i]));
  changes.sort((a, b) => (order.get(a.label) ?? 1e9) - (order.get(b.label) ?? 1e9));
  return { changes, renumbered };
}
