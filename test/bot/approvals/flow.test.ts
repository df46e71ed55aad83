// The whole path at the wire level, on SQLite and PostgreSQL: a staff member asks, presses 「許可を申請する」, sends the
// form; the approver receives a proactive card (in their 1:1 chat, or one the bot creates), approves through an
// `adaptiveCard/action` invoke, and the requester is told the decision with the comment.

import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { installationUpdate } from '../../support/teams';
import {
  PEOPLE,
  actionsOf,
  as,
  cardOf,
  execute,
  executeData,
  invokeCard,
  postActivity,
  press,
  requestFromAnswer,
  say,
  textsOf,
  useApprovalsBot,
} from './helpers';

const { alex, megan, adele } = PEOPLE;

describe.each(TEST_DIALECTS)('request → approver card → decision → requester told, on %s', (dialect) => {
  const t = useTestDb(dialect);
  const { bot, capture } = useApprovalsBot(t);

  beforeAll(async () => {
    // Megan has the bot installed (her 1:1 chat is known); Adele never talked to it.
    const install = await postActivity(bot(), { ...installationUpdate('add', as(bot(), megan, { expectReplies: false })), recipient: { id: '28:policy-bot-test' } });
    expect(install.status).toBe(200);
    await capture().waitFor(1); // the welcome
  });

  it('offers 「許可を申請する」 under a needs_permission answer, naming who approves', async () => {
    const [answer] = await say(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか');
    expect(answer.text.startsWith('**許可が必要です。**')).toBe(true);
    const card = cardOf(answer);
    expect(textsOf(card).join('\n')).toContain('「許可を申請する」からデータ取扱責任者に申請できます。');
    const offer = actionsOf(card).find((a) => a.title === '許可を申請する');
    expect(offer.type).toBe('Action.Submit');
    expect(offer.data).toEqual({ action: 'approvals.offer', answerId: answer.id });
  });

  it('runs the whole path: form → stored → 「送信しました」 → approver card → 承認 with a comment → the requester is told', async () => {
    capture().clear();
    const { formCard, replies } = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', {
      what: '共有ストレージに研修資料を置く',
      why: '市町村担当者との資料共有のため',
      from: '2026-12-01',
      until: '2026-12-31',
    });
    // The form carries the question, the roles the answer named and the cited clause.
    const formTexts = textsOf(formCard).join('\n');
    expect(formTexts).toContain('申請先: データ取扱責任者');
    expect(formTexts).toContain('根拠条項: 第3章 7(1)ア(ウ)b');
    expect(formCard.body.filter((b: any) => b.type?.startsWith('Input.')).map((b: any) => b.id)).toEqual(['what', 'why', 'from', 'until']);

    // 「送信しました」 only after the request is stored: it is in the database when the reply arrives.
    const [ack] = replies;
    expect(ack.text).toMatch(/^送信しました（受付番号 [0-9A-F]{8}）。データ取扱責任者（Megan Bowen）にお送りしました。/);
    const mineCard = cardOf(ack);
    const shortId = /受付番号 ([0-9A-F]{8})/.exec(ack.text)![1]!;
    const row = await t().db.get<{ id: string; state: string; record: string }>('SELECT id, state, record FROM approval_requests WHERE id LIKE $1', [`${shortId.toLowerCase()}%`]);
    expect(row?.state).toBe('submitted');
    const record = JSON.parse(row!.record);
    expect(record).toMatchObject({
      kind: 'permission',
      roles: ['データ取扱責任者'],
      clauses: ['第3章 7(1)ア(ウ)b'],
      question: 'クラウドのストレージに業務データを置いてもいいですか',
      period: { from: '2026-12-01', until: '2026-12-31' },
      requester: { personId: 'alex', userId: alex.aadObjectId },
    });
    // The requester's own card: 承認待ち, who decides, and only 取り下げる to press.
    expect(textsOf(mineCard)).toEqual(expect.arrayContaining(['承認待ち', 'データ取扱責任者: Megan Bowen']));
    expect(actionsOf(mineCard).map((a) => a.title)).toEqual(['取り下げる']);
    // The outbox delivers a proactive message into Megan's 1:1 chat (right after the submit; deliver() waits for it).
    await bot().deliver();
    const [toMegan, ...others] = bot().inbox(megan);
    expect(others).toHaveLength(0);
    expect(toMegan!.conversationId).toBe(bot().chat(megan));
    expect(toMegan!.replyToId).toBeUndefined(); // a new message, not a reply
    expect(toMegan!.activity.text).toContain('Alex Wilberさんから許可申請「共有ストレージに研修資料を置く」が届きました。承認または却下をお願いします。');
    expect(toMegan!.activity.channelData.notification.alert).toBe(true);
    const approverCard = cardOf(toMegan!.activity);
    expect(approverCard.version).toBe('1.5');
    expect(textsOf(approverCard)).toEqual(
      expect.arrayContaining(['許可申請', '承認待ち', `受付番号: ${shortId}`, '申請者: Alex Wilber（事務局 総務課）', '期間: 2026/12/01〜2026/12/31', '根拠条項: 第3章 7(1)ア(ウ)b']),
    );
    expect(textsOf(approverCard).join('\n')).toContain('質問: クラウドのストレージに業務データを置いてもいいですか');
    const approve = executeData(approverCard, '承認');
    expect(approve).toEqual({ requestId: row!.id, version: 1, act: 'approve' });
    expect(executeData(approverCard, '却下')).toEqual({ requestId: row!.id, version: 1, act: 'reject' });
    expect(approverCard.body.find((b: any) => b.id === 'comment')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    // Universal actions: everyone concerned refreshes the card in place (Teams user ids where known).
    expect(approverCard.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'approvals.refresh', data: { requestId: row!.id } });
    expect(approverCard.refresh.userIds).toEqual(expect.arrayContaining([alex.id, megan.id]));

    // Megan approves through the invoke, with a comment; the answer is the updated card.
    const res = await execute(bot(), megan, 'approvals.act', { ...approve, comment: '承認します。共有後は速やかに削除してください。' });
    expect(res.status).toBe(200);
    const after = invokeCard(res.body);
    expect(textsOf(after)).toEqual(expect.arrayContaining(['承認しました。申請者に通知します。', '承認済み']));
    expect(textsOf(after).join('\n')).toContain('承認されました（Megan Bowen、');
    expect(actionsOf(after).filter((a) => a.type === 'Action.Execute')).toHaveLength(0);

    // The requester is told, with the comment, in his chat.
    await bot().deliver();
    const [toAlex, ...more] = bot().inbox(alex);
    expect(more).toHaveLength(0);
    expect(toAlex!.activity.text).toContain('許可申請「共有ストレージに研修資料を置く」は承認されました。');
    expect(toAlex!.activity.text).toContain('コメント: 承認します。共有後は速やかに削除してください。');
    expect(textsOf(cardOf(toAlex!.activity))).toContain('承認済み');
    const events = await t().db.all<{ type: string }>('SELECT type FROM approval_events WHERE request_id = $1 ORDER BY seq', [row!.id]);
    expect(events.map((e) => e.type)).toEqual(['submitted', 'approved']);
  });

  it('creates the 1:1 chat through the connector for an approver who never talked to the bot, then both roles approve', async () => {
    capture().clear();
    const { replies } = await requestFromAnswer(bot(), alex, '業務でフリーソフトをインストールしてもいいですか', { what: '表計算の補助ツールを入れる', why: '集計作業の効率化' });
    expect(replies[0].text).toContain('統括情報セキュリティ責任者（Adele Vance）、データ取扱責任者（Megan Bowen）にお送りしました。');
    await bot().deliver();
    // Adele had no conversation: the bot created one (POST /v3/conversations) and posted into it.
    const created = capture().created.find((c) => c.parameters.members?.[0]?.aadObjectId === adele.aadObjectId);
    expect(created).toBeDefined();
    expect(created!.parameters).toMatchObject({ isGroup: false, bot: { id: '28:policy-bot-test' }, tenantId: '00000000-0000-0000-0000-0000000000001' });
    const [toAdele] = bot().inbox(adele);
    expect(toAdele!.conversationId).toBe(created!.conversationId);
    const adeleCard = cardOf(toAdele!.activity);
    const [toMegan] = bot().inbox(megan);
    const meganCard = cardOf(toMegan!.activity);

    // The first approval records itself and waits for the other role.
    const first = invokeCard((await execute(bot(), megan, 'approvals.act', executeData(meganCard, '承認'))).body);
    expect(textsOf(first)).toContain('承認を記録しました。ほかの承認者の判断を待っています。');
    expect(textsOf(first)).toContain('承認待ち');
    // Adele's card is older now (version 1): her click is stale and changes nothing …
    const stale = invokeCard((await execute(bot(), adele, 'approvals.act', executeData(adeleCard, '承認'))).body);
    expect(textsOf(stale)[0]).toBe('この申請はすでに更新されています（現在: 承認待ち）。最新の内容を表示します。');
    // … and the card she gets back is current: Megan's approval shows, her own buttons carry the new version.
    expect(textsOf(stale).join('\n')).toMatch(/データ取扱責任者: Megan Bowen: 承認（Megan Bowen、/);
    const second = invokeCard((await execute(bot(), adele, 'approvals.act', executeData(stale, '承認'))).body);
    expect(textsOf(second)).toEqual(expect.arrayContaining(['承認しました。申請者に通知します。', '承認済み']));

    // A second look at the card (Teams' automatic refresh) shows the decision to everyone concerned.
    const refreshed = invokeCard((await execute(bot(), megan, 'approvals.refresh', { requestId: executeData(meganCard, '承認').requestId }, { trigger: 'automatic' })).body);
    expect(textsOf(refreshed)).toContain('承認済み');
    expect(actionsOf(refreshed).filter((a) => a.type === 'Action.Execute')).toHaveLength(0);

    await bot().deliver();
    const toAlex = bot().inbox(alex);
    expect(toAlex).toHaveLength(1);
    expect(toAlex[0]!.activity.text).toContain('許可申請「表計算の補助ツールを入れる」は承認されました。');
  });

  it('does not offer a request for a prohibition, and validates the form (dates in JST)', async () => {
    const [answer] = await say(bot(), alex, 'パスワードを同僚に教えてもいいですか');
    expect(actionsOf(cardOf(answer) ?? {}).find((a) => a.data?.action === 'approvals.offer')).toBeUndefined();

    const { replies } = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '  ', from: '2026-12-10', until: '2026-12-01' });
    const again = cardOf(replies[0]);
    expect(textsOf(again)).toEqual(expect.arrayContaining(['内容を入力してください。', '終了日は開始日以降の日付にしてください。']));
    expect(again.body.find((b: any) => b.id === 'from').value).toBe('2026-12-10');
    const past = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '資料共有', from: '2020-01-01', until: '2020-01-02' });
    expect(textsOf(cardOf(past.replies[0]))).toContain('開始日は今日以降の日付にしてください（日本時間）。');
    const half = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '資料共有', from: '2026-12-01' });
    expect(textsOf(cardOf(half.replies[0]))).toContain('期間は開始日と終了日の両方を入力してください。');
  });

  it('sends a form once, however often it is sent (double click): the same request and 「すでに送信しています」', async () => {
    const [answer] = await say(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか');
    const offer = actionsOf(cardOf(answer)).find((a) => a.data?.action === 'approvals.offer');
    const [formActivity] = await press(bot(), alex, offer.data);
    const send = actionsOf(cardOf(formActivity)).find((a) => a.data?.action === 'approvals.submit');
    const before = await t().db.get<{ n: number }>('SELECT COUNT(*) AS n FROM approval_requests');
    const [a, b] = await Promise.all([press(bot(), alex, { ...send.data, what: '二重送信の確認' }), press(bot(), alex, { ...send.data, what: '二重送信の確認' })]);
    const texts = [a[0].text, b[0].text].sort();
    expect(texts[0]).toMatch(/^この申請はすでに送信しています（受付番号 [0-9A-F]{8}）。$/);
    expect(texts[1]).toMatch(/^送信しました/);
    const after = await t().db.get<{ n: number }>('SELECT COUNT(*) AS n FROM approval_requests');
    expect(Number(after!.n)).toBe(Number(before!.n) + 1);
  });

  it('logs ids and outcomes only: no names, questions, form answers or comments', () => {
    const lines = JSON.stringify(bot().lines);
    for (const secret of ['Alex Wilber', 'Megan Bowen', 'クラウドのストレージ', '共有ストレージに研修資料を置く', '市町村担当者との資料共有', '速やかに削除']) {
      expect(lines).not.toContain(secret);
    }
    expect(bot().lines.some((l) => l.event === 'approvals.invoke' && l.outcome === 'applied' && typeof l.requestId === 'string')).toBe(true);
    expect(bot().lines.some((l) => l.event === 'approvals.delivered' && l.type === 'decision')).toBe(true);
  });

  it('申請状況 lists one\'s own requests and, for approvers, what waits for them, with buttons', async () => {
    const [mine] = await say(bot(), alex, '申請状況');
    const list = cardOf(mine);
    const texts = textsOf(list);
    expect(texts[0]).toBe('申請状況');
    expect(texts).toContain('あなたの申請・報告');
    expect(texts.some((s) => s.startsWith('許可申請「共有ストレージに研修資料を置く」'))).toBe(true);
    expect(texts.some((s) => s.startsWith('承認済み・受付番号 '))).toBe(true);
    expect(texts.join('\n')).not.toContain('あなたの対応を待っている'); // Alex holds no role
    const show = actionsOf(list).find((a) => a.title === '内容を見る');
    expect(show.data.action).toBe('approvals.show');

    // Megan: the requests waiting for her decision (the double-sent one and the prohibited one's siblings).
    const [waiting] = await say(bot(), megan, '申請状況');
    const wt = textsOf(cardOf(waiting));
    expect(wt.find((s) => s.startsWith('あなたの対応を待っている申請・報告'))).toMatch(/（[1-9]\d*件）$/);
    expect(wt.some((s) => s.includes('Alex Wilberさん'))).toBe(true);
    const open = actionsOf(cardOf(waiting)).find((a) => a.title === '内容を見る');
    const [shown] = await press(bot(), megan, open.data);
    const card = cardOf(shown);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['承認', '却下']);

    // The help card's 申請状況 button does the same.
    const [viaButton] = await press(bot(), alex, { action: 'requests.list' });
    expect(textsOf(cardOf(viaButton))[0]).toBe('申請状況');
  });
});
