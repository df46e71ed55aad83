// With no model configured the bot is exactly the offline bot: no client is created, nothing goes to the network
// but the bot's own replies, and answers are the offline answers (no stream, no model text).

import { answerActivity } from '../../../bot/reply/answer';
import { withProcedureOffer } from '../../../bot/dialogs/offer';
import { useTestDb } from '../../../storage/testing';
import { startFakeOpenAi, type FakeOpenAi } from '../../llm/support/fakeOpenAi';
import { USB_Q } from '../../llm/support/outputs';
import { type CaptureServer, startCaptureServer } from '../../support/capture';
import { startBot, type TestBot } from '../../support/bot';
import { message, post } from '../../support/teams';
import { API_KEY, messageEntity, realEngine, streamInfo } from './helpers';

describe('no model configured', () => {
  const testDb = useTestDb('sqlite');
  let bot: TestBot;
  let capture: CaptureServer;
  beforeAll(async () => {
    capture = await startCaptureServer();
    bot = await startBot({ db: testDb().db, engine: realEngine() });
  });
  afterAll(async () => {
    await bot?.close();
    await capture?.close();
  });

  it('has no model: offline mode, no client', () => {
    expect(bot.config.llm.mode).toBe('offline');
    expect(bot.server.deps!.llm).toBeNull();
    expect(bot.lines.find((l) => l.event === 'server.listening')).toMatchObject({ llm: 'offline' });
  });

  it('answers a personal-chat question with one offline message, exactly as rendered offline; fetch is never used', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const activity = message(USB_Q, { serviceUrl: capture.serviceUrl });
    try {
      const res = await post(bot.url, activity);
      expect(res.status).toBe(200);
      // The test's request and the bot's reply to the connector are the only fetches (the openai client uses fetch).
      expect(fetchSpy.mock.calls.map((c) => String(c[0]).replace(/conversations\/.*$/, 'conversations/…'))).toEqual([
        `${bot.url}/api/messages`,
        `${capture.serviceUrl}v3/conversations/…`,
      ]);
    } finally {
      fetchSpy.mockRestore();
    }
    const sent = capture.received.filter((r) => r.replyToId === activity.id).map((r) => r.activity);
    expect(sent.map((a) => a.type)).toEqual(['message']);
    const [reply] = sent;
    // Rendered as the offline bot does in a personal chat (procedure and 「許可を申請する」 buttons refer to the answer id).
    const answerId = reply!.attachments[0].content.actions.find((a: any) => a.data.action === 'approvals.offer').data.answerId as string;
    const expected = answerActivity(withProcedureOffer(realEngine().answer(USB_Q), USB_Q), { answerId, offerRequest: true });
    expect(reply!.text).toBe(expected.text);
    expect(reply!.attachments).toEqual(JSON.parse(JSON.stringify(expected.attachments)));
    expect(reply!.entities.filter((e: any) => e.type !== 'streaminfo')).toEqual(JSON.parse(JSON.stringify(expected.entities)));
    expect(streamInfo(reply!)).toBeUndefined();
    expect(messageEntity(reply!)!.additionalType).toEqual(['AIGeneratedContent']);
    expect(bot.lines.filter((l) => String(l.event).startsWith('llm.'))).toEqual([]);
  });
});

describe('LLM_MODE=off with a provider configured', () => {
  const testDb = useTestDb('sqlite');
  let bot: TestBot;
  let ai: FakeOpenAi;
  beforeAll(async () => {
    ai = await startFakeOpenAi(() => ({ type: 'status', status: 500 }));
    bot = await startBot({
      db: testDb().db,
      engine: realEngine(),
      env: { LLM_MODE: 'off', OPENAI_BASE_URL: ai.baseURL, OPENAI_MODEL: 'fake-model', OPENAI_API_KEY: API_KEY },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await ai?.close();
  });

  it('is the offline bot: the model server gets no request', async () => {
    expect(bot.server.deps!.llm).toBeNull();
    const res = await post(bot.url, message(USB_Q, { expectReplies: true }));
    expect(res.body.activities).toHaveLength(1);
    expect(res.body.activities[0].text).toBe(answerActivity(realEngine().answer(USB_Q), { answerId: 'x' }).text);
    expect(ai.requests).toHaveLength(0);
    expect(JSON.stringify(bot.lines)).not.toContain(API_KEY);
  });
});

describe('a model configured', () => {
  const testDb = useTestDb('sqlite');
  let bot: TestBot;
  let ai: FakeOpenAi;
  beforeAll(async () => {
    ai = await startFakeOpenAi(() => ({ type: 'status', status: 500 }));
    bot = await startBot({ db: testDb().db, engine: realEngine(), env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_MODEL: 'fake-model', OPENAI_API_KEY: API_KEY } });
  });
  afterAll(async () => {
    await bot?.close();
    await ai?.close();
  });

  it('says which at start-up, without the key', () => {
    const listening = bot.lines.find((l) => l.event === 'server.listening')!;
    expect(listening.llm).toBe(`compatible host=${new URL(ai.baseURL).host} model=fake-model timeout=8000ms`);
    expect(JSON.stringify(bot.lines)).not.toContain(API_KEY);
    expect(JSON.stringify(bot.config)).not.toContain(API_KEY);
  });
});
