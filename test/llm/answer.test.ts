// answerWithLlm through the real openai client against a local fake server (no key, no internet).
import { answerWithLlm, PROGRESS_TEXT, type LlmDeps } from '../../knowledge/llm/answer';
import { createLlmClient } from '../../knowledge/llm/client';
import { readLlmConfig } from '../../knowledge/llm/config';
import type { LlmLogEntry } from '../../knowledge/llm/log';
import { createFakeEngine, OFFLINE_MARK } from './support/fakeEngine';
import { readPrompt, startFakeOpenAi, type FakeOpenAi } from './support/fakeOpenAi';
import { CARD_Q, captureLog, expectCorrectCitedAnswer, GOOD, json, llmFor, LUNCH_Q, PASSWORD_Q, USB_Q, with_ } from './support/outputs';

let server: FakeOpenAi;
const allLogs: LlmLogEntry[] = [];
const engine = createFakeEngine();

beforeAll(async () => { server = await startFakeOpenAi(); });
afterAll(async () => {
  await server.close();
});

function deps(env: Record<string, string> = {}): LlmDeps & { entries: LlmLogEntry[] } {
  const { log, entries } = captureLog();
  return { engine, llm: llmFor(server, env), log: (e) => { allLogs.push(e); log(e); }, entries };
}

describe('offline mode', () => {
  test('no model configured: the offline answer, unchanged, and no request', async () => {
    const before = server.requests.length;
    const r = await answerWithLlm(USB_Q, { engine, llm: createLlmClient(readLlmConfig({})) });
    expect(r).toEqual({ answer: engine.answer(USB_Q), source: 'offline', streamed: false });
    expect(r.fallbackReason).toBeUndefined();
    expect(server.requests.length).toBe(before);
  });
});

describe('a good model answer', () => {
  test('is used, with verified citations and a composed reply', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.usb) }));
    const d = deps();
    const progress: string[] = [];
    const r = await answerWithLlm(USB_Q, d, { onProgress: (t) => progress.push(t) });
    expect(r.source).toBe('llm');
    expect(r.fallbackReason).toBeUndefined();
    expect(r.explanation).toBe(GOOD.usb.reply);
    expect(progress).toEqual([PROGRESS_TEXT]);
    expectCorrectCitedAnswer(r.answer, engine, 'needs_permission', ['データ取扱責任者']);
    expect(r.answer.citations.map((c) => c.label)).toEqual(['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)c']);
    expect(r.answer.reply.split('\n')).toEqual([
      `【許可が必要】${GOOD.usb.reply}`,
      `根拠：第3章 7(1)ア(ウ)b「${GOOD.usb.citations[0]!.quote}」`,
      `根拠：第3章 7(1)ア(ウ)c「${GOOD.usb.citations[1]!.quote}」`,
    ]);
    expect(r.answer.reply).not.toContain(OFFLINE_MARK);
    expect(d.entries).toEqual([expect.objectContaining({ level: 'info', event: 'llm.answer', mode: 'compatible', verdict: 'needs_permission' })]);
  });

  test('the request: model, strict structured output, the question and retrieved clauses only', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.usb) }));
    await answerWithLlm(USB_Q, deps());
    const req = server.requests[server.requests.length - 1]!;
    expect(req.body.model).toBe('fake-model');
    expect(req.body.stream).toBeFalsy();
    expect(req.body.response_format?.type).toBe('json_schema');
    expect(req.body.response_format?.json_schema).toMatchObject({ name: 'policy_answer', strict: true });
    const schema = req.body.response_format!.json_schema!.schema as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(['verdict', 'roles', 'citations', 'reply']);
    expect(schema.additionalProperties).toBe(false);
    const p = readPrompt(req);
    expect(p.question).toBe(USB_Q);
    expect(p.labels).toEqual(engine.retrieve(USB_Q).map((r) => r.clause.label));
    for (const label of p.labels) expect(p.texts.get(label)).toBe(engine.clause(label)!.text);
    // Clauses that retrieval did not find are not in the prompt.
    expect(p.user).not.toContain(engine.clause('第3章 7(4)ウ(ケ)')!.text);
    expect(req.body.messages).toHaveLength(2);
  });

  test('roles the model’s text leaves out are added from the verified answer', async () => {
    server.setHandler(() => ({ type: 'content', content: json(with_(GOOD.card, { reply: 'すぐに連絡し、指示に従ってください。' })) }));
    const r = await answerWithLlm(CARD_Q, deps());
    expect(r.source).toBe('llm');
    expect(r.answer.reply).toContain('報告先：統括情報セキュリティ責任者と端末装置管理責任者');
  });

  test('keeps the offline procedure and input notice', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.card) }));
    const r = await answerWithLlm(CARD_Q, deps());
    expect(r.source).toBe('llm');
    expect(r.answer.procedure).toBe('lost-card');
    expect(r.answer.reply).toContain('「ICカード紛失」の手続きをこのチャットでご案内できます。');
    expect(r.answer.reply).not.toContain('報告先：'); // the model's text names both
    expectCorrectCitedAnswer(r.answer, engine, 'must_report', ['統括情報セキュリティ責任者', '端末装置管理責任者']);
  });

  test('an Azure OpenAI deployment is called the Azure way', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.usb) }));
    const config = readLlmConfig({ AZURE_OPENAI_ENDPOINT: server.origin, AZURE_OPENAI_DEPLOYMENT: 'policy-gpt', AZURE_OPENAI_API_KEY: 'azure-key-1' });
    const r = await answerWithLlm(USB_Q, { engine, llm: createLlmClient(config), log: () => {} });
    expect(r.source).toBe('llm');
    const req = server.requests[server.requests.length - 1]!;
    expect(req.url).toBe('/openai/deployments/policy-gpt/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe('azure-key-1');
  });

  test('Azure with an Entra token sends it as a bearer token', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.usb) }));
    const config = readLlmConfig({ AZURE_OPENAI_ENDPOINT: server.origin, AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_AD_TOKEN: 'entra-token-1' });
    const r = await answerWithLlm(USB_Q, { engine, llm: createLlmClient(config), log: () => {} });
    expect(r.source).toBe('llm');
    expect(server.requests[server.requests.length - 1]!.headers.authorization).toBe('Bearer entra-token-1');
  });
});

describe('falls back to the offline answer', () => {
  const cases: Array<[string, () => import('./support/fakeOpenAi').FakeReply, string]> = [
    ['a fabricated label', () => ({ type: 'content', content: json(with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)x', quote: GOOD.usb.citations[0]!.quote }] })) }), 'label_unknown'],
    ['a clause retrieval did not find', () => ({ type: 'content', content: json(with_(GOOD.usb, { citations: [{ label: '第3章 7(4)ウ(ケ)', quote: '職員等間でパスワードを共有してはならない。' }] })) }), 'label_not_retrieved'],
    ['an altered quote', () => ({ type: 'content', content: json(with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '外部に持ち出す場合には、データ取扱責任者に報告すればよい' }] })) }), 'quote_not_verbatim'],
    ['a wrong verdict', () => ({ type: 'content', content: json(with_(GOOD.usb, { verdict: 'prohibited', roles: [] })) }), 'verdict_unsupported'],
    ['allowed where the policy asks for permission', () => ({ type: 'content', content: json(with_(GOOD.usb, { verdict: 'allowed', roles: [] })) }), 'more_permissive_than_offline'],
    ['a role no cited clause names', () => ({ type: 'content', content: json(with_(GOOD.usb, { roles: ['CISO'] })) }), 'role_not_in_clause'],
    ['a reply citing an unverified label', () => ({ type: 'content', content: json(with_(GOOD.usb, { reply: '第3章 9(4)イにより、許可が必要です。' })) }), 'reply_label'],
    ['malformed JSON', () => ({ type: 'content', content: '{"verdict": "needs_permission", "roles": [' }), 'malformed'],
    ['not JSON at all', () => ({ type: 'content', content: 'はい、大丈夫です。' }), 'malformed'],
    ['JSON of the wrong shape', () => ({ type: 'content', content: json({ verdict: 'maybe', roles: [], citations: [], reply: 'x' }) }), 'malformed'],
    ['a missing field', () => ({ type: 'content', content: json({ verdict: 'needs_permission', roles: ['データ取扱責任者'], citations: GOOD.usb.citations }) }), 'malformed'],
    ['a refusal', () => ({ type: 'refusal', refusal: 'I can’t help with that.' }), 'refusal'],
    ['a cut-off answer', () => ({ type: 'content', content: json(GOOD.usb), finishReason: 'length' }), 'truncated'],
    ['a content filter', () => ({ type: 'content', content: json(GOOD.usb), finishReason: 'content_filter' }), 'content_filter'],
    ['HTTP 429', () => ({ type: 'status', status: 429, body: { error: { message: 'Rate limit reached', type: 'requests' } } }), 'rate_limited'],
    ['HTTP 500', () => ({ type: 'status', status: 500 }), 'server_error'],
    ['HTTP 503', () => ({ type: 'status', status: 503 }), 'server_error'],
    ['HTTP 401', () => ({ type: 'status', status: 401 }), 'api_error'],
    ['HTTP 400', () => ({ type: 'status', status: 400 }), 'api_error'],
    ['an empty completion', () => ({ type: 'content', content: '' }), 'malformed'],
  ];

  test.each(cases)('%s', async (_name, reply, reason) => {
    server.setHandler(reply);
    const d = deps();
    const before = server.requests.length;
    const r = await answerWithLlm(USB_Q, d);
    expect(r.source).toBe('offline');
    expect(r.fallbackReason).toBe(reason);
    expect(r.answer).toEqual(engine.answer(USB_Q));
    expectCorrectCitedAnswer(r.answer, engine, 'needs_permission', ['データ取扱責任者']);
    expect(server.requests.length - before).toBe(1); // no retries by default
    expect(d.entries).toEqual([expect.objectContaining({ level: 'warn', event: 'llm.fallback', reason })]);
  });

  test('a slow model: timeout', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.usb), delayMs: 3000 }));
    const d = deps({ LLM_TIMEOUT_MS: '300' });
    const r = await answerWithLlm(USB_Q, d);
    expect(r).toMatchObject({ source: 'offline', fallbackReason: 'timeout' });
    expectCorrectCitedAnswer(r.answer, engine, 'needs_permission', ['データ取扱責任者']);
  });

  test('a model that never answers: timeout', async () => {
    server.setHandler(() => ({ type: 'hang' }));
    const r = await answerWithLlm(PASSWORD_Q, deps({ LLM_TIMEOUT_MS: '300' }));
    expect(r).toMatchObject({ source: 'offline', fallbackReason: 'timeout' });
    expectCorrectCitedAnswer(r.answer, engine, 'prohibited');
  });

  test('the caller cancels: aborted', async () => {
    server.setHandler(() => ({ type: 'hang' }));
    const controller = new AbortController();
    const pending = answerWithLlm(USB_Q, deps(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ source: 'offline', fallbackReason: 'aborted' });
    const already = new AbortController();
    already.abort();
    const before = server.requests.length;
    expect(await answerWithLlm(USB_Q, deps(), { signal: already.signal })).toMatchObject({ source: 'offline', fallbackReason: 'aborted' });
    expect(server.requests.length).toBe(before);
  });

  test('nothing listens: connection_error', async () => {
    const gone = await startFakeOpenAi();
    const llm = llmFor(gone);
    await gone.close();
    const r = await answerWithLlm(USB_Q, { engine, llm, log: () => {} });
    expect(r).toMatchObject({ source: 'offline', fallbackReason: 'connection_error' });
  });

  test('with LLM_MAX_RETRIES, a 500 then a good answer succeeds within the deadline', async () => {
    const start = server.requests.length;
    server.setHandler((_req, i) => (i === start ? { type: 'status', status: 500 } : { type: 'content', content: json(GOOD.usb) }));
    const r = await answerWithLlm(USB_Q, deps({ LLM_MAX_RETRIES: '1' }));
    expect(r.source).toBe('llm');
    expect(server.requests.length - start).toBe(2);
  });

  test('empty input and questions retrieval finds nothing for skip the model', async () => {
    const before = server.requests.length;
    const empty = deps();
    expect(await answerWithLlm('   ', empty)).toMatchObject({ source: 'offline', fallbackReason: 'input_notice' });
    expect(empty.entries[0]).toMatchObject({ level: 'info', event: 'llm.skip' });
    expect(await answerWithLlm('今日の天気は？', deps())).toMatchObject({ source: 'offline', fallbackReason: 'no_clauses' });
    expect(server.requests.length).toBe(before);
  });

  test('not_covered is taken from the model only when offline agrees', async () => {
    const nc = { verdict: 'not_covered', roles: [], citations: [], reply: '情報セキュリティポリシーには定めがありません。総務課にお尋ねください。' };
    server.setHandler(() => ({ type: 'content', content: json(nc) }));
    const agreed = await answerWithLlm(LUNCH_Q, deps());
    expect(agreed.source).toBe('llm');
    expect(agreed.answer.verdict).toBe('not_covered');
    const disagreed = await answerWithLlm(USB_Q, deps());
    expect(disagreed).toMatchObject({ source: 'offline', fallbackReason: 'not_covered_unconfirmed' });
  });

  test('a throwing logger or progress callback changes nothing', async () => {
    server.setHandler(() => ({ type: 'content', content: json(GOOD.usb) }));
    const r = await answerWithLlm(USB_Q, { engine, llm: llmFor(server), log: () => { throw new Error('disk full'); } }, { onProgress: () => { throw new Error('boom'); } });
    expect(r.source).toBe('llm');
  });
});

describe('logs', () => {
  test('carry reason codes, never the question, the reply or a key', () => {
    expect(allLogs.length).toBeGreaterThan(20);
    const text = JSON.stringify(allLogs);
    for (const secret of [USB_Q, PASSWORD_Q, CARD_Q, LUNCH_Q, GOOD.usb.reply, 'azure-key-1', 'entra-token-1', 'USBメモリ']) {
      expect(text).not.toContain(secret);
    }
    for (const e of allLogs) expect(Object.keys(e).every((k) => ['level', 'event', 'mode', 'model', 'requestId', 'reason', 'detail', 'status', 'error', 'durationMs', 'streamed', 'verdict', 'citations'].includes(k))).toBe(true);
  });
});
