// State and delivery on the real databases (SQLite and PostgreSQL): idle expiry with a fake clock, a restart in the
// middle, two instances sharing one database resuming the same step (and never both advancing it), two people in
// parallel, and effects kept once per ref even when the approvals side fails or refuses.
import { StoredEffects } from '../../../bot/dialogs/effect-store';
import type { DialogEffectSink } from '../../../bot/dialogs/effects';
import { EffectRejected } from '../../../dialogs/types';
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { Clock, HOUR, dialogBot, ids } from './helpers/bot';
import { Chat, textsOf } from './helpers/chat';

const OTHER = { id: '29:user-2', name: '別府 太郎', aadObjectId: '00000000-0000-0000-0000-00000000bbbb' };

/** 持ち出し申請 (paper, 機密性1) up to the summary. */
async function toSummary(c: Chat, place = '自宅'): Promise<void> {
  await c.say('持ち出し申請');
  for (const a of ['紙の書類', '会議資料', '機密性1', 'いいえ', place, '資料の確認', '4月9日〜4月10日']) await c.say(a);
  expect(textsOf(c.card)).toContain('この内容で申請します。よろしいですか？');
}

describe.each(TEST_DIALECTS)('procedures on %s', (dialect) => {
  const t = useTestDb(dialect);
  let n = 0;
  const prefix = () => `${dialect}p${++n}`;

  it('ends an idle procedure with a message (24 h by default), then answers the text as usual', async () => {
    const bot = await dialogBot(t().db, { prefix: prefix() });
    try {
      const c = new Chat(bot.url);
      await c.say('持ち出し申請');
      await c.say('紙の書類');
      bot.clock.advance(23 * HOUR);
      await c.say('会議資料');
      expect(textsOf(c.card)).toContain('その情報の機密性の分類はどれですか？');
      const stale = c.button('機密性1').data;
      bot.clock.advance(25 * HOUR);
      await c.say('パスワードを付箋に書いてもいいですか');
      expect(c.texts[0]).toBe('「持ち出し申請」は、24時間操作がなかったため終了しました。');
      expect(c.replies[1].text).toMatch(/^\*\*/);
      expect(c.replies).toHaveLength(2);
      // a button of the expired procedure
      await c.send(stale);
      expect(c.all).toContain('この手続きはすでに終了しています。');
    } finally {
      await bot.close();
    }
  });

  it('an unsent urgent report that expires reminds, in bold, to report; DIALOG_IDLE_HOURS sets the limit', async () => {
    const bot = await dialogBot(t().db, { prefix: prefix(), env: { DIALOG_IDLE_HOURS: '2' } });
    try {
      const c = new Chat(bot.url);
      await c.say('ICカード紛失');
      await c.say('今朝');
      bot.clock.advance(3 * HOUR);
      await c.say('駅');
      expect(c.texts[0]).toBe('「ICカード紛失」は、2時間操作がなかったため終了しました。');
      expect(c.texts[1]).toMatch(/^\*\*通報はまだ送信されていません。/);
      expect(await bot.effects()).toEqual([]);
    } finally {
      await bot.close();
    }
  });

  it('survives a restart in the middle: a new server on the same database continues at the same step', async () => {
    const p = prefix();
    const clock = new Clock();
    const newId = ids(p);
    let bot = await dialogBot(t().db, { prefix: p, clock, newId });
    const c = new Chat(bot.url);
    await c.say('持ち出し申請');
    await c.say('紙の書類');
    await c.say('会議資料');
    const pending = c.button('機密性1').data;
    await bot.close();

    bot = await dialogBot(await t().reopen(), { prefix: p, clock, newId });
    try {
      c.url = bot.url;
      // the button on the card shown before the restart still works
      await c.send(pending);
      expect(textsOf(c.card)).toContain('作業に私物のパソコンやスマホなど（支給以外の機器）を使いますか？');
      for (const a of ['いいえ', '自宅', '資料の確認', '4月9日〜4月10日']) await c.say(a);
      expect(c.all).toContain('情報の内容: 会議資料');
      await c.click('申請する');
      expect((await bot.effects()).map((e) => [e.type, e.ref])).toEqual([['submit', `${p}-1`]]);
    } finally {
      await bot.close();
    }
  });

  it('two instances on one database: either one takes the next step; a concurrent press advances it once', async () => {
    const p = prefix();
    const clock = new Clock();
    const newId = ids(p);
    const a = await dialogBot(t().db, { prefix: p, clock, newId });
    const b = await dialogBot(await t().reopen(), { prefix: p, clock, newId });
    try {
      const c = new Chat(a.url);
      await c.say('持ち出し申請');
      c.url = b.url;
      await c.say('紙の書類');
      c.url = a.url;
      await c.say('会議資料');
      c.url = b.url;
      expect(textsOf(c.card)).toContain('その情報の機密性の分類はどれですか？');
      await c.click('機密性1');
      c.url = a.url;
      for (const x of ['いいえ', '自宅', '資料の確認', '4月9日〜4月10日']) await c.say(x);
      const press = c.button('申請する').data;

      // the same summary answered on both instances at once: one request, the other press told so
      const [ra, rb] = await Promise.all([new Chat(a.url, { conversationId: c.conversationId }), new Chat(b.url, { conversationId: c.conversationId })].map(async (x) => {
        await x.send(press);
        return x.all;
      }));
      const both = `${ra}\n${rb}`;
      expect(both.match(/持ち出し申請: 送信しました/g)).toHaveLength(1);
      expect(both).toMatch(/同時に別の操作があったため|この手続きはすでに終了しています|前の質問のボタンです/);
      const effects = await a.effects();
      expect(effects.map((e) => e.type)).toEqual(['submit']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two people in parallel, in one group chat and in their own chats, each with their own procedure', async () => {
    const bot = await dialogBot(t().db, { prefix: prefix() });
    try {
      const group = `19:group-${dialect}-${n}@thread.v2`;
      const hanako = new Chat(bot.url, { mention: true, conversationType: 'groupChat', conversationId: group });
      const taro = new Chat(bot.url, { mention: true, conversationType: 'groupChat', conversationId: group, from: OTHER });
      await Promise.all([hanako.say('持ち出し申請'), taro.say('ICカード紛失')]);
      expect(textsOf(hanako.card)).toContain('何を持ち出しますか？（複数選べます）');
      expect(textsOf(taro.card)).toContain('最後にカードを確認したのはいつですか？');
      await Promise.all([hanako.say('紙の書類'), taro.say('今朝')]);
      await Promise.all([hanako.say('会議資料'), taro.say('駅のホーム')]);
      expect(textsOf(hanako.card)).toContain('その情報の機密性の分類はどれですか？');
      expect(textsOf(taro.card)).toContain('盗まれた可能性はありますか？');
      await taro.click('ないと思う');
      expect(taro.all).toContain('最後に確認した場所: 駅のホーム');
      expect(taro.all).not.toContain('会議資料');
      // Hanako's card buttons are hers: Taro pressing one gets nothing of her procedure
      await taro.send(hanako.button('機密性1').data);
      expect(taro.all).toContain('前の質問のボタンです');
      expect(textsOf(taro.card)).toContain('この内容で通報します。あわせて、このカードによるアクセスの停止を依頼します。');

      // and in their own chats, at the same time
      const own = [new Chat(bot.url), new Chat(bot.url, { from: OTHER })];
      await Promise.all(own.map((c, i) => toSummary(c, i === 0 ? '自宅' : '出張先')));
      expect(own[0]!.all).toContain('持ち出し先: 自宅');
      expect(own[1]!.all).toContain('持ち出し先: 出張先');
      await Promise.all(own.map((c) => c.click('申請する')));
      const drafts = (await bot.effects()).filter((e) => e.kind === 'carry-out').map((e) => (e.effect as any).draft);
      expect(drafts.map((d: any) => [d.requester.userId, d.details.place]).sort()).toEqual([
        ['00000000-0000-0000-0000-00000000aaaa', '自宅'],
        ['00000000-0000-0000-0000-00000000bbbb', '出張先'],
      ]);
    } finally {
      await bot.close();
    }
  });

  it('a failing approvals side keeps the request stored; 「再送」 sends it, once', async () => {
    const store = await StoredEffects.open(t().db);
    let down = true;
    const flaky: DialogEffectSink = {
      deliver: async (e, origin) => {
        if (down) throw new Error('approvals unavailable');
        return store.deliver(e, origin);
      },
    };
    const bot = await dialogBot(t().db, { prefix: prefix(), dialogs: { effects: flaky } });
    try {
      const c = new Chat(bot.url);
      await toSummary(c);
      await c.click('申請する');
      expect(c.all).toContain('内容は保存しましたが、送信できませんでした。「再送」と送ると、もう一度送信します。');
      expect(c.all).not.toContain('送信しました');
      expect(await bot.effects()).toEqual([]);
      await c.say('再送');
      expect(c.all).toContain('送信できませんでした');
      down = false;
      await c.say('再送');
      expect(c.all).toContain('送信できていなかった報告・申請を送信しました。');
      await c.say('再送');
      expect(c.all).toContain('送信を待っているものはありません。');
      expect((await bot.effects()).map((e) => e.type)).toEqual(['submit']);
    } finally {
      await bot.close();
    }
  });

  it('a refusal is shown; an urgent one says in bold to report anyway', async () => {
    const refusing: DialogEffectSink = {
      deliver: async () => {
        throw new EffectRejected('送信先の責任者が登録されていないため、送信できませんでした。');
      },
    };
    const bot = await dialogBot(t().db, { prefix: prefix(), dialogs: { effects: refusing } });
    try {
      const c = new Chat(bot.url);
      await c.say('ICカード紛失');
      for (const a of ['今朝', '駅']) await c.say(a);
      await c.click('わからない');
      await c.click('通報する');
      expect(c.texts[0]).toBe('送信先の責任者が登録されていないため、送信できませんでした。');
      expect(c.texts[1]).toMatch(/^\*\*通報はまだ送信されていません。/);
      expect(c.all).not.toContain('送信しました');
    } finally {
      await bot.close();
    }
  });

  it('keeps each effect once by its ref, with the conversation it came from; ready to be forwarded', async () => {
    const store = await StoredEffects.open(t().db);
    const ref = `${prefix()}-direct`;
    const effect = {
      type: 'submit' as const,
      ref,
      procedure: 'infection' as const,
      at: '2026-04-08T00:00:00.000Z',
      draft: { kind: 'infection' as const, urgent: true, requester: { userId: 'u-1' }, roles: ['データ取扱責任者'], clauses: ['第3章 7(3)ア(ア)'], title: '感染の疑いの報告', details: {} },
    };
    const origin = { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'a:1', conversationType: 'personal' }, user: { id: '29:u', aadObjectId: 'u-1' } };
    await store.deliver(effect, origin);
    await store.deliver({ ...effect, draft: { ...effect.draft, title: 'changed' } }, undefined);
    const kept = await store.get(ref);
    expect(kept).toMatchObject({ ref, type: 'submit', kind: 'infection', urgent: true, userId: 'u-1', origin, forwardedAt: null, requestId: null });
    expect((kept?.effect as typeof effect).draft.title).toBe('感染の疑いの報告');
    expect((await store.pending(1000)).some((e) => e.ref === ref)).toBe(true);
    expect(await store.markForwarded(ref, 'REQ-1')).toBe(true);
    expect(await store.markForwarded(ref, 'REQ-2')).toBe(false);
    expect(await store.get(ref)).toMatchObject({ requestId: 'REQ-1', forwardedAt: expect.any(String) });
    expect((await store.pending(1000)).some((e) => e.ref === ref)).toBe(false);
    await expect(store.deliver({ ...effect, ref: '' }, undefined)).rejects.toBeInstanceOf(EffectRejected);
  });
});
