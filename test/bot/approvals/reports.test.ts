// Reports at the wire, on SQLite and PostgreSQL: 「報告する」 under a must_report answer (no period, routed to the
// roles the answer named, acknowledged by the recipient); an infection report evaluated by the CSIRT from the card
// (インシデントと評価する → the CISO is told and may read it); a task a procedure adds later (「廃棄しました」).

import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { PEOPLE, actionsOf, cardOf, execute, executeData, invokeCard, requestFromAnswer, textsOf, useApprovalsBot } from './helpers';

const { alex, patti, isaiah, megan, adele } = PEOPLE;

describe.each(TEST_DIALECTS)('reports in Teams, on %s', (dialect) => {
  const t = useTestDb(dialect);
  const { bot, capture } = useApprovalsBot(t, { greet: [patti, isaiah, megan, adele] });
  beforeEach(async () => {
    await bot().deliver();
    capture().clear();
  });

  it('「報告する」: a short form without a period, to the roles the answer named; 確認しました tells the reporter', async () => {
    const { answer, formCard, replies } = await requestFromAnswer(bot(), alex, '不審なメールの添付ファイルを開いてしまいました', {
      what: '不審なメールの添付ファイルを開いた',
      why: '差出人は取引先を名乗っていた',
    });
    expect(answer.text.startsWith('**報告が必要です。**')).toBe(true);
    expect(actionsOf(cardOf(answer)).find((a) => a.data?.action === 'approvals.offer').title).toBe('報告する');
    expect(textsOf(formCard)).toEqual(expect.arrayContaining(['報告する', '報告先: 統一的な窓口']));
    expect(formCard.body.filter((b: any) => b.type?.startsWith('Input.')).map((b: any) => b.id)).toEqual(['what', 'why']);
    expect(replies[0].text).toMatch(/^送信しました（受付番号 [0-9A-F]{8}）。統一的な窓口（Patti Fernandez）にお送りしました。$/);

    await bot().deliver();
    const toPatti = bot().inbox(patti);
    expect(toPatti).toHaveLength(1);
    expect(toPatti[0]!.activity.text).toContain('Alex Wilberさんから報告「不審なメールの添付ファイルを開いた」が届きました。内容をご確認ください。');
    const card = cardOf(toPatti[0]!.activity);
    expect(textsOf(card)).toEqual(expect.arrayContaining(['報告', '確認待ち', '報告先', '統一的な窓口: Patti Fernandez']));
    expect(actionsOf(card).map((a) => a.title)).toEqual(['確認しました', '完了にする']);
    const ack = invokeCard((await execute(bot(), patti, 'approvals.act', executeData(card, '確認しました'))).body);
    expect(textsOf(ack)).toEqual(expect.arrayContaining(['確認済みにしました。', '確認済み']));
    await bot().deliver();
    expect(bot().inbox(alex).map((m) => m.activity.text)).toEqual([expect.stringContaining('Patti Fernandezさんが確認しました。')]);
  });

  it('an infection report: the CSIRT evaluates it from the card; an incident goes to the CISO, who may then read it', async () => {
    const ap = bot().server.deps!.approvals.approvals;
    const { requestId } = await ap.submit({
      kind: 'infection',
      urgent: true,
      requester: { userId: alex.aadObjectId, name: alex.name },
      roles: ['統一的な窓口'],
      clauses: ['第3章 7(3)ア(ア)'],
      title: 'ウイルス感染の疑い',
      details: { summary: [{ label: '症状', value: '警告画面が出た' }] },
    });
    await bot().deliver();
    const card = cardOf(bot().inbox(patti).find((m) => m.activity.text.includes('ウイルス感染の疑い'))!.activity);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['インシデントと評価する', 'インシデントではない', '確認しました']);
    // Before the evaluation the CISO is an outsider: the restricted card.
    const before = invokeCard((await execute(bot(), isaiah, 'approvals.refresh', { requestId })).body);
    expect(textsOf(before).join('\n')).toContain('内容は、申請者と担当者だけが見られます。');

    const evaluated = invokeCard((await execute(bot(), patti, 'approvals.act', { ...executeData(card, 'インシデントと評価する'), comment: '端末を隔離済み' })).body);
    expect(textsOf(evaluated)[0]).toBe('評価を記録しました。CISO に報告します。');
    expect(textsOf(evaluated).join('\n')).toMatch(/情報セキュリティインシデントかどうかの評価（CSIRT）: 済（Patti Fernandez、.*、インシデント）/);
    await bot().deliver();
    const toIsaiah = bot().inbox(isaiah).find((m) => m.activity.text.includes('情報セキュリティインシデントと評価しました'))!;
    expect(toIsaiah.activity.text).toContain('コメント: 端末を隔離済み');
    expect(textsOf(cardOf(toIsaiah.activity)).join('\n')).toContain('症状: 警告画面が出た');
  });

  it('a task added later (「廃棄しました」) reaches its holders and is done from the card', async () => {
    const ap = bot().server.deps!.approvals.approvals;
    const { requestId } = await ap.submit(
      {
        kind: 'lost-card',
        urgent: true,
        requester: { userId: alex.aadObjectId, name: alex.name },
        roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
        clauses: ['第3章 7(4)ア(ア)c'],
        title: 'ICカードを紛失しました',
        details: {},
      },
      { ref: `report-task-${dialect}` },
    );
    const added = await ap.addTask({
      requestRef: `report-task-${dialect}`,
      ref: `report-task-${dialect}/destroy`,
      task: { kind: 'destroy-old-card', roles: ['端末装置管理責任者'], clauses: ['第3章 7(4)ア(ウ)'], title: '旧カードの廃棄', doneLabel: '廃棄しました' },
    });
    expect(added.outcome).toBe('applied');
    await bot().deliver();
    const toMegan = bot().inbox(megan).find((m) => m.activity.text.includes('「旧カードの廃棄」をお願いします'))!;
    const card = cardOf(toMegan.activity);
    expect(actionsOf(card).map((a) => a.title)).toContain('廃棄しました');
    const done = invokeCard((await execute(bot(), megan, 'approvals.act', executeData(card, '廃棄しました'))).body);
    expect(textsOf(done).join('\n')).toMatch(/旧カードの廃棄（端末装置管理責任者）: 済（Megan Bowen、/);
    expect((await ap.get(requestId))!.tasks.find((x) => x.id === 'destroy-old-card')!.done).toBeDefined();
  });
});
