// A bare echo agent on the same stack as the real bot — Agents SDK CloudAdapter + AgentApplication on restify,
// anonymous (local development) authentication through the SDK's JWT step — so the benchmark can tell how
// much of the bot's cost is its own work and how much is the SDK and HTTP plumbing. Not part of the product.

import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import { AgentApplication, CloudAdapter, TurnState, type WebResponse } from '@microsoft/agents-hosting';
import restify from 'restify';

export interface RunningAgent {
  /** The messaging endpoint, e.g. http://127.0.0.1:41234/api/messages */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the echo agent on 127.0.0.1 (port 0 = ephemeral). It answers every message with 「echo: <text>」. */
export async function startEchoAgent(port = 0): Promise<RunningAgent> {
  // An empty configuration (no clientId) is the SDK's anonymous development mode.
  const adapter = new CloudAdapter({ clientId: '' });
  const app = new AgentApplication<TurnState>({ adapter });
  app.onActivity('message', async (context) => {
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    await context.sendActivity(`echo: ${text.slice(0, 200)}`);
  });

  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok' });
    next(false);
  });
  server.post('/api/messages', (req, res, next) => {
    const web = webResponse(res);
    adapter
      .authorizeRequest(req as never, web, () => {
        adapter.process(req as never, web, (context) => app.run(context)).then(
          () => next(false),
          (err: unknown) => {
            if (!res.headersSent) web.status(500).send({ error: 'turn failed' });
            next(false);
            void err;
          },
        );
      })
      .then(() => {
        if (res.writableEnded) next(false);
      }, next);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${bound}/api/messages`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The SDK's framework-neutral response over Node's ServerResponse (restify's own res.status() returns a number). */
function webResponse(res: ServerResponse): WebResponse {
  const r: WebResponse = {
    status(code: number) {
      if (!res.headersSent) res.statusCode = code;
      return r;
    },
    setHeader(name: string, value: string) {
      if (!res.headersSent) res.setHeader(name, value);
      return r;
    },
    send(body?: unknown) {
      if (res.writableEnded) return r;
      if (body === undefined || body === null) {
        res.end();
        return r;
      }
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(text);
      return r;
    },
    end() {
      if (!res.writableEnded) res.end();
      return r;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return r;
}
