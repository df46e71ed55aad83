// Drives an HTTP endpoint with autocannon (programmatic API) and reduces its result to the numbers we print.

/** The part of autocannon's options and result this project uses (the package ships no types). */
interface AutocannonRequest {
  method: string;
  path?: string;
  headers: Record<string, string>;
  setupRequest?: (req: { body?: string }, context: Record<string, unknown>) => { body?: string };
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  amount?: number;
  timeout: number;
  requests: AutocannonRequest[];
}
interface Histogram {
  average: number;
  p50: number;
  p99: number;
  total: number;
}
interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (opts: AutocannonOptions, cb: (err: Error | null, result: AutocannonResult) => void) => { stop(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadOptions {
  /** http://127.0.0.1:<port>/api/messages */
  endpoint: string;
  connections: number;
  seconds: number;
  /** Stop after this many requests instead of after `seconds` (tests: no dependence on machine speed). */
  amount?: number;
  /** The body of request number n (0, 1, 2, …), e.g. a unique activity. */
  body: (n: number) => string;
  /** True when a 2xx response body is the reply we expect; others count as errors (unexpected). */
  verify: (body: string) => boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors + timeouts + non-2xx answers + 2xx answers without the expected reply. */
  errors: number;
  detail: {
    connectionErrors: number;
    timeouts: number;
    non2xx: number;
    unexpected: number;
    statusCodes: Record<string, number>;
    /** The first few unexpected bodies (truncated), to tell what went wrong. */
    unexpectedSamples: string[];
  };
}

/** Runs one autocannon load against the endpoint; requests are POSTs of `body(n)` as JSON. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  let unexpected = 0;
  const unexpectedSamples: string[] = [];
  const url = new URL(options.endpoint);
  if (url.hostname !== '127.0.0.1') throw new Error(`benchmarks drive loopback only, not ${url.hostname}`);
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: url.origin,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        ...(options.amount ? { amount: options.amount } : {}),
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: url.pathname,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: options.body(n++) }),
            onResponse: (status, body) => {
              if (status >= 200 && status < 300 && !options.verify(body)) {
                unexpected++;
                if (unexpectedSamples.length < 3) unexpectedSamples.push(body.slice(0, 600));
              }
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(stat.count);
        // autocannon counts timeouts among its errors.
        const errors = result.errors + result.non2xx + unexpected;
        resolve({
          requestsPerSecond: result.requests.total / result.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          errors,
          detail: {
            connectionErrors: result.errors - result.timeouts,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
            unexpected,
            statusCodes,
            unexpectedSamples,
          },
        });
      },
    );
  });
}
