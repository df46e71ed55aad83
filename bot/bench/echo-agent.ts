// A bare echo agent on the same stack as the real bot — Agents SDK CloudAdapter + AgentApplication on restify,
// the same body parser settings and the same request glue (bot/http.ts), local development mode — so the
// benchmark can tell the bot's own work (engine, storage, reply building) from the SDK and HTTP plumbing.
// Not part of the product.

import type { AddressInfo } from 'node:net';
import type { Activity } from '@microsoft/agents-activity';
import { AgentApplication, CloudAdapter, TurnState } from '@microsoft/agents-hosting';
import restify, { type Request, type Response } from 'restify';
import { sendJson, step, webResponse } from '../http';

export interface RunningAgent {
  /** The messaging endpoint, e.g. http://127.0.0.1:41234/api/messages */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024; // the bot's default (MAX_BODY_BYTES)

/** What the agent answers a message text with. */
export type EchoReply = (text: string) => Activity | string;

const echoText: EchoReply = (text) => `echo: ${text.slice(0, 200)}`;

/**
 * Starts the echo agent on 127.0.0.1 (port 0 = ephemeral). It answers every message with 「echo: <text>」, or with
 * what `reply` gives (the benchmark's `echo-reply`: the bot's own reply for the question, and nothing else the bot does).
 */
export async function startEchoAgent(port = 0, reply: EchoReply = echoText): Promise<RunningAgent> {
  // No connections configured: the SDK's anonymous (local development) mode, as the bot without credentials.
  const none = { clientId: undefined, tenantId: undefined, clientSecret: undefined };
  const adapter = new CloudAdapter({
    ...none,
    connections: new Map([['serviceConnection', { ...none }]]),
    connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }],
  });
  const app = new AgentApplication<TurnState>({ adapter });
  app.onActivity('message', async (context) => {
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    await context.sendActivity(reply(text));
  });

  const server = restify.createServer({ name: 'echo-agent', handleUncaughtExceptions: false, ignoreTrailingSlash: true });
  server.get('/healthz', step(async (_req: Request, res: Response) => {
    sendJson(res, 200, { status: 'ok' });
    return false;
  }));
  server.post(
    '/api/messages',
    ...restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true }),
    step(async (req: Request, res: Response) => {
      try {
        await adapter.process(req as never, webResponse(res), (ctx) => app.run(ctx));
      } catch {
        if (!res.headersSent) sendJson(res, 400, { error: 'invalid activity' });
        else if (!res.writableEnded) res.end();
      }
      return false;
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${bound}/api/messages`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.close(() => resolve());
        server.server.closeAllConnections?.();
      }),
  };
}
