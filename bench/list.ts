// The benchmarks `npm run bench` runs, in this order. Add yours here: a TypeScript file that runs when executed
// (bundled with esbuild, started with node), prints its numbers, and exits non-zero when it misses its target.

export interface Benchmark {
  /** Short name, used to pick benchmarks: `npm run bench -- <name> …`. */
  name: string;
  /** Path from the repository root to the benchmark's entry file. */
  file: string;
  /** Upper bound on its run time; it is killed after this. */
  timeoutMs: number;
}

export const BENCHMARKS: Benchmark[] = [
  { name: 'bot-runtime', file: 'bot/bench/runtime.bench.ts', timeoutMs: 5 * 60_000 },
  { name: 'storage', file: 'bench/storage.ts', timeoutMs: 3 * 60_000 },
];
