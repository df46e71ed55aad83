// The procedures' effects handed to the real approvals workflow (approvals/, with the sample directory) through the
// bot: the request, the stop-access task and the follow-ups land in the workflow once each; a 持ち込み report before
// approval is refused (and can be made again once approved); refusals are shown.
import { startApprovals, type ApprovalsRuntime, type Notification, NoRecipientError, DraftError, type Approvals } from '../../../approvals';
import { approvalsEffectSink } from '../../../bot/dialogs/approvals-sink';
import { StoredEffects, forwardPending } from '../../../bot/dialogs/effect-store';
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { Clock, dialogBot } from './helpers/bot';
import { Chat, buttonsOf } from './helpers/chat';

/** People of approvals/sample-directory.yaml. */
const ALEX = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
const MEGAN = '00000000-0000-0000-0000-0000000000021';

describe.each(TEST_DIALECTS)('effects into the approvals workflow (%s)', (dialect) => {
  const t = useTestDb(dialect);
  let n = 0;

  async function setup(): Promise<{ rt: ApprovalsRuntime; sent: Notification[]; bot: Awaited<ReturnType<typeof dialogBot>> }> {
    const clock = new Clock();
    const sent: Notification[] = [];
    const rt = await startApprovals({
      db: t().db,
      directory: 'approvals/sample-directory.yaml',
      deliver: async (x) => {
        sent.push(x);
      },
      worker: false,
      now: clock.now,
    });
    const bot = await dialogBot(t().db, { clock, prefix: `ap${dialect}${++n}`, dialogs: { effects: approvalsEffectSink(rt.approvals) } });
    return { rt, sent, bot };
  }

  it('ICカード紛失: one urgent report with its stop-access task, then the found card as a follow-up', async () => {
    const { rt, bot } = await setup();
    try {
      const c = new Chat(bot.url, { from: ALEX });
      await c.say('ICカード紛失');
      await c.say('昨日の夕方');
      await c.say('帰りのバスの中');
      await c.click('わからない');
      await c.click('通報する');
      expect(c.all).toContain('ICカード紛失: 送信しました');
      const mine = await rt.approvals.get((await rt.approvals.requestIdForRef(`ap${dialect}${n}-1`))!);
      expect(mine).toMatchObject({ kind: 'lost-card', urgent: true });
      expect(mine).toMatchObject({ roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'], requester: { userId: ALEX.aadObjectId } });
      expect(mine!.tasks.map((x) => x.id)).toEqual(['stop-access']);
      expect((await rt.approvals.get(mine!.id))!.tasks).toHaveLength(1);

      await c.say('カードが見つかりました');
      await c.click('見つかった');
      await c.click('報告する');
      expect(c.all).toContain('カードが見つかったことを報告しました。');
      const after = await rt.approvals.get(mine!.id);
      expect(after!.followUps?.map((f) => f.kind)).toEqual(['lost-card.found']);
      expect(after!.tasks).toHaveLength(1);
    } finally {
      await bot.close();
      await rt.stop();
    }
  });

  it('持ち出し申請: the request waits for the データ取扱責任者; 持ち込み before approval is refused, after approval recorded', async () => {
    const { rt, sent, bot } = await setup();
    try {
      const c = new Chat(bot.url, { from: ALEX });
      await c.say('持ち出し申請');
      for (const a of ['紙の書類', '会議資料', '機密性1', 'いいえ', '自宅', '資料の確認', '4月8日〜4月9日']) await c.say(a);
      await c.click('申請する');
      const mine = { requestId: (await rt.approvals.requestIdForRef(`ap${dialect}${n}-1`))! };
      expect(await rt.approvals.get(mine.requestId)).toMatchObject({ kind: 'carry-out', state: 'submitted', roles: ['データ取扱責任者'] });
      await rt.outbox.drain();
      expect(sent.some((x) => x.type === 'approval-request' && x.recipient.kind === 'person' && x.recipient.userId === MEGAN)).toBe(true);

      // 持ち込み before the approval: the workflow refuses it, the person is told, and the report can be made later
      await c.say('持ち込み報告');
      await c.click('すべて戻しました');
      await c.click('今日');
      await c.click('報告する');
      expect(c.texts[0]).toBe('この持ち出し申請はまだ承認されていません。');
      expect(c.all).not.toContain('持ち込みを報告しました。');
      expect(buttonsOf(c.card).map((b) => b.title)).toEqual(['持ち出し申請の報告を再開する']);

      const rec = await rt.approvals.get(mine!.requestId);
      const decided = await rt.approvals.decide({ requestId: rec!.id, actor: { userId: MEGAN }, version: rec!.version, decision: 'approve' });
      expect(decided.outcome).toBe('applied');

      await c.click('持ち出し申請の報告を再開する');
      await c.click('すべて戻しました');
      await c.click('今日');
      await c.click('報告する');
      expect(c.all).toContain('持ち込みを報告しました。');
      expect(await rt.approvals.get(mine!.requestId)).toMatchObject({ state: 'returned', returned: { on: '2026-04-08' } });
    } finally {
      await bot.close();
      await rt.stop();
    }
  });

  it('effects kept in dialog_effects before the workflow was wired in are forwarded once, in order', async () => {
    const p = `ap${dialect}${++n}`;
    const kept = await dialogBot(t().db, { prefix: p });
    const c = new Chat(kept.url, { from: ALEX });
    await c.say('ICカード紛失');
    for (const a of ['今朝', '駅']) await c.say(a);
    await c.click('わからない');
    await c.click('通報する');
    await c.say('カードが見つかりました');
    await c.click('見つかった');
    await c.click('報告する');
    await kept.close();
    expect((await kept.effects()).map((e) => e.forwardedAt)).toEqual([null, null, null]);

    const clock = new Clock();
    const rt = await startApprovals({ db: t().db, directory: 'approvals/sample-directory.yaml', deliver: async () => undefined, worker: false, now: clock.now });
    const store = await StoredEffects.open(t().db);
    const sink = approvalsEffectSink(rt.approvals);
    expect(await forwardPending(store, sink)).toEqual({ forwarded: 3, refused: 0, failed: false });
    expect(await forwardPending(store, sink)).toEqual({ forwarded: 0, refused: 0, failed: false });
    const rows = await kept.effects();
    const requestId = await rt.approvals.requestIdForRef(`${p}-1`);
    expect(rows.map((r) => r.requestId)).toEqual([requestId, null, null]);
    expect(rows.every((r) => r.forwardedAt !== null)).toBe(true);
    const rec = await rt.approvals.get(requestId!);
    expect(rec).toMatchObject({ kind: 'lost-card', requester: { userId: ALEX.aadObjectId } });
    expect(rec!.followUps?.map((f) => f.kind)).toEqual(['lost-card.found']);
    await rt.stop();
  });

  it('a refused submit is shown to the person (nobody to route to, invalid draft); other errors are retried', async () => {
    const calls: string[] = [];
    let fail: Error = new NoRecipientError('統一的な窓口');
    const fake = {
      submit: async () => {
        calls.push('submit');
        throw fail;
      },
    } as unknown as Approvals;
    const bot = await dialogBot(t().db, { prefix: `ap${dialect}${++n}`, dialogs: { effects: approvalsEffectSink(fake) } });
    try {
      const c = new Chat(bot.url);
      await c.say('感染の疑い');
      await c.click('その他の機器');
      await c.submit({ value: 'popup' });
      await c.say('なし');
      await c.say('さっき');
      await c.click('報告する');
      expect(c.texts[0]).toContain('送信先の責任者が名簿に見つからないため、送信できませんでした。');
      expect(c.texts[1]).toMatch(/^\*\*報告はまだ送信されていません。/);

      fail = new DraftError([{ path: 'period.until', message: '期間がすでに終わっています' }]);
      await c.say('感染の疑い');
      await c.click('その他の機器');
      await c.submit({ value: 'popup' });
      for (const a of ['なし', 'さっき']) await c.say(a);
      await c.click('報告する');
      expect(c.texts[0]).toBe('申請の内容を受け付けられませんでした。（期間がすでに終わっています）');

      fail = new Error('database busy');
      await c.say('感染の疑い');
      await c.click('その他の機器');
      await c.submit({ value: 'popup' });
      for (const a of ['なし', 'さっき']) await c.say(a);
      await c.click('報告する');
      expect(c.all).toContain('「再送」と送ると、もう一度送信します。');
      expect(calls).toHaveLength(3);
      expect(c.all).not.toContain('送信しました');
    } finally {
      await bot.close();
    }
  });
});
