// SQL for requests: the row (current record as JSON plus indexed columns and timers), its participants and its
// events. Every write of a row is a compare-and-set on `rev`, so concurrent writers never lose an update.
import { forUpdate } from '../storage/sql';
import type { Db } from '../storage/types';
import type { PersonRef } from './directory';
import type { RequestRecord } from './model';
import type { EventDraft } from './transitions';

export interface Timers {
  remindAt: string | null;
  remindersSent: number;
  escalateAt: string | null;
  escalationLevel: number;
  expireAt: string | null;
}

export interface StoredRequest {
  record: RequestRecord;
  rev: number;
  eventCount: number;
  timers: Timers;
}

interface Row {
  record: string;
  rev: number;
  event_count: number;
  remind_at: string | null;
  reminders_sent: number;
  escalate_at: string | null;
  escalation_level: number;
  expire_at: string | null;
}

const COLUMNS = 'record, rev, event_count, remind_at, reminders_sent, escalate_at, escalation_level, expire_at';

function fromRow(r: Row): StoredRequest {
  return {
    record: JSON.parse(r.record) as RequestRecord,
    rev: Number(r.rev),
    eventCount: Number(r.event_count),
    timers: {
      remindAt: r.remind_at,
      remindersSent: Number(r.reminders_sent),
      escalateAt: r.escalate_at,
      escalationLevel: Number(r.escalation_level),
      expireAt: r.expire_at,
    },
  };
}

/** Reads a request; with `lock`, inside tx, the row stays locked until the transaction ends (PostgreSQL). */
export async function readRequest(db: Db, id: string, lock = false): Promise<StoredRequest | undefined> {
  const row = await db.get<Row>(`SELECT ${COLUMNS} FROM approval_requests WHERE id = $1${lock ? forUpdate(db) : ''}`, [id]);
  return row ? fromRow(row) : undefined;
}

export async function readRequests(db: Db, sql: string, params: readonly unknown[]): Promise<RequestRecord[]> {
  const rows = await db.all<{ record: string }>(sql, params);
  return rows.map((r) => JSON.parse(r.record) as RequestRecord);
}

/** Inserts a new request; its first event (submitted) is counted already. */
export async function insertRequest(db: Db, rec: RequestRecord, timers: Timers): Promise<void> {
  await db.run(
    `INSERT INTO approval_requests (id, kind, state, urgent, version, rev, event_count, requester_id, requester_person, record,
       created_at, updated_at, remind_at, reminders_sent, escalate_at, escalation_level, expire_at)
     VALUES ($1, $2, $3, $4, $5, 1, 1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      rec.id, rec.kind, rec.state, rec.urgent, rec.version, rec.requester.userId.toLowerCase(), rec.requester.personId ?? null,
      JSON.stringify(rec), rec.createdAt, rec.updatedAt, timers.remindAt, timers.remindersSent, timers.escalateAt,
      timers.escalationLevel, timers.expireAt,
    ],
  );
}

/** Writes the new record and timers if nobody wrote the row since `prev` was read. False when somebody did. */
export async function updateRequest(db: Db, prev: StoredRequest, rec: RequestRecord, timers: Timers, events: number): Promise<boolean> {
  const { changes } = await db.run(
    `UPDATE approval_requests SET state = $1, version = $2, rev = rev + 1, event_count = event_count + $3, record = $4, updated_at = $5,
       remind_at = $6, reminders_sent = $7, escalate_at = $8, escalation_level = $9, expire_at = $10
     WHERE id = $11 AND rev = $12`,
    [
      rec.state, rec.version, events, JSON.stringify(rec), rec.updatedAt, timers.remindAt, timers.remindersSent,
      timers.escalateAt, timers.escalationLevel, timers.expireAt, rec.id, prev.rev,
    ],
  );
  return changes === 1;
}

export async function insertParticipants(db: Db, requestId: string, people: readonly PersonRef[]): Promise<void> {
  for (const p of people) {
    await db.run(
      'INSERT INTO approval_participants (request_id, person_id, aad_object_id) VALUES ($1, $2, $3) ON CONFLICT (request_id, person_id) DO NOTHING',
      [requestId, p.personId, p.aadObjectId?.toLowerCase() ?? null],
    );
  }
}

export interface StoredEvent {
  requestId: string;
  seq: number;
  type: string;
  actor?: { userId: string; personId?: string; name?: string };
  at: string;
  version: number;
  state: string;
  data: Record<string, unknown>;
}

export async function insertEvent(db: Db, rec: RequestRecord, seq: number, event: EventDraft, at: string): Promise<StoredEvent> {
  const stored: StoredEvent = { requestId: rec.id, seq, type: event.type, at, version: rec.version, state: rec.state, data: event.data };
  if (event.actor) stored.actor = event.actor;
  await db.run(
    'INSERT INTO approval_events (request_id, seq, type, actor, at, version, state, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [rec.id, seq, event.type, event.actor ? JSON.stringify(event.actor) : null, at, rec.version, rec.state, JSON.stringify(event.data)],
  );
  return stored;
}

export async function readEvents(db: Db, requestId: string): Promise<StoredEvent[]> {
  const rows = await db.all<{ seq: number; type: string; actor: string | null; at: string; version: number; state: string; data: string }>(
    'SELECT seq, type, actor, at, version, state, data FROM approval_events WHERE request_id = $1 ORDER BY seq',
    [requestId],
  );
  return rows.map((r) => {
    const e: StoredEvent = { requestId, seq: Number(r.seq), type: r.type, at: r.at, version: Number(r.version), state: r.state, data: JSON.parse(r.data) as Record<string, unknown> };
    if (r.actor) e.actor = JSON.parse(r.actor) as StoredEvent['actor'] & object;
    return e;
  });
}
