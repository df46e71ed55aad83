// The 持ち出し申請 dialog from the bot's side, through /api/messages: task/fetch opens the page, task/submit checks
// the values again with the guided procedure and submits the very request the chat would (same draft builder),
// once per dialog submission; the requester is the Teams user of the invoke.

import { randomUUID } from 'node:crypto';
import { draftFromForm } from '../../dialogs/forms';
import type { Approvals } from '../../approvals/service';
import { useTestDb } from '../../storage/testing';
import { submissionRef } from '../../bot/web/carry-out';
import { carryOutDialogAction } from '../../bot/web/dialog-invoke';
import { startCaptureServer, type CaptureServer } from '../support/capture';
import { message, post, USER } from '../support/teams';
import { openWorkflow, PEOPLE, startWebBot, type WebBot } from './helpers';

const year = new Date().getFullYear() + 1;
const GOOD = {
  items: ['pc', 'media'],
  information: '研修資料（機密性2）',
  classification: '2',
  myNumber: 'no',
  privateDevice: 'no',
  place: '大分県庁 新館',
  purpose: '市町村担当者研修での制度説明',
  periodFrom: `${year}-04-10`,
  periodUntil: `${year}-04-12`,
  measures: ['encrypt', 'case'],
};

function invoke(name: string, value: unknown, from = { ...USER, aadObjectId: PEOPLE.alex.userId, name: 'Alex Wilber' }) {
  return { ...message('', { serviceUrl: null }), type: 'invoke', name, value, from, text: undefined };
}

describe('task/fetch and task/submit', () => {
  const t = useTestDb('sqlite');
  let web: WebBot;
  let ap: Approvals;
  beforeAll(async () => {
    web = await startWebBot(t().db, { credentials: false, env: { BOT_HOST: 'bot.example.lg.jp' } });
    ap = await openWorkflow(t().db);
  });
  afterAll(async () => {
    await web?.close();
  });

  it('the card button asks Teams for task/fetch; task/fetch answers with the dialog page on the public host', async () => {
    expect(carryOutDialogAction()).toEqual({ type: 'Action.Submit', title: '持ち出し申請（フォーム）', data: { msteams: { type: 'task/fetch' }, dialog: 'carry-out' } });
    const r = await post(web.bot.url, invoke('task/fetch', { data: carryOutDialogAction().data, context: { theme: 'dark' } }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      task: {
        type: 'continue',
        value: { title: '持ち出し申請', url: 'https://bot.example.lg.jp/dialog/carry-out', fallbackUrl: 'https://bot.example.lg.jp/dialog/carry-out', height: 'large', width: 'medium' },
      },
    });
    // from the tab (dialog.url.bot.open) there is no button data at all
    expect((await post(web.bot.url, invoke('task/fetch', {}))).body.task.type).toBe('continue');
    expect((await post(web.bot.url, invoke('task/fetch', { data: { dialog: 'something-else' } }))).body).toEqual({ task: { type: 'message', value: 'このフォームには対応していません。' } });
  });

  it('task/submit creates the same request as the chat procedure, for the user of the invoke, once', async () => {
    const submissionId = randomUUID();
    const r = await post(web.bot.url, invoke('task/submit', { data: { dialog: 'carry-out', submissionId, values: GOOD } }));
    expect(r.status).toBe(200);
    expect(r.body.task.type).toBe('message');
    expect(r.body.task.value).toMatch(/^持ち出し申請を送信しました（受付番号 [0-9A-F-]{8}）。/);

    const requestId = await ap.requestIdForRef(submissionRef(submissionId));
    const rec = (await ap.get(requestId!))!;
    const chat = draftFromForm('carry-out', GOOD, { userId: PEOPLE.alex.userId, name: 'Alex Wilber' }, { ref: submissionRef(submissionId) });
    if (!chat.ok) throw new Error('the reference form should be valid');
    expect(rec).toMatchObject({
      kind: 'carry-out',
      state: 'submitted',
      title: chat.draft.title,
      roles: chat.draft.roles,
      clauses: chat.draft.clauses,
      details: chat.draft.details,
      period: chat.draft.period,
    });
    expect(rec.requester).toMatchObject({ userId: PEOPLE.alex.userId, personId: 'alex' });
    expect(rec.assignments.map((a) => a.assignedRole)).toEqual(['データ取扱責任者']);

    // Teams (or a double click) sends the same submission again: nothing new
    const again = await post(web.bot.url, invoke('task/submit', { data: { dialog: 'carry-out', submissionId, values: GOOD } }));
    expect(again.body.task.value).toBe(r.body.task.value);
    expect((await ap.listMine(PEOPLE.alex)).filter((s) => s.requestId === requestId)).toHaveLength(1);
    expect((await ap.listMine(PEOPLE.alex, { limit: 100 })).length).toBe(1);
  });

  it('values cannot name another requester; the invoke user is the requester', async () => {
    const submissionId = randomUUID();
    const values = { ...GOOD, requester: PEOPLE.megan.userId, userId: PEOPLE.megan.userId };
    await post(web.bot.url, invoke('task/submit', { data: { dialog: 'carry-out', submissionId, values } }));
    const rec = (await ap.get((await ap.requestIdForRef(submissionRef(submissionId)))!))!;
    expect(rec.requester.userId).toBe(PEOPLE.alex.userId);
  });

  it('invalid values are checked again on the server: nothing is stored, the person is told', async () => {
    const before = (await ap.listMine(PEOPLE.alex, { limit: 100 })).length;
    const bad = [
      { dialog: 'carry-out', submissionId: randomUUID(), values: { ...GOOD, periodFrom: '2000-01-01', periodUntil: '2000-01-02' } },
      { dialog: 'carry-out', submissionId: randomUUID(), values: { ...GOOD, classification: '9' } },
      { dialog: 'carry-out', submissionId: 'not-a-uuid', values: GOOD },
      { dialog: 'lost-card', submissionId: randomUUID(), values: GOOD },
      { dialog: 'carry-out', submissionId: randomUUID(), values: { ...GOOD, purpose: 'x'.repeat(5000) } },
      'just a string',
      null,
    ];
    for (const data of bad) {
      const r = await post(web.bot.url, invoke('task/submit', { data }));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ task: { type: 'message', value: '入力内容を確認できなかったため、送信できませんでした。もう一度フォームを開いて入力してください。' } });
    }
    expect((await ap.listMine(PEOPLE.alex, { limit: 100 })).length).toBe(before);
  });

  it('a blocked combination (マイナンバー利用事務系 data on a USB memory) is refused with the procedure’s words', async () => {
    const r = await post(web.bot.url, invoke('task/submit', { data: { dialog: 'carry-out', submissionId: randomUUID(), values: { ...GOOD, myNumber: 'yes' } } }));
    expect(r.body.task.type).toBe('message');
    expect(r.body.task.value).toMatch(/マイナンバー|個人番号/);
  });
});

describe('a request from the dialog reaches its approver like one from the chat', () => {
  const t = useTestDb('sqlite');
  let web: WebBot;
  let capture: CaptureServer;
  beforeAll(async () => {
    capture = await startCaptureServer();
    web = await startWebBot(t().db, { credentials: false, env: { TEAMS_SERVICE_URL: capture.serviceUrl } });
  });
  afterAll(async () => {
    await web?.close();
    await capture?.close();
  });

  it('task/submit → the データ取扱責任者 gets the request card with 承認 / 却下 right away', async () => {
    const hello = { ...message('ヘルプ', { serviceUrl: capture.serviceUrl }), from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: PEOPLE.megan.userId } };
    expect((await post(web.bot.url, hello)).status).toBe(200);
    const chat = (await capture.waitFor(1))[0]!.conversationId;
    const r = await post(web.bot.url, invoke('task/submit', { data: { dialog: 'carry-out', submissionId: randomUUID(), values: GOOD } }));
    expect(r.body.task.value).toMatch(/^持ち出し申請を送信しました/);
    const end = Date.now() + 10_000;
    let card: string | undefined;
    while (!card && Date.now() < end) {
      card = capture.received.filter((a) => a.conversationId === chat).map((a) => JSON.stringify(a.activity)).find((a) => a.includes('Alex Wilber') && a.includes('承認'));
      if (!card) await new Promise((res) => setTimeout(res, 50));
    }
    expect(card).toBeDefined();
    expect(card).toContain('却下');
  });
});
