// A stored request: its state, who receives it, what was decided, by whom and when.
import type { PersonRef } from './directory';
import type { Assignment, RequesterInfo } from './routing';
import type { RequestKind } from './types';

export type RequestState =
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'returned'
  | 'acknowledged'
  | 'closed';

/** Kinds decided by approvers (承認・許可). */
export const APPROVAL_KINDS = ['carry-out', 'permission'] as const;
/** Kinds acknowledged and closed by their recipients (報告・通報). */
export const REPORT_KINDS = ['lost-card', 'infection', 'report'] as const;

export function isReportKind(kind: RequestKind): boolean {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

/** Someone acting on a request, as the bot identifies them, with the directory id when the directory knows them. */
export interface ActorRecord {
  userId: string;
  personId?: string;
  name?: string;
}

export interface Stamp {
  /** Absent for the system (expiry). */
  by?: ActorRecord;
  at: string;
  comment?: string;
}

export interface Decision extends Stamp {
  outcome: 'approved' | 'rejected';
  by: ActorRecord;
}

export interface AssignmentRecord extends Assignment {
  /** Approval kinds: this role's decision (each named role must approve; one rejection rejects). */
  decision?: Decision;
}

/**
 * A one-click task on a report: 'stop-access' (lost card, 第3章 7(4)ア(イ)), 'evaluate' (infection, the CSIRT,
 * 7(3)ウ(ア)), 'destroy-old-card' (7(4)ア(ウ)) or any task a procedure adds.
 */
export interface TaskRecord {
  id: string;
  /** Japanese label of the task (紛失した ICカード等によるアクセスの停止, …). */
  label: string;
  /** The button that marks it done (停止しました, 廃棄しました, …). */
  doneLabel: string;
  /** The clauses that ask for it. */
  clauses: string[];
  /** The roles named for it, each routed with separation of duties. */
  assignments: Assignment[];
  /** Everyone who may mark it done (the union of the assignments' holders). */
  holders: PersonRef[];
  details?: Record<string, unknown>;
  done?: Stamp & { by: ActorRecord; incident?: boolean };
}

export interface EscalationRecord {
  level: number;
  role: string;
  holders: PersonRef[];
  at: string;
}

export interface RequestRecord {
  id: string;
  kind: RequestKind;
  urgent: boolean;
  state: RequestState;
  /** The card version: bumped by every change people see; actions carrying another version change nothing. */
  version: number;
  requester: RequesterInfo;
  title: string;
  roles: string[];
  clauses: string[];
  details: Record<string, unknown>;
  question?: string;
  period?: { from: string; until: string };
  assignments: AssignmentRecord[];
  tasks: TaskRecord[];
  escalations: EscalationRecord[];
  /** People told about the request who do not act on it (the CISO when the CSIRT reports an incident). */
  observers?: PersonRef[];
  createdAt: string;
  updatedAt: string;
  /** The final approval or rejection. */
  decision?: Decision;
  acknowledged?: Stamp & { by: ActorRecord };
  closed?: Stamp & { by: ActorRecord };
  cancelled?: Stamp;
  expired?: Stamp;
  /** on: the day the items came back (YYYY-MM-DD), when the requester gave it. */
  returned?: Stamp & { by: ActorRecord; on?: string };
  /** Follow-ups the requester reported on a report (lost-card.found, lost-card.replaced). */
  followUps?: (Stamp & { by: ActorRecord; kind: string; details?: Record<string, unknown> })[];
}

export const STATE_LABELS: Record<RequestState, string> = {
  submitted: '承認待ち',
  approved: '承認済み',
  rejected: '却下',
  cancelled: '取り下げ',
  expired: '期限切れ',
  returned: '返却済み（持ち込み済み）',
  acknowledged: '確認済み',
  closed: '完了',
};

/** The short number staff see and quote for a request (its id's first 8 characters, upper case). */
export function receiptNumber(requestId: string): string {
  return requestId.slice(0, 8).toUpperCase();
}

export function stateLabel(rec: Pick<RequestRecord, 'state' | 'kind'>): string {
  if (rec.state === 'submitted' && isReportKind(rec.kind)) return '確認待ち';
  return STATE_LABELS[rec.state];
}

export const KIND_LABELS: Record<RequestKind, string> = {
  'carry-out': '持ち出し申請',
  'lost-card': 'ICカード等の紛失',
  infection: 'ウイルス感染の疑い',
  permission: '許可申請',
  report: '報告',
};

/** Everyone a request reaches besides its requester: assignment holders, task holders, escalation recipients. */
export function recipientsOf(rec: RequestRecord): PersonRef[] {
  const seen = new Map<string, PersonRef>();
  const add = (people: PersonRef[]) => people.forEach((p) => seen.has(p.personId) || seen.set(p.personId, p));
  rec.assignments.forEach((a) => add(a.holders));
  rec.tasks.forEach((t) => add(t.holders));
  rec.escalations.forEach((e) => add(e.holders));
  return [...seen.values()];
}

/** Everyone who may see the request's card in full: the requester, its recipients and its observers. */
export function canView(actor: ActorRecord, rec: RequestRecord): boolean {
  return actorIsRequester(actor, rec) || [...recipientsOf(rec), ...(rec.observers ?? [])].some((p) => actorIs(actor, p));
}

/** Recipients and observers, once each (the participants stored for queries). */
export function participantsOf(rec: RequestRecord): PersonRef[] {
  const seen = new Map<string, PersonRef>();
  for (const p of [...recipientsOf(rec), ...(rec.observers ?? [])]) if (!seen.has(p.personId)) seen.set(p.personId, p);
  return [...seen.values()];
}

export function sameUserId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function actorIs(actor: ActorRecord, p: PersonRef): boolean {
  if (actor.personId !== undefined && actor.personId === p.personId) return true;
  if (p.aadObjectId !== undefined && sameUserId(actor.userId, p.aadObjectId)) return true;
  return actor.userId === p.personId;
}

export function actorIsRequester(actor: ActorRecord, rec: RequestRecord): boolean {
  if (sameUserId(actor.userId, rec.requester.userId)) return true;
  return rec.requester.personId !== undefined && actor.personId === rec.requester.personId;
}
