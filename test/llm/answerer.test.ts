// createAnswerer: what the `ask` command (and its batch mode, which score.mjs runs) uses.
import { createAnswerer } from '../../knowledge/llm/answerer';
import { LlmConfigError } from '../../knowledge/llm/config';
import { createFakeEngine } from './support/fakeEngine';
import { startFakeOpenAi, type FakeOpenAi } from './support/fakeOpenAi';
import { captureLog, expectCorrectCitedAnswer, GOOD, json, PASSWORD_Q, USB_Q } from './support/outputs';

let server: FakeOpenAi;
beforeAll(async () => { server = await startFakeOpenAi(); });
afterAll(async () => { await server.close(); });

test('no settings: the offline engine, answer for answer', async () => {
  const engine = createFakeEngine();
  const answer = createAnswerer(engine, {});
  expect(answer.mode).toBe('offline');
  expect(answer.description).toBe('offline');
  for (const q of [USB_Q, PASSWORD_Q, '', '会議室の予約']) expect(await answer(q)).toEqual(engine.answer(q));
  expect(engine.retrieveCalls).toBe(0);
});

test('LLM_MODE=off measures the offline reference even with a model configured', async () => {
  const before = server.requests.length;
  const engine = createFakeEngine();
  const answer = createAnswerer(engine, { OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'm', LLM_MODE: 'off' });
  expect(answer.mode).toBe('offline');
  expect(await answer(USB_Q)).toEqual(engine.answer(USB_Q));
  expect(server.requests.length).toBe(before);
});

test('a configured model: verified model answers, offline where it fails', async () => {
  server.setHandler((req) => {
    const user = req.body.messages?.[1]?.content ?? '';
    return user.includes('USBメモリ') ? { type: 'content', content: json(GOOD.usb) } : { type: 'status', status: 500 };
  });
  const engine = createFakeEngine();
  const { log, entries } = captureLog();
  const answer = createAnswerer(engine, { OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'local-model', OPENAI_API_KEY: 'k-1' }, { log });
  expect(answer.mode).toBe('compatible');
  expect(answer.description).toContain('model=local-model');
  expect(answer.description).not.toContain('k-1');
  const usb = await answer(USB_Q);
  expectCorrectCitedAnswer(usb, engine, 'needs_permission', ['データ取扱責任者']);
  expect(usb.reply.startsWith(`【許可が必要】${GOOD.usb.reply}`)).toBe(true);
  const pw = await answer(PASSWORD_Q);
  expect(pw).toEqual(engine.answer(PASSWORD_Q));
  expect(entries.map((e) => e.reason ?? e.event)).toEqual(['llm.answer', 'server_error']);
  expect(server.requests[server.requests.length - 1]!.headers.authorization).toBe('Bearer k-1');
});

test('invalid settings stop the command with the variable’s name', () => {
  expect(() => createAnswerer(createFakeEngine(), { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' })).toThrow(LlmConfigError);
  expect(() => createAnswerer(createFakeEngine(), { LLM_TIMEOUT_MS: 'soon' })).toThrow(/LLM_TIMEOUT_MS/);
});
