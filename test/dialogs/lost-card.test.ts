// ICカード紛失: the urgent report, the stop-access task, and the follow-up (found / replaced).
import type { Effect } from '../../dialogs/types';
import { Convo, world } from './helpers/convo';

async function report(c: Convo): Promise<void> {
  await c.say('ICカードをなくしました');
  expect(c.of('confirmStart')[0]?.procedure).toBe('lost-card');
  await c.click('はい、始めます');
  await c.say('昨日の夕方');
  await c.say('帰りのバスの中');
  await c.say('わからない');
}

describe('ICカード紛失 (lost-card)', () => {
  test('free text → one confirmation → the first words before any question', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ICカードをなくしました');
    expect(c.outputs.map((o) => o.type)).toEqual(['message', 'confirmStart']);
    expect(c.outputs[0]).toMatchObject({ type: 'message', style: 'urgent', text: expect.stringContaining('統括情報セキュリティ責任者と端末装置管理責任者への通報が必要') });
    expect(c.of('confirmStart')[0]?.text).toBe('ICカード紛失の通報を一緒に始めますか？');
    await c.say('はい');
    // the urgent words were just shown; the procedure goes on without repeating them
    expect(c.outputs.map((o) => o.type)).toEqual(['message', 'question']);
    expect(c.outputs[0]).toMatchObject({ type: 'message', style: 'plain', text: expect.stringContaining('3つだけ質問します') });
    expect(c.step).toBe('lastSeenWhen');
  });

  test.each([
    ['はい、始めます', 'lastSeenWhen'],
    ['えっと、はい', 'lastSeenWhen'],
    ['お願いします！', 'lastSeenWhen'],
  ])('「%s」 to the confirmation starts it', async (reply, step) => {
    const c = new Convo(world().runner());
    await c.say('ICカードをなくしました');
    await c.say(reply);
    expect(c.step).toBe(step);
  });

  test('a new question holding はい inside a word (「今年はいつ…」) is not a yes: it is answered as a question', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ICカードをなくしました');
    await c.say('職員の健康診断って今年はいつでしたっけ');
    expect(c.last.handled).toBe(false); // handed on to the bot's question route
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, pendingStart: null });
  });

  test('submits an urgent report to 統括 and 端末装置管理責任者 and a task to stop access (7(4)ア(イ))', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await report(c);
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.roles).toEqual(['統括情報セキュリティ責任者', '端末装置管理責任者']);
    expect(s.rows).toEqual([
      { label: '最後に確認した日時', value: '昨日の夕方' },
      { label: '最後に確認した場所', value: '帰りのバスの中' },
      { label: '盗まれた可能性', value: 'わからない' },
    ]);
    await c.click('通報する');
    expect(w.delivered.map((e) => `${e.type}:${e.ref}`)).toEqual(['submit:run-1', 'task:run-1/stop-access']);
    const [submit, task] = w.delivered as [Extract<Effect, { type: 'submit' }>, Extract<Effect, { type: 'task' }>];
    expect(submit.draft).toMatchObject({
      kind: 'lost-card',
      urgent: true,
      roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
      clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'],
      details: { lastSeenWhen: '昨日の夕方', lastSeenWhere: '帰りのバスの中', stolen: 'unknown' },
    });
    expect(task).toMatchObject({
      requestRef: 'run-1',
      task: { kind: 'stop-card-access', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'], clauses: ['第3章 7(4)ア(イ)'], urgent: true, doneLabel: '停止しました', details: { cardHolder: 'u-sato' } },
    });
    expect(c.of('submitted')[0]?.tasks.map((t) => t.kind)).toEqual(['stop-card-access']);
    expect(c.of('parked')[0]?.text).toContain('7(4)ア(ウ)');
  });

  test('follow-up: found again', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await report(c);
    await c.click('通報する');
    await c.say('カードが見つかりました');
    expect(c.step).toBe('outcome');
    await c.click('見つかった');
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.clauses).toEqual(['第3章 7(4)ア(ア)c']);
    await c.say('はい');
    const follow = w.delivered.filter((e) => e.type === 'followUp');
    expect(follow).toEqual([expect.objectContaining({ ref: 'run-1/found', requestRef: 'run-1', event: expect.objectContaining({ kind: 'lost-card.found' }) })]);
    expect(w.delivered.filter((e) => e.type === 'task').map((e) => e.ref)).toEqual(['run-1/stop-access']);
    expect(c.of('notice')[0]?.text).toContain('指示に従ってください');
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, parked: [] });
  });

  test('follow-up: replacement issued and the old card handed over → a destruction task (7(4)ア(ウ))', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await report(c);
    await c.click('通報する');
    await c.click('カードのその後を報告する');
    await c.say('新しいカードを受け取った');
    expect(c.step).toBe('oldCard');
    await c.say('見つかったので渡した');
    await c.click('報告する');
    const tail = w.delivered.slice(2);
    expect(tail.map((e) => `${e.type}:${e.ref}`)).toEqual(['followUp:run-1/replaced', 'task:run-1/destroy-old-card']);
    expect(tail[0]).toMatchObject({ event: { kind: 'lost-card.replaced', oldCard: 'handedOver', clauses: ['第3章 7(4)ア(ウ)'] } });
    expect(tail[1]).toMatchObject({ task: { kind: 'destroy-old-card', roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'], doneLabel: '廃棄しました' } });
  });

  test('follow-up: replacement issued, old card still missing → no destruction task, a reminder', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await report(c);
    await c.click('通報する');
    await c.say('新しいカード');
    await c.say('新しいカードを受け取った');
    await c.say('まだ');
    await c.say('はい');
    expect(w.delivered.slice(2)).toEqual([expect.objectContaining({ type: 'followUp', event: expect.objectContaining({ oldCard: 'missing' }) })]);
    expect(c.of('notice')[0]?.text).toContain('端末装置管理責任者に渡してください');
  });

  test('cancelled before sending: says the report was not sent and that it must be made (7(4)ア(ア)c)', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'lost-card' });
    await c.say('キャンセル');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'cancelled' });
    expect(c.of('message')[0]).toMatchObject({ style: 'urgent', text: expect.stringContaining('通報はまだ送信されていません') });
    expect(w.delivered).toEqual([]);
  });

  test('"ICカード紛失" as a command starts at once, without a confirmation', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ICカード紛失');
    expect(c.outputs[0]).toMatchObject({ type: 'message', style: 'urgent' });
    expect(c.step).toBe('lastSeenWhen');
  });
});
