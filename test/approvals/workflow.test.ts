import { readAudit, verifyAudit } from '../../approvals/audit';
import { parseDirectory } from '../../approvals/directory-load';
import { DraftError } from '../../approvals/draft';
import { NoRecipientError } from '../../approvals/routing';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { carryOut, Clock, infection, lostCard, openApprovals, USERS } from './helpers';

describe.each(TEST_DIALECTS)('approvals workflow on %s', (dialect) => {
  const t = useTestDb(dialect);
  const clock = new Clock();

  it('submit stores the request, its event, its audit entry and the approvers\' notifications', async () => {
    const ap = await openApprovals(t().db, clock);
    const res = await ap.submit(carryOut());
    expect(res.card).toMatchObject({ state: 'submitted', stateLabel: '承認待ち', version: 1, viewer: { isRequester: true, actions: ['cancel'] } });
    expect(res.notifications.map((n) => [n.type, n.recipient])).toEqual([
      ['approval-request', expect.objectContaining({ kind: 'person', personId: 'megan', userId: USERS.megan.userId })],
    ]);
    const stored = await ap.get(res.requestId);
    expect(stored).toMatchObject({ state: 'submitted', requester: { personId: 'alex', departmentName: '事務局 総務課' } });
    const events = await ap.events(res.requestId);
    expect(events.map((e) => [e.seq, e.type, e.actor?.personId])).toEqual([[1, 'submitted', 'alex']]);
    const audit = await readAudit(t().db);
    expect(audit.find((e) => e.subject === res.requestId)).toMatchObject({ kind: 'request.submitted', actor: 'alex' });
    const card = await ap.card(res.requestId, USERS.megan);
    expect(card?.viewer.actions).toEqual(['approve', 'reject']);
    expect(card?.refreshUserIds).toEqual([USERS.alex.userId, USERS.megan.userId]);
  });

  it('the approver approves with the current version; the requester is told with the comment', async () => {
    const ap = await openApprovals(t().db, clock);
    const { requestId } = await ap.submit(carryOut());
    clock.advance(60_000);
    const r = await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'approve', comment: '返却時に声をかけてください' });
    expect(r.outcome).toBe('applied');
    expect(r.card).toMatchObject({ state: 'approved', version: 2, decision: { by: 'Megan Bowen', comment: '返却時に声をかけてください' } });
    expect(r.notifications).toEqual([
      expect.objectContaining({ type: 'decision', comment: '返却時に声をかけてください', recipient: expect.objectContaining({ personId: 'alex' }) }),
    ]);
    const events = await ap.events(requestId);
    expect(events.map((e) => [e.type, e.version, e.state, e.at])).toEqual([
      ['submitted', 1, 'submitted', expect.any(String)],
      ['approved', 2, 'approved', new Date(clock.t).toISOString()],
    ]);
  });

  it('a stale or replayed action changes nothing and returns the current card', async () => {
    const ap = await openApprovals(t().db, clock);
    const { requestId } = await ap.submit(carryOut());
    await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'approve' });
    const replay = await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'approve' });
    expect(replay).toMatchObject({ outcome: 'stale', card: { state: 'approved', version: 2 } });
    const stale = await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'reject' });
    expect(stale.outcome).toBe('stale');
    expect((await ap.get(requestId))?.state).toBe('approved');
    expect((await ap.events(requestId)).length).toBe(2);
  });

  it('refuses self-approval and non-approvers without changing anything', async () => {
    const ap = await openApprovals(t().db, clock);
    const { requestId } = await ap.submit(carryOut());
    const self = await ap.decide({ requestId, actor: USERS.alex, version: 1, decision: 'approve' });
    expect(self.outcome).toBe('forbidden');
    expect(self.message).toContain('3(7)ア');
    const other = await ap.decide({ requestId, actor: USERS.lynne, version: 1, decision: 'approve' });
    expect(other.outcome).toBe('forbidden');
    expect((await ap.get(requestId))).toMatchObject({ state: 'submitted', version: 1 });
  });

  it('the only holder requesting goes to 統括, and the card says why', async () => {
    const ap = await openApprovals(t().db, clock);
    const res = await ap.submit(carryOut(USERS.megan));
    expect(res.card.notices).toEqual([expect.stringContaining('兼務の禁止（第3章 3(7)ア）')]);
    expect(res.card.assignments[0]).toMatchObject({ role: 'データ取扱責任者', assignedRole: '統括情報セキュリティ責任者', holders: ['Adele Vance'] });
    expect((await ap.decide({ requestId: res.requestId, actor: USERS.megan, version: 1, decision: 'approve' })).outcome).toBe('forbidden');
    expect((await ap.decide({ requestId: res.requestId, actor: USERS.adele, version: 1, decision: 'approve' })).outcome).toBe('applied');
  });

  it('two approvers deciding at once: exactly one decision', async () => {
    const ap = await openApprovals(t().db, clock);
    const second = await openApprovals(await t().reopen(), clock);
    for (let round = 0; round < 5; round++) {
      const { requestId } = await ap.submit(carryOut(USERS.alex, { roles: ['CSIRT'], kind: 'permission' }));
      const results = await Promise.all([
        ap.decide({ requestId, actor: USERS.patti, version: 1, decision: 'approve' }),
        second.decide({ requestId, actor: USERS.lynne, version: 1, decision: 'reject' }),
        ap.decide({ requestId, actor: USERS.lynne, version: 1, decision: 'approve' }),
      ]);
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'stale')).toHaveLength(2);
      const events = await ap.events(requestId);
      expect(events.map((e) => e.type).filter((x) => x !== 'submitted')).toHaveLength(1);
      const winner = results.find((r) => r.outcome === 'applied')!;
      expect((await ap.get(requestId))?.state).toBe(winner.card!.state);
    }
    expect((await verifyAudit(t().db)).ok).toBe(true);
  });

  it('cancel by the requester tells the approvers; then nothing else is possible', async () => {
    const ap = await openApprovals(t().db, clock);
    const { requestId } = await ap.submit(carryOut());
    expect((await ap.cancel({ requestId, actor: USERS.megan, version: 1 })).outcome).toBe('forbidden');
    const r = await ap.cancel({ requestId, actor: USERS.alex, version: 1, comment: '予定がなくなりました' });
    expect(r).toMatchObject({ outcome: 'applied', card: { state: 'cancelled', cancelled: { comment: '予定がなくなりました' } } });
    expect(r.notifications?.map((n) => n.type)).toEqual(['cancelled']);
    expect((await ap.decide({ requestId, actor: USERS.megan, version: 2, decision: 'approve' })).outcome).toBe('illegal');
  });

  it('carry-out: approved → returned (持ち込み)', async () => {
    const ap = await openApprovals(t().db, clock);
    const { requestId } = await ap.submit(carryOut());
    await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'approve' });
    const r = await ap.markReturned({ requestId, actor: USERS.alex, version: 2 });
    expect(r).toMatchObject({ outcome: 'applied', card: { state: 'returned', version: 3 } });
    expect(r.notifications?.map((n) => [n.type, n.recipient.kind === 'person' && n.recipient.personId])).toEqual([['returned', 'megan']]);
  });

  it('lost card: recipients, the stop-access task, the urgent channel and the webhook', async () => {
    const ap = await openApprovals(t().db, clock, { urgentChannel: true, stopAccessWebhook: true });
    const res = await ap.submit(lostCard());
    expect(res.notifications.map((n) => [n.type, n.recipient.kind === 'person' ? n.recipient.personId : n.recipient.kind])).toEqual([
      ['report', 'adele'],
      ['report', 'megan'],
      ['urgent-channel', 'channel'],
      ['stop-access-hook', 'webhook'],
    ]);
    // 第3章 7(4)ア(イ): the 統括 and the requester's データ取扱責任者 stop access; either may press 停止しました.
    expect(res.card.tasks).toEqual([
      expect.objectContaining({ id: 'stop-access', doneLabel: '停止しました', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'], holders: ['Adele Vance', 'Megan Bowen'], actionable: false }),
    ]);
    const adeleCard = await ap.card(res.requestId, USERS.adele);
    expect(adeleCard?.viewer.actions).toEqual(['acknowledge', 'complete-task']);
    expect(adeleCard?.tasks[0]?.actionable).toBe(true);
    const stop = await ap.completeTask({ requestId: res.requestId, actor: USERS.adele, version: 1 });
    expect(stop).toMatchObject({ outcome: 'applied', card: { state: 'acknowledged', tasks: [{ done: { by: 'Adele Vance' } }] } });
    const close = await ap.close({ requestId: res.requestId, actor: USERS.megan, version: 2 });
    expect(close).toMatchObject({ outcome: 'applied', card: { state: 'closed', stateLabel: '完了' } });
  });

  it('infection: CSIRT marks it evaluated (7(3)ウ(ア)); an incident goes to the CISO', async () => {
    const ap = await openApprovals(t().db, clock);
    const res = await ap.submit(infection());
    const recipients = res.notifications.map((n) => (n.recipient.kind === 'person' ? n.recipient.personId : ''));
    expect(recipients).toEqual(['megan', 'patti', 'lynne']);
    const ev = await ap.evaluate({ requestId: res.requestId, actor: USERS.patti, version: 1, incident: true, comment: '感染を確認' });
    expect(ev.outcome).toBe('applied');
    expect(ev.notifications?.map((n) => [n.type, n.recipient.kind === 'person' && n.recipient.personId])).toEqual([
      ['evaluated', 'alex'],
      ['incident', 'isaiah'],
    ]);
    const ciso = await ap.card(res.requestId, USERS.isaiah);
    expect(ciso).toMatchObject({ restricted: false, details: { device: '業務用PC PC-0456' }, viewer: { actions: [] } });
    expect(ciso?.refreshUserIds).toContain(USERS.isaiah.userId);
    expect(await ap.listWaiting(USERS.isaiah)).toEqual([]);
    const close = await ap.close({ requestId: res.requestId, actor: USERS.lynne, version: 2 });
    expect(close.outcome).toBe('applied');
  });

  it('shows a forwarded card to an outsider without its details and comments', async () => {
    const ap = await openApprovals(t().db, clock);
    const { requestId } = await ap.submit({ ...carryOut(), question: '研修でPCを使えますか' });
    await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'approve', comment: '内部のコメント' });
    const outsider = await ap.card(requestId, USERS.stranger);
    expect(outsider).toMatchObject({ restricted: true, details: {}, state: 'approved', viewer: { actions: [] } });
    expect(outsider?.question).toBeUndefined();
    expect(outsider?.decision?.comment).toBeUndefined();
    const own = await ap.card(requestId, USERS.alex);
    expect(own).toMatchObject({ restricted: false, question: '研修でPCを使えますか', decision: { comment: '内部のコメント' } });
  });

  it('申請状況: own requests, and the ones waiting for an approver', async () => {
    const ap = await openApprovals(t().db, clock);
    const mine = await ap.submit(carryOut(USERS.lynne, { title: 'リンの持ち出し' }));
    const lost = await ap.submit(lostCard(USERS.lynne));
    const list = await ap.listMine(USERS.lynne);
    expect(list.map((s) => s.requestId)).toEqual(expect.arrayContaining([mine.requestId, lost.requestId]));
    expect(list.find((s) => s.requestId === mine.requestId)).toMatchObject({ stateLabel: '承認待ち', actions: ['cancel'] });
    // lynne is the only データ取扱責任者 of 資格保険料課: her request waits for 統括 (adele).
    const adeleWaiting = await ap.listWaiting(USERS.adele);
    expect(adeleWaiting.map((s) => s.requestId)).toEqual(expect.arrayContaining([mine.requestId, lost.requestId]));
    expect(adeleWaiting.find((s) => s.requestId === mine.requestId)?.actions).toEqual(['approve', 'reject']);
    await ap.decide({ requestId: mine.requestId, actor: USERS.adele, version: 1, decision: 'approve' });
    expect((await ap.listWaiting(USERS.adele)).map((s) => s.requestId)).not.toContain(mine.requestId);
    expect((await ap.listWaiting(USERS.lynne)).map((s) => s.requestId)).not.toContain(mine.requestId);
    expect(await ap.listWaiting(USERS.stranger)).toEqual([]);
    expect((await ap.listMine(USERS.lynne, { openOnly: true })).map((s) => s.requestId)).toContain(mine.requestId); // approved carry-out is open until returned
  });

  it('bad input never throws from act(); invalid drafts and unroutable requests are refused before storing', async () => {
    const ap = await openApprovals(t().db, clock);
    const junk: unknown[] = [
      {},
      { requestId: 'x', actor: { userId: '' }, version: 1, action: { type: 'approve' } },
      { requestId: 'nope', actor: USERS.megan, version: 1, action: { type: 'approve' } },
      { requestId: 'nope', actor: USERS.megan, version: 0.5, action: { type: 'approve' } },
      { requestId: 'nope', actor: USERS.megan, version: 1, action: { type: 'drop table' } },
      { requestId: 'nope', actor: USERS.megan, version: 1, action: { type: 'approve', comment: 'x'.repeat(5000) } },
    ];
    for (const j of junk) {
      const r = await ap.act(j as never);
      expect(['invalid', 'not-found']).toContain(r.outcome);
    }
    const before = (await t().db.get<{ n: number }>('SELECT COUNT(*) AS n FROM approval_requests'))!.n;
    await expect(ap.submit({ ...carryOut(), title: '' })).rejects.toThrow(DraftError);
    await expect(ap.submit({ ...carryOut(), period: { from: '2026-05-01', until: '2026-04-01' } })).rejects.toThrow(DraftError);
    await expect(ap.submit(carryOut(USERS.isaiah, { roles: ['CISO'] }))).rejects.toThrow(NoRecipientError);
    expect((await t().db.get<{ n: number }>('SELECT COUNT(*) AS n FROM approval_requests'))!.n).toBe(before);
  });

  it('records a changed directory or setting in the audit log, once', async () => {
    const ap = await openApprovals(t().db, clock);
    const count = async () => (await readAudit(t().db, 1, 100000)).filter((e) => e.kind === 'config.changed').length;
    const before = await count();
    await openApprovals(t().db, clock);
    expect(await count()).toBe(before);
    await openApprovals(t().db, clock, { remindAfterMs: 3600_000 });
    expect(await count()).toBe(before + 1);
    await ap.setDirectory(parseDirectory(JSON.stringify({ ...ap.directory.data, roles: { ...ap.directory.data.roles, CISO: ['adele'] } }), 'changed.json'));
    const entries = (await readAudit(t().db, 1, 100000)).filter((e) => e.kind === 'config.changed');
    expect(entries.at(-1)).toMatchObject({ subject: 'directory', data: { source: 'changed.json' } });
    expect((await verifyAudit(t().db)).ok).toBe(true);
  });

  describe('procedure effects (idempotent by ref)', () => {
    it('a submit retried with the same ref stores one request and notifies once, even concurrently', async () => {
      const ap = await openApprovals(t().db, clock);
      const other = await openApprovals(await t().reopen(), clock);
      const ref = `submit-${Math.random()}`;
      const [a, b] = await Promise.all([ap.submit(carryOut(), { ref }), other.submit(carryOut(), { ref })]);
      expect(a.requestId).toBe(b.requestId);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      const again = await ap.submit(carryOut(), { ref });
      expect(again).toMatchObject({ duplicate: true, requestId: a.requestId, notifications: [] });
      const rows = await t().db.all('SELECT id FROM approval_outbox WHERE request_id = $1', [a.requestId]);
      expect(rows).toHaveLength(1);
      expect(await ap.requestIdForRef(ref)).toBe(a.requestId);
    });

    it('carry-out.returned from the requester\'s conversation records 持ち込み with its date', async () => {
      const ap = await openApprovals(t().db, clock);
      const ref = `co-${Math.random()}`;
      const { requestId } = await ap.submit(carryOut(), { ref });
      const early = await ap.followUp({ requestRef: ref, ref: `${ref}-ret`, actor: USERS.alex, event: { kind: 'carry-out.returned', returnedOn: '2026-04-12', clauses: [], details: {} } });
      expect(early).toMatchObject({ outcome: 'illegal', message: expect.stringContaining('まだ承認されていません') });
      await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: 'approve' });
      expect((await ap.followUp({ requestRef: ref, actor: USERS.megan, event: { kind: 'carry-out.returned', returnedOn: '2026-04-12' } })).outcome).toBe('forbidden');
      const back = await ap.followUp({ requestRef: ref, ref: `${ref}-ret2`, actor: USERS.alex, event: { kind: 'carry-out.returned', returnedOn: '2026-04-12', clauses: [], details: {} } });
      expect(back).toMatchObject({ outcome: 'applied', card: { state: 'returned', returned: { on: '2026-04-12' } } });
      const replay = await ap.followUp({ requestRef: ref, ref: `${ref}-ret2`, actor: USERS.alex, event: { kind: 'carry-out.returned', returnedOn: '2026-04-12' } });
      expect(replay.outcome).toBe('duplicate');
      expect((await ap.events(requestId)).map((e) => e.type)).toEqual(['submitted', 'approved', 'returned']);
    });

    it('tasks from the lost-card procedure: stop-card-access is the built-in task; destroy-old-card is added once', async () => {
      const ap = await openApprovals(t().db, clock);
      const ref = `lc-${Math.random()}`;
      const { requestId } = await ap.submit(lostCard(), { ref });
      const stop = { kind: 'stop-card-access', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'], clauses: ['第3章 7(4)ア(イ)'], urgent: true, title: '紛失したICカードによるアクセスの停止', doneLabel: '停止しました', details: {} };
      expect((await ap.addTask({ requestRef: ref, ref: `${ref}-stop`, task: stop })).outcome).toBe('duplicate');
      const found = await ap.followUp({ requestRef: ref, ref: `${ref}-found`, actor: USERS.alex, event: { kind: 'lost-card.found', clauses: [], details: {} } });
      expect(found.outcome).toBe('applied');
      expect(found.notifications?.map((n) => [n.type, n.recipient.kind === 'person' && n.recipient.personId])).toEqual([
        ['follow-up', 'adele'],
        ['follow-up', 'megan'],
      ]);
      const destroy = { kind: 'destroy-old-card', roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'], clauses: ['第3章 7(4)ア(ウ)'], urgent: false, title: '切替え前のICカードの回収・廃棄', doneLabel: '廃棄しました', details: {} };
      const added = await ap.addTask({ requestRef: ref, ref: `${ref}-destroy`, task: destroy });
      expect(added.outcome).toBe('applied');
      expect(added.card?.tasks.map((x) => [x.id, x.doneLabel])).toEqual([
        ['stop-access', '停止しました'],
        ['destroy-old-card', '廃棄しました'],
      ]);
      expect((await ap.addTask({ requestRef: ref, ref: `${ref}-destroy`, task: destroy })).outcome).toBe('duplicate');
      const v = added.card!.version;
      await ap.completeTask({ requestId, actor: USERS.megan, version: v, task: 'stop-access' });
      expect((await ap.close({ requestId, actor: USERS.megan, version: v + 1 })).message).toContain('廃棄');
      const done = await ap.completeTask({ requestId, actor: USERS.adele, version: v + 1, task: 'destroy-old-card' });
      expect(done).toMatchObject({ outcome: 'applied', card: { tasks: [{ done: { by: 'Megan Bowen' } }, { done: { by: 'Adele Vance' } }] } });
      expect((await ap.close({ requestId, actor: USERS.adele, version: v + 2 })).outcome).toBe('applied');
      expect((await ap.addTask({ requestRef: ref, task: { ...destroy, kind: 'another' } })).outcome).toBe('illegal');
    });

    it('refuses malformed effects without throwing', async () => {
      const ap = await openApprovals(t().db, clock);
      expect((await ap.addTask({ requestRef: 'nope', task: { kind: 'x' } as never })).outcome).toBe('invalid');
      expect((await ap.followUp({ requestRef: 'nope', actor: USERS.alex, event: { kind: 'carry-out.returned', returnedOn: '2026-13-45' } })).outcome).toBe('invalid');
      expect((await ap.followUp({ requestRef: 'nope', actor: USERS.alex, event: { kind: 'lost-card.found' } })).outcome).toBe('not-found');
    });
  });
});
