// What a request's card shows to one viewer: the request, its decisions, the reasons for its routing, the buttons
// this viewer may press, and who should see the card refreshed (Teams refresh.userIds).
import type { RequestKind } from './types';
import {
  actorIs,
  actorIsRequester,
  KIND_LABELS,
  canView,
  participantsOf,
  receiptNumber,
  recipientsOf,
  stateLabel,
  type ActorRecord,
  type RequestRecord,
  type RequestState,
  type Stamp,
} from './model';
import { isOpen, openTasksFor, permittedActions, type ActionType } from './transitions';

export interface StampView {
  by?: string;
  at: string;
  comment?: string;
}

export interface CardState {
  requestId: string;
  /** 受付番号: the first 8 characters of the id, upper case. */
  shortId: string;
  /** Put it in every Action.Execute's data; actions with another version change nothing. */
  version: number;
  kind: RequestKind;
  kindLabel: string;
  state: RequestState;
  stateLabel: string;
  open: boolean;
  urgent: boolean;
  title: string;
  requester: { name?: string; department?: string };
  createdAt: string;
  updatedAt: string;
  period?: { from: string; until: string };
  clauses: string[];
  question?: string;
  details: Record<string, unknown>;
  assignments: {
    role: string;
    assignedRole: string;
    holders: string[];
    /** Why another role decides (separation of duties, role not in the directory). */
    reason?: string;
    decision?: StampView & { outcome: 'approved' | 'rejected' };
  }[];
  tasks: {
    id: string;
    label: string;
    /** The button label (停止しました, 廃棄しました, 評価を記録する). */
    doneLabel: string;
    clauses: string[];
    roles: string[];
    holders: string[];
    /** Whether this viewer may mark it done now (show the button). */
    actionable: boolean;
    done?: StampView & { incident?: boolean };
  }[];
  escalations: { level: number; role: string; at: string }[];
  decision?: StampView & { outcome: 'approved' | 'rejected' };
  acknowledged?: StampView;
  closed?: StampView;
  returned?: StampView & { on?: string };
  followUps: (StampView & { kind: string })[];
  cancelled?: StampView;
  expired?: StampView;
  /**
   * True when the viewer is neither the requester nor a recipient or observer (a forwarded card): details,
   * question and comments are left out.
   */
  restricted: boolean;
  /** Routing reasons, one sentence each, for the card. */
  notices: string[];
  viewer: { isRequester: boolean; isRecipient: boolean; actions: ActionType[] };
  /** Teams user ids (aadObjectId when known) whose clients refresh the card: requester and recipients. */
  refreshUserIds: string[];
}

function stampView(s: Stamp | undefined): StampView | undefined {
  if (!s) return undefined;
  const v: StampView = { at: s.at };
  const by = s.by?.name ?? s.by?.personId ?? s.by?.userId;
  if (by) v.by = by;
  if (s.comment) v.comment = s.comment;
  return v;
}

export function cardState(rec: RequestRecord, viewer: ActorRecord): CardState {
  const recipients = recipientsOf(rec);
  const open = openTasksFor(rec, viewer);
  const refresh = [rec.requester.userId, ...participantsOf(rec).map((p) => p.aadObjectId ?? p.personId)];
  const restricted = !canView(viewer, rec);
  const sv = (s: Stamp | undefined) => {
    const v = stampView(s);
    if (v && restricted) delete v.comment;
    return v;
  };
  const card: CardState = {
    requestId: rec.id,
    shortId: receiptNumber(rec.id),
    version: rec.version,
    kind: rec.kind,
    kindLabel: KIND_LABELS[rec.kind],
    state: rec.state,
    stateLabel: stateLabel(rec),
    open: isOpen(rec),
    urgent: rec.urgent,
    title: rec.title,
    requester: {
      ...(rec.requester.name ? { name: rec.requester.name } : {}),
      ...(rec.requester.departmentName ? { department: rec.requester.departmentName } : {}),
    },
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    clauses: rec.clauses,
    details: restricted ? {} : rec.details,
    assignments: rec.assignments.map((a) => ({
      role: a.role,
      assignedRole: a.assignedRole,
      holders: a.holders.map((h) => h.name),
      ...(a.reason ? { reason: a.reason.text } : {}),
      ...(a.decision ? { decision: { ...sv(a.decision)!, outcome: a.decision.outcome } } : {}),
    })),
    tasks: rec.tasks.map((t) => ({
      id: t.id,
      label: t.label,
      doneLabel: t.doneLabel,
      clauses: t.clauses,
      roles: [...new Set(t.assignments.map((a) => a.assignedRole))],
      holders: t.holders.map((h) => h.name),
      actionable: isOpen(rec) && open.includes(t),
      ...(t.done ? { done: { ...sv(t.done)!, ...(t.done.incident !== undefined ? { incident: t.done.incident } : {}) } } : {}),
    })),
    followUps: (rec.followUps ?? []).map((f) => ({ ...sv(f)!, kind: f.kind })),
    escalations: rec.escalations.map((e) => ({ level: e.level, role: e.role, at: e.at })),
    restricted,
    notices: [...new Set([...rec.assignments, ...rec.tasks.flatMap((t) => t.assignments)].flatMap((a) => (a.reason ? [a.reason.text] : [])))],
    viewer: {
      isRequester: actorIsRequester(viewer, rec),
      isRecipient: recipients.some((p) => actorIs(viewer, p)),
      actions: permittedActions(rec, viewer),
    },
    refreshUserIds: [...new Set(refresh)].slice(0, 60),
  };
  if (rec.period) card.period = rec.period;
  if (rec.question && !restricted) card.question = rec.question;
  if (rec.decision) card.decision = { ...sv(rec.decision)!, outcome: rec.decision.outcome };
  for (const key of ['acknowledged', 'closed', 'returned', 'cancelled', 'expired'] as const) {
    const v = sv(rec[key]);
    if (v) card[key] = v;
  }
  if (rec.returned?.on && card.returned) card.returned.on = rec.returned.on;
  return card;
}
