// 持ち出し申請: every branch as a scripted conversation at the runner level.
import { draftFromForm } from '../../dialogs/forms';
import type { Effect, Output } from '../../dialogs/types';
import { Convo, world } from './helpers/convo';

/** Answers for the whole request, typed; a step missing from the map is not expected to be asked. */
const TYPICAL: Record<string, string> = {
  items: 'ノートPCとUSBメモリ',
  information: '被保険者の資格一覧',
  classification: '機密性2',
  myNumber: 'いいえ',
  privateDevice: 'いいえ',
  place: '自宅',
  purpose: '資格確認の作業',
  period: '4月10日〜4月12日',
  measures: '暗号化とパスワード',
};

async function startCarryOut(c: Convo): Promise<void> {
  await c.send({ type: 'start', procedure: 'carry-out' });
  expect(c.step).toBe('items');
}

/** Answers the steps as they come until `stop` (exclusive) or the summary; returns the steps asked. */
async function answerUntil(c: Convo, answers: Record<string, string>, stop?: string): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 20; i++) {
    const p = c.prompt;
    if (p.type !== 'question' || p.step === stop) break;
    asked.push(p.step);
    const a = answers[p.step];
    if (a === undefined) throw new Error(`unexpected step ${p.step}`);
    await c.say(a);
  }
  return asked;
}

const submits = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'submit' }> => e.type === 'submit');

describe('持ち出し申請 (carry-out)', () => {
  test('the typical request: every step asked in order, summary, submitted draft for the データ取扱責任者', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    expect(c.of('message')[0]?.text).toContain('第3章 7(1)ア(ウ)b');
    const asked = await answerUntil(c, TYPICAL);
    expect(asked).toEqual(['items', 'information', 'classification', 'myNumber', 'privateDevice', 'place', 'purpose', 'period', 'measures']);

    const summary = c.prompt;
    expect(summary.type).toBe('summary');
    if (summary.type !== 'summary') throw new Error();
    expect(summary.roles).toEqual(['データ取扱責任者']);
    expect(summary.clauses).toEqual(['第3章 7(1)ア(ウ)b', '第3章 4(2)ク(イ)', '第3章 7(1)ア(オ)']);
    expect(summary.rows.map((r) => r.label)).toEqual(['持ち出すもの', '情報の内容', '機密性の分類', 'マイナンバー利用事務系のデータ', '私物機器の使用', '持ち出し先', '目的', '期間', '保護の措置']);
    expect(summary.rows.find((r) => r.label === '期間')?.value).toBe('2026年4月10日(金)〜2026年4月12日(日)');
    expect(w.delivered).toEqual([]);

    await c.click('申請する');
    const [submit] = submits(w.delivered);
    expect(submit?.ref).toBe('run-1');
    expect(submit?.draft).toMatchObject({
      kind: 'carry-out',
      urgent: false,
      requester: { userId: 'u-sato' },
      roles: ['データ取扱責任者'],
      period: { from: '2026-04-10', until: '2026-04-12' },
      details: { items: ['pc', 'media'], classification: '2', privateDevice: 'no', myNumber: 'no', measures: ['encrypt', 'password'], place: '自宅' },
    });
    expect(submit?.draft.details.expects).toEqual([{ kind: 'carry-out.returned', by: 'requester', clauses: ['第3章 7(1)ア(オ)'] }]);
    const submitted = c.of('submitted')[0];
    expect(submitted?.draft).toEqual(submit?.draft);
    expect(c.of('parked')[0]?.resume.label).toBe('持ち込みを報告する');
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, parked: [{ procedure: 'carry-out', run: 'run-1' }], undelivered: 0 });
  });

  test('a private PC adds the 統括情報セキュリティ責任者 (7(1)ア(ウ)d) to the データ取扱責任者', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, { ...TYPICAL, items: '紙の書類', privateDevice: '私物のパソコンを使います' });
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.roles).toEqual(['データ取扱責任者', '統括情報セキュリティ責任者']);
    expect(s.clauses).toEqual(expect.arrayContaining(['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)d', '第3章 7(1)ア(エ)b']));
    await c.say('はい');
    expect(submits(w.delivered)[0]?.draft.roles).toEqual(['データ取扱責任者', '統括情報セキュリティ責任者']);
  });

  test('機密性1 skips the protective measures; paper only skips the マイナンバー question', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    const asked = await answerUntil(c, { ...TYPICAL, items: '紙の文書', classification: '1' });
    expect(asked).toEqual(['items', 'information', 'classification', 'privateDevice', 'place', 'purpose', 'period']);
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.clauses).not.toContain('第3章 4(2)ク(イ)');
  });

  test('blocked: 機密性3 on a private PC, citing 7(1)ア(ウ)d; 戻る lets the person change the answer', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, { ...TYPICAL, items: 'パソコン', classification: '機密性3', privateDevice: 'はい' }, 'place');
    const b = c.prompt;
    expect(b.type).toBe('blocked');
    if (b.type !== 'blocked') throw new Error();
    expect(b.text).toContain('機密性3');
    expect(b.quotes.map((q) => q.label)).toEqual(['第3章 7(1)ア(ウ)d', '第3章 4(1)']);
    expect(b.quotes[0]?.text).toContain('機密性3の情報資産については、私物パソコンによる情報処理を行ってはならない');
    expect(b.actions.map((a) => a.label)).toEqual(['戻る', 'キャンセル']);

    // typing an answer at a block does not get past it
    await c.say('いいえ');
    expect(c.prompt.type).toBe('blocked');
    expect(c.of('notice')[0]?.text).toContain('戻る');

    await c.click('戻る');
    const q = c.prompt;
    expect(q.type === 'question' && q.step).toBe('privateDevice');
    expect(q.type === 'question' && q.previous).toBe('はい');
    await c.say('いいえ');
    expect(c.step).toBe('place');
    expect(w.delivered).toEqual([]);
  });

  test('blocked: unknown classification on a private PC, citing 4(2)エ(ウ)', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, { ...TYPICAL, items: '紙', classification: 'わからない', privateDevice: 'はい' }, 'place');
    const b = c.prompt;
    if (b.type !== 'blocked') throw new Error('expected block');
    expect(b.quotes.map((q) => q.label)).toEqual(['第3章 7(1)ア(ウ)d', '第3章 4(2)エ(ウ)']);
  });

  test('blocked: data from マイナンバー利用事務系 by USB memory, citing 5(1)②(イ)', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, { ...TYPICAL, myNumber: 'はい' }, 'privateDevice');
    const b = c.prompt;
    if (b.type !== 'blocked') throw new Error('expected block');
    expect(b.step).toBe('blockedMyNumberMedia');
    expect(b.quotes.map((q) => q.label)).toEqual(['第3章 5(1)②(イ)']);
    await c.say('キャンセル');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'cancelled', text: expect.stringContaining('送信していません') });
    expect((await c.runner.status(c.who)).active).toBeNull();
    expect(w.delivered).toEqual([]);
  });

  test('unknown classification without a private PC still asks for protective measures', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    const asked = await answerUntil(c, { ...TYPICAL, items: '資料', classification: '不明' });
    expect(asked).toContain('measures');
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.clauses).toContain('第3章 4(2)ク(イ)');
  });

  test('invalid answers are re-asked with a short hint', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await c.say('ぬいぐるみ');
    let q = c.prompt;
    expect(q.type === 'question' && q.step).toBe('items');
    expect(q.type === 'question' && q.error).toContain('支給パソコン');
    await answerUntil(c, TYPICAL, 'period');
    await c.say('そのうち');
    q = c.prompt;
    expect(q.type === 'question' && q.error).toContain('日付が読み取れません');
    await c.say('4月12日〜4月10日');
    q = c.prompt;
    expect(q.type === 'question' && q.error).toContain('終わりの日');
    await c.say('4月1日');
    q = c.prompt;
    expect(q.type === 'question' && q.error).toContain('始まりの日が過ぎています');
    await c.say('明日');
    q = c.prompt;
    expect(q.type === 'question' && q.step).toBe('measures');
    await c.say('なし');
    q = c.prompt;
    expect(q.type === 'question' && q.error).toBe('少なくとも1つ選んでください。');
    expect(q.type === 'question' && q.hint).toContain('暗号化');
    await c.say('鍵付きケース');
    expect(c.prompt.type).toBe('summary');
  });

  test('answers by card: multi-select values, period dates, choice buttons', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await c.submit({ value: 'pc,media' });
    expect(c.step).toBe('information');
    await c.submit({ value: '会議資料' });
    await c.click('機密性2');
    await c.click('いいえ');
    await c.click('いいえ');
    await c.submit({ value: '〇〇町役場' });
    await c.submit({ value: '説明会' });
    await c.submit({ from: '2026-04-09', until: '2026-04-09' });
    expect(c.step).toBe('measures');
    await c.submit({ value: 'case' });
    await c.click('申請する');
    expect(submits(w.delivered)[0]?.draft.period).toEqual({ from: '2026-04-09', until: '2026-04-09' });
    expect(submits(w.delivered)[0]?.draft.details).toMatchObject({ items: ['pc', 'media'], measures: ['case'] });
  });

  test('the return report (持ち込み) later in the same conversation closes the record (7(1)ア(オ))', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, TYPICAL);
    await c.click('申請する');
    w.clock.advance(4 * 24 * 3_600_000); // parked requests do not expire like an idle step

    // unrelated conversation in between
    await c.say('ランチはどこで食べられますか？');
    expect(c.last.handled).toBe(false);

    await c.say('持ち込み報告');
    expect(c.of('message')[0]?.text).toContain('持ち出し申請');
    expect(c.step).toBe('returnAll');
    await c.say('すべて戻しました');
    expect(c.step).toBe('returnedOn');
    await c.say('4月9日');
    expect(c.prompt.type === 'question' && c.prompt.error).toContain('持ち出しの始まり');
    await c.say('4月20日');
    expect(c.prompt.type === 'question' && c.prompt.error).toContain('今日までの日付');
    await c.click('今日');
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error('expected summary');
    expect(s.title).toBe('持ち込み報告');
    expect(s.clauses).toEqual(['第3章 7(1)ア(オ)']);
    await c.click('報告する');
    const follow = w.delivered.find((e) => e.type === 'followUp');
    expect(follow).toMatchObject({
      type: 'followUp',
      ref: 'run-1/returned',
      requestRef: 'run-1',
      event: { kind: 'carry-out.returned', returnedOn: '2026-04-12', clauses: ['第3章 7(1)ア(オ)'] },
    });
    expect(c.of('followUp')).toHaveLength(1);
    expect(c.of('notice')[0]).toMatchObject({ kind: 'done', text: expect.stringContaining('7(1)ア(オ)') });
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, parked: [] });
  });

  test('return report: something lost is an incident (7(3)ア(ア)); cancel keeps the request waiting', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, TYPICAL);
    await c.click('申請する');
    await c.click('持ち込みを報告する');
    await c.click('なくしたものがある');
    const b = c.prompt;
    if (b.type !== 'blocked') throw new Error('expected block');
    expect(b.quotes.map((q) => q.label)).toEqual(['第3章 7(3)ア(ア)']);
    await c.say('やめる');
    expect(c.of('parked')).toHaveLength(1);
    expect(await c.runner.status(c.who)).toMatchObject({ active: null, parked: [{ run: 'run-1' }] });
    expect(w.delivered.filter((e) => e.type === 'followUp')).toEqual([]);
  });

  test('several waiting requests: 持ち込み報告 asks which one', async () => {
    const w = world();
    const c = new Convo(w.runner());
    for (let i = 0; i < 2; i++) {
      await startCarryOut(c);
      await answerUntil(c, TYPICAL);
      await c.click('申請する');
    }
    await c.say('返却しました');
    const pick = c.of('pickRun')[0];
    expect(pick?.choices).toHaveLength(2);
    expect(new Set(pick?.choices.map((x) => x.label)).size).toBe(2);
    await c.click(pick?.choices[1]?.label ?? '');
    expect(c.step).toBe('returnAll');
    expect((await c.runner.status(c.who)).parked.map((p) => p.run)).toEqual(['run-1']);
    expect(c.of('message')[0]?.text).toContain('持ち出し申請');
  });

  test('the whole form as one card: errors per field, then the same summary; a block is the same block', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await c.click('フォームでまとめて入力');
    const form = c.prompt;
    if (form.type !== 'form') throw new Error('expected form');
    expect(form.fields.map((f) => f.id)).toEqual(['items', 'information', 'classification', 'myNumber', 'privateDevice', 'place', 'purpose', 'periodFrom', 'periodUntil', 'measures']);
    expect(form.fields.find((f) => f.id === 'measures')).toMatchObject({ required: false, note: expect.stringContaining('機密性2以上') });

    await c.submit({ items: 'pc', information: '', classification: '2', periodFrom: 'あした' });
    const again = c.prompt;
    if (again.type !== 'form') throw new Error('expected form again');
    expect(again.errors.information).toBe('入力してください。');
    expect(again.fields.find((f) => f.id === 'items')?.value).toBe('pc');

    const good = { items: 'pc,paper', information: '会議資料', classification: '2', privateDevice: 'no', place: '自宅', purpose: '資料作成', periodFrom: '2026-04-09', periodUntil: '2026-04-10', measures: 'encrypt' };
    await c.submit(good);
    const s = c.prompt;
    if (s.type !== 'summary') throw new Error(`expected summary, got ${s.type}`);
    expect(s.rows.find((r) => r.label === '保護の措置')?.value).toBe('暗号化');
    // 戻る after a form goes back one step like a conversation
    await c.click('戻る');
    expect(c.step).toBe('measures');
    await c.click('フォームでまとめて入力');
    await c.submit({ ...good, classification: '3', privateDevice: 'yes' });
    expect(c.prompt.type === 'blocked' && c.prompt.step).toBe('blockedPrivateSecret3');
  });

  test('draftFromForm (task module) gives the same request, errors and blocks as the conversation', () => {
    const requester = { userId: 'u-kato' };
    const now = new Date('2026-04-08T09:00:00+09:00');
    const ok = draftFromForm('carry-out', { items: 'media', information: '名簿', classification: '1', myNumber: 'no', privateDevice: 'no', place: '自宅', purpose: '確認', periodFrom: '2026-04-08', periodUntil: '2026-04-08' }, requester, { now, ref: 'r-1' });
    expect(ok).toMatchObject({ ok: true, ref: 'r-1', draft: { kind: 'carry-out', roles: ['データ取扱責任者'], period: { from: '2026-04-08', until: '2026-04-08' } } });
    const blocked = draftFromForm('carry-out', { items: 'media', information: '名簿', classification: '1', myNumber: 'yes' }, requester, { now });
    expect(blocked).toMatchObject({ ok: false, blocked: { clauses: ['第3章 5(1)②(イ)'] } });
    const errors = draftFromForm('carry-out', { items: 'spaceship' }, requester, { now });
    expect(errors.ok).toBe(false);
    expect('errors' in errors && errors.errors.items).toContain('支給パソコン');
  });

  test('なぜ？ shows the step clauses verbatim; 分類の定義 shows 4(1); then the same question again', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, TYPICAL, 'classification');
    await c.say('なぜ？');
    const why = c.of('why')[0];
    expect(why?.quotes.map((q) => q.label)).toEqual(['第3章 4(1)', '第3章 4(2)イ', '第3章 4(2)エ(ウ)']);
    expect(c.step).toBe('classification');
    await c.click('分類の定義');
    expect(c.of('why')[0]).toMatchObject({ title: '分類の定義', quotes: [{ label: '第3章 4(1)' }] });
    const q = c.prompt;
    expect(q.type === 'question' && q.choices?.map((x) => x.description)).toEqual([
      '秘密文書に相当する機密性を要する情報',
      '秘密文書ほどではないが、直ちに一般に公表することを前提としていない情報',
      '機密性2・3以外の情報',
      'データ取扱責任者に判断を仰ぎます（第3章 4(2)エ(ウ)）',
    ]);
  });

  test('戻る steps back through a skipped branch correctly and keeps earlier answers', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, { ...TYPICAL, items: '紙' }, 'place');
    // paper only: no myNumber step on the path
    await c.say('戻る');
    expect(c.step).toBe('privateDevice');
    await c.say('戻る');
    expect(c.step).toBe('classification');
    await c.say('戻る');
    expect(c.step).toBe('information');
    const q = c.prompt;
    expect(q.type === 'question' && q.previous).toBe('被保険者の資格一覧');
    await c.say('戻る');
    await c.say('戻る');
    expect(c.step).toBe('items');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'cannotGoBack' });
  });

  test('a stale button (an earlier question) is not applied twice', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await startCarryOut(c);
    await answerUntil(c, TYPICAL, 'classification');
    const old = c.buttons().find((b) => b.label === '機密性2');
    await c.click('機密性2');
    expect(c.step).toBe('myNumber');
    await c.send({ type: 'card', data: old?.data });
    expect(c.of('notice')[0]).toMatchObject({ kind: 'stale' });
    expect(c.step).toBe('myNumber');
  });
});

export type { Output };
