// When Teams refuses a streaming update: the person pressed Stop (403 ContentStreamNotAllowed), streaming is not
// enabled for the conversation (400 BadArgument), or the connector fails (502). The answer still arrives (or, after
// Stop, nothing more is sent), and it is always the verified answer.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDb } from '../../../storage/testing';
import { startFakeOpenAi, type FakeOpenAi } from '../../llm/support/fakeOpenAi';
import { GOOD, USB_Q } from '../../llm/support/outputs';
import { startBot, type TestBot } from '../../support/bot';
import { message, post } from '../../support/teams';
import { PROGRESS, messageEntity, realEngine, streamInfo } from './helpers';

interface Received {
  activity: Record<string, any>;
  status: number;
}

/** A Bot Connector stand-in whose answer to each activity the test decides. */
async function startConnector(decide: (activity: Record<string, any>, index: number) => { status: number; body: unknown }) {
  const received: Received[] = [];
  let next = 1;
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const activity = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, any>;
      const { status, body } = decide(activity, received.length);
      received.push({ activity, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { id: `msg-${next++}` } : body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

const ok = { status: 200, body: {} };
const STOPPED = { status: 403, body: { error: { code: 'ContentStreamNotAllowed', message: 'Content stream was cancelled by user.' } } };
const NOT_ENABLED = { status: 400, body: { error: { code: 'BadArgument', message: 'Streaming API is not enabled for this conversation.' } } };
const FAILED = { status: 502, body: { error: { code: 'BadGateway', message: 'upstream failed' } } };

describe('Teams refusing a streaming update', () => {
  const testDb = useTestDb('sqlite');
  let bot: TestBot;
  let ai: FakeOpenAi;
  beforeAll(async () => {
    // Slow enough for a text chunk after the informative update.
    ai = await startFakeOpenAi(() => ({ type: 'content', content: JSON.stringify(GOOD.usb), delayMs: 1200, chunkSize: 8, chunkDelayMs: 15 }));
    bot = await startBot({ db: testDb().db, engine: realEngine(), env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_MODEL: 'fake-model', ANSWER_CACHE_SIZE: '0' } });
  });
  afterAll(async () => {
    await bot?.close();
    await ai?.close();
  });

  async function turn(decide: Parameters<typeof startConnector>[0]) {
    const connector = await startConnector(decide);
    try {
      const activity = message(USB_Q, { serviceUrl: connector.serviceUrl });
      const res = await post(bot.url, activity);
      await bot.server.deps!.feedback.flush(); // answer records are written behind
      const stored = await bot.server.deps!.db.all<{ id: string; message_id: string | null }>(
        'SELECT id, message_id FROM bot_answers WHERE activity_id = $1',
        [activity.id],
      );
      return { res, received: connector.received, stored: stored[0] };
    } finally {
      await connector.close();
    }
  }

  it('the person pressed Stop during the stream: nothing more is sent, the answer is still recorded', async () => {
    // The informative update goes through; the first text chunk is refused as stopped.
    const { res, received, stored } = await turn((a) => (a.type === 'typing' && streamInfo(a)?.streamType === 'streaming' ? STOPPED : ok));
    expect(res.status).toBe(200);
    expect(received.map((r) => [r.activity.type, streamInfo(r.activity)?.streamType, r.status])).toEqual([
      ['typing', 'informative', 200],
      ['typing', 'streaming', 403],
    ]);
    expect(stored).toBeDefined();
    expect(bot.lines.filter((l) => l.event === 'answer.stream_stopped')).toHaveLength(1);
    // …and the model request was cancelled, not left to run to its end.
    await ai.waitForDisconnects(1);
    expect(ai.disconnects).toBe(1);
  });

  it('streaming not enabled for the conversation: the verified answer is sent as an ordinary message', async () => {
    const { received } = await turn((a) => (a.type === 'typing' ? NOT_ENABLED : ok));
    expect(received.map((r) => [r.activity.type, r.status])).toEqual([
      ['typing', 400],
      ['message', 200],
    ]);
    const final = received[1]!.activity;
    expect(final.text).toContain(GOOD.usb.reply);
    expect(messageEntity(final)).toMatchObject({ additionalType: ['AIGeneratedContent'] });
    expect(final.attachments).toHaveLength(1);
    expect(final.channelData).toEqual({ feedbackLoopEnabled: true });
  });

  it('the connector fails the informative update: the verified answer is sent on its own', async () => {
    const { received, stored } = await turn((a, i) => (i === 0 ? FAILED : ok));
    expect(received[0]!.activity.text).toBe(PROGRESS);
    const messages = received.filter((r) => r.activity.type === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.status).toBe(200);
    expect(streamInfo(messages[0]!.activity)).toBeUndefined();
    expect(messages[0]!.activity.text).toContain(GOOD.usb.reply);
    expect(messageEntity(messages[0]!.activity)!.citation).toHaveLength(2);
    expect(stored!.message_id).toMatch(/^msg-\d+$/);
    expect(bot.lines.filter((l) => l.event === 'answer.stream_failed')).toHaveLength(1);
  });
});
