// 感染の疑い: the bold first words before anything else, then the urgent report.
import type { Effect } from '../../dialogs/types';
import { Convo, world } from './helpers/convo';

const FIRST = 'パソコンなら今すぐLANケーブルを抜く\nスマホ・タブレットなら直ちに使用をやめ通信をオフにする';

const submitsOf = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'submit' }> => e.type === 'submit');

describe('感染の疑い (infection)', () => {
  test.each([
    ['button', { type: 'start', procedure: 'infection' } as const],
    ['command', { type: 'text', text: '感染の疑い' } as const],
    ['card', { type: 'card', data: { dialog: 'start', procedure: 'infection' } } as const],
  ])('started by %s: the very first output is the bold instruction', async (_how, input) => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send(input);
    expect(c.outputs[0]).toEqual({ type: 'message', style: 'urgent', text: FIRST });
    expect(c.outputs[1]).toMatchObject({ type: 'message', text: expect.stringContaining('第3章 8(4)ウ(キ)') });
    expect(c.step).toBe('device');
  });

  test('recognised from free text: the instruction comes before the confirmation question', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('PCがウイルスに感染したかも');
    expect(c.outputs.map((o) => o.type)).toEqual(['message', 'confirmStart']);
    expect(c.outputs[0]).toEqual({ type: 'message', style: 'urgent', text: FIRST });
    await c.click('はい、始めます');
    expect(c.outputs.map((o) => o.type)).toEqual(['message', 'question']);
    expect(c.outputs[0]).toMatchObject({ style: 'plain', text: expect.stringContaining('8(4)ウ(キ)') });
  });

  test('PC: LAN cable, what happened, when → urgent report to データ取扱責任者 and 統一的な窓口', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    await c.click('パソコン');
    expect(c.step).toBe('unplugged');
    await c.say('抜きました');
    expect(c.step).toBe('what');
    await c.say('添付ファイルを開いて、そのあと警告が出た');
    expect(c.step).toBe('detail');
    await c.say('件名「請求書の件」のメール');
    await c.say('今日の10時ごろ');
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.roles).toEqual(['データ取扱責任者', '統一的な窓口']);
    expect(s.clauses).toEqual(['第3章 8(4)ウ(キ)a', '第3章 7(3)ア(ア)']);
    await c.click('報告する');
    const [submit] = submitsOf(w.delivered);
    expect(submit?.draft).toMatchObject({
      kind: 'infection',
      urgent: true,
      title: '感染の疑いの報告（パソコン）',
      roles: ['データ取扱責任者', '統一的な窓口'],
      details: { device: 'pc', unplugged: 'done', what: ['attachment', 'popup'], when: '今日の10時ごろ' },
    });
    expect(submit?.draft.details.expects).toEqual([{ kind: 'infection.evaluated', by: ['CSIRT'], clauses: ['第3章 7(3)ウ(ア)'] }]);
    expect(c.of('notice')[0]).toMatchObject({ kind: 'done', text: expect.stringContaining('CSIRT') });
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, parked: [] });
  });

  test('smartphone: asks to stop using it and turn communication off (8(4)ウ(キ)b); "not yet" still reports', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    await c.say('スマホ');
    expect(c.step).toBe('offline');
    await c.say('まだ');
    await c.say('リンク');
    await c.say('なし');
    await c.say('わからない');
    await c.say('報告する');
    expect(submitsOf(w.delivered)[0]?.draft).toMatchObject({ clauses: ['第3章 8(4)ウ(キ)b', '第3章 7(3)ア(ア)'], details: { device: 'mobile', offline: 'notYet' } });
  });

  test('another device skips the containment question', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.send({ type: 'start', procedure: 'infection' });
    await c.say('プリンター');
    expect(c.step).toBe('what');
    await c.click('戻る');
    expect(c.step).toBe('device');
  });

  test('"ウイルス対策ソフトが重い" is not taken for an infection', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ウイルス対策ソフトのスキャンでPCが重すぎる。リアルタイム保護をオフにしていい？');
    expect(c.last.handled).toBe(false);
    expect(c.outputs).toEqual([]);
  });
});
