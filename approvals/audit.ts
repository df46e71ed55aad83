// The audit log: append-only and hash-chained in the same database as the requests. Each entry's hash covers the
// previous entry's hash and the entry's canonical JSON, so altering, removing or inserting an entry breaks the
// chain; audit_head (the last seq and hash) catches entries cut from or added at the end.
import { createHash } from 'node:crypto';
import { forUpdate } from '../storage/sql';
import type { Db } from '../storage/types';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH } from './schema';

export interface AuditInput {
  /** request.submitted, request.approved, …, config.directory, config.workflow. */
  kind: string;
  /** What it is about (a request id, a configuration name). */
  subject?: string;
  /** Who did it (a Teams user id or directory id); absent for the system. */
  actor?: string;
  data: Record<string, unknown>;
  at: string;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

interface AuditRow {
  seq: number;
  at: string;
  kind: string;
  subject: string | null;
  actor: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** sha256(prevHash + "\n" + canonical JSON of {at, kind, subject, actor, data}), hex. */
export function entryHash(prevHash: string, e: AuditInput): string {
  const body = canonicalJson({ at: e.at, kind: e.kind, subject: e.subject, actor: e.actor, data: e.data });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/**
 * Appends one entry. Call inside the transaction of the change it records: the head row is locked first, so
 * concurrent appends (also from other instances) queue up and the chain never forks.
 */
export async function appendAudit(db: Db, input: AuditInput): Promise<AuditEntry> {
  return db.tx(async (tx) => {
    const head = await tx.get<{ seq: number; hash: string }>(`SELECT seq, hash FROM audit_head WHERE id = 1${forUpdate(tx)}`);
    if (!head) throw new Error('audit_head is missing (approvals migrations not applied)');
    const data = JSON.parse(canonicalJson(input.data)) as Record<string, unknown>;
    const entry: AuditEntry = { ...input, data, seq: Number(head.seq) + 1, prevHash: head.hash, hash: '' };
    entry.hash = entryHash(head.hash, entry);
    await tx.run(
      'INSERT INTO audit_log (seq, at, kind, subject, actor, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [entry.seq, entry.at, entry.kind, entry.subject ?? null, entry.actor ?? null, canonicalJson(data), entry.prevHash, entry.hash],
    );
    const { changes } = await tx.run('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1 AND seq = $3', [entry.seq, entry.hash, head.seq]);
    if (changes !== 1) throw new Error('audit_head moved during an append');
    return entry;
  });
}

export type AuditProblemKind = 'altered' | 'removed' | 'inserted';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The first entry concerned (for removed: the seq the missing entry had, or the entry after the gap). */
  seq: number;
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** What audit_head says: the last seq and hash (record the hash elsewhere to anchor the chain). */
  head: { seq: number; hash: string };
  problem?: AuditProblem;
}

function fromRow(r: AuditRow): AuditEntry {
  const e: AuditEntry = { seq: Number(r.seq), at: r.at, kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash };
  if (r.subject !== null) e.subject = r.subject;
  if (r.actor !== null) e.actor = r.actor;
  return e;
}

/** Reads the chain in pages, with one entry of look-ahead. */
async function* entries(db: Db, pageSize: number): AsyncGenerator<AuditEntry> {
  let after = -1;
  for (;;) {
    const rows = await db.all<AuditRow>('SELECT seq, at, kind, subject, actor, data, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [after, pageSize]);
    for (const r of rows) yield fromRow(r);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** Walks the whole chain and names the first entry altered, removed or inserted. */
export async function verifyAudit(db: Db, pageSize = 1000): Promise<AuditVerification> {
  const headRow = await db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const head = { seq: Number(headRow?.seq ?? 0), hash: headRow?.hash ?? GENESIS_HASH };
  const it = entries(db, pageSize);
  let count = 0;
  let prev: AuditEntry | undefined;
  let prevHash = GENESIS_HASH;
  let prevPrevHash: string | undefined;
  const fail = (problem: AuditProblem): AuditVerification => ({ ok: false, entries: count, head, problem });

  let next = await it.next();
  while (!next.done) {
    const e = next.value;
    next = await it.next();
    const after = next.done ? undefined : next.value;
    count++;
    const selfOk = entryHash(e.prevHash, e) === e.hash;
    const linkOk = e.prevHash === prevHash;
    if (!selfOk || !linkOk) {
      // The entry after this one links to the one before: this one was slipped in.
      if (after && after.prevHash === prevHash && (!linkOk || !selfOk))
        return fail({ kind: 'inserted', seq: e.seq, detail: `entry ${e.seq} is not part of the chain: entry ${after.seq} links to the entry before it` });
      if (!selfOk)
        return fail({ kind: 'altered', seq: e.seq, detail: `entry ${e.seq} does not match its hash (its content was changed)` });
      if (prev && prevPrevHash !== undefined && e.prevHash === prevPrevHash)
        return fail({ kind: 'inserted', seq: prev.seq, detail: `entry ${prev.seq} is not part of the chain: entry ${e.seq} links to the entry before it` });
      const expected = prev ? prev.seq + 1 : 1;
      if (e.seq > expected)
        return fail({ kind: 'removed', seq: expected, detail: `entry ${expected}${e.seq - 1 > expected ? `–${e.seq - 1}` : ''} is missing: entry ${e.seq} links to an entry that is not there` });
      if (prev)
        return fail({ kind: 'altered', seq: prev.seq, detail: `entry ${prev.seq} was rewritten (or an entry after it removed): entry ${e.seq} links to a different hash` });
      return fail({ kind: 'altered', seq: e.seq, detail: `entry ${e.seq} does not start the chain` });
    }
    prevPrevHash = prevHash;
    prevHash = e.hash;
    prev = e;
  }
  const lastSeq = prev?.seq ?? 0;
  if (lastSeq < head.seq)
    return fail({ kind: 'removed', seq: lastSeq + 1, detail: `entries ${lastSeq + 1}–${head.seq} are missing from the end of the log` });
  if (lastSeq > head.seq)
    return fail({ kind: 'inserted', seq: head.seq + 1, detail: `entries after ${head.seq} were added outside the application` });
  if (prevHash !== head.hash)
    return fail({ kind: 'altered', seq: lastSeq, detail: `entry ${lastSeq} does not match the recorded head hash` });
  return { ok: true, entries: count, head };
}

/** Reads entries (for tests and tools), oldest first. */
export async function readAudit(db: Db, fromSeq = 1, limit = 1000): Promise<AuditEntry[]> {
  const rows = await db.all<AuditRow>('SELECT seq, at, kind, subject, actor, data, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, limit]);
  return rows.map(fromRow);
}
