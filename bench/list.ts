// The benchmarks `npm run bench` runs, in this order. Add yours here: a TypeScript file that runs when executed,
// prints its numbers, and exits non-zero when it misses its target. By default it is bundled on its own with
// esbuild; `compile: 'tsc'` runs it from the project build instead (npm run build, then dist/<file>.js), for code
// that finds its own files relative to dist/.

export interface Benchmark {
  /** Short name, used to pick benchmarks: `npm run bench -- <name> …`. */
  name: string;
  /** Path from the repository root to the benchmark's entry file. */
  file: string;
  /** Upper bound on its run time; it is killed after this. */
  timeoutMs: number;
  /** How to get JavaScript from the file (default esbuild). */
  compile?: 'esbuild' | 'tsc';
}

export const BENCHMARKS: Benchmark[] = [
  { name: 'bot-runtime', file: 'bot/bench/runtime.bench.ts', timeoutMs: 5 * 60_000 },
  { name: 'knowledge', file: 'knowledge/cli/bench.ts', timeoutMs: 3 * 60_000, compile: 'tsc' },
  { name: 'storage', file: 'bench/storage.ts', timeoutMs: 3 * 60_000 },
  { name: 'dialogs', file: 'bench/dialogs.ts', timeoutMs: 3 * 60_000 },
  { name: 'approvals-bot', file: 'bench/approvals-bot.ts', timeoutMs: 3 * 60_000 },
];
