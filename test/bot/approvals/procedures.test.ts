// The guided procedures into the approvals workflow, end to end at the wire, on SQLite and PostgreSQL: 持ち出し申請 →
// request → the データ取扱責任者's card → 承認 → the requester told → 持ち込み reported → the approver told; and
// ICカード紛失 → urgent report with its stop-access task → 「停止しました」 on the card → the reporter told.

import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { Chat, realEngine } from '../dialogs/helpers/chat';
import { Clock, PEOPLE, actionsOf, cardOf, execute, executeData, invokeCard, textsOf, useApprovalsBot } from './helpers';

const { alex, megan } = PEOPLE;

describe.each(TEST_DIALECTS)('procedures → approvals → Teams, on %s', (dialect) => {
  const t = useTestDb(dialect);
  const clock = new Clock(); // 2026-04-08 09:00 JST, for the procedures and the workflow alike
  const { bot, capture } = useApprovalsBot(t, { options: () => ({ engine: realEngine(), clock }), greet: [megan, PEOPLE.adele] });
  let chat: Chat;

  beforeAll(() => {
    chat = new Chat(bot().url, {
      from: { id: alex.id, name: alex.name, aadObjectId: alex.aadObjectId },
      conversationId: bot().chat(alex),
      serviceUrl: capture().serviceUrl,
      tenantId: '00000000-0000-0000-0000-0000000000001',
    });
  });
  beforeEach(async () => {
    await bot().deliver();
    capture().clear();
  });

  it('持ち出し申請: the procedure\'s request reaches the approver, is approved, the requester is told, 持ち込み is recorded', async () => {
    await chat.say('持ち出し申請');
    await chat.submit({ value: 'pc,media' });
    await chat.say('被保険者の資格一覧');
    await chat.click('機密性2');
    await chat.click('いいえ'); // not マイナンバー利用事務系
    await chat.click('いいえ'); // no private device
    await chat.say('大分県庁 新館 会議室');
    await chat.say('市町村担当者研修での説明');
    await chat.submit({ from: '2026-04-10', until: '2026-04-12' });
    await chat.submit({ value: 'encrypt,password' });
    await chat.click('申請する');
    expect(chat.all).toContain('持ち出し申請: 送信しました');

    const rows = await t().db.all<{ id: string; kind: string; state: string }>("SELECT id, kind, state FROM approval_requests WHERE kind = 'carry-out'");
    expect(rows).toHaveLength(1);
    const requestId = rows[0]!.id;

    await bot().deliver();
    const toMegan = bot().inbox(megan);
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]!.activity.text).toContain('Alex Wilberさんから持ち出し申請');
    const card = cardOf(toMegan[0]!.activity);
    const texts = textsOf(card);
    expect(texts).toEqual(expect.arrayContaining(['持ち出し申請', '承認待ち', '期間: 2026/04/10〜2026/04/12', 'データ取扱責任者: Megan Bowen']));
    expect(texts.some((x) => x.startsWith('持ち出すもの: '))).toBe(true);

    const approved = invokeCard((await execute(bot(), megan, 'approvals.act', { ...executeData(card, '承認'), comment: '暗号化を確認しました' })).body);
    expect(textsOf(approved)).toEqual(expect.arrayContaining(['承認しました。申請者に通知します。', '承認済み']));
    // The approver may also record the return (持ち込み) from her card.
    expect(actionsOf(approved).map((a) => a.title)).toEqual(['返却（持ち込み）を記録する']);

    await bot().deliver();
    const toAlex = bot().inbox(alex).filter((m) => m.activity.text?.includes('承認されました'));
    expect(toAlex).toHaveLength(1);
    expect(toAlex[0]!.activity.text).toContain('コメント: 暗号化を確認しました');
    expect(actionsOf(cardOf(toAlex[0]!.activity)).map((a) => a.title)).toEqual(['返却（持ち込み）を記録する']);

    // 持ち込み reported through the procedure: recorded on the request, the approver told.
    capture().clear();
    clock.advance(4 * 86_400_000); // 2026-04-12, the last day of the period
    await chat.say('持ち込み報告');
    await chat.click('すべて戻しました');
    await chat.click('今日');
    await chat.click('報告する');
    expect(chat.all).toContain('持ち込みを報告しました。');
    expect((await bot().server.deps!.approvals.approvals.get(requestId))).toMatchObject({ state: 'returned', returned: { on: '2026-04-12' } });
    await bot().deliver();
    expect(bot().inbox(megan).map((m) => m.activity.text)).toEqual([expect.stringContaining('の物品が返却（持ち込み）されました。')]);
  });

  async function carryOut(place: string): Promise<string> {
    await chat.say('持ち出し申請');
    await chat.submit({ value: 'paper' });
    await chat.say('会議資料');
    await chat.click('機密性1');
    await chat.click('いいえ');
    for (const a of [place, '資料の確認', '4月20日〜4月21日']) await chat.say(a);
    await chat.click('申請する');
    expect(chat.all).toContain('持ち出し申請: 送信しました');
    const [row] = await t().db.all<{ id: string }>('SELECT id FROM approval_requests WHERE record LIKE $1', [`%${place}%`]);
    return row!.id;
  }

  it('a rejected or withdrawn request closes the procedure\'s wait for its 持ち込み report, and says so', async () => {
    const who = { conversationId: bot().chat(alex), requester: { userId: alex.aadObjectId } };
    const runner = bot().server.deps!.dialogs.runner;
    const rejected = await carryOut('福岡市内の会議室');
    expect((await runner.status(who)).parked.length).toBeGreaterThan(0);
    const parkedBefore = (await runner.status(who)).parked.length;
    await bot().deliver();
    const card = cardOf(bot().inbox(megan).find((m) => m.activity.text.includes('持ち出し申請'))!.activity);
    await execute(bot(), megan, 'approvals.act', { ...executeData(card, '却下'), comment: '持ち出し先を見直してください' });
    await bot().deliver();
    const told = bot().inbox(alex).find((m) => m.activity.text.includes('却下されました'))!;
    expect(told.activity.text).toContain('コメント: 持ち出し先を見直してください');
    expect(told.activity.text).toContain('は却下されたため、後日の報告は不要になりました。');
    expect((await runner.status(who)).parked).toHaveLength(parkedBefore - 1);
    expect((await bot().server.deps!.approvals.approvals.get(rejected))!.state).toBe('rejected');

    // The requester withdraws another one from its card: the same, in the card's answer.
    const withdrawn = await carryOut('別府市内の会議室');
    const mine = (await bot().server.deps!.approvals.approvals.card(withdrawn, { userId: alex.aadObjectId }))!;
    const res = invokeCard((await execute(bot(), alex, 'approvals.act', { requestId: withdrawn, version: mine.version, act: 'cancel' })).body);
    expect(textsOf(res)[0]).toMatch(/^取り下げました。「.+」は取り下げられたため、後日の報告は不要になりました。$/);
    expect((await runner.status(who)).parked).toHaveLength(parkedBefore - 1);
  });

  it('ICカード紛失: an urgent report with its stop-access task; 「停止しました」 on the card; the reporter told', async () => {
    await chat.say('ICカードをなくしました');
    await chat.click('はい、始めます');
    await chat.say('昨日の夕方');
    await chat.say('帰りのバスの中');
    await chat.click('わからない');
    await chat.click('通報する');
    expect(chat.all).toContain('ICカード紛失: 送信しました');

    const [report] = await t().db.all<{ id: string; record: string }>("SELECT id, record FROM approval_requests WHERE kind = 'lost-card'");
    const record = JSON.parse(report!.record);
    // The procedure's stop-card-access task maps onto the one task every lost-card report carries.
    expect(record.tasks.map((x: { id: string }) => x.id)).toEqual(['stop-access']);
    expect(record.urgent).toBe(true);

    await bot().deliver();
    const toMegan = bot().inbox(megan);
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]!.activity.text).toContain('【至急】Alex Wilberさんから');
    const card = cardOf(toMegan[0]!.activity);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['停止しました', '確認しました']);
    const done = invokeCard((await execute(bot(), megan, 'approvals.act', executeData(card, '停止しました'))).body);
    expect(textsOf(done)[0]).toBe('アクセスの停止を記録しました。');

    await bot().deliver();
    expect(bot().inbox(alex).map((m) => m.activity.text)).toContain(
      '「紛失した ICカード等によるアクセスの停止」が完了しました（ICカード等の紛失「ICカード紛失の報告」）。',
    );
  });
});
