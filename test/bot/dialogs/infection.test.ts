// 感染の疑い through the real adapter: the bold LAN-cable / スマホ instruction is the very first reply, alone in its
// message, however the procedure starts (command, button, free text, @mention in a channel) and even when storage
// fails; then the device branches and the urgent incident report.
import type { KvStore } from '../../../storage/types';
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { ERROR_TEXT } from '../../../bot/app';
import { type DialogBot, dialogBot } from './helpers/bot';
import { Chat, textsOf } from './helpers/chat';

const FIRST = '**パソコンなら今すぐLANケーブルを抜く**\n\n**スマホ・タブレットなら直ちに使用をやめ通信をオフにする**';

describe.each(TEST_DIALECTS)('感染の疑い in Teams (%s)', (dialect) => {
  const t = useTestDb(dialect);
  let bot: DialogBot;
  let n = 0;
  beforeEach(async () => {
    bot = await dialogBot(t().db, { prefix: `in${dialect}${++n}` });
  });
  afterEach(() => bot.close());

  it('the command: first reply is the bold instruction alone, with a Teams notification; then the device question', async () => {
    const c = new Chat(bot.url);
    await c.say('感染の疑い');
    expect(c.replies[0]).toMatchObject({ type: 'message', text: FIRST, textFormat: 'markdown', channelData: { notification: { alert: true } } });
    expect(c.replies[0].attachments).toBeUndefined();
    expect(c.replies[1].text).toContain('第3章 8(4)ウ(キ)');
    expect(textsOf(c.card)).toContain('どの機器ですか？');
    expect(c.texts.filter((x) => x.includes('LANケーブルを抜く'))).toHaveLength(1);
  });

  it('PC: LAN cable, what happened (several), detail, when → urgent report to the データ取扱責任者 and the 統一的な窓口', async () => {
    const c = new Chat(bot.url);
    await c.say('感染の疑い');
    await c.click('パソコン');
    expect(textsOf(c.card)).toContain('LANケーブルは抜きましたか？無線LAN（Wi-Fi）の場合は、Wi-Fiをオフにしてください。');
    await c.click('抜いた・切断した');
    await c.submit({ value: 'attachment,popup' });
    await c.say('件名「請求書の件」のメール');
    await c.say('今日の10時ごろ');
    expect(c.all).toContain('送信先: データ取扱責任者、統一的な窓口');
    await c.click('報告する');
    expect(textsOf(c.cards[0])).toEqual(expect.arrayContaining(['感染の疑い: 送信しました', '扱い: 至急']));
    expect(c.all).toContain('CSIRT');
    const [effect, ...rest] = await bot.effects();
    expect(rest).toEqual([]);
    expect(effect).toMatchObject({ type: 'submit', kind: 'infection', urgent: true });
    expect(effect?.effect).toMatchObject({
      draft: { roles: ['データ取扱責任者', '統一的な窓口'], details: { device: 'pc', unplugged: 'done', what: ['attachment', 'popup'], when: '今日の10時ごろ' } },
    });
  });

  it('smartphone: 「まだ・できない」 is recorded and never blocks the report', async () => {
    const c = new Chat(bot.url);
    await c.say('感染の疑い');
    await c.click('スマホ・タブレット');
    expect(textsOf(c.card)).toContain('使用をやめて、通信をオフ（機内モードなど）にしましたか？');
    await c.click('まだ・できない');
    await c.submit({ value: 'link' });
    await c.say('なし');
    await c.say('さっき');
    await c.click('報告する');
    const [effect] = await bot.effects();
    expect(effect?.effect).toMatchObject({ draft: { details: { device: 'mobile', offline: 'notYet' } } });
  });

  it('another device: no containment question', async () => {
    const c = new Chat(bot.url);
    await c.say('感染の疑い');
    await c.click('その他の機器');
    expect(textsOf(c.card)).toContain('何がありましたか？（複数選べます）');
  });

  it('free text: the instruction comes before the confirmation, and is not repeated after はい', async () => {
    const c = new Chat(bot.url);
    await c.say('PCがウイルスに感染したかも');
    expect(c.replies[0].text).toBe(FIRST);
    expect(textsOf(c.card)).toEqual(['感染の疑いの報告を一緒に始めますか？']);
    await c.click('はい、始めます');
    expect(c.all).not.toContain('LANケーブルを抜く');
    expect(textsOf(c.card)).toContain('どの機器ですか？');
  });

  it('the welcome card button starts it with the instruction first', async () => {
    const c = new Chat(bot.url);
    await c.send({ action: 'procedure.start', procedure: 'infection' });
    expect(c.replies[0].text).toBe(FIRST);
    expect(c.texts.filter((x) => x.includes('LANケーブルを抜く'))).toHaveLength(1);
  });

  it('in a channel: 「@policy-bot 感染の疑い」 starts it in the thread, the instruction first; the thread continues by @mention', async () => {
    const c = new Chat(bot.url, { mention: true, conversationType: 'channel', conversationId: '19:abc@thread.tacv2;messageid=1700000000000' });
    await c.say('感染の疑い');
    expect(c.replies[0].text).toBe(FIRST);
    expect(textsOf(c.card)).toContain('どの機器ですか？');
    await c.say('パソコン');
    expect(textsOf(c.card)).toContain('LANケーブルは抜きましたか？無線LAN（Wi-Fi）の場合は、Wi-Fiをオフにしてください。');
    // another person in the same thread is not in this procedure: their question is answered
    const other = new Chat(bot.url, { mention: true, conversationType: 'channel', conversationId: c.conversationId, from: { id: '29:user-2', name: '別府 太郎', aadObjectId: '00000000-0000-0000-0000-00000000bbbb' } });
    await other.say('パスワードを付箋に書いてもいいですか');
    expect(other.replies).toHaveLength(1);
    expect(other.replies[0].text).toMatch(/^\*\*/);
  });

  it('even when storage fails, the instruction arrives first (then the apology)', async () => {
    await bot.close();
    const broken: KvStore = {
      read: async () => {
        throw new Error('storage down');
      },
      write: async () => {
        throw new Error('storage down');
      },
      delete: async () => undefined,
    };
    bot = await dialogBot(t().db, { prefix: `in${dialect}${n}b`, dialogs: { store: broken } });
    const c = new Chat(bot.url);
    await c.say('感染の疑い');
    expect(c.texts).toEqual([FIRST, ERROR_TEXT]);
    await c.say('ウイルスに感染したかもしれない');
    expect(c.texts).toEqual([FIRST, ERROR_TEXT]);
    await c.send({ action: 'procedure.start', procedure: 'infection' });
    expect(c.texts).toEqual([FIRST, ERROR_TEXT]);
  });
});
