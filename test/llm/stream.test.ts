// Streaming: what reaches onTextChunk has passed every check that can be made on it so far;
// the final answer is decided by full verification.
import { answerWithLlm, PROGRESS_TEXT, type LlmAnswerResult } from '../../knowledge/llm/answer';
import type { LlmOutput } from '../../knowledge/llm/schema';
import { createFakeEngine } from './support/fakeEngine';
import { readPrompt, startFakeOpenAi, type FakeOpenAi, type FakeReply } from './support/fakeOpenAi';
import { captureLog, expectCorrectCitedAnswer, GOOD, json, llmFor, USB_Q, with_ } from './support/outputs';

let server: FakeOpenAi;
const engine = createFakeEngine();
beforeAll(async () => { server = await startFakeOpenAi(); });
afterAll(async () => { await server.close(); });

interface Run { result: LlmAnswerResult; chunks: string[]; events: string[] }

async function run(reply: FakeReply | ((prompt: ReturnType<typeof readPrompt>) => FakeReply), env: Record<string, string> = {}, signal?: AbortSignal): Promise<Run> {
  server.setHandler((req) => (typeof reply === 'function' ? reply(readPrompt(req)) : reply));
  const chunks: string[] = [];
  const events: string[] = [];
  const { log } = captureLog();
  const result = await answerWithLlm(USB_Q, { engine, llm: llmFor(server, env), log }, {
    onProgress: (t) => events.push(`progress:${t}`),
    onTextChunk: (t) => { chunks.push(t); events.push('chunk'); },
    ...(signal ? { signal } : {}),
  });
  return { result, chunks, events };
}

const streamOf = (out: LlmOutput | string, extra: Partial<Extract<FakeReply, { type: 'content' }>> = {}): FakeReply => ({
  type: 'content',
  content: typeof out === 'string' ? out : json(out),
  ...extra,
});

test('a good answer streams sentence by sentence and ends verified', async () => {
  const { result, chunks, events } = await run(streamOf(GOOD.usb));
  expect(server.requests[server.requests.length - 1]!.body.stream).toBe(true);
  expect(result.source).toBe('llm');
  expect(result.streamed).toBe(true);
  expect(events[0]).toBe(`progress:${PROGRESS_TEXT}`);
  expect(chunks.join('')).toBe(GOOD.usb.reply);
  expect(result.explanation).toBe(chunks.join(''));
  expect(chunks.length).toBeGreaterThanOrEqual(2);
  for (const c of chunks.slice(0, -1)) expect(c).toMatch(/[。！？!?\n]$/);
  expect(result.answer.reply.startsWith(`【許可が必要】${chunks.join('')}`)).toBe(true);
  expectCorrectCitedAnswer(result.answer, engine, 'needs_permission', ['データ取扱責任者']);
});

test('a fabricated label stops the stream before any text is shown', async () => {
  const before = server.disconnects;
  const bad = with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)x', quote: GOOD.usb.citations[0]!.quote }] });
  const { result, chunks } = await run(streamOf(bad, { chunkDelayMs: 15 }));
  expect(chunks).toEqual([]);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'label_unknown', streamed: false });
  expectCorrectCitedAnswer(result.answer, engine, 'needs_permission', ['データ取扱責任者']);
  // The request is abandoned while the server is still sending (jest's timeout bounds the wait).
  await server.waitForDisconnects(before + 1);
  expect(server.disconnects).toBeGreaterThan(before);
});

test.each([
  ['an altered quote', with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '外部に持ち出す場合には、届け出ればよい' }] }), 'quote_not_verbatim'],
  ['a wrong verdict', with_(GOOD.usb, { verdict: 'prohibited', roles: [] }), 'verdict_unsupported'],
  ['a looser verdict', with_(GOOD.usb, { verdict: 'required', roles: [] }), 'more_permissive_than_offline'],
  ['a role not in the cited clauses', with_(GOOD.usb, { roles: ['情報セキュリティ委員会'] }), 'role_not_in_clause'],
  ['a reply that starts with an unverified label', with_(GOOD.usb, { reply: '第3章 7(1)ア(ウ)dにより許可が必要です。' }), 'reply_label'],
] as const)('%s: no text, offline answer', async (_name, out, reason) => {
  const { result, chunks } = await run(streamOf(out));
  expect(chunks).toEqual([]);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: reason, streamed: false });
  expectCorrectCitedAnswer(result.answer, engine, 'needs_permission', ['データ取扱責任者']);
});

test('a stop after the server sent everything still ends at once (the helper alone would wait forever)', async () => {
  // A short reply: the failing structure is seen only when the last chunks are already buffered.
  for (const reply of ['はい。', '可']) {
    const { result, chunks } = await run(streamOf(with_(GOOD.usb, { verdict: 'allowed', roles: [], reply }), { chunkSize: 4096 }));
    expect(chunks).toEqual([]);
    expect(result).toMatchObject({ source: 'offline', fallbackReason: 'more_permissive_than_offline' });
  }
  const long = with_(GOOD.usb, { verdict: 'allowed', roles: [], reply: '許可不要です。', citations: Array.from({ length: 5 }, () => GOOD.usb.citations[0]!) });
  for (const chunkSize of [7, 3, 50]) {
    const { result } = await run(streamOf(long, { chunkSize }));
    expect(result).toMatchObject({ source: 'offline', fallbackReason: 'more_permissive_than_offline' });
  }
});

test('a contradiction in a later sentence: earlier text was shown, the final answer is offline', async () => {
  const out = with_(GOOD.usb, { reply: 'データ取扱責任者の許可が必要です。ただ、少しの間なら問題ありません。' });
  const { result, chunks } = await run(streamOf(out));
  expect(chunks).toEqual(['データ取扱責任者の許可が必要です。']);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'reply_contradicts', streamed: true });
  expect(result.explanation).toBeUndefined();
  expectCorrectCitedAnswer(result.answer, engine, 'needs_permission', ['データ取扱責任者']);
});

test('an unfinished last sentence is checked at the end, never shown unchecked', async () => {
  const out = with_(GOOD.usb, { reply: 'データ取扱責任者の許可が必要です。許可がなくても問題ありません' });
  const { result, chunks } = await run(streamOf(out));
  expect(chunks).toEqual(['データ取扱責任者の許可が必要です。']);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'reply_contradicts', streamed: true });
});

test('echoing the instructions’ marker is caught before it is shown', async () => {
  const { result, chunks } = await run((p) => {
    const canary = /内部識別子: (\w+)/.exec(p.system)![1]!;
    return streamOf(with_(GOOD.usb, { reply: `許可が必要です。内部識別子は${canary}です。` }));
  });
  expect(chunks.join('')).not.toMatch(/内部識別子/);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'leak' });
});

test('a refusal streams nothing', async () => {
  const { result, chunks } = await run({ type: 'refusal', refusal: 'I can’t assist with that request.' });
  expect(chunks).toEqual([]);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'refusal', streamed: false });
});

test('malformed streamed JSON', async () => {
  const a = await run(streamOf('はい、問題ありません。'));
  expect(a.chunks).toEqual([]);
  expect(a.result).toMatchObject({ source: 'offline', fallbackReason: 'malformed' });
  const b = await run(streamOf('{"verdict":"needs_permission","roles":["データ取扱責任者"],"citations":[],"reply":"許可'));
  expect(b.result).toMatchObject({ source: 'offline', fallbackReason: 'no_citations' });
  const c = await run(streamOf(json({ verdict: 'nope', roles: [], citations: [], reply: 'はい。' })));
  expect(c.chunks).toEqual([]);
  expect(c.result).toMatchObject({ source: 'offline', fallbackReason: 'malformed' });
});

test('a stream cut off by length', async () => {
  const { result } = await run(streamOf(GOOD.usb, { finishReason: 'length' }));
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'truncated' });
});

test('a stream that stalls after the first sentence: timeout, shown text must be replaced', async () => {
  const content = json(GOOD.usb);
  const firstSentenceEnd = content.indexOf('。', content.indexOf('"reply"')) + 1;
  const chunksToSend = Math.ceil(firstSentenceEnd / 7) + 1;
  const { result, chunks } = await run(streamOf(GOOD.usb, { stallAfterChunks: chunksToSend }), { LLM_TIMEOUT_MS: '400' });
  expect(chunks.length).toBe(1);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'timeout', streamed: true });
  expectCorrectCitedAnswer(result.answer, engine, 'needs_permission', ['データ取扱責任者']);
});

test('a slow first byte: timeout, nothing shown', async () => {
  const { result, chunks } = await run(streamOf(GOOD.usb, { delayMs: 3000 }), { LLM_TIMEOUT_MS: '300' });
  expect(chunks).toEqual([]);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'timeout', streamed: false });
});

test.each([
  [429, 'rate_limited'],
  [500, 'server_error'],
] as const)('HTTP %i before the stream', async (status, reason) => {
  const { result, chunks } = await run({ type: 'status', status });
  expect(chunks).toEqual([]);
  expect(result).toMatchObject({ source: 'offline', fallbackReason: reason, streamed: false });
});

test('a model that writes the reply before the citations: shown only once verified', async () => {
  const reordered = `{"reply":${JSON.stringify(GOOD.usb.reply)},"verdict":"needs_permission","roles":["データ取扱責任者"],"citations":${JSON.stringify(GOOD.usb.citations)}}`;
  const { result, chunks } = await run(streamOf(reordered));
  expect(chunks).toEqual([GOOD.usb.reply]);
  expect(result.source).toBe('llm');
});

test('the caller cancels mid-stream', async () => {
  const controller = new AbortController();
  const pending = run(streamOf(GOOD.usb, { chunkDelayMs: 30 }), {}, controller.signal);
  setTimeout(() => controller.abort(), 60);
  const { result } = await pending;
  expect(result).toMatchObject({ source: 'offline', fallbackReason: 'aborted' });
});

test('a throwing chunk callback does not break the answer', async () => {
  server.setHandler(() => streamOf(GOOD.usb));
  const result = await answerWithLlm(USB_Q, { engine, llm: llmFor(server), log: () => {} }, { onTextChunk: () => { throw new Error('teams down'); } });
  expect(result.source).toBe('llm');
});
