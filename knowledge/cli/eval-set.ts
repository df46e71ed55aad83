// Question sets for benchmarks and comparisons: ../shared/eval/dev.jsonl (beside the project or its
// worktree folder) and the project's own held-out fixture.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths';

export interface EvalQuestion {
  id: string;
  q: string;
  verdict: string;
  approvers: string[];
  clauses: string[];
}

export function evalSetPaths(): string[] {
  const root = projectRoot();
  const dev = [join(root, '..', 'shared', 'eval', 'dev.jsonl'), join(root, '..', '..', 'shared', 'eval', 'dev.jsonl')].find(existsSync);
  const heldout = join(root, 'test', 'knowledge', 'fixtures', 'heldout.jsonl');
  return [dev, existsSync(heldout) ? heldout : undefined].filter((p): p is string => Boolean(p));
}

export function readEvalSet(path: string): EvalQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

// FORMAT.md's matching rule: the clause itself, one inside it, or its direct parent at depth 3 or more.
function segments(label: string): string[] | null {
  const m = /^第(\d+)章\s*(.*)$/.exec(label.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return null;
  return [m[1]!, ...(m[2]!.match(/\(\d+\)|\d+|\([ァ-ヶ]+\)|[ァ-ヶ]|[①-⑳]|\([①-⑳]\)|[a-z]/g) ?? [])];
}
const startsWith = (a: string[], b: string[]) => b.length <= a.length && b.every((x, i) => x === a[i]);
export function finds(cited: string, expected: string): boolean {
  const p = segments(cited);
  const e = segments(expected);
  if (!p || !e) return false;
  return startsWith(p, e) || (startsWith(e, p) && e.length - p.length === 1 && p.length >= 4);
}

export interface Scores {
  hit1: number;
  hit3: number;
  verdict: number;
  approvers: number;
  ncPrecision: number;
  ncRecall: number;
}

/** The scores score.mjs computes, for answers already made. */
export function score(questions: EvalQuestion[], answers: Map<string, { verdict: string; roles: string[]; citations: string[] }>): Scores {
  let covered = 0, h1 = 0, h3 = 0, v = 0, an = 0, ao = 0, tp = 0, fp = 0, fn = 0;
  for (const q of questions) {
    const a = answers.get(q.id);
    const cites = a?.citations ?? [];
    const nc = q.verdict === 'not_covered';
    const said = a?.verdict === 'not_covered';
    if (nc && said) tp++;
    if (!nc && said) fp++;
    if (nc && !said) fn++;
    if (a?.verdict === q.verdict) v++;
    if (!nc) {
      covered++;
      if (cites.slice(0, 1).some((c) => q.clauses.some((e) => finds(c, e)))) h1++;
      if (cites.slice(0, 3).some((c) => q.clauses.some((e) => finds(c, e)))) h3++;
    }
    if (q.verdict === 'needs_permission' || q.verdict === 'must_report') {
      an++;
      const got = new Set(a?.roles ?? []);
      if (got.size === q.approvers.length && q.approvers.every((r) => got.has(r))) ao++;
    }
  }
  const r = (n: number, d: number) => (d ? n / d : NaN);
  return { hit1: r(h1, covered), hit3: r(h3, covered), verdict: r(v, questions.length), approvers: r(ao, an), ncPrecision: r(tp, tp + fp), ncRecall: r(tp, tp + fn) };
}

export const formatScores = (s: Scores) =>
  `hit@1 ${s.hit1.toFixed(2)}  hit@3 ${s.hit3.toFixed(2)}  verdict ${s.verdict.toFixed(2)}  approvers ${s.approvers.toFixed(2)}  not_covered P ${s.ncPrecision.toFixed(2)} R ${s.ncRecall.toFixed(2)}`;
