// The runner on the real KvStore, on SQLite and on PostgreSQL (each suite in its own database / schema):
// restart in the middle, a second instance on another connection, eTag conflicts, two people, the outbox.
import { openKvStore } from '../../storage/kv';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import type { KvStore } from '../../storage/types';
import { DialogRunner } from '../../dialogs/runner';
import type { Effect } from '../../dialogs/types';
import { Clock, Convo, fakeAnswer } from './helpers/convo';
import { GatedKv } from './helpers/memory-kv';
import { quote } from './helpers/policy-quotes';

describe.each(TEST_DIALECTS)('dialog state on %s', (dialect) => {
  const t = useTestDb(dialect);
  let kv: KvStore;
  let kv2: KvStore;
  const clock = new Clock();
  const delivered: Effect[] = [];
  let ids = 0;
  let prefix = 0;

  beforeAll(async () => {
    kv = await openKvStore(t().db);
    kv2 = await openKvStore(await t().reopen()); // a second instance: its own connection to the same database
  });

  function runner(store: KvStore, keyPrefix: string): DialogRunner {
    return new DialogRunner({
      store,
      keyPrefix,
      quote,
      ask: fakeAnswer,
      deliver: async (e) => {
        delivered.push(e);
      },
      now: clock.now,
      newId: () => `${dialect}-run-${++ids}`,
    });
  }

  /** Each test its own key space. */
  const space = () => `dialogs-${++prefix}`;

  test('a restart in the middle resumes the same step on another instance', async () => {
    const p = space();
    const a = new Convo(runner(kv, p));
    await a.send({ type: 'start', procedure: 'carry-out' });
    await a.say('USBメモリ');
    await a.say('被保険者名簿');
    await a.say('機密性2');
    expect(a.step).toBe('myNumber');

    const b = new Convo(runner(kv2, p), a.who);
    await b.say('戻る');
    expect(b.step).toBe('classification');
    expect(b.prompt.type === 'question' && b.prompt.previous).toBe('機密性2');
    await b.say('機密性3');
    await b.say('いいえ');
    await b.say('はい');
    expect(b.prompt.type === 'blocked' && b.prompt.quotes[0]?.label).toBe('第3章 7(1)ア(ウ)d');
  });

  test('eTag conflict between two instances: only one advances the step', async () => {
    const p = space();
    const first = new Convo(runner(kv, p));
    await first.send({ type: 'start', procedure: 'infection' });
    const run = (await first.runner.status(first.who)).active?.run;
    const gated = new GatedKv(kv);
    gated.arm();
    const pendingA = runner(gated, p).handle(first.who, { type: 'card', data: { dialog: 'answer', run, step: 'device', value: 'pc' } });
    await gated.waiting;
    const resB = await runner(kv2, p).handle(first.who, { type: 'card', data: { dialog: 'answer', run, step: 'device', value: 'mobile' } });
    gated.release();
    const resA = await pendingA;
    expect(resB.outputs.at(-1)).toMatchObject({ step: 'offline' });
    expect(resA.outputs[0]).toMatchObject({ type: 'notice', kind: 'conflict' });
    expect(resA.outputs.at(-1)).toMatchObject({ step: 'offline' });
    expect((await first.runner.status(first.who)).active?.step).toBe('offline');
  });

  test('two people in parallel on two instances', async () => {
    const p = space();
    const sato = new Convo(runner(kv, p), { conversationId: 'team-a', requester: { userId: 'sato' } });
    const kato = new Convo(runner(kv2, p), { conversationId: 'team-a', requester: { userId: 'kato' } });
    await Promise.all([sato.send({ type: 'start', procedure: 'lost-card' }), kato.send({ type: 'start', procedure: 'lost-card' })]);
    for (const [s, k] of [['今朝', '昨日'], ['自席', '電車'], ['いいえ', 'はい']] as const) {
      await Promise.all([sato.say(s), kato.say(k)]);
    }
    await Promise.all([sato.say('通報する'), kato.say('通報する')]);
    const mine = delivered.filter((e) => e.type === 'submit' && e.draft.kind === 'lost-card' && ['sato', 'kato'].includes(e.draft.requester.userId));
    expect(mine.map((e) => (e.type === 'submit' ? `${e.draft.requester.userId}:${String(e.draft.details.lastSeenWhere)}` : '')).sort()).toEqual(['kato:電車', 'sato:自席']);
    expect((await sato.runner.status(sato.who)).parked).toHaveLength(1);
    expect((await kato.runner.status(kato.who)).parked).toHaveLength(1);
  });

  test('the return report weeks later, after a restart, closes the record', async () => {
    const p = space();
    const a = new Convo(runner(kv, p));
    await a.send({ type: 'start', procedure: 'carry-out' });
    for (const s of ['紙の書類', '会議資料', '機密性1', 'いいえ', '〇〇町役場', '説明会', '明日']) await a.say(s);
    await a.click('申請する');
    const run = (await a.runner.status(a.who)).parked[0]?.run;
    clock.advance(20 * 24 * 3_600_000);
    const b = new Convo(runner(kv2, p), a.who);
    await b.say('持ち込み報告');
    await b.say('すべて戻しました');
    await b.say('今日');
    await b.say('報告する');
    expect(delivered.find((e) => e.type === 'followUp' && e.requestRef === run)).toMatchObject({ event: { kind: 'carry-out.returned' } });
    expect(await b.runner.status(b.who)).toMatchObject({ active: null, parked: [] });
  });
});
