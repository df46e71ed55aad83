// A local OpenAI-compatible HTTP server for tests, bound to 127.0.0.1 on an ephemeral port.
// The test decides every reply: completions (plain or streamed as SSE), refusals, HTTP errors,
// delays, stalls. It serves /v1/chat/completions and Azure's
// /openai/deployments/{deployment}/chat/completions, and records each request.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    stream?: boolean;
    messages?: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
    [key: string]: unknown;
  };
}

export type FakeReply =
  /** A completion whose message content is `content` (streamed in `chunks` pieces when asked to stream). */
  | { type: 'content'; content: string; finishReason?: string; delayMs?: number; chunkSize?: number; chunkDelayMs?: number; stallAfterChunks?: number }
  | { type: 'refusal'; refusal: string }
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answers (until the client gives up). */
  | { type: 'hang' };

export type FakeHandler = (req: ChatRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAi {
  /** Base URL for OpenAI-style clients: http://127.0.0.1:PORT/v1 */
  baseURL: string;
  /** Origin for Azure-style clients: http://127.0.0.1:PORT */
  origin: string;
  requests: ChatRequest[];
  /** Requests whose client disconnected before the reply ended. */
  disconnects: number;
  /** Resolves once at least `n` requests were abandoned by the client. */
  waitForDisconnects(n: number): Promise<void>;
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

// unref: a pending delay must not keep the test process alive after close().
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

function completion(model: string, message: { content: string | null; refusal: string | null }, finishReason: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

/** Splits text into pieces of `size` code points (never inside a surrogate pair). */
function pieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export async function startFakeOpenAi(initial?: FakeHandler): Promise<FakeOpenAi> {
  let handler: FakeHandler = initial ?? (() => ({ type: 'status', status: 500, body: { error: { message: 'no handler' } } }));
  const requests: ChatRequest[] = [];
  const sockets = new Set<Socket>();
  const state = { disconnects: 0 };
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const disconnected = () => {
    state.disconnects++;
    for (const w of waiters.splice(0)) {
      if (state.disconnects >= w.n) w.resolve();
      else waiters.push(w);
    }
  };

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', async () => {
      let finished = false;
      res.on('close', () => { if (!finished) disconnected(); });
      const done = () => { finished = true; res.end(); };
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        done();
        return;
      }
      let body: ChatRequest['body'] = {};
      try { body = JSON.parse(Buffer.concat(parts).toString('utf8')); } catch { /* recorded as empty */ }
      const request: ChatRequest = { method: req.method, url: req.url ?? '', headers: req.headers, body };
      requests.push(request);
      const reply = await handler(request, requests.length - 1);
      const model = body.model ?? 'fake-model';
      if (res.destroyed) return;

      if (reply.type === 'hang') return; // the socket stays open until the client aborts or close()
      if (reply.type === 'status') {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.write(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: 'fake' } }));
        done();
        return;
      }

      if (!body.stream) {
        if (reply.type === 'content' && reply.delayMs) await sleep(reply.delayMs);
        if (res.destroyed) return;
        const message = reply.type === 'refusal' ? { content: null, refusal: reply.refusal } : { content: reply.content, refusal: null };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(JSON.stringify(completion(model, message, reply.type === 'content' ? reply.finishReason ?? 'stop' : 'stop')));
        done();
        return;
      }

      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      send(chunk(model, { role: 'assistant', content: '' }, null));
      if (reply.type === 'refusal') {
        for (const p of pieces(reply.refusal, 6)) send(chunk(model, { refusal: p }, null));
        send(chunk(model, {}, 'stop'));
      } else {
        if (reply.delayMs) await sleep(reply.delayMs);
        const list = pieces(reply.content, reply.chunkSize ?? 7);
        for (let i = 0; i < list.length; i++) {
          if (res.destroyed) return;
          if (reply.stallAfterChunks !== undefined && i >= reply.stallAfterChunks) return; // stall: keep the socket open
          send(chunk(model, { content: list[i] }, null));
          if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
        }
        if (res.destroyed) return;
        send(chunk(model, {}, reply.finishReason ?? 'stop'));
      }
      res.write('data: [DONE]\n\n');
      done();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseURL: `${origin}/v1`,
    origin,
    requests,
    get disconnects() { return state.disconnects; },
    waitForDisconnects: (n) => new Promise<void>((resolve) => {
      if (state.disconnects >= n) resolve();
      else waiters.push({ n, resolve });
    }),
    setHandler(h) { handler = h; },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The parts of the prompt a fake model may look at: clause labels and texts, and the question. */
export function readPrompt(req: ChatRequest): { system: string; user: string; labels: string[]; texts: Map<string, string>; question: string } {
  const system = req.body.messages?.find((m) => m.role === 'system')?.content ?? '';
  const user = req.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const texts = new Map<string, string>();
  for (const m of user.matchAll(/<clause label="([^"]+)"[^>]*>\n([\s\S]*?)\n<\/clause>/g)) texts.set(m[1]!, m[2]!);
  const question = /<question>\n([\s\S]*?)\n<\/question>/.exec(user)?.[1] ?? '';
  return { system, user, labels: [...texts.keys()], texts, question };
}
