// The pages' API on the real server: identity before anything, lists, 承認 / 却下 through approvals.act (version
// checks, separation of duties, non-approvers), the carry-out check, and the development identity's limits.

import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import type { Approvals } from '../../approvals/service';
import type { RequestsResponse } from '../../bot/web/contract';
import { carryOutDraft, PEOPLE, startWebBot, type WebBot } from './helpers';
import { openWorkflow } from './helpers';
import { startCaptureServer, type CaptureServer } from '../support/capture';
import { message, post } from '../support/teams';

describe.each(TEST_DIALECTS)('API on %s', (dialect) => {
  const t = useTestDb(dialect);
  let web: WebBot;
  let ap: Approvals;

  beforeAll(async () => {
    web = await startWebBot(t().db, { credentials: true });
    ap = await openWorkflow(t().db);
  });
  afterAll(async () => {
    await web?.close();
  });

  it('refuses callers without a valid token before reading anything (401, Japanese message, no data)', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const tries: Record<string, string>[] = [{}, { authorization: 'Bearer garbage' }, { authorization: `Bearer ${web.token('alex', { aud: 'someone-else' })}` }];
    for (const headers of tries) {
      const r = await web.api('/api/web/requests', { headers });
      expect(r.status).toBe(401);
      expect(Object.keys(r.body).sort()).toEqual(['error', 'message']);
      expect(r.body.message).toMatch(/Teams/);
      expect(JSON.stringify(r.body)).not.toContain(requestId);
    }
    expect((await web.api(`/api/web/requests/${requestId}`)).status).toBe(401);
    expect((await web.api(`/api/web/requests/${requestId}/decision`, { body: { version: 1, decision: 'approve' } })).status).toBe(401);
    expect((await web.api('/api/web/carry-out/check', { body: { values: {} } })).status).toBe(401);
    const refused = web.bot.lines.filter((l) => l.event === 'web.auth.refused').map((l) => l.reason);
    expect(refused).toEqual(expect.arrayContaining(['missing-token', 'malformed', 'wrong-audience']));
  });

  it('with credentials configured, the development identity is refused', async () => {
    const r = await web.api('/api/web/requests', { headers: { 'x-dev-user': PEOPLE.megan.userId } });
    expect(r.status).toBe(401);
  });

  it('lists my requests with state and history, and what waits for me as an approver', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const mine = (await web.api('/api/web/requests', { as: 'alex' })).body as RequestsResponse;
    const item = mine.mine.find((i) => i.requestId === requestId)!;
    expect(item).toMatchObject({ kindLabel: '持ち出し申請', state: 'submitted', open: true, actions: [], version: 1 });
    expect(item.rows).toContainEqual({ label: '持ち出し先', value: '大分県庁 新館 会議室' });
    expect(item.assignments[0]).toMatchObject({ role: 'データ取扱責任者', holders: ['Megan Bowen'] });
    expect(item.history.map((h) => h.label)).toEqual(['申請']);
    expect(mine.user).toEqual({ name: 'Alex Wilber', development: false });
    expect(mine.waiting.find((i) => i.requestId === requestId)).toBeUndefined();

    const megan = (await web.api('/api/web/requests', { as: 'megan' })).body as RequestsResponse;
    expect(megan.waiting.find((i) => i.requestId === requestId)).toMatchObject({ actions: ['approve', 'reject'], requester: { name: 'Alex Wilber' } });
  });

  it('承認: applied once; the requester sees 承認済み with the approver in the history', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const r = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body: { version: 1, decision: 'approve', comment: '  研修資料のみ可  ' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'applied', message: '承認しました。申請者に通知します。', request: { state: 'approved', version: 2, actions: [] } });
    const rec = await ap.get(requestId);
    expect(rec?.state).toBe('approved');
    const item = (await web.api(`/api/web/requests/${requestId}`, { as: 'alex' })).body;
    expect(item.stateLabel).toMatch(/承認/);
    expect(item.history).toEqual([
      expect.objectContaining({ label: '申請' }),
      expect.objectContaining({ label: '承認', by: 'Megan Bowen', comment: '研修資料のみ可' }),
    ]);
    // the same click again (same version): stale, nothing changes
    const again = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body: { version: 1, decision: 'approve' } });
    expect(again.status).toBe(409);
    expect((await ap.events(requestId)).length).toBe(2);
  });

  it('却下 with a comment; the waiting list no longer shows it', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const r = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body: { version: 1, decision: 'reject', comment: '期間を短くしてください' } });
    expect(r.body).toMatchObject({ outcome: 'applied', message: '却下しました。申請者に通知します。', request: { state: 'rejected' } });
    const megan = (await web.api('/api/web/requests', { as: 'megan' })).body as RequestsResponse;
    expect(megan.waiting.map((i) => i.requestId)).not.toContain(requestId);
    const alex = (await web.api('/api/web/requests', { as: 'alex' })).body as RequestsResponse;
    expect(alex.mine.find((i) => i.requestId === requestId)?.history.at(-1)).toMatchObject({ label: '却下', comment: '期間を短くしてください' });
  });

  it('a stale version (the request changed since the page was shown) is 409 and changes nothing', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    await ap.cancel({ requestId, actor: PEOPLE.alex, version: 1 });
    const r = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body: { version: 1, decision: 'approve' } });
    expect(r.status).toBe(409);
    expect(r.body.outcome).toBe('stale');
    expect(r.body.message).toMatch(/すでに更新されています/);
    expect((await ap.get(requestId))?.state).toBe('cancelled');
  });

  it('someone who is not an approver is 403, and sees no content of the request', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const r = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'patti', body: { version: 1, decision: 'approve' } });
    expect(r.status).toBe(403);
    expect(r.body.outcome).toBe('forbidden');
    expect(r.body.request).toBeUndefined();
    expect((await web.api(`/api/web/requests/${requestId}`, { as: 'patti' })).status).toBe(404);
    expect((await ap.get(requestId))?.state).toBe('submitted');
  });

  it('self-approval is refused (第3章 3(7)ア): the データ取扱責任者 cannot approve her own request', async () => {
    const { requestId } = await ap.submit(carryOutDraft('megan'));
    const r = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body: { version: 1, decision: 'approve' } });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('ご自身の申請は承認・却下できません');
    // it went to the next role in the chain instead
    const adele = (await web.api('/api/web/requests', { as: 'adele' })).body as RequestsResponse;
    expect(adele.waiting.find((i) => i.requestId === requestId)?.actions).toEqual(['approve', 'reject']);
  });

  it('bad input: unknown ids, bodies that are not decisions, other content types', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    expect((await web.api('/api/web/requests/not-an-id', { as: 'megan' })).status).toBe(404);
    expect((await web.api('/api/web/requests/00000000-0000-4000-8000-000000000000', { as: 'megan' })).status).toBe(404);
    for (const body of [{ version: 0, decision: 'approve' }, { version: 1, decision: 'delete' }, { version: '1', decision: 'approve' }, [], 'null', { version: 1, decision: 'approve', comment: 'x'.repeat(1001) }]) {
      const r = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body });
      expect(r.status).toBe(400);
    }
    const form = await web.api(`/api/web/requests/${requestId}/decision`, { as: 'megan', body: 'version=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await ap.get(requestId))?.state).toBe('submitted');
  });

  it('carry-out check: Japanese messages for bad input, the request summary and approvers for a good form', async () => {
    const bad = await web.api('/api/web/carry-out/check', { as: 'alex', body: { values: { items: ['pc'], information: '', classification: '9' } } });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ ok: false, errors: { information: '入力してください。', classification: expect.stringContaining('次から選んでください') } });
    const year = new Date().getFullYear() + 1;
    const good = await web.api('/api/web/carry-out/check', {
      as: 'alex',
      body: { values: { items: ['pc'], information: '研修資料', classification: '1', privateDevice: 'no', place: '県庁', purpose: '研修', periodFrom: `${year}-01-05`, periodUntil: `${year}-01-06` } },
    });
    expect(good.body).toMatchObject({ ok: true, roles: ['データ取扱責任者'], rows: expect.arrayContaining([{ label: '持ち出し先', value: '県庁' }]) });
    const blocked = await web.api('/api/web/carry-out/check', {
      as: 'alex',
      body: { values: { items: ['media'], information: '資格データ', classification: '3', myNumber: 'yes', privateDevice: 'no', place: '自宅', purpose: '作業', periodFrom: `${year}-01-05`, periodUntil: `${year}-01-06` } },
    });
    expect(blocked.body).toMatchObject({ ok: false, blocked: { clauses: expect.arrayContaining(['第3章 5(1)②(イ)']) } });
  });

  it('API responses cannot be framed or cached', async () => {
    const r = await web.api('/api/web/requests', { as: 'alex' });
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('logs carry ids, never names, comments or tokens', () => {
    const raw = JSON.stringify(web.bot.lines);
    expect(raw).not.toMatch(/Alex Wilber|Megan Bowen|期間を短く|研修資料のみ|eyJ/);
    expect(web.bot.lines.some((l) => l.event === 'web.decision' && l.outcome === 'applied')).toBe(true);
  });
});

describe('API in local development mode (no credentials)', () => {
  const t = useTestDb('sqlite');
  let web: WebBot;
  let ap: Approvals;
  beforeAll(async () => {
    web = await startWebBot(t().db, { credentials: false });
    ap = await openWorkflow(t().db);
  });
  afterAll(async () => {
    await web?.close();
  });

  it('the explicit development identity (X-Dev-User) acts as that person, through the same checks', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const list = await web.api('/api/web/requests', { headers: { 'x-dev-user': PEOPLE.megan.userId } });
    expect(list.status).toBe(200);
    expect(list.body.user).toEqual({ development: true });
    expect(list.body.waiting.map((i: any) => i.requestId)).toContain(requestId);
    const self = await web.api(`/api/web/requests/${requestId}/decision`, { headers: { 'x-dev-user': PEOPLE.alex.userId }, body: { version: 1, decision: 'approve' } });
    expect(self.status).toBe(403);
    const ok = await web.api(`/api/web/requests/${requestId}/decision`, { headers: { 'x-dev-user': 'megan' }, body: { version: 1, decision: 'approve' } });
    expect(ok.body.outcome).toBe('applied');
  });

  it('without the header there is still no anonymous access', async () => {
    expect((await web.api('/api/web/requests')).status).toBe(401);
  });
});

describe('a decision from the tab is delivered like one from a card', () => {
  const t = useTestDb('sqlite');
  let web: WebBot;
  let ap: Approvals;
  let capture: CaptureServer;
  beforeAll(async () => {
    capture = await startCaptureServer();
    web = await startWebBot(t().db, { credentials: false, env: { TEAMS_SERVICE_URL: capture.serviceUrl } });
    ap = await openWorkflow(t().db);
  });
  afterAll(async () => {
    await web?.close();
    await capture?.close();
  });

  it('approving in the tab sends the requester the decision in Teams (the outbox is nudged at once)', async () => {
    // Alex has talked to the bot before, so the bot knows his 1:1 chat
    const hello = { ...message('ヘルプ', { serviceUrl: capture.serviceUrl }), from: { id: '29:alex', name: 'Alex Wilber', aadObjectId: PEOPLE.alex.userId } };
    expect((await post(web.bot.url, hello)).status).toBe(200);
    const chat = (await capture.waitFor(1))[0]!.conversationId;
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const r = await web.api(`/api/web/requests/${requestId}/decision`, { headers: { 'x-dev-user': 'megan' }, body: { version: 1, decision: 'approve', comment: '了解です' } });
    expect(r.body.outcome).toBe('applied');
    const told = await until(() => capture.received.find((a) => a.conversationId === chat && /承認/.test(JSON.stringify(a.activity))));
    expect(JSON.stringify(told.activity)).toContain('了解です');
  });
});

async function until<T>(find: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const hit = find();
    if (hit !== undefined) return hit;
    if (Date.now() > end) throw new Error('not delivered in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
