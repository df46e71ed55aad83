// npm run bench (knowledge part): how fast the engine is ready, how fast it answers, how much memory it holds.
// Targets (issue 2): ready ≤ 1.5 s, answer p95 ≤ 5 ms warm, RSS after load ≤ 150 MB.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeEngine } from '../engine';
import { evalSetPaths, readEvalSet } from './eval-set';

const MB = 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Cold start in a fresh process: from process start to the engine's first answer. */
function coldStart(): { readyMs: number; rssMb: number } {
  const script = `
    const { performance } = require('node:perf_hooks');
    const { loadKnowledgeEngine } = require(${JSON.stringify(require.resolve('../engine'))});
    const e = loadKnowledgeEngine();
    e.answer('USBメモリを家に持ち帰ってもいいですか');
    process.stdout.write(JSON.stringify({ readyMs: performance.now(), rssMb: process.memoryUsage().rss / ${MB} }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { readyMs: number; rssMb: number };
}

function main(): void {
  const colds = Array.from({ length: 5 }, coldStart);
  const ready = colds.map((c) => c.readyMs).sort((a, b) => a - b);
  const rss = colds.map((c) => c.rssMb).sort((a, b) => a - b);

  const engine = loadKnowledgeEngine();
  const questions = evalSetPaths().flatMap(readEvalSet).map((q) => q.q);
  for (const q of questions) engine.answer(q); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of questions) {
      const t = performance.now();
      engine.answer(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const line = (name: string, value: string, target: string, ok: boolean) =>
    process.stdout.write(`${name.padEnd(34)} ${value.padStart(10)}   target ${target.padEnd(8)} ${ok ? 'ok' : 'MISSED'}\n`);
  process.stdout.write(`knowledge engine (${engine.clauses.length} clauses, ${questions.length} questions × 20)\n`);
  line('ready from process start (median)', `${percentile(ready, 50).toFixed(0)} ms`, '≤ 1500 ms', percentile(ready, 50) <= 1500);
  line('ready from process start (max)', `${ready[ready.length - 1]!.toFixed(0)} ms`, '', true);
  line('answer p50 warm', `${percentile(times, 50).toFixed(2)} ms`, '', true);
  line('answer p95 warm', `${percentile(times, 95).toFixed(2)} ms`, '≤ 5 ms', percentile(times, 95) <= 5);
  line('answer max warm', `${times[times.length - 1]!.toFixed(2)} ms`, '', true);
  line('RSS after load (median)', `${percentile(rss, 50).toFixed(0)} MB`, '≤ 150 MB', percentile(rss, 50) <= 150);
}

main();
