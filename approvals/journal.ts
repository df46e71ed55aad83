// One change of a request, written whole inside the caller's transaction: the row (compare-and-set), the event,
// the audit entry and the notifications it causes. Either all of it is stored or none of it.
import type { Db } from '../storage/types';
import { appendAudit } from './audit';
import { participantsOf, type RequestRecord } from './model';
import type { Notification, NotificationDraft } from './notification';
import { enqueueNotifications } from './outbox';
import { insertEvent, insertParticipants, insertRequest, updateRequest, type StoredRequest, type Timers } from './request-store';
import type { EventDraft } from './transitions';

export interface Change {
  /** The stored request before the change; undefined for a new request. */
  prev?: StoredRequest;
  record: RequestRecord;
  timers: Timers;
  event: EventDraft;
  notify: readonly NotificationDraft[];
  at: string;
}

/** False when the row changed since `prev` was read (nothing written; the caller re-reads and retries). */
export async function writeChange(tx: Db, c: Change): Promise<{ ok: true; notifications: Notification[] } | { ok: false }> {
  let seq = 1;
  if (!c.prev) {
    await insertRequest(tx, c.record, c.timers);
    await insertParticipants(tx, c.record.id, participantsOf(c.record));
  } else {
    if (!(await updateRequest(tx, c.prev, c.record, c.timers, 1))) return { ok: false };
    seq = c.prev.eventCount + 1;
    const before = new Set(participantsOf(c.prev.record).map((p) => p.personId));
    const added = participantsOf(c.record).filter((p) => !before.has(p.personId));
    if (added.length > 0) await insertParticipants(tx, c.record.id, added);
  }
  await insertEvent(tx, c.record, seq, c.event, c.at);
  await appendAudit(tx, {
    kind: `request.${c.event.type}`,
    subject: c.record.id,
    ...(c.event.actor ? { actor: c.event.actor.personId ?? c.event.actor.userId } : {}),
    at: c.at,
    data: {
      seq,
      kind: c.record.kind,
      state: c.record.state,
      version: c.record.version,
      ...c.event.data,
      ...(c.event.type === 'submitted' ? { request: c.record } : {}),
    },
  });
  const notifications = await enqueueNotifications(tx, c.record.id, c.record.version, c.notify, c.at);
  return { ok: true, notifications };
}
