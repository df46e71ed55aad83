import type { RequestRecord } from '../../approvals/model';
import { DEFAULT_ESCALATION_CHAIN } from '../../approvals/policy-roles';
import { requesterInfo, route } from '../../approvals/routing';
import { buildTask, defaultTasks } from '../../approvals/tasks';
import { apply, expire, permittedActions, type Action } from '../../approvals/transitions';
import type { RequestDraft } from '../../approvals/types';
import { carryOut, infection, lostCard, sampleDirectory, USERS } from './helpers';

const dir = sampleDirectory();
const NOW = '2026-04-01T09:00:00.000Z';
const ctx = { now: NOW, resolveRole: (role: string) => (dir.holders(role)?.people ?? []).map((p) => ({ personId: p.id, aadObjectId: p.aadObjectId!, name: p.name })) };
const actor = (u: { userId: string; name: string }) => {
  const p = dir.person(u.userId);
  return p ? { userId: u.userId, personId: p.id, name: p.name } : { userId: u.userId, name: u.name };
};

function record(draft: RequestDraft): RequestRecord {
  const requester = requesterInfo(dir, draft.requester);
  const tasks = defaultTasks(draft.kind, { stopAccess: ['統括情報セキュリティ責任者'], evaluate: ['CSIRT'] }).map((spec) =>
    buildTask(dir, requester, spec, DEFAULT_ESCALATION_CHAIN),
  );
  return {
    id: 'r1', kind: draft.kind, urgent: draft.urgent, state: 'submitted', version: 1, requester, title: draft.title, roles: draft.roles,
    clauses: draft.clauses, details: draft.details, assignments: route(dir, requester, draft.roles, DEFAULT_ESCALATION_CHAIN),
    tasks, escalations: [], createdAt: NOW, updatedAt: NOW,
  };
}

function ok(rec: RequestRecord, a: Action, who: { userId: string; name: string }) {
  const t = apply(rec, a, actor(who), ctx);
  if (!t.ok) throw new Error(`refused: ${t.message}`);
  return t;
}

describe('approval requests', () => {
  it('approve: submitted → approved, version bumped, requester told with the comment', () => {
    const t = ok(record(carryOut()), { type: 'approve', comment: '気をつけて' }, USERS.megan);
    expect(t.record).toMatchObject({ state: 'approved', version: 2, decision: { outcome: 'approved', comment: '気をつけて', by: { personId: 'megan' } } });
    expect(t.event.type).toBe('approved');
    expect(t.notify).toEqual([expect.objectContaining({ type: 'decision', comment: '気をつけて', recipient: expect.objectContaining({ personId: 'alex' }) })]);
  });

  it('reject: submitted → rejected', () => {
    const t = ok(record(carryOut()), { type: 'reject', comment: '期間が長すぎます' }, USERS.megan);
    expect(t.record.state).toBe('rejected');
    expect(t.notify[0]!.text).toContain('却下');
  });

  it('needs every named role: one approval of two keeps it submitted', () => {
    const rec = record(carryOut(USERS.alex, { kind: 'permission', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'] }));
    const first = ok(rec, { type: 'approve' }, USERS.adele);
    expect(first.record).toMatchObject({ state: 'submitted', version: 2 });
    expect(first.event.type).toBe('approval-recorded');
    expect(permittedActions(first.record, actor(USERS.adele))).toEqual([]);
    const second = ok(first.record, { type: 'approve' }, USERS.megan);
    expect(second.record.state).toBe('approved');
  });

  it('refuses self-approval, non-approvers and the requester\'s own decisions', () => {
    const rec = record(carryOut());
    const self = apply(rec, { type: 'approve' }, actor(USERS.alex), ctx);
    expect(self).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(!self.ok && self.message).toContain('3(7)ア');
    expect(apply(rec, { type: 'approve' }, actor(USERS.lynne), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(rec, { type: 'approve' }, actor(USERS.stranger), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('refuses a requester who is also a holder of the role (routing escalated it)', () => {
    const rec = record(carryOut(USERS.megan));
    expect(apply(rec, { type: 'approve' }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(ok(rec, { type: 'approve' }, USERS.adele).record.state).toBe('approved');
  });

  it('refuses illegal transitions', () => {
    const approved = ok(record(carryOut()), { type: 'approve' }, USERS.megan).record;
    expect(apply(approved, { type: 'approve' }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    expect(apply(approved, { type: 'cancel' }, actor(USERS.alex), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    expect(apply(approved, { type: 'acknowledge' }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    const permission = ok(record(carryOut(USERS.alex, { kind: 'permission' })), { type: 'approve' }, USERS.megan).record;
    expect(apply(permission, { type: 'return' }, actor(USERS.alex), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
  });

  it('carry-out continues approved → returned (持ち込み), by the requester or an approver', () => {
    const approved = ok(record(carryOut()), { type: 'approve' }, USERS.megan).record;
    expect(permittedActions(approved, actor(USERS.alex))).toEqual(['return']);
    const back = ok(approved, { type: 'return', comment: '異常なし' }, USERS.alex);
    expect(back.record).toMatchObject({ state: 'returned', returned: { comment: '異常なし' } });
    expect(back.notify.map((n) => n.recipient)).toEqual([expect.objectContaining({ personId: 'megan' })]);
    expect(apply(back.record, { type: 'return' }, actor(USERS.alex), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    expect(apply(approved, { type: 'return' }, actor(USERS.lynne), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('cancel: only the requester, only while submitted; recipients are told', () => {
    const rec = record(carryOut());
    expect(apply(rec, { type: 'cancel' }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    const t = ok(rec, { type: 'cancel' }, USERS.alex);
    expect(t.record.state).toBe('cancelled');
    expect(t.notify.map((n) => n.type)).toEqual(['cancelled']);
  });

  it('expire: only pending approval requests', () => {
    const t = expire(record(carryOut()), NOW);
    expect(t).toMatchObject({ ok: true, record: { state: 'expired', version: 2 } });
    expect(expire(record(lostCard()), NOW).ok).toBe(false);
  });
});

describe('reports', () => {
  it('lost card: 統括 stops access with one click, which also acknowledges; then close', () => {
    const rec = record(lostCard());
    expect(permittedActions(rec, actor(USERS.adele))).toEqual(['acknowledge', 'complete-task']);
    expect(permittedActions(rec, actor(USERS.megan))).toEqual(['acknowledge']);
    expect(apply(rec, { type: 'close' }, actor(USERS.adele), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    expect(apply(rec, { type: 'complete-task' }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    const stopped = ok(rec, { type: 'complete-task' }, USERS.adele);
    expect(stopped.record).toMatchObject({ state: 'acknowledged', version: 2 });
    expect(stopped.record.tasks[0]!.done?.by.personId).toBe('adele');
    expect(stopped.notify[0]).toMatchObject({ type: 'task-done' });
    expect(apply(stopped.record, { type: 'complete-task' }, actor(USERS.adele), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    const closed = ok(stopped.record, { type: 'close' }, USERS.megan);
    expect(closed.record.state).toBe('closed');
  });

  it('infection: CSIRT evaluates; an incident is reported to the CISO (7(3)ウ(イ))', () => {
    const rec = record(infection());
    const acked = ok(rec, { type: 'acknowledge' }, USERS.megan).record;
    expect(apply(acked, { type: 'acknowledge' }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    expect(apply(acked, { type: 'evaluate', incident: true }, actor(USERS.megan), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(acked, { type: 'evaluate' }, actor(USERS.lynne), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
    const evaluated = ok(acked, { type: 'evaluate', incident: true, comment: 'マルウェアを確認' }, USERS.lynne);
    expect(evaluated.record.tasks[0]!.done).toMatchObject({ incident: true, comment: 'マルウェアを確認' });
    expect(evaluated.notify.map((n) => [n.type, n.recipient.kind === 'person' ? n.recipient.personId : n.recipient.kind])).toEqual([
      ['evaluated', 'alex'],
      ['incident', 'isaiah'],
    ]);
  });

  it('the reporter cannot acknowledge their own report; strangers cannot either', () => {
    const rec = record(lostCard());
    expect(apply(rec, { type: 'acknowledge' }, actor(USERS.alex), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(rec, { type: 'acknowledge' }, actor(USERS.stranger), ctx)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(rec, { type: 'approve' }, actor(USERS.adele), ctx)).toMatchObject({ ok: false, reason: 'illegal' });
  });
});
