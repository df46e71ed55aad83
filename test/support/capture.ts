// A stand-in for the Bot Connector service: the bot's replies to `serviceUrl` land here.
// Answers POST /v3/conversations/:id/activities[/:replyToId] with a new message id, like the real service.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  replyToId?: string;
  /** The id the capture server gave the message. */
  messageId: string;
  authorization?: string;
  activity: Record<string, any>;
}

/** A conversation the bot created (POST /v3/conversations), as the connector received it. */
export interface CreatedConversation {
  conversationId: string;
  parameters: Record<string, any>;
}

export interface CaptureServer {
  /** The serviceUrl to put in activities (ends with '/'). */
  serviceUrl: string;
  readonly received: CapturedActivity[];
  /** Conversations created through POST /v3/conversations (proactive 1:1 chats). */
  readonly created: CreatedConversation[];
  /** Requests answered with an error status instead (while failing). */
  readonly refused: number;
  /** Answer every request with this status (e.g. 503) until `recover()`; `times` limits it to the next n requests. */
  fail(status: number, times?: number): void;
  recover(): void;
  /** Resolves when at least `count` activities have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedActivity[]>;
  clear(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const received: CapturedActivity[] = [];
  const created: CreatedConversation[] = [];
  const waiters: Array<() => void> = [];
  let next = 1;
  let failing: { status: number; left: number } | undefined;
  let refused = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (failing && failing.left > 0) {
        failing.left--;
        refused++;
        await readBody(req);
        res.statusCode = failing.status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'capture server failing on purpose' } }));
        return;
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?(\?.*)?$/.test(req.url ?? '')) {
        const parameters = JSON.parse((await readBody(req)) || '{}');
        const conversationId = `a:created-${next++}`;
        created.push({ conversationId, parameters });
        res.statusCode = 201;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: conversationId }));
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const body = await readBody(req);
      const messageId = req.method === 'PUT' && m[2] ? decodeURIComponent(m[2]) : `msg-${next++}`;
      received.push({
        conversationId: decodeURIComponent(m[1]!),
        replyToId: m[2] ? decodeURIComponent(m[2]) : undefined,
        messageId,
        authorization: req.headers.authorization,
        activity: JSON.parse(body || '{}'),
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: messageId }));
      waiters.splice(0).forEach((w) => w());
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    created,
    get refused() {
      return refused;
    },
    fail(status, times = Number.POSITIVE_INFINITY) {
      failing = { status, left: times };
    },
    recover() {
      failing = undefined;
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} activities at the capture server, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return received.slice();
    },
    clear() {
      received.length = 0;
      created.length = 0;
      refused = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
