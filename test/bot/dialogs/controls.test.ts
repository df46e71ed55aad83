// What a person can do at any step, through the real adapter: ask a policy question and come back, cancel, go
// back, ask why, get help; invalid and odd input (empty, emoji only, very long, HTML, tampered card data) is
// re-asked with a hint and never breaks anything; people's text is escaped wherever it is shown.
import { useTestDb } from '../../../storage/testing';
import { UNSUPPORTED_ACTION_TEXT } from '../../../bot/routing';
import { type DialogBot, dialogBot } from './helpers/bot';
import { Chat, buttonsOf, realEngine, textsOf } from './helpers/chat';
import { feedbackInvoke, message, post } from '../../support/teams';

describe('controls and odd input in Teams', () => {
  const t = useTestDb('sqlite');
  let bot: DialogBot;
  let n = 0;
  beforeEach(async () => {
    bot = await dialogBot(t().db, { prefix: `ct${++n}` });
  });
  afterEach(() => bot.close());
  const run = () => `ct${n}-1`;

  /** 持ち出し申請 up to the 持ち出し先 (place) step. */
  async function toPlace(c: Chat): Promise<void> {
    await c.say('持ち出し申請');
    await c.say('紙の書類');
    await c.say('会議資料');
    await c.click('機密性1');
    await c.click('いいえ');
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
  }

  it('a policy question mid-flow gets the usual cited answer (recorded, 👍/👎), then the same step again', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('私物のUSBメモリを使ってもいいですか？');
    expect(c.replies).toHaveLength(2);
    const answer = c.replies[0];
    expect(answer.text).toMatch(/^\*\*(禁止です|許可が必要です|報告が必要です|義務です|問題ありません|規程に定めがありません)。\*\*/);
    expect(answer.channelData.feedbackLoopEnabled).toBe(true);
    expect(answer.entities.find((e: any) => e.type === 'https://schema.org/Message').citation.length).toBeGreaterThan(0);
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
    // recorded like any answer, with the question typed, so 👍/👎 finds it (answer records are written behind)
    await bot.server.deps!.feedback.flush();
    const stored = await t().db.get<{ question: string; id: string }>('SELECT id, question FROM bot_answers WHERE id = $1', [answer.id]);
    expect(stored?.question).toBe('私物のUSBメモリを使ってもいいですか？');
    const fb = await post(bot.url, feedbackInvoke(answer.id, 'like', undefined, { conversationId: c.conversationId, expectReplies: true, serviceUrl: null }));
    expect(fb.status).toBe(200);
    expect((await t().db.get<{ answer_id: string }>('SELECT answer_id FROM bot_feedback ORDER BY created_at DESC LIMIT 1'))?.answer_id).toBe(answer.id);
    // and the procedure goes on where it was
    await c.say('自宅');
    expect(textsOf(c.card)).toContain('持ち出す目的（業務の内容）を教えてください。');
  });

  it('キャンセル / やめる end the procedure; afterwards text is a question again', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('やめる');
    expect(c.texts).toEqual(['持ち出し申請を中止しました。申請は送信していません。']);
    await c.say('自宅');
    expect(c.replies[0].text).toMatch(/^\*\*/);
    expect(await bot.effects()).toEqual([]);
  });

  it('戻る goes one step back showing the earlier answer; not before the first question', async () => {
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    await c.say('戻る');
    expect(c.texts[0]).toBe('これより前には戻れません。');
    expect(textsOf(c.card)).toContain('何を持ち出しますか？（複数選べます）');
    await c.say('紙の書類');
    await c.say('戻る');
    expect(textsOf(c.card)).toEqual(expect.arrayContaining(['何を持ち出しますか？（複数選べます）', '前回の回答: 紙の文書']));
    expect(c.card.body.find((b: any) => b.type === 'Input.ChoiceSet').value).toBe('paper');
  });

  it('なぜ？ shows the step\'s clauses verbatim, then the same question', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('なぜ？');
    expect(c.replies).toHaveLength(2);
    const why = textsOf(c.cards[0]);
    expect(why[0]).toBe('この質問の根拠');
    for (const label of ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)c']) {
      expect(why).toContain(label);
      expect(why).toContain(realEngine().clause(label)!.text);
    }
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
    // the button does the same
    await c.click('なぜ？');
    expect(textsOf(c.cards[0])[0]).toBe('この質問の根拠');
  });

  it('ヘルプ during a procedure explains the controls; outside it shows the help card', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('ヘルプ');
    expect(c.texts[0]).toContain('「戻る」で一つ前の質問へ');
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
    await c.say('キャンセル');
    await c.say('ヘルプ');
    expect(buttonsOf(c.card).map((b) => b.title)).toEqual(['持ち出し申請', 'ICカード紛失', '感染の疑い', '申請状況']);
  });

  it('invalid answers are re-asked with a short hint; after three the hint adds キャンセル', async () => {
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    await c.say('紙の書類');
    await c.say('会議資料');
    await c.say('たぶん大丈夫');
    const card = c.card;
    expect(card.body[1]).toMatchObject({ color: 'Attention', text: expect.stringContaining('次から選んでください') });
    expect(textsOf(card)).toContain('その情報の機密性の分類はどれですか？');
    await c.say('🙂');
    await c.say('🙂🙂🙂');
    expect(c.card.body[1].text).toContain('（やめるときは「キャンセル」）');
    await c.click('機密性1');
    expect(textsOf(c.card)).toContain('作業に私物のパソコンやスマホなど（支給以外の機器）を使いますか？');
  });

  it('odd input: empty, whitespace, emoji only, very long text, HTML — re-asked, never broken', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    for (const text of ['', '   ', '🙂🙂', 'あ'.repeat(10_000)]) {
      await c.say(text);
      expect(c.replies.at(-1).attachments).toBeDefined();
      expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
      expect(c.card.body[1].color).toBe('Attention');
    }
    // Teams sends formatted text as HTML: the answer is its text
    await c.say('<p>自宅<br></p>');
    expect(textsOf(c.card)).toContain('持ち出す目的（業務の内容）を教えてください。');
    await c.click('戻る');
    expect(textsOf(c.card)).toContain('前回の回答: 自宅');
    expect(bot.lines.some((l) => l.event === 'turn.failed')).toBe(false);
  });

  it('tampered or stale card data gets a short notice and the current question', async () => {
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    const items = c.button('次へ').data;
    await c.submit({ value: 'paper' });
    // an earlier question's button
    await c.send({ ...items, value: 'pc' });
    expect(c.texts[0]).toBe('前の質問のボタンです。いまの質問にお答えください。');
    expect(textsOf(c.card)).toContain('どんな情報を持ち出しますか？');
    // another run, a made-up step, an unknown command, a value that is not an option, objects instead of strings
    for (const data of [
      { dialog: 'answer', run: 'someone-else', step: 'information', value: 'x' },
      { dialog: 'answer', run: run(), step: 'x'.repeat(1000), value: 'x' },
      { dialog: 'command', run: run(), command: 'drop-table' },
      { dialog: 'answer', run: run(), step: 'information', value: { $gt: '' } },
      { dialog: 'answer', run: run(), step: 'information', value: ['a', { b: 1 }] },
      { dialog: 'confirmStart', procedure: 'lost-card', accept: 'yes' },
      { dialog: 'start', procedure: '../../etc/passwd' },
      { dialog: 'resume', run: 'x'.repeat(5000) },
      JSON.parse(`{"dialog":"answer","run":"${run()}","step":"information","value":"","__proto__":{"polluted":true}}`),
      JSON.parse(`{"dialog":"answer","run":"${run()}","step":"information","constructor":{"prototype":{"polluted":true}}}`),
    ]) {
      await c.send(data as Record<string, unknown>);
      expect(textsOf(c.card)).toContain('どんな情報を持ち出しますか？');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // data that is not the procedures' goes to the usual routes
    await c.send({ dialog: 42 });
    expect(c.texts).toEqual([UNSUPPORTED_ACTION_TEXT]);
    await c.send({ action: 'procedure.start', procedure: 'rm -rf' });
    expect(c.texts).toEqual([UNSUPPORTED_ACTION_TEXT]);
    // still at the same step
    await c.say('会議資料');
    expect(textsOf(c.card)).toContain('その情報の機密性の分類はどれですか？');
    expect(bot.lines.some((l) => l.event === 'turn.failed')).toBe(false);
  });

  it('escapes what people typed wherever it is shown (summary, previous answer, submitted card)', async () => {
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    await c.say('紙の書類');
    await c.say('[ここを押す](https://evil.example) **至急** {{DATE(2026-01-01T00:00:00Z)}}');
    await c.click('戻る');
    const previous = textsOf(c.card).find((x) => x.startsWith('前回の回答'));
    expect(previous).toBe('前回の回答: \\[ここを押す\\](https://evil.example) \\*\\*至急\\*\\* {\u200b{DATE(2026-01-01T00:00:00Z)}}');
    await c.say('# 見出し\n- 項目');
    await c.click('機密性1');
    await c.click('いいえ');
    await c.say('<at>誰か</at> 自宅 _x_');
    await c.say('作業');
    await c.say('明日');
    const rows = textsOf(c.card);
    expect(rows).toContain('情報の内容: \\# 見出し\n\\- 項目');
    expect(rows.find((r) => r.startsWith('持ち出し先: '))).toBe('持ち出し先: 誰か 自宅 \\_x\\_');
    expect(JSON.stringify(c.card)).not.toContain('](https://evil');
  });

  it('a question that names the carry-out is answered first, with the procedure button; a wish asks once', async () => {
    const c = new Chat(bot.url);
    await c.say('USBメモリを家に持ち帰ってもいいですか');
    expect(c.replies).toHaveLength(1);
    expect(c.replies[0].text).toMatch(/^\*\*/);
    const offer = c.button('持ち出し申請を始める');
    expect(offer.data).toEqual({ action: 'procedure.start', procedure: 'carry-out' });
    await c.click('持ち出し申請を始める');
    expect(textsOf(c.card)).toContain('何を持ち出しますか？（複数選べます）');
    await c.say('キャンセル');

    await c.say('USBメモリを持ち出したい');
    expect(textsOf(c.card)).toEqual(['持ち出しには許可が必要です。持ち出し申請を始めますか？']);
    await c.say('いいえ');
    expect(c.texts[0]).toContain('手続きは始めません');
    expect(c.replies[1].text).toMatch(/^\*\*/);
  });

  it('an urgent incident typed mid-flow (even where free text is asked) asks once to switch; はい starts it', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('ICカードをなくしました');
    expect(c.replies[0].text).toMatch(/^\*\*ICカードをなくしたときは/);
    expect(textsOf(c.card)[0]).toContain('いまの「持ち出し申請」は中断します。');
    await c.click('はい、始めます');
    expect(c.all).toContain('「持ち出し申請」を中断しました。');
    expect(textsOf(c.card)).toContain('最後にカードを確認したのはいつですか？');
  });

  it('いいえ to switching keeps the procedure where it was (the text is answered as a question)', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('PCがウイルスに感染したかも');
    expect(c.replies[0].text).toContain('**パソコンなら今すぐLANケーブルを抜く**');
    await c.say('いいえ');
    expect(c.texts[0]).toContain('手続きは始めません');
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
  });

  it('a command while another procedure runs starts the new one (no confirmation); the same one continues', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('持ち出し申請');
    expect(c.texts[0]).toContain('途中です。続きから進めます。');
    expect(textsOf(c.card)).toContain('どこへ持ち出しますか？（作業する場所）');
    await c.say('感染の疑い');
    expect(c.replies[0].text).toContain('**パソコンなら今すぐLANケーブルを抜く**');
    expect(c.all).toContain('「持ち出し申請」を中断しました。');
    expect(textsOf(c.card)).toContain('どの機器ですか？');
  });

  it('a command after an @mention without a mention entity still starts the procedure', async () => {
    const c = new Chat(bot.url, { conversationType: 'groupChat' });
    await c.post({
      ...message('<at>policy-bot</at>&nbsp;持ち出し申請', { conversationId: c.conversationId, conversationType: 'groupChat', expectReplies: true, serviceUrl: null }),
      textFormat: 'xml',
    });
    expect(textsOf(c.card)).toContain('何を持ち出しますか？（複数選べます）');
  });

  it('logs ids and kinds of turns, never what people typed', async () => {
    const c = new Chat(bot.url);
    await toPlace(c);
    await c.say('ひみつの場所XYZ');
    const turns = bot.lines.filter((l) => l.event === 'dialog.turn');
    expect(turns.length).toBeGreaterThan(3);
    expect(turns.at(-1)).toMatchObject({ input: 'text', handled: true, procedure: 'carry-out' });
    expect(JSON.stringify(bot.lines)).not.toContain('ひみつの場所XYZ');
    expect(JSON.stringify(bot.lines)).not.toContain('大分 花子');
  });

  it('a question the procedures pass on is logged once at info (answer.sent), its dialog.turn at debug', async () => {
    const c = new Chat(bot.url);
    const from = bot.lines.length;
    await c.say('パスワードを同僚に教えてもいいですか');
    const lines = bot.lines.slice(from);
    expect(lines.filter((l) => l.level === 'info').map((l) => l.event)).toEqual(['answer.sent']);
    expect(lines.find((l) => l.event === 'dialog.turn')).toMatchObject({ level: 'debug', input: 'text', handled: false });
  });
});
