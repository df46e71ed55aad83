// The LLM option in a Teams personal chat, through the whole bot: the SDK's streaming response (informative update,
// text chunks, final message) over the local capture connector, the real openai client against a local model the
// test scripts, the real knowledge engine. Whatever the model does, the final message is a correct, cited answer.

import { useTestDb } from '../../../storage/testing';
import { GOOD, USB_Q, with_ } from '../../llm/support/outputs';
import { cardSubmit, feedbackInvoke, post } from '../../support/teams';
import {
  API_KEY,
  PROGRESS,
  type LlmBot,
  type Turn,
  answers,
  ask,
  messageEntity,
  offline,
  offlineText,
  shown,
  startLlmBot,
  streamInfo,
} from './helpers';

const EXPLANATION = GOOD.usb.reply;
const FIRST_SENTENCE = 'USBメモリで住民データを持ち出して家で作業するには、事前にデータ取扱責任者の許可が必要です。';
/** Slow enough that the informative update is out before the first sentence, so Teams gets a text chunk. */
const SLOW = { delayMs: 1200, chunkSize: 8, chunkDelayMs: 15 };
const FAST = { chunkSize: 64, chunkDelayMs: 0 };

/** The final message replaces the stream: same stream id, streamType final, after every typing activity. */
function expectFinalOfStream(turn: Turn): void {
  const first = turn.sent[0]!;
  expect(first.activity.type).toBe('typing');
  expect(first.activity.text).toBe(PROGRESS);
  expect(streamInfo(first.activity)).toMatchObject({ streamType: 'informative', streamSequence: 1 });
  expect(turn.sent[turn.sent.length - 1]!.activity).toBe(turn.final);
  expect(streamInfo(turn.final)).toMatchObject({ streamType: 'final', streamId: first.messageId });
  expect(turn.sent.filter((r) => r.activity.type === 'message')).toHaveLength(1);
}

/** The offline answer exactly as the offline bot shows it: no model text. */
function expectOfflineFinal(turn: Turn, question: string): void {
  expect(turn.final.text).toBe(offlineText(question));
  const entity = messageEntity(turn.final)!;
  expect(entity.additionalType).toEqual(['AIGeneratedContent']);
  expect(entity.citation.map((c: any) => c.appearance.name)).toEqual(offline(question).citations.slice(0, 3).map((c) => c.label));
  expect(turn.final.channelData).toEqual({ feedbackLoopEnabled: true });
}

function logLines(t: LlmBot, event: string): Array<Record<string, unknown>> {
  return t.bot.lines.filter((l) => l.event === event);
}

describe('streaming in a Teams personal chat', () => {
  const testDb = useTestDb('sqlite');
  let t: LlmBot;
  beforeAll(async () => {
    // No answer cache: every question here goes to the model (the cache has its own tests).
    t = await startLlmBot(testDb().db, { ANSWER_CACHE_SIZE: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a good answer', () => {
    let turn: Turn;
    beforeAll(async () => {
      t.model(answers(GOOD.usb, SLOW));
      turn = await ask(t, USB_Q);
    });

    it('shows 「規程を確認しています…」, then the explanation as it comes, then the final message', () => {
      expect(turn.status).toBe(200);
      expectFinalOfStream(turn);
      const streaming = turn.typing.filter((a) => streamInfo(a)?.streamType === 'streaming');
      expect(streaming.length).toBeGreaterThan(0);
      // Chunks carry the text so far: whole sentences that passed the checks, growing.
      expect(streaming[0]!.text).toBe(FIRST_SENTENCE);
      for (const a of streaming) expect(EXPLANATION.startsWith(a.text)).toBe(true);
      const sequences = turn.sent.map((r) => streamInfo(r.activity)!.streamSequence as number);
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
      // Every update after the first belongs to the same stream.
      for (const r of turn.sent.slice(1)) expect(streamInfo(r.activity)!.streamId).toBe(turn.sent[0]!.messageId);
    });

    it('ends with the verified answer laid out like every answer: verdict, roles, explanation, quote and label', () => {
      const parts = (turn.final.text as string).split('\n\n');
      expect(parts[0]).toBe('**許可が必要です。**');
      expect(parts[1]).toBe('許可を得る相手: データ取扱責任者');
      expect(parts[2]).toBe(EXPLANATION);
      expect(parts[3]).toBe('「外部に持ち出す場合には、データ取扱責任者の許可を得なければならない」（第3章 7(1)ア(ウ)b）[1]');
      expect(parts[4]).toBe('関連: 第3章 7(1)ア(ウ)c [2]');
      expect(turn.final.textFormat).toBe('markdown');
    });

    it('carries the AI-generated label, Teams citations, the feedback buttons and the procedure button', () => {
      const entity = messageEntity(turn.final)!;
      expect(entity.additionalType).toEqual(['AIGeneratedContent']);
      expect(entity.citation.map((c: any) => [c.position, c.appearance.name])).toEqual([
        [1, '第3章 7(1)ア(ウ)b'],
        [2, '第3章 7(1)ア(ウ)c'],
      ]);
      expect(entity.citation[0].appearance.abstract).toBe(GOOD.usb.citations[0]!.quote);
      expect(turn.final.channelData).toEqual({ feedbackLoopEnabled: true });
      expect(turn.final.attachments[0].content.actions[0].data).toEqual({ action: 'procedure.start', procedure: 'carry-out' });
      // No citations or labels in the typing activities: only the final message has them.
      for (const a of turn.typing) expect(messageEntity(a)).toBeUndefined();
    });

    it('offers 「許可を申請する」 for the verified answer, and the form is built from it', async () => {
      const actions: any[] = turn.final.attachments[0].content.actions;
      expect(actions.map((a) => a.title)).toEqual(['持ち出し申請を始める', '許可を申請する']);
      const offer = actions.find((a) => a.data.action === 'approvals.offer');
      const stored = await t.bot.server.deps!.feedback.answerForMessage(turn.final.conversation.id, streamInfo(turn.final)!.streamId);
      expect(offer.data.answerId).toBe(stored!.id);
      const res = await post(t.bot.url, cardSubmit(offer.data, { expectReplies: true, conversationId: turn.final.conversation.id }));
      const facts = res.body.activities[0].attachments[0].content.body.find((b: any) => b.type === 'FactSet').facts;
      // Who approves and the clauses: the verified model answer's (its citation order, b before c).
      expect(facts).toEqual(
        expect.arrayContaining([
          { title: '申請先', value: 'データ取扱責任者' },
          { title: '根拠条項', value: '第3章 7(1)ア(ウ)b、第3章 7(1)ア(ウ)c' },
        ]),
      );
      expect(JSON.stringify(res.body.activities)).toContain(`"answerId":"${stored!.id}"`);
    });

    it('asked the model once, streaming, with the real openai client and the configured key', () => {
      const req = t.ai.requests[t.ai.requests.length - 1]!;
      expect(req.body.stream).toBe(true);
      expect(req.body.model).toBe('fake-model');
      expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(req.body.response_format?.type).toBe('json_schema');
    });

    it('stores the verified answer under the stream id, so 👍/👎 on the final message finds it', async () => {
      const streamId = streamInfo(turn.final)!.streamId as string;
      const stored = await t.bot.server.deps!.feedback.answerForMessage(turn.final.conversation.id, streamId);
      expect(stored).toMatchObject({ verdict: 'needs_permission', question: USB_Q, labels: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)c'] });
      expect(stored!.reply).toBe(turn.final.text);
      const res = await post(t.bot.url, feedbackInvoke(streamId, 'like', undefined, { serviceUrl: t.capture.serviceUrl, conversationId: turn.final.conversation.id }));
      expect(res.status).toBe(200);
      expect(logLines(t, 'feedback.stored').at(-1)).toMatchObject({ answerId: stored!.id, reaction: 'like' });
    });

    it('logs the model answer and the sent answer with one request id, never the question or the key', () => {
      const answered = logLines(t, 'llm.answer').at(-1)!;
      const sent = logLines(t, 'answer.sent').at(-1)!;
      expect(answered).toMatchObject({ mode: 'compatible', model: 'fake-model', streamed: true, verdict: 'needs_permission', activityId: turn.activityId });
      expect(sent).toMatchObject({ source: 'llm', streamed: true, cached: false, requestId: answered.requestId, answerId: answered.requestId });
      const all = JSON.stringify(t.bot.lines);
      expect(all).not.toContain('USBメモリ');
      expect(all).not.toContain('住民データ');
      expect(all).not.toContain(API_KEY);
    });
  });

  describe('verification fails before any text: the offline answer is the final message', () => {
    const cases: Array<[string, unknown, string]> = [
      [
        'a fabricated label',
        with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)e', quote: '職員等は、許可なく外部で情報処理作業を行うことができる。' }] }),
        'label_unknown',
      ],
      [
        'an altered quote',
        with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '外部に持ち出す場合には、データ取扱責任者の許可を得る必要はない' }] }),
        'quote_not_verbatim',
      ],
      ['a wrong verdict (可 on a permission clause)', with_(GOOD.usb, { verdict: 'allowed', roles: [], reply: 'はい、持ち帰って作業できます。' }), 'more_permissive_than_offline'],
      ['a wrong verdict (禁止 on a permission clause)', with_(GOOD.usb, { verdict: 'prohibited', roles: [], reply: 'いいえ、できません。' }), 'verdict_unsupported'],
      ['malformed JSON', '{"verdict":"needs_permission","roles":["データ取扱責任者"],"citations":[{"label":', 'malformed'],
    ];

    test.each(cases)('%s', async (_name, out, reason) => {
      t.model(answers(out as never, FAST));
      const turn = await ask(t, USB_Q);
      expectFinalOfStream(turn);
      // Nothing of the model's reached the chat: only the informative update before the final message.
      expect(turn.typing).toHaveLength(1);
      expectOfflineFinal(turn, USB_Q);
      const fallback = logLines(t, 'llm.fallback').at(-1)!;
      expect(fallback).toMatchObject({ reason, streamed: false, activityId: turn.activityId });
      expect(logLines(t, 'answer.sent').at(-1)).toMatchObject({ source: 'offline', fallbackReason: reason, requestId: fallback.requestId });
    });
  });

  it('verification fails after a sentence was streamed: the offline final message replaces the draft', async () => {
    t.model(answers(with_(GOOD.usb, { reply: `${FIRST_SENTENCE}でも今回は許可不要です。` }), SLOW));
    const turn = await ask(t, USB_Q);
    expectFinalOfStream(turn);
    const streaming = turn.typing.filter((a) => streamInfo(a)?.streamType === 'streaming');
    expect(streaming.map((a) => a.text)).toEqual([FIRST_SENTENCE]);
    expectOfflineFinal(turn, USB_Q);
    expect(shown(turn)).not.toContain('許可不要');
    expect(logLines(t, 'llm.fallback').at(-1)).toMatchObject({ reason: 'reply_contradicts', streamed: true });
    expect(logLines(t, 'answer.sent').at(-1)).toMatchObject({ source: 'offline', streamed: true });
    const stored = await t.bot.server.deps!.feedback.answerForMessage(turn.final.conversation.id, streamInfo(turn.final)!.streamId);
    expect(stored!.reply).toBe(offlineText(USB_Q));
  });

  test.each([
    [429, 'rate_limited'],
    [500, 'server_error'],
    [503, 'server_error'],
  ])('HTTP %i from the model → the offline answer', async (status, reason) => {
    t.model(() => ({ type: 'status', status, body: { error: { message: `status ${status}`, type: 'fake' } } }));
    const turn = await ask(t, USB_Q);
    expectFinalOfStream(turn);
    expectOfflineFinal(turn, USB_Q);
    expect(logLines(t, 'llm.fallback').at(-1)).toMatchObject({ reason, status });
  });

  it('a refusal → the offline answer', async () => {
    t.model(() => ({ type: 'refusal', refusal: 'お答えできません。' }));
    const turn = await ask(t, USB_Q);
    expectOfflineFinal(turn, USB_Q);
    expect(shown(turn)).not.toContain('お答えできません');
    expect(logLines(t, 'llm.fallback').at(-1)).toMatchObject({ reason: 'refusal' });
  });

  it('a wordless message is answered offline without asking the model or streaming', async () => {
    const before = t.ai.requests.length;
    const turn = await ask(t, '？？？');
    expect(t.ai.requests.length).toBe(before);
    expect(turn.typing).toHaveLength(0);
    expect(streamInfo(turn.final)).toBeUndefined();
    expect(messageEntity(turn.final)?.additionalType).toEqual(['AIGeneratedContent']);
    expect(turn.final.text).toBe(offlineText('？？？'));
  });
});

describe('a slow model', () => {
  const testDb = useTestDb('sqlite');
  let t: LlmBot;
  beforeAll(async () => {
    t = await startLlmBot(testDb().db, { LLM_TIMEOUT_MS: '1500', ANSWER_CACHE_SIZE: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('that never answers → timeout → the offline answer', async () => {
    t.model(() => ({ type: 'hang' }));
    const turn = await ask(t, USB_Q);
    expectFinalOfStream(turn);
    expect(turn.typing).toHaveLength(1);
    expectOfflineFinal(turn, USB_Q);
    expect(logLines(t, 'llm.fallback').at(-1)).toMatchObject({ reason: 'timeout', streamed: false });
    expect((logLines(t, 'llm.fallback').at(-1)!.durationMs as number) >= 1500).toBe(true);
  });

  it('that stalls after a streamed sentence → timeout → the offline final message replaces the draft', async () => {
    const out = JSON.stringify(GOOD.usb);
    // Stop sending just before the end of the reply: the first sentence is out, the JSON never closes.
    const chunks = Math.ceil((out.indexOf('許可を得てから') + 3) / 8);
    t.model(() => ({ type: 'content', content: out, delayMs: 600, chunkSize: 8, chunkDelayMs: 5, stallAfterChunks: chunks }));
    const turn = await ask(t, USB_Q);
    expectFinalOfStream(turn);
    expect(turn.typing.filter((a) => streamInfo(a)?.streamType === 'streaming').map((a) => a.text)).toEqual([FIRST_SENTENCE]);
    expectOfflineFinal(turn, USB_Q);
    expect(logLines(t, 'llm.fallback').at(-1)).toMatchObject({ reason: 'timeout', streamed: true });
  });
});
