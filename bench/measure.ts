// Shared by the in-process benchmarks: a closed-loop load for a fixed time, and latency percentiles.

/** The p-quantile (0–1) of the values, or `empty` when there are none. */
export function percentile(values: readonly number[], p: number, empty = 0): number {
  if (values.length === 0) return empty;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export interface Measured {
  /** Operations completed. */
  done: number;
  seconds: number;
  /** Latency of each operation, in ms. */
  latencies: number[];
}

/** Runs `op` back to back on `concurrency` workers for `durationMs`; each call gets the next index. */
export async function runFor(durationMs: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Measured> {
  let done = 0;
  let next = 0;
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      await op(next++);
      latencies.push(performance.now() - start);
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, seconds: (performance.now() - start) / 1000, latencies };
}

/** One result line: `label  c=N  ops/s  p50  p99`, label and rate padded to the given widths. */
export function rateLine(label: string, concurrency: number, m: Measured, widths: { label: number; rate: number }): string {
  const ms = (p: number): string => percentile(m.latencies, p).toFixed(2);
  const rate = String(Math.round(m.done / m.seconds)).padStart(widths.rate);
  return `  ${label.padEnd(widths.label)} c=${String(concurrency).padEnd(3)} ${rate} ops/s  p50 ${ms(0.5)} ms  p99 ${ms(0.99)} ms`;
}
