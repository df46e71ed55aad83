// What the outbox hands to the bot's deliver(): who to tell, about which request, and a short Japanese text.
// The bot renders the request's current card (cardState) for person and channel recipients.
import type { PersonRef } from './directory';
import type { RequestRecord } from './model';

export type NotificationType =
  /** To an approver: a new request with 承認 / 却下. */
  | 'approval-request'
  /** To a report's recipient: a new report with 確認しました (and its task button). */
  | 'report'
  /** To the requester: approved or rejected, with the comment. */
  | 'decision'
  | 'cancelled'
  | 'acknowledged'
  /** To a task's holders: a task added later (e.g. destroy the old card). */
  | 'task'
  | 'task-done'
  /** To a report's recipients: the requester reported something later (card found, card replaced). */
  | 'follow-up'
  | 'evaluated'
  /** To the CISO when the CSIRT evaluates a report as an incident (第3章 7(3)ウ(イ)). */
  | 'incident'
  | 'closed'
  | 'returned'
  | 'expired'
  | 'reminder'
  | 'escalation'
  /** To the configured Teams channel: an urgent report arrived. */
  | 'urgent-channel'
  /** To the configured webhook: stop access for the lost card. */
  | 'stop-access-hook';

export type Recipient =
  /** userId: the aadObjectId when known (what Teams needs), else the directory id. */
  | { kind: 'person'; userId: string; personId?: string; aadObjectId?: string; name?: string }
  | { kind: 'channel' }
  | { kind: 'webhook'; hook: 'stop-access' };

export interface NotificationDraft {
  type: NotificationType;
  recipient: Recipient;
  /** Short polite Japanese, for a chat message or a card's heading. */
  text: string;
  /** The decider's comment, for decisions. */
  comment?: string;
}

export interface Notification extends NotificationDraft {
  /** Stable id: the idempotency key for delivery. */
  id: string;
  requestId: string;
  /** The request's card version when the notification was made (the card shown is the current one). */
  requestVersion: number;
  createdAt: string;
  /** Delivery attempts before this one. */
  attempts: number;
}

export function toPerson(p: PersonRef): Recipient {
  return {
    kind: 'person',
    userId: p.aadObjectId ?? p.personId,
    personId: p.personId,
    ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
    name: p.name,
  };
}

export function toRequester(rec: RequestRecord): Recipient {
  const r = rec.requester;
  return {
    kind: 'person',
    userId: r.userId,
    ...(r.personId ? { personId: r.personId } : {}),
    ...(r.name ? { name: r.name } : {}),
  };
}
