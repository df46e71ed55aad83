// npm run eval -- [FILE.jsonl …] [--misses]
// Scores the offline engine on question sets in FORMAT.md's shape (default: ../shared/eval/dev.jsonl and the
// held-out sets in test/knowledge/fixtures/), in-process, with score.mjs's rules. --misses lists what it got wrong.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeEngine } from '../engine';
import { projectRoot } from '../paths';
import { evalSetPaths, finds, formatScores, readEvalSet, score } from './eval-set';

function main(argv: string[]): number {
  const showMisses = argv.includes('--misses');
  const fixtures = join(projectRoot(), 'test', 'knowledge', 'fixtures');
  const files = argv.filter((a) => !a.startsWith('--'));
  const sets = files.length
    ? files
    : [...new Set([...evalSetPaths(), ...readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).map((f) => join(fixtures, f))])];
  const engine = loadKnowledgeEngine();
  for (const path of sets) {
    const questions = readEvalSet(path);
    const answers = new Map<string, { verdict: string; roles: string[]; citations: string[] }>();
    for (const q of questions) {
      const a = engine.answer(q.q);
      const got = { verdict: a.verdict, roles: a.roles, citations: a.citations.map((c) => c.label) };
      answers.set(q.id, got);
      if (!showMisses) continue;
      const hit3 = q.verdict === 'not_covered' || got.citations.slice(0, 3).some((c) => q.clauses.some((e) => finds(c, e)));
      const rolesOk = !['needs_permission', 'must_report'].includes(q.verdict) || (got.roles.length === q.approvers.length && q.approvers.every((r) => got.roles.includes(r)));
      if (got.verdict !== q.verdict || !hit3 || !rolesOk) {
        process.stdout.write(`${q.id} ${q.q}\n   want ${q.verdict} ${JSON.stringify(q.approvers)} ${q.clauses.join(' | ')}\n   got  ${got.verdict} ${JSON.stringify(got.roles)} ${got.citations.slice(0, 3).join(' | ')}\n`);
      }
    }
    process.stdout.write(`${path.split('/').pop()!.padEnd(18)} ${String(questions.length).padStart(4)} questions  ${formatScores(score(questions, answers))}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
