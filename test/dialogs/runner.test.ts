// The runner around every procedure: commands, interruptions, expiry, persistence, concurrency, delivery.
import { DialogRunner, dialogKey } from '../../dialogs/runner';
import { readState } from '../../dialogs/state';
import { EffectRejected, type Effect } from '../../dialogs/types';
import { Convo, fakeAnswer, world } from './helpers/convo';
import { GatedKv } from './helpers/memory-kv';
import { quote } from './helpers/policy-quotes';

const HOUR = 3_600_000;

describe('commands at any step', () => {
  test.each(['キャンセル', 'やめる', 'やめます', '中止'])('「%s」 cancels', async (word) => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    await c.say('パソコン');
    await c.say(word);
    expect(c.of('notice')[0]).toMatchObject({ kind: 'cancelled', procedure: 'carry-out' });
    expect((await c.runner.status(c.who)).active).toBeNull();
  });

  test('「戻る」 at the first step says it cannot go back and asks again', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    await c.say('戻る');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'cannotGoBack' });
    expect(c.step).toBe('device');
  });

  test('「なぜ？」 quotes the step clauses verbatim (the quote function, never invented text)', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    await c.say('なぜ？');
    const why = c.of('why')[0];
    expect(why?.quotes).toEqual([quote('第3章 7(4)ア(ア)c')]);
    expect(c.outputs.at(-1)?.type).toBe('question');
  });

  test('「なぜ？」 with a quote function that knows nothing says so instead of inventing', async () => {
    const w = world({ quote: () => undefined });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    await c.say('なぜ');
    expect(c.of('why')).toEqual([]);
    expect(c.of('notice')[0]?.text).toContain('第3章 7(4)ア(ア)c');
  });

  test('「ヘルプ」 mid-flow explains the commands; with nothing in progress it is the bot’s', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ヘルプ');
    expect(c.last.handled).toBe(false);
    await c.send({ type: 'start', procedure: 'infection' });
    await c.say('ヘルプ');
    expect(c.of('notice')[0]?.text).toContain('「戻る」');
    expect(c.step).toBe('device');
  });

  test('commands with nothing in progress are answered, not treated as policy questions', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('キャンセル');
    expect(c.last.handled).toBe(true);
    expect(c.of('notice')[0]?.text).toContain('手続きはありません');
  });
});

describe('interruptions', () => {
  test('a policy question mid-flow is answered by ask(), then the same step is asked again', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    await c.say('支給パソコン');
    // a free-text step: a question is still a question
    await c.say('私物のUSBメモリを使ってもいいですか？');
    expect(w.asked).toEqual(['私物のUSBメモリを使ってもいいですか？']);
    expect(c.outputs.map((o) => o.type)).toEqual(['answer', 'question']);
    expect(c.of('answer')[0]?.answer).toEqual(fakeAnswer('私物のUSBメモリを使ってもいいですか？'));
    expect(c.step).toBe('information');
    await c.say('会議資料');
    expect(c.step).toBe('classification');
    // a choice step: a question that is not a choice
    await c.say('機密性の分類は誰が決めるの？');
    expect(w.asked).toHaveLength(2);
    expect(c.step).toBe('classification');
  });

  test('ask() failing does not break the flow', async () => {
    const w = world({ ask: () => Promise.reject(new Error('engine down')) });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    await c.say('USBは使えますか？');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'askFailed' });
    expect(c.step).toBe('items');
  });

  test('a different urgent procedure typed at a choice step: one confirmation, then it replaces the current one', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    await c.say('パソコン');
    await c.say('名簿');
    await c.say('ICカードをなくしました');
    expect(c.of('confirmStart')[0]).toMatchObject({ procedure: 'lost-card', text: expect.stringContaining('持ち出し申請」は中断') });
    await c.say('はい');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'interrupted', procedure: 'carry-out' });
    expect(c.step).toBe('lastSeenWhen');
  });

  test('declining the confirmation answers the original question instead', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ノートPCを持ち出してもいいですか？');
    expect(c.of('confirmStart')[0]?.procedure).toBe('carry-out');
    await c.click('いいえ');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'declined' });
    expect(c.of('answer')).toHaveLength(1);
    expect(w.asked).toEqual(['ノートPCを持ち出してもいいですか？']);
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, pendingStart: null });
  });

  test('declining an urgent one still answers what was said (the duty to report comes from the answer)', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ICカードをなくしました');
    await c.say('いいえ');
    expect(w.asked).toEqual(['ICカードをなくしました']);
    expect(c.outputs.map((o) => o.type)).toEqual(['notice', 'answer']);
  });

  test('typing something else after the confirmation drops it and handles the new text', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ノートPCを持ち出したい');
    await c.say('年休の申請はどうすれば？');
    expect(c.last.handled).toBe(false);
    expect((await c.runner.status(c.who)).pendingStart).toBeNull();
  });

  test('an explicit start while another procedure is in progress interrupts it (urgent: reminder that nothing was sent)', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    await c.say('今朝');
    await c.send({ type: 'card', data: { dialog: 'start', procedure: 'infection' } });
    expect(c.outputs.map((o) => o.type)).toEqual(['notice', 'message', 'message', 'message', 'question']);
    expect(c.outputs[1]).toMatchObject({ style: 'urgent', text: expect.stringContaining('通報はまだ送信されていません') });
    expect(c.outputs[2]).toMatchObject({ style: 'urgent', text: expect.stringContaining('LANケーブル') });
  });

  test('starting the same procedure again continues where it was', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    await c.say('USB');
    await c.say('持ち出し申請');
    expect(c.of('notice')[0]?.text).toContain('続きから');
    expect(c.step).toBe('information');
  });

  test('text that is not for the procedures is left to the bot', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('パスワードは何文字以上にすべき？');
    expect(c.last).toMatchObject({ handled: false, outputs: [] });
    await c.send({ type: 'card', data: { action: 'somethingElse' } });
    expect(c.last.handled).toBe(false);
  });
});

describe('invalid answers', () => {
  test('after three misses the hint mentions キャンセル', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    for (const t of ['？？', 'abc', '123456']) await c.say(t);
    const q = c.prompt;
    expect(q.type === 'question' && q.error).toContain('キャンセル');
    await c.say('パソコン');
    expect(c.step).toBe('unplugged');
  });

  test('a card answer that is not an option is re-asked', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    const run = (await c.runner.status(c.who)).active?.run;
    await c.send({ type: 'card', data: { dialog: 'answer', run, step: 'device', value: { evil: true } } });
    expect(c.prompt.type === 'question' && c.prompt.error).toBeTruthy();
    await c.send({ type: 'card', data: { dialog: 'answer', run, step: 'device', value: 'mobile' } });
    expect(c.step).toBe('offline');
  });

  test('a malformed card that claims to be ours gets a notice and the current prompt', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    await c.send({ type: 'card', data: { dialog: 'answer' } });
    expect(c.of('notice')[0]).toMatchObject({ kind: 'stale' });
    expect(c.step).toBe('device');
  });
});

describe('expiry (fake clock)', () => {
  test('an idle procedure expires after 24 h with a message, and the text is then handled normally', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    await c.say('USB');
    w.clock.advance(23 * HOUR);
    await c.say('名簿');
    expect(c.step).toBe('classification');
    w.clock.advance(24 * HOUR + 1);
    await c.say('機密性2');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'expired', text: expect.stringContaining('24時間') });
    expect(c.last.handled).toBe(false);
    expect((await c.runner.status(c.who)).active).toBeNull();
  });

  test('the idle limit is configurable; an urgent procedure reminds that nothing was sent', async () => {
    const w = world({ idleTtlMs: 2 * HOUR });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    w.clock.advance(2 * HOUR + 1);
    await c.send({ type: 'card', data: { dialog: 'answer', run: 'run-1', step: 'device', value: 'pc' } });
    expect(c.outputs[0]).toMatchObject({ type: 'notice', kind: 'expired', text: expect.stringContaining('2時間') });
    expect(c.outputs[1]).toMatchObject({ type: 'message', style: 'urgent', text: expect.stringContaining('報告はまだ送信されていません') });
    expect(c.of('notice').map((n) => n.kind)).toEqual(['expired', 'stale']);
  });

  test('a follow-up left idle goes back to waiting instead of being lost', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    for (const t of ['今朝', '自席', 'いいえ', '通報する']) await c.say(t);
    await c.say('カードが見つかった');
    expect(c.step).toBe('outcome');
    w.clock.advance(25 * HOUR);
    await c.say('見つかった');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'expired', text: expect.stringContaining('中断') });
    expect((await c.runner.status(c.who)).parked).toHaveLength(1);
  });

  test('waiting requests are closed after the parked limit', async () => {
    const w = world({ parkedTtlMs: 10 * 24 * HOUR });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    for (const t of ['今朝', '自席', 'いいえ', '通報する']) await c.say(t);
    w.clock.advance(11 * 24 * HOUR);
    await c.say('カードが見つかった');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'closed' });
    expect((await c.runner.status(c.who)).parked).toEqual([]);
  });

  test('an unanswered confirmation is forgotten after 30 minutes', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ICカードをなくした');
    w.clock.advance(31 * 60_000);
    await c.say('はい');
    expect(c.last.handled).toBe(false);
    expect((await c.runner.status(c.who)).active).toBeNull();
  });
});

describe('persistence', () => {
  test('a fresh runner (restart, or another instance) resumes the same step from storage', async () => {
    const w = world();
    const a = new Convo(w.runner());
    await a.send({ type: 'start', procedure: 'carry-out' });
    await a.say('パソコン');
    await a.say('名簿');
    const stored = w.store.raw(dialogKey('dialogs', 'conv-1', 'u-sato'));
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    expect(readState((stored as { state: unknown }).state).unreadable).toBe(false);

    const b = new Convo(w.runner(), a.who);
    await b.say('なぜ？');
    expect(b.step).toBe('classification');
    await b.say('戻る');
    expect(b.step).toBe('information');
    expect(b.prompt.type === 'question' && b.prompt.previous).toBe('名簿');
  });

  test('two people in parallel in the same conversation do not interfere', async () => {
    const w = world();
    const r1 = w.runner();
    const r2 = w.runner();
    const sato = new Convo(r1, { conversationId: 'group-1', requester: { userId: 'u-sato' } });
    const kato = new Convo(r2, { conversationId: 'group-1', requester: { userId: 'u-kato' } });
    await Promise.all([sato.send({ type: 'start', procedure: 'carry-out' }), kato.send({ type: 'start', procedure: 'infection' })]);
    await Promise.all([sato.say('USB'), kato.say('パソコン')]);
    await Promise.all([sato.say('名簿'), kato.say('抜きました')]);
    expect(sato.step).toBe('classification');
    expect(kato.step).toBe('what');
    await sato.say('キャンセル');
    expect((await kato.runner.status(kato.who)).active?.step).toBe('what');
    expect(w.store.keys().sort()).toEqual([dialogKey('dialogs', 'group-1', 'u-kato'), dialogKey('dialogs', 'group-1', 'u-sato')]);
  });

  test('concurrent messages for one person in one process are applied one after the other', async () => {
    const w = world();
    const runner = w.runner();
    const c = new Convo(runner);
    await c.send({ type: 'start', procedure: 'infection' });
    const [one, two] = await Promise.all([runner.handle(c.who, { type: 'text', text: 'パソコン' }), runner.handle(c.who, { type: 'text', text: '抜きました' })]);
    expect(one.outputs.at(-1)).toMatchObject({ step: 'unplugged' });
    expect(two.outputs.at(-1)).toMatchObject({ step: 'what' });
  });

  test('eTag conflict: two instances cannot both advance the same step', async () => {
    const w = world();
    const gated = new GatedKv(w.store);
    const first = new Convo(w.runner());
    await first.send({ type: 'start', procedure: 'carry-out' });
    await first.say('パソコン');
    await first.say('名簿');
    await first.say('機密性2'); // now at privateDevice (no media)
    const run = 'run-1';
    const click = { type: 'card' as const, data: { dialog: 'answer', run, step: 'privateDevice', value: 'no' } };
    const a = w.runner({ store: gated });
    const b = w.runner();
    gated.arm();
    const pendingA = a.handle(first.who, click); // reads, then waits at the write
    await gated.waiting;
    const resB = await b.handle(first.who, { type: 'card', data: { dialog: 'answer', run, step: 'privateDevice', value: 'yes' } });
    expect(resB.outputs.at(-1)).toMatchObject({ type: 'question', step: 'place' });
    gated.release();
    const resA = await pendingA;
    expect(resA.outputs[0]).toMatchObject({ type: 'notice', kind: 'conflict' });
    expect(resA.outputs.at(-1)).toMatchObject({ type: 'question', step: 'place' });
    // B's answer stands; A's was not applied
    const c = new Convo(w.runner(), first.who);
    await c.say('自宅');
    await c.say('研修');
    await c.say('明日');
    await c.say('暗号化');
    const s = c.prompt;
    expect(s.type === 'summary' && s.rows.find((r) => r.label === '私物機器の使用')?.value).toBe('はい');
  });

  test('eTag conflict at submission: the request is delivered once', async () => {
    const w = world();
    const gated = new GatedKv(w.store);
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    for (const t of ['その他', '警告画面', 'なし', '今']) await c.say(t);
    const confirm = { type: 'card' as const, data: { dialog: 'answer', run: 'run-1', step: 'confirm', value: 'submit' } };
    gated.arm();
    const pendingA = w.runner({ store: gated }).handle(c.who, confirm);
    await gated.waiting;
    const resB = await w.runner().handle(c.who, confirm);
    gated.release();
    const resA = await pendingA;
    expect(resB.outputs.map((o) => o.type)).toContain('submitted');
    expect(resA.outputs[0]).toMatchObject({ kind: 'conflict' });
    expect(w.delivered.filter((e) => e.type === 'submit')).toHaveLength(1);
  });

  test('a corrupt stored state is reset with a notice, never a crash', async () => {
    const w = world();
    const key = dialogKey('dialogs', 'conv-1', 'u-sato');
    w.store.setRaw(key, { state: { v: 1, active: 'garbage' } });
    const c = new Convo(w.runner());
    await c.say('ICカード紛失');
    expect(c.outputs[0]).toMatchObject({ type: 'notice', kind: 'unreadable' });
    expect(c.step).toBe('lastSeenWhen');
  });

  test('a stored snapshot the machine no longer knows ends that procedure with a notice', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    const key = dialogKey('dialogs', 'conv-1', 'u-sato');
    const raw = w.store.raw(key) as { state: { active: { snapshot: { value: unknown } } } };
    raw.state.active.snapshot.value = { report: 'renamedStep' };
    w.store.setRaw(key, raw);
    await c.say('パソコン');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'unreadable', procedure: 'infection' });
    expect((await c.runner.status(c.who)).active).toBeNull();
  });
});

test('a stored answer that no longer fits its schema is not trusted (tampered storage)', async () => {
  const w = world();
  const c = new Convo(w.runner());
  await c.send({ type: 'start', procedure: 'carry-out' });
  for (const t of ['紙', '名簿', '機密性1', 'いいえ', '自宅', '作業', '明日']) await c.say(t);
  const key = dialogKey('dialogs', 'conv-1', 'u-sato');
  const raw = w.store.raw(key) as { state: { active: { snapshot: { context: { answers: Record<string, unknown> } } } } };
  raw.state.active.snapshot.context.answers.period = 'not a period';
  w.store.setRaw(key, raw);
  await c.say('申請する');
  expect(c.of('notice')[0]).toMatchObject({ kind: 'unreadable' });
  expect(w.delivered).toEqual([]);
});

test('an unknown procedure id from the bot is not handled', async () => {
  const w = world();
  const c = new Convo(w.runner());
  await c.send({ type: 'start', procedure: 'teleport' as never });
  expect(c.last).toMatchObject({ handled: false, outputs: [] });
});

describe('delivery to the approvals workflow (outbox)', () => {
  test('a failed delivery keeps the effect stored, says so, and 「再送」 delivers it once', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    for (const t of ['今朝', '自席', 'いいえ']) await c.say(t);
    w.failDelivery.on = true;
    await c.say('通報する');
    expect(c.of('submitted')).toEqual([]);
    expect(c.outputs[0]).toMatchObject({ type: 'notice', kind: 'deliveryFailed' });
    expect(c.last.undelivered.map((e) => e.ref)).toEqual(['run-1', 'run-1/stop-access']);
    expect((await c.runner.status(c.who)).undelivered).toBe(2);

    w.failDelivery.on = false;
    await c.say('再送');
    expect(c.last.delivered.map((e: Effect) => e.ref)).toEqual(['run-1', 'run-1/stop-access']);
    expect(c.of('notice')[0]?.text).toContain('送信しました');
    expect((await c.runner.status(c.who)).undelivered).toBe(0);
    await c.say('再送');
    expect(w.delivered).toHaveLength(2);
  });

  test('flush() retries without any input; settle() closes a waiting request', async () => {
    const w = world();
    const runner = w.runner();
    const c = new Convo(runner);
    await c.send({ type: 'start', procedure: 'lost-card' });
    for (const t of ['今朝', '自席', 'いいえ']) await c.say(t);
    w.failDelivery.on = true;
    await c.say('通報する');
    w.failDelivery.on = false;
    const flushed = await runner.flush(c.who);
    expect(flushed.delivered).toHaveLength(2);
    expect(await runner.settle(c.who, 'run-1', '取り下げられた')).toEqual([expect.objectContaining({ kind: 'closed', text: expect.stringContaining('取り下げられた') })]);
    expect((await runner.status(c.who)).parked).toEqual([]);
    expect(await runner.settle(c.who, 'run-1', 'x')).toEqual([]);
  });

  test('the request id a delivery returns is passed on to the same request’s task and follow-ups', async () => {
    const seen: Effect[] = [];
    const w = world({
      deliver: async (e) => {
        seen.push(e);
        return e.type === 'submit' ? { requestId: `REQ-${e.ref}` } : undefined;
      },
    });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    for (const t of ['今朝', '自席', 'いいえ', '通報する']) await c.say(t);
    for (const t of ['カードが見つかった', '見つかった', '報告する']) await c.say(t);
    expect(seen.map((e) => [e.ref, e.type === 'submit' ? e.draft.details.dialogRef : e.requestId])).toEqual([
      ['run-1', 'run-1'],
      ['run-1/stop-access', 'REQ-run-1'],
      ['run-1/found', 'REQ-run-1'],
    ]);
  });

  test('a refused submit is not retried: the person is told, and an urgent report reminds them to report anyway', async () => {
    const seen: Effect[] = [];
    const w = world({
      deliver: async (e) => {
        seen.push(e);
        if (e.type === 'submit') throw new EffectRejected('送信先の担当者が登録されていないため、送信できませんでした。');
      },
    });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    for (const t of ['今朝', '自席', 'いいえ', '通報する']) await c.say(t);
    expect(c.outputs.slice(0, 2)).toEqual([
      { type: 'notice', kind: 'rejected', procedure: 'lost-card', text: '送信先の担当者が登録されていないため、送信できませんでした。' },
      expect.objectContaining({ type: 'message', style: 'urgent', text: expect.stringContaining('通報はまだ送信されていません') }),
    ]);
    expect(c.of('submitted')).toEqual([]);
    expect(c.of('parked')).toEqual([]);
    expect(seen.map((e) => e.ref)).toEqual(['run-1']); // its task was dropped with it
    expect(await c.runner.status(c.who)).toMatchObject({ parked: [], undelivered: 0 });
  });

  test('a refused follow-up (e.g. 持ち込み before approval) puts the request back to waiting', async () => {
    const w = world({
      deliver: async (e) => {
        if (e.type === 'followUp') throw new EffectRejected('この申請はまだ承認されていないため、持ち込みを記録できませんでした。');
      },
    });
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'carry-out' });
    for (const t of ['紙', '会議資料', '機密性1', 'いいえ', '自宅', '資料作成', '今日', '申請する']) await c.say(t);
    for (const t of ['持ち込み報告', 'すべて戻しました', '今日', '報告する']) await c.say(t);
    expect(c.outputs.map((o) => o.type)).toEqual(['notice', 'parked']);
    expect(c.outputs[0]).toMatchObject({ kind: 'rejected', text: expect.stringContaining('承認されていない') });
    expect((await c.runner.status(c.who)).parked.map((p) => p.run)).toEqual(['run-1']);
    await c.click('持ち出し申請の報告を再開する');
    expect(c.step).toBe('returnAll');
  });

  test('status() reports nothing for a newcomer', async () => {
    const w = world();
    const runner: DialogRunner = w.runner();
    expect(await runner.status({ conversationId: 'c', requester: { userId: 'nobody' } })).toEqual({ active: null, parked: [], pendingStart: null, undelivered: 0 });
  });
});
