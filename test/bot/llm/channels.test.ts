// Where Teams does not stream (channels, group chats, replies in the HTTP response, other channels) the model is
// asked once, without streaming, and only the final message is sent. And the answer cache keeps model answers and
// offline answers apart.

import { useTestDb } from '../../../storage/testing';
import { GOOD, USB_Q, with_ } from '../../llm/support/outputs';
import { mentionMessage, message, post } from '../../support/teams';
import { type LlmBot, answers, ask, messageEntity, offlineText, startLlmBot, streamInfo } from './helpers';

describe('no streaming where Teams does not stream', () => {
  const testDb = useTestDb('sqlite');
  let t: LlmBot;
  beforeAll(async () => {
    t = await startLlmBot(testDb().db, { ANSWER_CACHE_SIZE: '0' });
    t.model(answers(GOOD.usb, { chunkSize: 32, chunkDelayMs: 0 }));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The model answer as the only message: AI label, explanation, citations, no stream entity. */
  function expectModelAnswerAlone(activities: Array<Record<string, any>>): void {
    expect(activities.map((a) => a.type)).toEqual(['message']);
    const [final] = activities;
    expect(streamInfo(final!)).toBeUndefined();
    expect((final!.text as string).split('\n\n').slice(0, 3)).toEqual(['**許可が必要です。**', '許可を得る相手: データ取扱責任者', GOOD.usb.reply]);
    expect(messageEntity(final!)).toMatchObject({ additionalType: ['AIGeneratedContent'] });
    expect(messageEntity(final!)!.citation).toHaveLength(2);
    expect(final!.channelData).toEqual({ feedbackLoopEnabled: true });
    expect(t.ai.requests.at(-1)!.body.stream).toBeFalsy();
  }

  it('expectReplies (replies in the HTTP response): the final message only', async () => {
    const res = await post(t.bot.url, message(USB_Q, { expectReplies: true }));
    expect(res.status).toBe(200);
    expectModelAnswerAlone(res.body.activities);
    // The answer keeps its id so feedback can refer to it.
    const stored = await t.bot.server.deps!.feedback.answer(res.body.activities[0].id);
    expect(stored).toMatchObject({ verdict: 'needs_permission', question: USB_Q });
  });

  it('a Teams channel (@mention): no informative update, no chunks, one message', async () => {
    const turn = await ask(t, USB_Q, {}, mentionMessage);
    expectModelAnswerAlone(turn.sent.map((r) => r.activity));
  });

  it('a Teams group chat: one message', async () => {
    const turn = await ask(t, USB_Q, { conversationType: 'groupChat' }, mentionMessage);
    expectModelAnswerAlone(turn.sent.map((r) => r.activity));
  });

  it('another channel (Web Chat): one message', async () => {
    const turn = await ask(t, USB_Q, { channelId: 'webchat' });
    expectModelAnswerAlone(turn.sent.map((r) => r.activity));
  });

  it('a failed check without streaming: the offline answer alone', async () => {
    t.model(answers(with_(GOOD.usb, { reply: '許可不要です。' }), { chunkSize: 32, chunkDelayMs: 0 }));
    const res = await post(t.bot.url, message(USB_Q, { expectReplies: true }));
    expect(res.body.activities).toHaveLength(1);
    expect(res.body.activities[0].text).toBe(offlineText(USB_Q));
    expect(messageEntity(res.body.activities[0])!.additionalType).toEqual(['AIGeneratedContent']); // every answer is labelled; the text says it is the offline one
    t.model(answers(GOOD.usb, { chunkSize: 32, chunkDelayMs: 0 }));
  });
});

describe('the answer cache with a model', () => {
  const testDb = useTestDb('sqlite');
  let t: LlmBot;
  beforeAll(async () => {
    t = await startLlmBot(testDb().db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const askReplies = async (q: string) => (await post(t.bot.url, message(q, { expectReplies: true }))).body.activities[0] as Record<string, any>;

  it('never serves an offline fallback as a model answer, nor a model answer as offline', async () => {
    // 1. The model fails: the offline answer (cached as offline only).
    t.model(() => ({ type: 'status', status: 500 }));
    const first = await askReplies(USB_Q);
    expect(first.text).toBe(offlineText(USB_Q));
    expect(messageEntity(first)!.additionalType).toEqual(['AIGeneratedContent']);
    // 2. The model works again: it is asked, and its answer is labelled.
    t.model(answers(GOOD.usb, { chunkSize: 32, chunkDelayMs: 0 }));
    const before = t.ai.requests.length;
    const second = await askReplies(USB_Q);
    expect(t.ai.requests.length).toBe(before + 1);
    expect(messageEntity(second)!.additionalType).toEqual(['AIGeneratedContent']);
    expect(second.text).toContain(GOOD.usb.reply);
    // 3. The same question again: the verified model answer from the cache, without a model call.
    const third = await askReplies(USB_Q);
    expect(t.ai.requests.length).toBe(before + 1);
    expect(third.text).toBe(second.text);
    expect(messageEntity(third)).toEqual(messageEntity(second));
    expect(t.bot.lines.filter((l) => l.event === 'answer.sent').at(-1)).toMatchObject({ source: 'llm', cached: true });
    // 4. The guided procedures' offline answers (deps.answer) still get the offline answer for it.
    expect(await t.bot.server.deps!.answer(USB_Q)).toEqual(expect.objectContaining({ verdict: 'needs_permission', reply: expect.not.stringContaining(GOOD.usb.reply) }));
  });

  it('a cached model answer in a personal chat is sent at once, without a stream', async () => {
    const turn = await ask(t, USB_Q);
    expect(turn.typing).toHaveLength(0);
    expect(streamInfo(turn.final)).toBeUndefined();
    expect(messageEntity(turn.final)!.additionalType).toEqual(['AIGeneratedContent']);
    expect(turn.final.text).toContain(GOOD.usb.reply);
  });
});
