// npm run bench:tokenizers — the measurement behind the choice of tokenizer (README): kuromoji against
// TinySegmenter, both with character bigrams, each built in a fresh process; build time, memory, scores.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeEngine } from '../engine';
import { createTokenizer, tinySegmenterTokenizer, type Tokenizer } from '../retrieve/tokenize';
import { evalSetPaths, formatScores, readEvalSet, score } from './eval-set';

async function kuromojiTokenizer(): Promise<Tokenizer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kuromoji = require('kuromoji') as typeof import('kuromoji');
  const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
  const tk = await new Promise<import('kuromoji').Tokenizer<import('kuromoji').IpadicFeatures>>((resolve, reject) =>
    kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))),
  );
  return createTokenizer('kuromoji', (text) => tk.tokenize(text).map((t) => t.surface_form));
}

async function measure(which: string): Promise<void> {
  const t0 = performance.now();
  const tokenizer = which === 'kuromoji' ? await kuromojiTokenizer() : tinySegmenterTokenizer();
  tokenizer.words('準備'); // first use
  const buildMs = performance.now() - t0;
  const engine = loadKnowledgeEngine({ tokenizer });
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const sets = evalSetPaths().map((path) => {
    const qs = readEvalSet(path);
    const answers = new Map(qs.map((q) => {
      const a = engine.answer(q.q);
      return [q.id, { verdict: a.verdict, roles: a.roles, citations: a.citations.map((c) => c.label) }];
    }));
    return { name: path.split('/').pop()!, scores: formatScores(score(qs, answers)) };
  });
  process.stdout.write(JSON.stringify({ which, buildMs, rssMb, sets }) + '\n');
}

async function main(): Promise<void> {
  const child = process.argv[2];
  if (child) return measure(child);
  for (const which of ['tiny-segmenter', 'kuromoji']) {
    const r = spawnSync(process.execPath, [__filename, which], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const m = JSON.parse(r.stdout) as { which: string; buildMs: number; rssMb: number; sets: { name: string; scores: string }[] };
    process.stdout.write(`${m.which}: tokenizer ready ${m.buildMs.toFixed(0)} ms, RSS with engine ${m.rssMb.toFixed(0)} MB\n`);
    for (const s of m.sets) process.stdout.write(`  ${s.name.padEnd(16)} ${s.scores}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exitCode = 1;
});
