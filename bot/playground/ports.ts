// Loopback port helpers shared by the Playground launcher, the end-to-end test and the benchmark.

import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port that was free on 127.0.0.1 a moment ago (for child processes that must be told their port up front). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls an HTTP URL until it answers with a status accepted by `ok`, or the deadline passes. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; ok?: (status: number) => boolean; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const ok = options.ok ?? ((s: number) => s >= 200 && s < 300);
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new Error(`stopped waiting for ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
  throw new Error(`${url} did not become ready within ${options.timeoutMs} ms (last: ${last})`);
}
