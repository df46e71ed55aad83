// 持ち出し申請 through the real adapter: every branch as a Teams conversation (typed answers, buttons, inputs,
// the whole form), the blocks with their clause quotes, the approver choice, the submitted request kept for the
// approvals workflow, and the later 持ち込み report.
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { type DialogBot, dialogBot } from './helpers/bot';
import { Chat, buttonsOf, inputsOf, realEngine, textsOf } from './helpers/chat';

describe.each(TEST_DIALECTS)('持ち出し申請 in Teams (%s)', (dialect) => {
  const t = useTestDb(dialect);
  let bot: DialogBot;
  let n = 0;
  beforeEach(async () => {
    bot = await dialogBot(t().db, { prefix: `co${dialect}${++n}` });
  });
  afterEach(() => bot.close());
  const run = () => `co${dialect}${n}-1`;

  /** Answers the first steps with buttons and inputs, as a person would in Teams, up to the private-device step. */
  async function upToPrivateDevice(c: Chat, o: { items: string; classification: string; myNumber?: string }): Promise<void> {
    await c.say('持ち出し申請');
    await c.submit({ value: o.items });
    await c.submit({ value: '被保険者の資格一覧' });
    await c.click(o.classification);
    if (o.myNumber) await c.click(o.myNumber);
  }

  it('runs the typical request: command, buttons, inputs, summary, submitted request for the データ取扱責任者', async () => {
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    expect(c.replies).toHaveLength(2);
    expect(c.replies[0].text).toContain('持ち出しにはデータ取扱責任者の許可が必要です（第3章 7(1)ア(ウ)b）');
    const items = c.card;
    expect(textsOf(items)).toContain('何を持ち出しますか？（複数選べます）');
    expect(inputsOf(items)[0]).toMatchObject({ type: 'Input.ChoiceSet', id: 'value', isMultiSelect: true, isRequired: true });
    expect(inputsOf(items)[0].choices.map((x: any) => x.title)).toEqual(['支給パソコン', 'モバイル端末', 'USBメモリ等の電磁的記録媒体', '紙の文書', 'ソフトウェア']);
    expect(buttonsOf(items).map((b) => [b.title, b.associatedInputs])).toEqual([
      ['次へ', 'auto'],
      ['なぜ？', 'none'],
      ['フォームでまとめて入力', 'none'],
      ['キャンセル', 'none'],
    ]);

    await c.submit({ value: 'pc,media' });
    expect(textsOf(c.card)).toContain('どんな情報を持ち出しますか？');
    await c.say('被保険者の資格一覧');
    const classification = c.card;
    // choices as buttons with the data the runner gave, their definitions next to them
    expect(c.button('機密性2').data).toEqual({ dialog: 'answer', run: run(), step: 'classification', value: '2' });
    expect(textsOf(classification).some((x) => x.startsWith('機密性3: 秘密文書に相当する'))).toBe(true);
    await c.click('機密性2');
    await c.click('いいえ'); // not マイナンバー利用事務系
    await c.click('いいえ'); // no private device
    await c.say('自宅');
    await c.say('資格確認の作業');
    expect(inputsOf(c.card).map((i) => [i.type, i.id])).toEqual([
      ['Input.Date', 'from'],
      ['Input.Date', 'until'],
    ]);
    await c.submit({ from: '2026-04-10', until: '2026-04-12' });
    await c.submit({ value: 'encrypt,password' });

    const summary = c.card;
    expect(textsOf(summary)).toEqual(
      expect.arrayContaining([
        '持ち出すもの: 支給パソコン、USBメモリ等の電磁的記録媒体',
        '期間: 2026年4月10日(金)〜2026年4月12日(日)',
        '送信先: データ取扱責任者',
        '根拠: 第3章 7(1)ア(ウ)b、第3章 4(2)ク(イ)、第3章 7(1)ア(オ)',
      ]),
    );
    expect(buttonsOf(summary)[0]).toMatchObject({ title: '申請する', style: 'positive' });
    expect(await bot.effects()).toEqual([]);

    await c.click('申請する');
    const submitted = c.cards[0];
    expect(textsOf(submitted)).toEqual(expect.arrayContaining(['持ち出し申請: 送信しました', '送信先: データ取扱責任者']));
    const parked = c.card;
    expect(buttonsOf(parked).map((b) => b.title)).toEqual(['持ち込みを報告する']);

    const [effect] = await bot.effects();
    expect(effect).toMatchObject({ ref: run(), type: 'submit', procedure: 'carry-out', kind: 'carry-out', requestRef: run(), urgent: false, forwardedAt: null });
    expect(effect?.effect).toMatchObject({
      type: 'submit',
      draft: {
        kind: 'carry-out',
        roles: ['データ取扱責任者'],
        requester: { userId: '00000000-0000-0000-0000-00000000aaaa', name: '大分 花子' },
        period: { from: '2026-04-10', until: '2026-04-12' },
        details: { items: ['pc', 'media'], classification: '2', myNumber: 'no', privateDevice: 'no', place: '自宅', measures: ['encrypt', 'password'], dialogRef: run() },
      },
    });
    expect(effect?.origin).toMatchObject({ channelId: 'msteams', conversation: { id: c.conversationId, conversationType: 'personal' }, user: { id: '29:user-1' } });
  });

  it('adds the 統括情報セキュリティ責任者 when a private PC is used (7(1)ア(ウ)d); only the データ取扱責任者 otherwise', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'paper', classification: '機密性2' });
    await c.click('はい');
    await c.say('自宅');
    await c.say('会議資料の作成');
    await c.say('4月10日〜4月11日');
    await c.submit({ value: 'case' });
    expect(c.all).toContain('送信先: データ取扱責任者、統括情報セキュリティ責任者');
    expect(c.all).toContain('第3章 7(1)ア(ウ)d');
    await c.click('申請する');
    const [effect] = await bot.effects();
    expect(effect?.effect).toMatchObject({ draft: { roles: ['データ取扱責任者', '統括情報セキュリティ責任者'], clauses: expect.arrayContaining(['第3章 7(1)ア(ウ)d', '第3章 7(1)ア(エ)b']) } });
  });

  it('blocks 機密性3 on a private PC, quoting 7(1)ア(ウ)d and 4(1) verbatim; 戻る changes the answer', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'pc', classification: '機密性3' });
    await c.click('はい');
    const blocked = c.card;
    const texts = textsOf(blocked);
    expect(blocked.body[1]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(texts[1]).toContain('機密性3の情報は、私物のパソコン等で処理してはならない');
    expect(texts).toEqual(expect.arrayContaining(['第3章 7(1)ア(ウ)d', '第3章 4(1)']));
    // verbatim from the engine's clause tree (the long 4(1) folded, its full text one tap away)
    expect(texts).toContain(realEngine().clause('第3章 7(1)ア(ウ)d')!.text);
    expect(texts).toContain(realEngine().clause('第3章 4(1)')!.text);
    expect(buttonsOf(blocked).map((b) => b.title)).toEqual(['戻る', 'キャンセル']);

    await c.say('いいえ');
    expect(c.texts[0]).toContain('「戻る」で答えを変えるか、「キャンセル」で終了してください。');
    expect(textsOf(c.card)[1]).toContain('機密性3の情報は');

    await c.click('戻る');
    expect(textsOf(c.card)).toEqual(expect.arrayContaining(['作業に私物のパソコンやスマホなど（支給以外の機器）を使いますか？', '前回の回答: はい']));
    await c.click('いいえ');
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
    expect(await bot.effects()).toEqual([]);
  });

  it('blocks taking data out of マイナンバー利用事務系 by USB (5(1)②(イ)); キャンセル ends without a request', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'media', classification: '機密性2', myNumber: 'はい' });
    const texts = textsOf(c.card);
    expect(texts).toContain('第3章 5(1)②(イ)');
    expect(texts).toContain(realEngine().clause('第3章 5(1)②(イ)')!.text);
    await c.click('キャンセル');
    expect(c.all).toContain('持ち出し申請を中止しました。申請は送信していません。');
    expect(await bot.effects()).toEqual([]);
    // nothing in progress now: a question is answered as usual
    await c.say('パスワードを付箋に書いてもいいですか');
    expect(c.replies[0].text).toMatch(/^\*\*/);
    expect(c.replies[0].channelData.feedbackLoopEnabled).toBe(true);
  });

  it('blocks an unknown classification on a private device until the データ取扱責任者 decides (4(2)エ(ウ))', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'paper', classification: 'わからない' });
    await c.click('はい');
    expect(textsOf(c.card)).toEqual(expect.arrayContaining(['第3章 7(1)ア(ウ)d', '第3章 4(2)エ(ウ)']));
    expect(buttonsOf(c.card).map((b) => b.title)).toEqual(['戻る', 'キャンセル']);
  });

  it('skips the マイナンバー question for paper and the measures for 機密性1', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'paper', classification: '機密性1' });
    expect(textsOf(c.card)).toContain('作業に私物のパソコンやスマホなど（支給以外の機器）を使いますか？');
    await c.click('いいえ');
    await c.say('自宅');
    await c.say('資料の確認');
    await c.say('明日');
    expect(textsOf(c.card)).toContain('この内容で申請します。よろしいですか？');
    expect(c.all).not.toContain('保護の措置');
    expect(c.all).not.toContain('4(2)ク(イ)');
  });

  it('fills the whole form as one card: errors shown under their fields, then the summary', async () => {
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    await c.click('フォームでまとめて入力');
    const form = c.card;
    expect(inputsOf(form).map((i) => i.id)).toEqual(['items', 'information', 'classification', 'myNumber', 'privateDevice', 'place', 'purpose', 'periodFrom', 'periodUntil', 'measures']);
    expect(inputsOf(form).find((i) => i.id === 'measures')).toMatchObject({ label: '保護の措置（機密性2以上（またはわからない）の場合）', isMultiSelect: true });
    const values = { items: 'pc', information: '会議資料', classification: '2', privateDevice: 'no', place: '自宅', purpose: '資料作成', periodFrom: '2026-04-01', periodUntil: '2026-04-02', measures: 'encrypt' };
    await c.submit(values, '確認へ進む');
    const again = c.card;
    expect(textsOf(again)).toContain('入力に不備があります。赤字の項目を直してください。');
    expect(textsOf(again).some((x) => x.includes('始まりの日が過ぎています'))).toBe(true);
    // what was typed is kept in the inputs
    expect(inputsOf(again).find((i) => i.id === 'information')?.value).toBe('会議資料');
    await c.submit({ ...values, periodFrom: '2026-04-09', periodUntil: '2026-04-10' }, '確認へ進む');
    expect(textsOf(c.card)).toContain('この内容で申請します。よろしいですか？');
    await c.click('申請する');
    expect((await bot.effects()).map((e) => e.type)).toEqual(['submit']);
  });

  it('takes the 持ち込み report later in the same chat (typed 持ち込み報告) and keeps it with the request', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'paper', classification: '機密性1' });
    await c.click('いいえ');
    for (const a of ['自宅', '資料の確認', '4月8日〜4月9日']) await c.say(a);
    await c.click('申請する');
    // a question in between is answered as usual
    await c.say('パスワードを付箋に書いてもいいですか');
    expect(c.replies[0].text).toMatch(/^\*\*/);

    await c.say('持ち込み報告');
    expect(c.all).toContain('について報告します');
    await c.click('すべて戻しました');
    await c.click('今日');
    expect(textsOf(c.card)).toContain('この内容で持ち込みを報告します。よろしいですか？');
    await c.click('報告する');
    expect(c.all).toContain('持ち込みを報告しました。');
    const effects = await bot.effects();
    expect(effects.map((e) => [e.type, e.ref, e.requestRef, e.kind])).toEqual([
      ['submit', run(), run(), 'carry-out'],
      ['followUp', `${run()}/returned`, run(), 'carry-out.returned'],
    ]);
    expect(effects[1]?.effect).toMatchObject({ event: { returnedOn: '2026-04-08', clauses: ['第3章 7(1)ア(オ)'] } });

    // the report is done: the resume button of the earlier card no longer works
    await c.send({ dialog: 'resume', run: run() });
    expect(c.all).toContain('この手続きはすでに終了しています。');
  });

  it('with two requests waiting, 持ち込み報告 asks which one', async () => {
    const c = new Chat(bot.url);
    for (const period of ['4月8日〜4月9日', '4月10日〜4月11日']) {
      await upToPrivateDevice(c, { items: 'paper', classification: '機密性1' });
      await c.click('いいえ');
      for (const a of ['自宅', '資料の確認', period]) await c.say(a);
      await c.click('申請する');
    }
    await c.say('持ち込み報告');
    expect(textsOf(c.card)).toEqual(['どの手続きについての報告ですか？']);
    const choices = buttonsOf(c.card);
    expect(choices.map((b) => b.title)).toEqual([
      '持ち出し申請：紙の文書、2026年4月8日(水)〜2026年4月9日(木)（2026年4月8日(水)送信）',
      '持ち出し申請：紙の文書、2026年4月10日(金)〜2026年4月11日(土)（2026年4月8日(水)送信）',
    ].map((x) => ([...x].length > 60 ? `${[...x].slice(0, 59).join('')}…` : x)));
    await c.send(choices[1]!.data);
    expect(c.all).toContain('2026年4月10日(金)〜2026年4月11日(土)」について報告します');
    expect(textsOf(c.card)).toContain('持ち出したものは、すべて戻しましたか？');
  });

  it('a missing item at the return (reported by the button) is an incident, not a return report (7(3)ア(ア))', async () => {
    const c = new Chat(bot.url);
    await upToPrivateDevice(c, { items: 'paper', classification: '機密性1' });
    await c.click('いいえ');
    for (const a of ['自宅', '資料の確認', '4月8日〜4月9日']) await c.say(a);
    await c.click('申請する');
    await c.click('持ち込みを報告する');
    await c.click('なくしたものがある');
    expect(c.card.body[1]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(textsOf(c.card)).toContain('第3章 7(3)ア(ア)');
    expect((await bot.effects()).map((e) => e.type)).toEqual(['submit']);
  });
});
