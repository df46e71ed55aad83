// A request as the tab shows it to one person: the approvals' card state for that viewer (the same view the
// cards use, so a forwarded or foreign request shows no content) plus its history from the request's events.

import type { ActorInput, Approvals, CardState } from '../../approvals';
import type { HistoryEntry, RequestAction, RequestItem } from './contract';

type StoredEvent = Awaited<ReturnType<Approvals['events']>>[number];

const EVENT_LABELS: Record<string, string> = {
  submitted: '申請',
  approved: '承認',
  'approval-recorded': '承認（ほかの承認待ち）',
  rejected: '却下',
  cancelled: '取り下げ',
  returned: '持ち込みの記録',
  acknowledged: '確認',
  closed: '完了',
  'task-completed': '対応済み',
  'task-added': '対応の追加',
  evaluated: '評価',
  expired: '期限切れ',
  'followed-up': '報告後の連絡',
  reminded: '催促の通知',
  escalated: '上位の役割へ回付',
};

const REPORT_KINDS = new Set(['lost-card', 'infection', 'report']);
const TAB_ACTIONS: readonly RequestAction[] = ['approve', 'reject'];

function rowsOf(details: Record<string, unknown>): { label: string; value: string }[] {
  const rows = details['summary'];
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((r: unknown) => {
    if (!r || typeof r !== 'object') return [];
    const { label, value } = r as Record<string, unknown>;
    if (typeof label !== 'string') return [];
    return [{ label: label.slice(0, 100), value: (typeof value === 'string' ? value : JSON.stringify(value ?? '')).slice(0, 2000) }];
  });
}

function historyOf(card: CardState, events: StoredEvent[]): HistoryEntry[] {
  return events.map((e) => {
    let label = EVENT_LABELS[e.type] ?? e.type;
    if (e.type === 'submitted' && REPORT_KINDS.has(card.kind)) label = '報告';
    const entry: HistoryEntry = { at: e.at, label };
    const by = e.actor?.name ?? e.actor?.personId;
    if (by) entry.by = by;
    const comment = e.data['comment'];
    if (!card.restricted && typeof comment === 'string' && comment.trim()) entry.comment = comment;
    return entry;
  });
}

export function requestItem(card: CardState, events: StoredEvent[]): RequestItem {
  const item: RequestItem = {
    requestId: card.requestId,
    shortId: card.shortId,
    version: card.version,
    kind: card.kind,
    kindLabel: card.kindLabel,
    title: card.title,
    state: card.state,
    stateLabel: card.stateLabel,
    open: card.open,
    urgent: card.urgent,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    requester: card.requester,
    clauses: card.clauses,
    rows: card.restricted ? [] : rowsOf(card.details),
    assignments: card.assignments.map((a) => ({
      role: a.assignedRole,
      holders: a.holders,
      ...(a.reason ? { reason: a.reason } : {}),
      ...(a.decision ? { decision: a.decision } : {}),
    })),
    actions: TAB_ACTIONS.filter((a) => card.viewer.actions.includes(a)),
    history: historyOf(card, events),
  };
  if (card.period) item.period = card.period;
  if (card.question && !card.restricted) item.question = card.question;
  return item;
}

/** The request as `viewer` sees it now, or undefined when there is no such request. */
export async function loadItem(approvals: Approvals, requestId: string, viewer: ActorInput): Promise<RequestItem | undefined> {
  const card = await approvals.card(requestId, viewer);
  if (!card) return undefined;
  return requestItem(card, await approvals.events(requestId));
}
