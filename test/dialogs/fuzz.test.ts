// Nothing typed or clicked breaks the flow: seeded random conversations, with invariants checked after every turn.
import { dialogKey } from '../../dialogs/runner';
import { readState } from '../../dialogs/state';
import type { DialogInput, Effect, Output } from '../../dialogs/types';
import { Convo, world } from './helpers/convo';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'はい', 'いいえ', 'わからない', 'キャンセル', 'やめる', '戻る', 'なぜ？', 'ヘルプ', 'フォーム', '分類の定義', '再送',
  '持ち出し申請', 'ICカード紛失', '感染の疑い', 'ICカードをなくしました', 'PCがウイルスに感染したかも', 'ノートPCを持ち出したい',
  '持ち込み報告', 'カードが見つかった', '新しいカード', 'パソコン', 'スマホ', 'USBメモリ', '紙', '機密性3', '機密性2', '1', '2', '3',
  '自宅', '明日', '4月10日〜4月12日', '今日', '昨日の夕方', '申請する', '通報する', '報告する', 'すべて戻しました', '見つかった',
  '私物のUSBを使ってもいいですか？', '暗号化', 'なし', '抜きました', 'リンク', '',
];
const CHARS = ['a', 'Z', '0', ' ', '\n', '\t', '\u0000', '\u0007', '\u202e', '\ud800', '\udc00', '😀', '𠮷', 'ｶﾞ', '？', '〜', '「', '\\', '"', '<script>', '{', '}', '%s', '${x}'];

function randomText(r: () => number): string {
  const k = r();
  if (k < 0.55) return WORDS[Math.floor(r() * WORDS.length)] ?? '';
  if (k < 0.6) return 'あ'.repeat(Math.floor(r() * 20_000));
  let s = '';
  const n = Math.floor(r() * 40);
  for (let i = 0; i < n; i++) s += CHARS[Math.floor(r() * CHARS.length)] ?? '';
  return s;
}

const WEIRD_VALUES: unknown[] = [null, 0, -1, 1e308, true, '', 'x'.repeat(5000), [], [1, 2], {}, { a: { b: [] } }, 'pc,pc,media', '2026-02-30', '__proto__', ['yes', 'no']];

function randomCard(r: () => number, buttons: { data: unknown }[]): unknown {
  const k = r();
  const b = buttons[Math.floor(r() * buttons.length)];
  if (b && k < 0.55) {
    const data = { ...(b.data as Record<string, unknown>) };
    if (r() < 0.5) data.value = WEIRD_VALUES[Math.floor(r() * WEIRD_VALUES.length)];
    if (r() < 0.3) {
      data.from = randomText(r);
      data.until = WEIRD_VALUES[Math.floor(r() * WEIRD_VALUES.length)];
    }
    if (r() < 0.1) data.run = 'run-999';
    if (r() < 0.1) data.step = 'nope';
    return data;
  }
  if (b && k < 0.75) return b.data;
  const dialogs = ['start', 'confirmStart', 'answer', 'form', 'command', 'resume', 'bogus', 42];
  return {
    dialog: dialogs[Math.floor(r() * dialogs.length)],
    run: r() < 0.5 ? 'run-1' : WEIRD_VALUES[Math.floor(r() * WEIRD_VALUES.length)],
    procedure: ['carry-out', 'lost-card', 'infection', 'x'][Math.floor(r() * 4)],
    command: ['cancel', 'back', 'why', 'info', 'help', 'form', 'retry', 'rm -rf'][Math.floor(r() * 8)],
    accept: r() < 0.5,
    step: 'items',
    value: WEIRD_VALUES[Math.floor(r() * WEIRD_VALUES.length)],
  };
}

const WAITING = new Set(['question', 'form', 'summary', 'blocked', 'confirmStart', 'pickRun']);

function assertOutputs(outputs: Output[]): void {
  expect(Array.isArray(outputs)).toBe(true);
  expect(JSON.parse(JSON.stringify(outputs))).toEqual(outputs);
  for (const o of outputs) {
    if ('text' in o) {
      expect(typeof o.text).toBe('string');
      expect(o.text).not.toContain('undefined');
    }
  }
}

describe('fuzz', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: 300 random turns', async (seed) => {
    const r = rng(seed);
    const w = world({ ask: () => (r() < 0.1 ? Promise.reject(new Error('x')) : { verdict: 'allowed', roles: [], citations: [], reply: 'ok', procedure: null, inputNotice: null }) });
    const c = new Convo(w.runner());
    const key = dialogKey('dialogs', 'conv-1', 'u-sato');
    for (let i = 0; i < 300; i++) {
      const k = r();
      let input: DialogInput;
      const last = c.outputs.at(-1);
      const answers = last && 'choices' in last && last.choices ? last.choices : [];
      if (k < 0.06) input = { type: 'start', procedure: (['carry-out', 'lost-card', 'infection'] as const)[Math.floor(r() * 3)] ?? 'infection' };
      else if (k < 0.4 && answers.length > 0) input = { type: 'card', data: answers[Math.floor(r() * answers.length)]?.data };
      else if (k < 0.4 && last?.type === 'question' && last.submit) {
        const v = last.fields?.[0]?.options?.[0]?.value ?? '明日';
        input = { type: 'card', data: { ...last.submit.data, value: v, from: '明日', until: '明後日' } };
      } else if (k < 0.6) input = { type: 'card', data: randomCard(r, c.buttons()) };
      else input = { type: 'text', text: randomText(r) };
      if (r() < 0.03) w.clock.advance(25 * 3_600_000);
      w.failDelivery.on = r() < 0.1;
      await c.send(input);
      assertOutputs(c.outputs);
      const stored = (w.store.raw(key) as { state?: unknown } | undefined)?.state;
      if (stored !== undefined) expect(readState(stored).unreadable).toBe(false);
      const status = await c.runner.status(c.who);
      if (status.active) {
        expect(c.last.handled).toBe(true);
        expect(WAITING.has(c.outputs.at(-1)?.type ?? '')).toBe(true);
      }
    }
    // every request is delivered at most once per ref (duplicates only by retry after failure are allowed to be idempotent)
    const refs = w.delivered.map((e: Effect) => e.ref);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
