// The server decides, whatever a card says: self-approval (and the separation-of-duties routing shown on the card),
// people who are not approvers, stale and replayed actions, two approvers at once — through the invoke, on both
// backends (two bot instances on one database for the concurrent case).

import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import {
  PEOPLE,
  actionsOf,
  approvalsBot,
  cardOf,
  execute,
  executeActivity,
  executeData,
  invokeCard,
  postActivity,
  requestFromAnswer,
  textsOf,
  twoApproverDirectory,
  useApprovalsBot,
  type ApprovalsBot,
} from './helpers';

const { alex, megan, adele, patti, nakamura, stranger } = PEOPLE;

async function eventsOf(bot: ApprovalsBot, requestId: string): Promise<string[]> {
  const rows = await bot.server.deps!.db.all<{ type: string }>('SELECT type FROM approval_events WHERE request_id = $1 ORDER BY seq', [requestId]);
  return rows.map((r) => r.type);
}

describe.each(TEST_DIALECTS)('decisions are checked on the server, on %s', (dialect) => {
  const t = useTestDb(dialect);
  // Everyone has talked to the bot once (so their Teams ids are known).
  const { bot, capture } = useApprovalsBot(t, {
    options: () => ({ env: { ORG_DIRECTORY: twoApproverDirectory() } }),
    greet: [alex, megan, adele, patti, nakamura, stranger],
  });
  beforeEach(() => capture().clear());

  it('routes the approver\'s own request up the chain, says why on the card, and refuses her own decision', async () => {
    // Adele (統括情報セキュリティ責任者) asks to install software: 8(1)チ(イ) names her own role.
    const { replies } = await requestFromAnswer(bot(), adele, '業務でフリーソフトをインストールしてもいいですか', { what: '画面キャプチャツールの導入' });
    expect(replies[0].text).toContain('統括情報セキュリティ責任者 → CISO（Isaiah Langer）、データ取扱責任者 → CISO（Isaiah Langer）にお送りしました。');
    const mine = cardOf(replies[0]);
    const notice = '申請者ご本人が統括情報セキュリティ責任者のため、兼務の禁止（第3章 3(7)ア）により CISO へ回付しています。';
    expect(textsOf(mine).join('\n').replace(/\s+/g, '')).toContain(notice.replace(/\s+/g, ''));
    expect(textsOf(mine).join('\n')).toContain('統括情報セキュリティ責任者 → CISO: Isaiah Langer');
    const requestId = (mine.refresh.action.data as { requestId: string }).requestId;

    // The approver's card shows the same reason.
    await bot().deliver();
    const toIsaiah = bot().inbox(PEOPLE.isaiah);
    expect(toIsaiah).toHaveLength(1);
    expect(textsOf(cardOf(toIsaiah[0]!.activity)).join('\n').replace(/\s+/g, '')).toContain(notice.replace(/\s+/g, ''));

    // Adele forges an approval of her own request (right id and version): refused, nothing changes.
    const res = await execute(bot(), adele, 'approvals.act', { requestId, version: 1, act: 'approve', comment: '自分で承認' });
    const card = invokeCard(res.body);
    expect(textsOf(card)[0]).toBe('ご自身の申請は承認・却下できません（第3章 3(7)ア 兼務の禁止）。');
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(textsOf(card)).toContain('承認待ち');
    expect(await eventsOf(bot(), requestId)).toEqual(['submitted']);
    expect((await bot().server.deps!.approvals.approvals.get(requestId))!.version).toBe(1);
  });

  it('refuses people who are not approvers, and shows them no details', async () => {
    const { replies } = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '説明会資料の共有', why: '非公開の理由' });
    const requestId = (cardOf(replies[0]).refresh.action.data as { requestId: string }).requestId;
    for (const who of [patti, stranger]) {
      const card = invokeCard((await execute(bot(), who, 'approvals.act', { requestId, version: 1, act: 'approve' })).body);
      expect(textsOf(card)[0]).toBe('この申請の承認者ではないため、操作できません。');
      expect(textsOf(card).join('\n')).not.toContain('非公開の理由');
      expect(textsOf(card).join('\n')).toContain('内容は、申請者と担当者だけが見られます。');
      expect(actionsOf(card).filter((a) => a.type === 'Action.Execute')).toHaveLength(0);
    }
    // Cancelling someone else's request is refused too; the requester may cancel.
    const forged = invokeCard((await execute(bot(), megan, 'approvals.act', { requestId, version: 1, act: 'cancel' })).body);
    expect(textsOf(forged)[0]).toBe('取り下げは申請者ご本人だけができます。');
    expect(await eventsOf(bot(), requestId)).toEqual(['submitted']);
    const own = invokeCard((await execute(bot(), alex, 'approvals.act', executeData(cardOf(replies[0]), '取り下げる'))).body);
    expect(textsOf(own)).toEqual(expect.arrayContaining(['取り下げました。', '取り下げ']));
  });

  it('answers a stale or replayed action with the current card and changes nothing', async () => {
    const { replies } = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '研修動画の共有' });
    await bot().deliver();
    const card = cardOf(bot().inbox(megan).find((m) => m.activity.text.includes('研修動画の共有'))!.activity);
    const approve = executeData(card, '承認');
    const first = executeActivity(bot(), megan, 'approvals.act', approve);
    expect(textsOf(invokeCard((await postActivity(bot(), first)).body))[0]).toBe('承認しました。申請者に通知します。');

    // The very same activity redelivered (same id): the current card, no second decision.
    const redelivered = invokeCard((await postActivity(bot(), first)).body);
    expect(textsOf(redelivered)[0]).toBe('この申請はすでに更新されています（現在: 承認済み）。最新の内容を表示します。');
    // The same button pressed again (a new activity, the old version), and 却下 from the old card: stale.
    const again = invokeCard((await execute(bot(), megan, 'approvals.act', approve)).body);
    expect(textsOf(again)[0]).toContain('すでに更新されています');
    const reject = invokeCard((await execute(bot(), nakamura, 'approvals.act', executeData(card, '却下'))).body);
    expect(textsOf(reject)[0]).toBe('この申請はすでに更新されています（現在: 承認済み）。最新の内容を表示します。');
    expect(textsOf(reject)).toContain('承認済み');
    const requestId = approve.requestId as string;
    expect(await eventsOf(bot(), requestId)).toEqual(['submitted', 'approved']);

    // Garbage never crashes anything: bad versions, unknown acts, unknown requests.
    for (const data of [{ ...approve, version: 'x' }, { ...approve, act: 'delete' }, { requestId: 'nope', version: 1, act: 'approve' }, {}]) {
      const res = await execute(bot(), megan, 'approvals.act', data);
      expect(res.status).toBe(200);
      expect(res.body.statusCode).toBe(200);
    }
    const unknownVerb = await execute(bot(), megan, 'approvals.nothing', { requestId });
    expect(unknownVerb.status).toBe(501); // not ours: no route answers it
    expect(await eventsOf(bot(), requestId)).toEqual(['submitted', 'approved']);
    expect(replies[0].text).toMatch(/^送信しました/);
  });

  it('decides once when two approvers of the same role press at the same moment (two instances)', async () => {
    const second = await approvalsBot(await t().reopen(), capture(), { env: { ORG_DIRECTORY: twoApproverDirectory() } });
    try {
      for (let round = 0; round < 3; round++) {
        const { replies } = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: `同時判断の確認 ${round}` });
        const requestId = (cardOf(replies[0]).refresh.action.data as { requestId: string }).requestId;
        // Megan approves on instance 1 while Nakamura (also 総務課のデータ取扱責任者) rejects on instance 2.
        const [a, b] = await Promise.all([
          execute(bot(), megan, 'approvals.act', { requestId, version: 1, act: 'approve' }),
          execute(second, nakamura, 'approvals.act', { requestId, version: 1, act: 'reject', comment: '再検討を' }),
        ]);
        const heads = [textsOf(invokeCard(a.body))[0], textsOf(invokeCard(b.body))[0]];
        const applied = heads.filter((h) => h === '承認しました。申請者に通知します。' || h === '却下しました。申請者に通知します。');
        expect(applied).toHaveLength(1);
        expect(heads.filter((h) => h?.includes('すでに更新されています'))).toHaveLength(1);
        const events = await eventsOf(bot(), requestId);
        expect(events).toHaveLength(2);
        expect(['approved', 'rejected']).toContain(events[1]);
        const decisions = await t().db.all('SELECT id FROM approval_outbox WHERE request_id = $1 AND type = $2', [requestId, 'decision']);
        expect(decisions).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});
