// The benchmark's pieces: the echo agent answers like an agent on the SDK, and runLoad counts what it claims to
// count (no timing is asserted here; numbers come from `npm run bench`).

import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { type RunningAgent, startEchoAgent } from '../../bot/bench/echo-agent';
import { runLoad } from '../../bot/bench/load';

const message = (id: string, text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'message',
    id,
    channelId: 'msteams',
    deliveryMode: 'expectReplies',
    from: { id: '29:user' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:conversation', conversationType: 'personal' },
    text,
    ...extra,
  });

const replyText = (body: string): string | undefined =>
  (JSON.parse(body) as { activities?: Array<{ text?: string }> }).activities?.[0]?.text;

describe('echo agent and load driver', () => {
  let agent: RunningAgent;

  beforeAll(async () => {
    agent = await startEchoAgent(0);
  });
  afterAll(async () => {
    await agent.close();
  });

  test('the echo agent listens on 127.0.0.1 and returns its reply in the HTTP response (expectReplies)', async () => {
    expect(agent.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
    const res = await fetch(agent.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: message('m1', 'こんにちは') });
    expect(res.status).toBe(200);
    expect(replyText(await res.text())).toBe('echo: こんにちは');
  });

  test('the echo agent answers 400 to an activity without a conversation', async () => {
    const res = await fetch(agent.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: message('m2', 'x', { conversation: undefined }),
    });
    expect(res.status).toBe(400);
  });

  test('runLoad sends distinct bodies and counts no errors when every reply is the expected one', async () => {
    const seen = new Set<string>();
    const result = await runLoad({
      endpoint: agent.endpoint,
      connections: 2,
      seconds: 30,
      amount: 40,
      body: (n) => message(`load-${n}`, `q${n}`),
      verify: (body) => {
        const text = replyText(body) ?? '';
        seen.add(text);
        return text.startsWith('echo: q');
      },
    });
    expect(result.requests).toBe(40);
    expect(result.errors).toBe(0);
    expect(result.detail.statusCodes['200']).toBe(result.requests);
    expect(seen.size).toBeGreaterThan(1);
  });

  test('runLoad counts non-2xx answers and unexpected 2xx bodies as errors', async () => {
    const bad = await runLoad({
      endpoint: agent.endpoint,
      connections: 1,
      seconds: 30,
      amount: 20,
      body: (n) => message(`bad-${n}`, 'x', { conversation: undefined }),
      verify: () => true,
    });
    expect(bad.requests).toBeGreaterThan(0);
    expect(bad.detail.non2xx).toBe(bad.requests);
    expect(bad.errors).toBe(bad.requests);

    const unexpected = await runLoad({
      endpoint: agent.endpoint,
      connections: 1,
      seconds: 30,
      amount: 20,
      body: (n) => message(`odd-${n}`, 'x'),
      verify: (body) => replyText(body) === 'something else',
    });
    expect(unexpected.requests).toBeGreaterThan(0);
    expect(unexpected.detail.unexpected).toBe(unexpected.requests);
    expect(unexpected.errors).toBe(unexpected.requests);
  });

  test("the echo agent can answer with another agent's reply activity (the benchmark's echo-reply), entities and all", async () => {
    const other = await startEchoAgent(0, (text) => {
      const a = new Activity(ActivityTypes.Message);
      a.text = `**可です。** ${text}`;
      a.entities = [{ type: 'https://schema.org/Message', '@type': 'Message', additionalType: ['AIGeneratedContent'] } as never];
      return a;
    });
    try {
      const res = await fetch(other.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: message('m3', '質問') });
      expect(res.status).toBe(200);
      const reply = (JSON.parse(await res.text()) as { activities: Array<{ text: string; entities: Array<{ additionalType: string[] }> }> }).activities[0]!;
      expect(reply.text).toBe('**可です。** 質問');
      expect(reply.entities[0]?.additionalType).toEqual(['AIGeneratedContent']);
    } finally {
      await other.close();
    }
  });

  test('runLoad drives loopback only', () => {
    expect(() =>
      runLoad({ endpoint: 'http://192.0.2.1:3978/api/messages', connections: 1, seconds: 1, body: () => '{}', verify: () => true }),
    ).toThrow(/loopback only/);
  });
});
