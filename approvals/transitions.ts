// The request's life as a pure function: given a request, an action and who acts, the next request, the event
// to store and the notifications to send — or why not. Storage, versions and time come from the caller.
import type { PersonRef } from './directory';
import {
  actorIs,
  actorIsRequester,
  isReportKind,
  KIND_LABELS,
  recipientsOf,
  stateLabel,
  type ActorRecord,
  type RequestRecord,
  type RequestState,
  type TaskRecord,
} from './model';
import { toPerson, toRequester, type NotificationDraft } from './notification';

export type ActionType = 'approve' | 'reject' | 'cancel' | 'acknowledge' | 'complete-task' | 'evaluate' | 'close' | 'return';

export interface Action {
  type: ActionType;
  comment?: string;
  /** evaluate: whether the CSIRT judges it an information security incident. */
  incident?: boolean;
  /** complete-task: which task (default: the first open task the actor may complete, other than evaluate). */
  task?: string;
  /** return: the day the items came back (YYYY-MM-DD; default today). */
  returnedOn?: string;
}

export type EventType =
  | 'submitted'
  | 'approval-recorded'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'returned'
  | 'acknowledged'
  | 'task-completed'
  | 'evaluated'
  | 'closed'
  | 'reminded'
  | 'escalated'
  | 'task-added'
  | 'followed-up';

export interface EventDraft {
  type: EventType;
  /** Absent for the system (expiry, reminders, escalation). */
  actor?: ActorRecord;
  data: Record<string, unknown>;
}

export interface TransitionContext {
  now: string;
  /** Organisation holders of a role (for the CISO, told of incidents). */
  resolveRole: (role: string) => PersonRef[];
}

export type Transition =
  | { ok: true; record: RequestRecord; event: EventDraft; notify: NotificationDraft[] }
  | { ok: false; reason: 'forbidden' | 'illegal'; message: string };

/** The transitions table: which action is legal in which state, for which kinds (docs/approvals.md mirrors it). */
export const TRANSITIONS: { action: ActionType | 'expire'; from: RequestState[]; to: RequestState | 'same'; kinds: 'approval' | 'report' | 'carry-out' | 'all'; who: string }[] = [
  { action: 'approve', from: ['submitted'], to: 'approved', kinds: 'approval', who: 'an approver of a pending role (not the requester); stays submitted until every role approved' },
  { action: 'reject', from: ['submitted'], to: 'rejected', kinds: 'approval', who: 'an approver of a pending role (not the requester)' },
  { action: 'cancel', from: ['submitted'], to: 'cancelled', kinds: 'all', who: 'the requester' },
  { action: 'expire', from: ['submitted'], to: 'expired', kinds: 'approval', who: 'the system, when the period ends or the request is too old' },
  { action: 'return', from: ['approved'], to: 'returned', kinds: 'carry-out', who: 'the requester or an approver (持ち込み)' },
  { action: 'acknowledge', from: ['submitted'], to: 'acknowledged', kinds: 'report', who: 'a recipient (not the requester)' },
  { action: 'complete-task', from: ['submitted', 'acknowledged'], to: 'acknowledged', kinds: 'report', who: 'a holder of the task (lost card: 統括情報セキュリティ責任者 / データ取扱責任者 stop access — 停止しました)' },
  { action: 'evaluate', from: ['submitted', 'acknowledged'], to: 'acknowledged', kinds: 'report', who: 'a holder of the infection report\'s evaluation task (CSIRT)' },
  { action: 'close', from: ['submitted', 'acknowledged'], to: 'closed', kinds: 'report', who: 'a recipient, once every task is done' },
];

const TERMINAL: RequestState[] = ['rejected', 'cancelled', 'expired', 'returned', 'closed'];

export function isOpen(rec: RequestRecord): boolean {
  return !TERMINAL.includes(rec.state) && !(rec.state === 'approved' && rec.kind !== 'carry-out');
}

/** The actions this person may take on the request now (the buttons their card shows). */
export function permittedActions(rec: RequestRecord, actor: ActorRecord): ActionType[] {
  const out: ActionType[] = [];
  if (actorIsRequester(actor, rec)) {
    if (rec.state === 'submitted') out.push('cancel');
    if (rec.kind === 'carry-out' && rec.state === 'approved') out.push('return');
    return out;
  }
  if (!isReportKind(rec.kind)) {
    if (rec.state === 'submitted' && pendingFor(rec, actor).length > 0) out.push('approve', 'reject');
    if (rec.kind === 'carry-out' && rec.state === 'approved' && rec.assignments.some((a) => a.holders.some((h) => actorIs(actor, h))))
      out.push('return');
    return out;
  }
  if (rec.state !== 'submitted' && rec.state !== 'acknowledged') return out;
  if (!recipientsOf(rec).some((p) => actorIs(actor, p))) return out;
  if (rec.state === 'submitted') out.push('acknowledge');
  const mine = openTasksFor(rec, actor);
  if (mine.some((t) => t.id !== 'evaluate')) out.push('complete-task');
  if (mine.some((t) => t.id === 'evaluate')) out.push('evaluate');
  if (rec.tasks.every((t) => t.done)) out.push('close');
  return out;
}

/** The open tasks this person may mark done. */
export function openTasksFor(rec: RequestRecord, actor: ActorRecord): TaskRecord[] {
  if (actorIsRequester(actor, rec)) return [];
  return rec.tasks.filter((t) => !t.done && t.holders.some((h) => actorIs(actor, h)));
}

function pendingFor(rec: RequestRecord, actor: ActorRecord) {
  return rec.assignments.filter((a) => !a.decision && a.holders.some((h) => actorIs(actor, h)));
}

export function apply(rec: RequestRecord, action: Action, actor: ActorRecord, ctx: TransitionContext): Transition {
  const illegal = (message?: string): Transition => ({
    ok: false,
    reason: 'illegal',
    message: message ?? `この${isReportKind(rec.kind) ? '報告' : '申請'}は現在「${stateLabel(rec)}」のため、この操作はできません。`,
  });
  const forbidden = (message: string): Transition => ({ ok: false, reason: 'forbidden', message });
  const stamp = (comment?: string) => ({ by: actor, at: ctx.now, ...(comment ? { comment } : {}) });
  const next = (patch: Partial<RequestRecord>): RequestRecord => ({ ...rec, ...patch, version: rec.version + 1, updatedAt: ctx.now });
  const isRequester = actorIsRequester(actor, rec);
  const report = isReportKind(rec.kind);
  const what = `${KIND_LABELS[rec.kind]}「${rec.title}」`;

  switch (action.type) {
    case 'approve':
    case 'reject': {
      if (report || rec.state !== 'submitted') return illegal();
      if (isRequester) return forbidden('ご自身の申請は承認・却下できません（第3章 3(7)ア 兼務の禁止）。');
      const mine = pendingFor(rec, actor);
      if (mine.length === 0) return forbidden('この申請の承認者ではないため、操作できません。');
      const decision = { outcome: action.type === 'approve' ? ('approved' as const) : ('rejected' as const), ...stamp(action.comment), by: actor };
      const assignments = rec.assignments.map((a) => (mine.includes(a) ? { ...a, decision } : a));
      const roles = mine.map((a) => a.assignedRole);
      if (action.type === 'reject') {
        const record = next({ assignments, state: 'rejected', decision });
        const notify = [{ type: 'decision' as const, recipient: toRequester(rec), text: `${what}は却下されました。`, ...(action.comment ? { comment: action.comment } : {}) }];
        return { ok: true, record, event: { type: 'rejected', actor, data: { roles, comment: action.comment } }, notify };
      }
      const done = assignments.every((a) => a.decision?.outcome === 'approved');
      if (!done) {
        const record = next({ assignments });
        return { ok: true, record, event: { type: 'approval-recorded', actor, data: { roles, comment: action.comment } }, notify: [] };
      }
      const record = next({ assignments, state: 'approved', decision });
      const notify = [{ type: 'decision' as const, recipient: toRequester(rec), text: `${what}は承認されました。`, ...(action.comment ? { comment: action.comment } : {}) }];
      return { ok: true, record, event: { type: 'approved', actor, data: { roles, comment: action.comment } }, notify };
    }

    case 'cancel': {
      if (rec.state !== 'submitted') return illegal();
      if (!isRequester) return forbidden('取り下げは申請者ご本人だけができます。');
      const record = next({ state: 'cancelled', cancelled: stamp(action.comment) });
      const notify = recipientsOf(rec).map((p) => ({ type: 'cancelled' as const, recipient: toPerson(p), text: `${what}は申請者により取り下げられました。` }));
      return { ok: true, record, event: { type: 'cancelled', actor, data: { comment: action.comment } }, notify };
    }

    case 'return': {
      if (rec.kind !== 'carry-out' || rec.state !== 'approved') return illegal();
      const approver = rec.assignments.some((a) => a.holders.some((h) => actorIs(actor, h)));
      if (!isRequester && !approver) return forbidden('返却（持ち込み）の記録は申請者か承認者だけができます。');
      const record = next({ state: 'returned', returned: { ...stamp(action.comment), by: actor, ...(action.returnedOn ? { on: action.returnedOn } : {}) } });
      const people = isRequester ? approversOf(rec) : [];
      const notify = [
        ...people.map((p) => ({ type: 'returned' as const, recipient: toPerson(p), text: `${what}の物品が返却（持ち込み）されました。` })),
        ...(isRequester ? [] : [{ type: 'returned' as const, recipient: toRequester(rec), text: `${what}の返却（持ち込み）が記録されました。` }]),
      ];
      return { ok: true, record, event: { type: 'returned', actor, data: { comment: action.comment, returnedOn: action.returnedOn } }, notify };
    }

    case 'acknowledge':
    case 'complete-task':
    case 'evaluate':
    case 'close': {
      if (!report || (rec.state !== 'submitted' && rec.state !== 'acknowledged')) return illegal();
      if (isRequester) return forbidden('ご自身の報告は確認・完了にできません。');
      if (!recipientsOf(rec).some((p) => actorIs(actor, p))) return forbidden('この報告の受け手ではないため、操作できません。');
      const ack = rec.acknowledged ?? { ...stamp(), by: actor };
      if (action.type === 'acknowledge') {
        if (rec.state !== 'submitted') return illegal();
        const record = next({ state: 'acknowledged', acknowledged: { ...stamp(action.comment), by: actor } });
        const notify = [{ type: 'acknowledged' as const, recipient: toRequester(rec), text: `${what}を${actor.name ? `${actor.name}さんが` : '担当者が'}確認しました。` }];
        return { ok: true, record, event: { type: 'acknowledged', actor, data: { comment: action.comment } }, notify };
      }
      if (action.type === 'close') {
        const pending = rec.tasks.find((t) => !t.done);
        if (pending) return illegal(`完了にする前に「${pending.label}」を済ませてください。`);
        const record = next({ state: 'closed', acknowledged: ack, closed: { ...stamp(action.comment), by: actor } });
        const notify = [{ type: 'closed' as const, recipient: toRequester(rec), text: `${what}の対応が完了しました。` }];
        return { ok: true, record, event: { type: 'closed', actor, data: { comment: action.comment } }, notify };
      }
      const candidates = rec.tasks.filter((t) => (action.type === 'evaluate' ? t.id === 'evaluate' : t.id !== 'evaluate' && (!action.task || t.id === action.task)));
      const task = candidates.find((t) => !t.done && t.holders.some((h) => actorIs(actor, h))) ?? candidates.find((t) => !t.done);
      if (!task) return illegal(candidates.length > 0 ? 'この対応はすでに記録されています。' : undefined);
      if (!task.holders.some((h) => actorIs(actor, h)))
        return forbidden(`「${task.label}」は${[...new Set(task.assignments.map((a) => a.assignedRole))].join('・')}が記録します。`);
      if (task.id === 'evaluate' && typeof action.incident !== 'boolean') return illegal('インシデントに当たるかどうかを選んでください。');
      const done = { ...stamp(action.comment), by: actor, ...(task.id === 'evaluate' ? { incident: action.incident } : {}) };
      const tasks = rec.tasks.map((t) => (t === task ? { ...t, done } : t));
      const record = next({ tasks, state: 'acknowledged', acknowledged: ack });
      if (task.id !== 'evaluate') {
        const notify = [{ type: 'task-done' as const, recipient: toRequester(rec), text: `「${task.label}」が完了しました（${what}）。` }];
        return { ok: true, record, event: { type: 'task-completed', actor, data: { task: task.id, comment: action.comment } }, notify };
      }
      const notify: NotificationDraft[] = [
        { type: 'evaluated', recipient: toRequester(rec), text: `${what}について、CSIRT が状況を確認しました。` },
      ];
      if (action.incident) {
        const ciso = ctx.resolveRole('CISO').filter((p) => !actorIs(actor, p));
        const seen = new Set((rec.observers ?? []).map((p) => p.personId));
        record.observers = [...(rec.observers ?? []), ...ciso.filter((p) => !seen.has(p.personId))];
        for (const p of ciso)
          notify.push({
            type: 'incident',
            recipient: toPerson(p),
            text: `CSIRT が${what}を情報セキュリティインシデントと評価しました（第3章 7(3)ウ(イ)）。`,
            ...(action.comment ? { comment: action.comment } : {}),
          });
      }
      return { ok: true, record, event: { type: 'evaluated', actor, data: { incident: action.incident, comment: action.comment } }, notify };
    }
  }
}

/** The system ends a pending approval request whose period is over or that waited too long. */
export function expire(rec: RequestRecord, now: string): Transition {
  if (rec.state !== 'submitted' || isReportKind(rec.kind)) return { ok: false, reason: 'illegal', message: 'not expirable' };
  const record: RequestRecord = { ...rec, state: 'expired', expired: { at: now }, version: rec.version + 1, updatedAt: now };
  const notify = [{ type: 'expired' as const, recipient: toRequester(rec), text: `${KIND_LABELS[rec.kind]}「${rec.title}」は期限までに判断されなかったため、期限切れになりました。` }];
  return { ok: true, record, event: { type: 'expired', data: {} }, notify };
}

function approversOf(rec: RequestRecord): PersonRef[] {
  const seen = new Map<string, PersonRef>();
  for (const a of rec.assignments) for (const h of a.holders) if (!seen.has(h.personId)) seen.set(h.personId, h);
  return [...seen.values()];
}

/** A task a procedure adds to an open report (e.g. destroy-old-card after a replacement, 第3章 7(4)ア(ウ)). */
export function addTask(rec: RequestRecord, task: TaskRecord, actor: ActorRecord, now: string): Transition {
  if (!isReportKind(rec.kind) || (rec.state !== 'submitted' && rec.state !== 'acknowledged'))
    return { ok: false, reason: 'illegal', message: `この報告は現在「${stateLabel(rec)}」のため、対応を追加できません。` };
  if (rec.tasks.some((t) => t.id === task.id)) return { ok: false, reason: 'illegal', message: 'この対応はすでに依頼されています。' };
  const record: RequestRecord = { ...rec, tasks: [...rec.tasks, task], version: rec.version + 1, updatedAt: now };
  const what = `${KIND_LABELS[rec.kind]}「${rec.title}」`;
  const notify = task.holders.map((p) => ({ type: 'task' as const, recipient: toPerson(p), text: `「${task.label}」をお願いします（${what}）。` }));
  return { ok: true, record, event: { type: 'task-added', actor, data: { task: task.id, roles: task.assignments.map((a) => a.role) } }, notify };
}

/** Something the requester reports later about their request. */
export type FollowUp =
  | { kind: 'carry-out.returned'; returnedOn: string; comment?: string }
  | { kind: 'lost-card.found'; details?: Record<string, unknown> }
  | { kind: 'lost-card.replaced'; oldCard: 'handedOver' | 'missing'; details?: Record<string, unknown> };

export function followUp(rec: RequestRecord, f: FollowUp, actor: ActorRecord, ctx: TransitionContext): Transition {
  if (!actorIsRequester(actor, rec)) return { ok: false, reason: 'forbidden', message: 'この報告は申請者ご本人だけができます。' };
  if (f.kind === 'carry-out.returned') {
    if (rec.kind !== 'carry-out') return { ok: false, reason: 'illegal', message: 'この申請は持ち出し申請ではありません。' };
    if (rec.state === 'submitted') return { ok: false, reason: 'illegal', message: 'この持ち出し申請はまだ承認されていません。' };
    return apply(rec, { type: 'return', returnedOn: f.returnedOn, ...(f.comment ? { comment: f.comment } : {}) }, actor, ctx);
  }
  if (rec.kind !== 'lost-card') return { ok: false, reason: 'illegal', message: 'この報告は ICカード等の紛失の報告ではありません。' };
  if (rec.state === 'cancelled') return { ok: false, reason: 'illegal', message: 'この報告は取り下げられています。' };
  const entry = { by: actor, at: ctx.now, kind: f.kind, ...(f.details && Object.keys(f.details).length > 0 ? { details: f.details } : {}), ...(f.kind === 'lost-card.replaced' ? { details: { ...f.details, oldCard: f.oldCard } } : {}) };
  const record: RequestRecord = { ...rec, followUps: [...(rec.followUps ?? []), entry], version: rec.version + 1, updatedAt: ctx.now };
  const what = `${KIND_LABELS[rec.kind]}「${rec.title}」`;
  const text =
    f.kind === 'lost-card.found'
      ? `${what}について、カードが見つかったと報告がありました。`
      : `${what}について、カードの切替えが報告されました（旧カード: ${f.oldCard === 'handedOver' ? '回収済み' : '見つかっていません'}）。`;
  const notify = recipientsOf(rec).map((p) => ({ type: 'follow-up' as const, recipient: toPerson(p), text }));
  return { ok: true, record, event: { type: 'followed-up', actor, data: { followUp: f.kind, ...(f.kind === 'lost-card.replaced' ? { oldCard: f.oldCard } : {}) } }, notify };
}
