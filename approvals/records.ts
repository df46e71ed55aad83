// The records the policy asks for, for the auditors: 持ち出し・持ち込み記録 (第3章 7(1)ア(オ)), incident and
// report records (7(3)ウ(エ), 8(1)キ), permission and exception records (9(4)ウ). Read from the stored requests.
import type { Db } from '../storage/types';
import { isReportKind, KIND_LABELS, receiptNumber, stateLabel, type RequestRecord, type Stamp } from './model';
import { readRequests } from './request-store';
import { formatJst, jstDayStart } from './time';
import type { RequestKind } from './types';

export type RecordSet = 'carry-out' | 'incident' | 'permission';

export const RECORD_KINDS: Record<RecordSet, RequestKind[]> = {
  'carry-out': ['carry-out'],
  incident: ['lost-card', 'infection', 'report'],
  permission: ['permission'],
};

export interface RecordsQuery {
  set: RecordSet;
  /** First day (YYYY-MM-DD, JST), inclusive. */
  from: string;
  /** Last day (YYYY-MM-DD, JST), inclusive. */
  to: string;
}

/** Requests of the set submitted in the period, oldest first. */
export async function loadRecords(db: Db, q: RecordsQuery): Promise<RequestRecord[]> {
  const kinds = RECORD_KINDS[q.set];
  const start = jstDayStart(q.from);
  const end = new Date(Date.parse(jstDayStart(q.to)) + 24 * 3600_000).toISOString();
  const marks = kinds.map((_, i) => `$${i + 3}`).join(', ');
  return readRequests(
    db,
    `SELECT record FROM approval_requests WHERE created_at >= $1 AND created_at < $2 AND kind IN (${marks}) ORDER BY created_at, id`,
    [start, end, ...kinds],
  );
}

const who = (s: Stamp | undefined): string => s?.by?.name ?? s?.by?.personId ?? s?.by?.userId ?? '';

/** The procedure's own summary rows (label → value), when it gave them. */
function summary(rec: RequestRecord): { label: string; value: string }[] {
  const rows = rec.details['summary'];
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((r: unknown) => {
    if (!r || typeof r !== 'object') return [];
    const { label, value } = r as Record<string, unknown>;
    return typeof label === 'string' ? [{ label, value: typeof value === 'string' ? value : JSON.stringify(value ?? '') }] : [];
  });
}

function field(rec: RequestRecord, labels: string[], keys: string[]): string {
  const rows = summary(rec);
  for (const l of labels) {
    const hit = rows.find((r) => r.label === l);
    if (hit) return hit.value;
  }
  for (const k of keys) {
    const v = rec.details[k];
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(String).join('、');
  }
  return '';
}

/** Every detail as "label: value" lines (the procedure's summary, else the raw details). */
function allDetails(rec: RequestRecord): string {
  const rows = summary(rec);
  if (rows.length > 0) return rows.map((r) => `${r.label}: ${r.value}`).join('\n');
  return Object.entries(rec.details)
    .filter(([k]) => k !== 'expects' && k !== 'dialogRef')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
}

function deciders(rec: RequestRecord): string {
  return rec.assignments
    .filter((a) => a.decision)
    .map((a) => `${who(a.decision)}（${a.assignedRole}）`)
    .join('\n');
}

function decisionComments(rec: RequestRecord): string {
  return rec.assignments.flatMap((a) => (a.decision?.comment ? [`${who(a.decision)}: ${a.decision.comment}`] : [])).join('\n');
}

function common(rec: RequestRecord) {
  return {
    id: receiptNumber(rec.id),
    at: formatJst(rec.createdAt),
    requester: rec.requester.name ?? rec.requester.personId ?? rec.requester.userId,
    department: rec.requester.departmentName ?? '',
  };
}

export const CARRY_OUT_HEADERS = [
  '受付番号', '申請日時', '申請者', '所属', '件名', '持ち出すもの', '情報の内容', '機密性の分類', '持ち出し先', '目的',
  '持ち出し開始日', '持ち出し終了日', '状態', '承認者', '判断日時', '判断コメント', '持ち込み日', '持ち込み記録日時', '持ち込み記録者',
  '根拠条項', '申請内容（全項目）',
];

export function carryOutRow(rec: RequestRecord): string[] {
  const c = common(rec);
  return [
    c.id, c.at, c.requester, c.department, rec.title,
    field(rec, ['持ち出すもの'], ['items']),
    field(rec, ['情報の内容'], ['information']),
    field(rec, ['機密性の分類'], ['classification']),
    field(rec, ['持ち出し先'], ['place', 'destination']),
    field(rec, ['目的'], ['purpose']),
    rec.period?.from ?? '', rec.period?.until ?? '',
    stateLabel(rec), deciders(rec), formatJst(rec.decision?.at), decisionComments(rec),
    rec.returned?.on ?? (rec.returned ? formatJst(rec.returned.at).slice(0, 10) : ''),
    formatJst(rec.returned?.at), who(rec.returned),
    rec.clauses.join('\n'), allDetails(rec),
  ];
}

export const INCIDENT_HEADERS = [
  '受付番号', '報告日時', '種別', '至急', '報告者', '所属', '件名', '報告先', '確認者', '確認日時', '対応', 'CSIRTの評価',
  'エスカレーション', '報告後の連絡', '完了日時', '完了者', '状態', '根拠条項', '報告内容（全項目）',
];

export function incidentRow(rec: RequestRecord): string[] {
  const c = common(rec);
  const recipients = rec.assignments.map((a) => `${a.assignedRole}: ${a.holders.map((h) => h.name).join('、')}`).join('\n');
  const tasks = rec.tasks
    .filter((t) => t.id !== 'evaluate')
    .map((t) => `${t.label}: ${t.done ? `${t.doneLabel}（${formatJst(t.done.at)} ${who(t.done)}）` : '未了'}`)
    .join('\n');
  const ev = rec.tasks.find((t) => t.id === 'evaluate')?.done;
  const evaluation = ev
    ? `${ev.incident ? 'インシデントと評価' : 'インシデントではないと評価'}（${formatJst(ev.at)} ${who(ev)}）${ev.comment ? `\n${ev.comment}` : ''}`
    : rec.kind === 'infection' ? '未評価' : '';
  const escalations = rec.escalations.map((e) => `${formatJst(e.at)} ${e.role}`).join('\n');
  const followUps = (rec.followUps ?? [])
    .map((f) => `${formatJst(f.at)} ${f.kind === 'lost-card.found' ? 'カード発見' : f.kind === 'lost-card.replaced' ? 'カード切替え' : f.kind}`)
    .join('\n');
  return [
    c.id, c.at, KIND_LABELS[rec.kind], rec.urgent ? '至急' : '', c.requester, c.department, rec.title, recipients,
    who(rec.acknowledged), formatJst(rec.acknowledged?.at), tasks, evaluation, escalations, followUps,
    formatJst(rec.closed?.at), who(rec.closed), stateLabel(rec), rec.clauses.join('\n'), allDetails(rec),
  ];
}

export const PERMISSION_HEADERS = [
  '受付番号', '申請日時', '申請者', '所属', '件名', '質問', '期間（開始）', '期間（終了）', '申請先の役割', '判断者', '判断日時',
  '判断コメント', '状態', '回付の理由', '根拠条項', '申請内容（全項目）',
];

export function permissionRow(rec: RequestRecord): string[] {
  const c = common(rec);
  return [
    c.id, c.at, c.requester, c.department, rec.title, rec.question ?? '', rec.period?.from ?? '', rec.period?.until ?? '',
    rec.roles.join('、'), deciders(rec), formatJst(rec.decision?.at ?? rec.expired?.at ?? rec.cancelled?.at), decisionComments(rec),
    stateLabel(rec), rec.assignments.flatMap((a) => (a.reason ? [a.reason.text] : [])).join('\n'), rec.clauses.join('\n'), allDetails(rec),
  ];
}

export function recordTable(set: RecordSet, records: readonly RequestRecord[]): { headers: string[]; rows: string[][] } {
  if (set === 'carry-out') return { headers: CARRY_OUT_HEADERS, rows: records.map(carryOutRow) };
  if (set === 'incident') return { headers: INCIDENT_HEADERS, rows: records.filter((r) => isReportKind(r.kind)).map(incidentRow) };
  return { headers: PERMISSION_HEADERS, rows: records.map(permissionRow) };
}
