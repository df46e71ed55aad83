// Posting a notification to a webhook (e.g. the stop-access hook of an ID management system). Helper for the
// bot's deliver(): 5xx, 408, 429 and network errors are retried by the outbox; other 4xx are permanent.
import { PermanentDeliveryError } from './outbox';

export async function postJson(url: string, body: unknown, opts: { timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (err) {
    // Never echo the URL: it may carry a token.
    throw new Error(`webhook request failed (${err instanceof Error ? err.name : 'error'})`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
    throw new PermanentDeliveryError(`webhook answered ${res.status}`);
  throw new Error(`webhook answered ${res.status}`);
}
