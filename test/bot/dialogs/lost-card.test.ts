// ICカード紛失 through the real adapter: the bold first words before any question, the urgent report and the
// stop-access task kept for the approvals workflow, and the follow-ups (found / replaced, old card handed over or not).
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { type DialogBot, dialogBot } from './helpers/bot';
import { Chat, buttonsOf, textsOf } from './helpers/chat';

const FIRST = '**ICカードをなくしたときは、すぐに統括情報セキュリティ責任者と端末装置管理責任者への通報が必要です。今から一緒に通報します。**';

describe.each(TEST_DIALECTS)('ICカード紛失 in Teams (%s)', (dialect) => {
  const t = useTestDb(dialect);
  let bot: DialogBot;
  let n = 0;
  beforeEach(async () => {
    bot = await dialogBot(t().db, { prefix: `lc${dialect}${++n}` });
  });
  afterEach(() => bot.close());
  const run = () => `lc${dialect}${n}-1`;

  async function report(c: Chat): Promise<void> {
    await c.say('ICカードをなくしました');
    await c.click('はい、始めます');
    await c.say('昨日の夕方');
    await c.say('帰りのバスの中');
    await c.click('わからない');
    await c.click('通報する');
  }

  it('free text: the bold first words in their own message, then one confirmation; はい starts without repeating them', async () => {
    const c = new Chat(bot.url);
    await c.say('ICカードをなくしました');
    expect(c.replies).toHaveLength(2);
    expect(c.replies[0].text).toBe(FIRST);
    expect(c.replies[0].attachments).toBeUndefined();
    expect(c.replies[0].channelData).toEqual({ notification: { alert: true } });
    expect(textsOf(c.card)).toEqual(['ICカード紛失の通報を一緒に始めますか？']);
    expect(buttonsOf(c.card).map((b) => [b.title, b.data])).toEqual([
      ['はい、始めます', { dialog: 'confirmStart', procedure: 'lost-card', accept: true }],
      ['いいえ', { dialog: 'confirmStart', procedure: 'lost-card', accept: false }],
    ]);
    await c.click('はい、始めます');
    expect(c.all).not.toContain('今から一緒に通報します');
    expect(c.texts[0]).toContain('3つだけ質問します');
    expect(textsOf(c.card)).toContain('最後にカードを確認したのはいつですか？');
  });

  it('submits an urgent report to 統括 and 端末装置管理責任者 and a task to stop the card at once (7(4)ア(イ))', async () => {
    const c = new Chat(bot.url);
    await c.say('ICカードをなくしました');
    await c.click('はい、始めます');
    await c.say('昨日の夕方');
    await c.say('帰りのバスの中');
    await c.click('わからない');
    expect(c.all).toContain('送信先: 統括情報セキュリティ責任者、端末装置管理責任者');
    expect(c.all).toContain('最後に確認した場所: 帰りのバスの中');
    await c.click('通報する');
    const submitted = textsOf(c.cards[0]);
    expect(submitted).toEqual(expect.arrayContaining(['ICカード紛失: 送信しました', '扱い: 至急']));
    expect(submitted.some((x) => x.startsWith('あわせて依頼: ') && x.includes('統括情報セキュリティ責任者、データ取扱責任者'))).toBe(true);
    expect(buttonsOf(c.card).map((b) => b.title)).toEqual(['カードのその後を報告する']);

    const effects = await bot.effects();
    expect(effects.map((e) => [e.type, e.ref, e.kind, e.urgent])).toEqual([
      ['submit', run(), 'lost-card', true],
      ['task', `${run()}/stop-access`, 'stop-card-access', true],
    ]);
    expect(effects[0]?.effect).toMatchObject({ draft: { roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'], clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'] } });
    expect(effects[1]?.effect).toMatchObject({ requestRef: run(), task: { doneLabel: '停止しました', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'] } });
    expect(effects[1]?.userId).toBe('00000000-0000-0000-0000-00000000aaaa');
  });

  it('follow-up: the card was found (typed), reported with 7(4)ア(ア)c', async () => {
    const c = new Chat(bot.url);
    await report(c);
    await c.say('カードが見つかりました');
    await c.click('見つかった');
    await c.click('報告する');
    expect(c.all).toContain('カードが見つかったことを報告しました。');
    const follow = (await bot.effects()).filter((e) => e.type === 'followUp');
    expect(follow.map((e) => [e.ref, e.requestRef, e.kind])).toEqual([[`${run()}/found`, run(), 'lost-card.found']]);
  });

  it('follow-up: a new card, the old one handed over → a destruction task (7(4)ア(ウ))', async () => {
    const c = new Chat(bot.url);
    await report(c);
    await c.click('カードのその後を報告する');
    await c.click('新しいカードを受け取った');
    await c.click('見つかったので渡した');
    expect(c.all).toContain('第3章 7(4)ア(ウ)');
    await c.click('報告する');
    const effects = await bot.effects();
    expect(effects.map((e) => [e.type, e.kind])).toEqual([
      ['submit', 'lost-card'],
      ['task', 'stop-card-access'],
      ['followUp', 'lost-card.replaced'],
      ['task', 'destroy-old-card'],
    ]);
    expect(effects[2]?.effect).toMatchObject({ event: { oldCard: 'handedOver' } });
  });

  it('follow-up: a new card, the old one still missing → no destruction task', async () => {
    const c = new Chat(bot.url);
    await report(c);
    await c.say('新しいカードを受け取りました');
    await c.click('新しいカードを受け取った');
    await c.click('見つかっていない');
    await c.click('報告する');
    const effects = await bot.effects();
    expect(effects.map((e) => e.kind)).toEqual(['lost-card', 'stop-card-access', 'lost-card.replaced']);
    expect(effects[2]?.effect).toMatchObject({ event: { oldCard: 'missing' } });
  });

  it('cancelled before sending: says in bold that the report was not sent and must be made', async () => {
    const c = new Chat(bot.url);
    await c.say('ICカードをなくしました');
    await c.click('はい、始めます');
    await c.say('キャンセル');
    expect(c.texts.at(-1)).toMatch(/^\*\*通報はまだ送信されていません。/);
    expect(await bot.effects()).toEqual([]);
  });

  it('いいえ to the confirmation answers the text as a question instead', async () => {
    const c = new Chat(bot.url);
    await c.say('ICカードをなくしました');
    await c.click('いいえ');
    expect(c.texts[0]).toContain('手続きは始めません');
    expect(c.replies[1].text).toMatch(/^\*\*(報告が必要です|義務です|許可が必要です)。\*\*/);
    expect(c.replies[1].text).toContain('7(4)ア');
    expect(c.replies[1].channelData.feedbackLoopEnabled).toBe(true);
  });

  it('started by the help card button: the first words come first', async () => {
    const c = new Chat(bot.url);
    await c.say('ヘルプ');
    await c.click('ICカード紛失');
    expect(c.replies[0].text).toBe(FIRST);
    expect(textsOf(c.card)).toContain('最後にカードを確認したのはいつですか？');
    // said once, not twice
    expect(c.texts.filter((x) => x.includes('今から一緒に通報します'))).toHaveLength(1);
  });
});
