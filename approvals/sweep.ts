// Time-driven work: expiry of approval requests, reminders to people who have not acted, escalation of urgent
// reports nobody acknowledged. Each request is re-read and locked in its own transaction and its timer moved in
// the same write, so with several instances every reminder and escalation fires once.
import type { Db } from '../storage/types';
import type { WorkflowConfig } from './config';
import { personRef, type Directory, type PersonRef } from './directory';
import { writeChange } from './journal';
import type { ApprovalsLogger } from './log';
import { isReportKind, KIND_LABELS, recipientsOf, type RequestRecord } from './model';
import { toPerson } from './notification';
import { readRequest, updateRequest, type StoredRequest, type Timers } from './request-store';
import { expire } from './transitions';

export interface SweepContext {
  db: Db;
  config: WorkflowConfig;
  directory: Directory;
  now: () => Date;
  log: ApprovalsLogger;
}

export interface SweepResult {
  expired: number;
  reminded: number;
  escalated: number;
}

type Job = 'expire' | 'remind' | 'escalate';

const DUE: Record<Job, string> = {
  expire: "SELECT id FROM approval_requests WHERE state = 'submitted' AND expire_at IS NOT NULL AND expire_at <= $1 ORDER BY expire_at LIMIT $2",
  remind: "SELECT id FROM approval_requests WHERE state = 'submitted' AND remind_at IS NOT NULL AND remind_at <= $1 ORDER BY remind_at LIMIT $2",
  escalate: "SELECT id FROM approval_requests WHERE state = 'submitted' AND escalate_at IS NOT NULL AND escalate_at <= $1 ORDER BY escalate_at LIMIT $2",
};

export async function sweep(ctx: SweepContext, batch = 100): Promise<SweepResult> {
  const result: SweepResult = { expired: 0, reminded: 0, escalated: 0 };
  const keys: Record<Job, keyof SweepResult> = { expire: 'expired', remind: 'reminded', escalate: 'escalated' };
  for (const job of ['expire', 'escalate', 'remind'] as const) {
    const nowIso = ctx.now().toISOString();
    const due = await ctx.db.all<{ id: string }>(DUE[job], [nowIso, batch]);
    for (const { id } of due) if (await runJob(ctx, job, id)) result[keys[job]]++;
  }
  return result;
}

function dueAt(t: Timers, job: Job): string | null {
  return job === 'expire' ? t.expireAt : job === 'remind' ? t.remindAt : t.escalateAt;
}

/** True when this call did the job (false: another instance did it first, or it is no longer due). */
async function runJob(ctx: SweepContext, job: Job, id: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = ctx.now();
    const at = now.toISOString();
    const r = await ctx.db.tx(async (tx): Promise<boolean | 'retry'> => {
      const stored = await readRequest(tx, id, true);
      if (!stored || stored.record.state !== 'submitted') return false;
      const due = dueAt(stored.timers, job);
      if (due === null || due > at) return false;
      if (job === 'expire') return doExpire(tx, stored, at);
      if (job === 'remind') return doRemind(ctx, tx, stored, now);
      return doEscalate(ctx, tx, stored, now);
    });
    if (r !== 'retry') {
      if (r) ctx.log.info(`approvals.${job}`, { request: id });
      return r;
    }
  }
  return false;
}

async function doExpire(tx: Db, stored: StoredRequest, at: string): Promise<boolean | 'retry'> {
  const t = expire(stored.record, at);
  if (!t.ok) return false;
  const timers = { ...stored.timers, remindAt: null, escalateAt: null, expireAt: null };
  const w = await writeChange(tx, { prev: stored, record: t.record, timers, event: t.event, notify: t.notify, at });
  return w.ok ? true : 'retry';
}

/** People who still have to act: undecided approvers, or every recipient of a report. */
function pendingPeople(rec: RequestRecord): PersonRef[] {
  if (isReportKind(rec.kind)) return recipientsOf(rec);
  const seen = new Map<string, PersonRef>();
  for (const a of rec.assignments) if (!a.decision) for (const h of a.holders) if (!seen.has(h.personId)) seen.set(h.personId, h);
  return [...seen.values()];
}

function waited(rec: RequestRecord, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(rec.createdAt)) / 60_000));
  return minutes >= 120 ? `${Math.floor(minutes / 60)}時間` : `${minutes}分`;
}

async function doRemind(ctx: SweepContext, tx: Db, stored: StoredRequest, now: Date): Promise<boolean | 'retry'> {
  const rec = stored.record;
  const at = now.toISOString();
  const sent = stored.timers.remindersSent + 1;
  const c = ctx.config;
  const timers: Timers = {
    ...stored.timers,
    remindersSent: sent,
    remindAt: sent < c.maxReminders ? new Date(now.getTime() + c.remindEveryMs).toISOString() : null,
  };
  const people = pendingPeople(rec);
  const report = isReportKind(rec.kind);
  const text = `${KIND_LABELS[rec.kind]}「${rec.title}」が${waited(rec, now)}以上${report ? '確認' : '判断'}を待っています。ご対応をお願いします。`;
  const notify = people.map((p) => ({ type: 'reminder' as const, recipient: toPerson(p), text }));
  const event = { type: 'reminded' as const, data: { count: sent, people: people.map((p) => p.personId) } };
  const w = await writeChange(tx, { prev: stored, record: rec, timers, event, notify, at });
  return w.ok ? true : 'retry';
}

async function doEscalate(ctx: SweepContext, tx: Db, stored: StoredRequest, now: Date): Promise<boolean | 'retry'> {
  const rec = stored.record;
  const at = now.toISOString();
  const chain = ctx.config.escalationChain;
  const already = new Set(recipientsOf(rec).map((p) => p.personId));
  if (rec.requester.personId) already.add(rec.requester.personId);
  for (let i = stored.timers.escalationLevel; i < chain.length; i++) {
    const role = chain[i]!;
    const holders = ctx.directory.holders(role, rec.requester.departmentId)?.people ?? [];
    const fresh = holders.filter((p) => !already.has(p.id)).map(personRef);
    if (fresh.length === 0) continue;
    const level = rec.escalations.length + 1;
    const record: RequestRecord = { ...rec, escalations: [...rec.escalations, { level, role, holders: fresh, at }] };
    const timers: Timers = {
      ...stored.timers,
      escalationLevel: i + 1,
      escalateAt: i + 1 < chain.length ? new Date(now.getTime() + ctx.config.escalateAfterMs).toISOString() : null,
    };
    const text = `【至急】${KIND_LABELS[rec.kind]}「${rec.title}」が${waited(rec, now)}以上確認されていません。${role}として至急ご確認ください。`;
    const notify = fresh.map((p) => ({ type: 'escalation' as const, recipient: toPerson(p), text }));
    const event = { type: 'escalated' as const, data: { level, role, people: fresh.map((p) => p.personId) } };
    const w = await writeChange(tx, { prev: stored, record, timers, event, notify, at });
    return w.ok ? true : 'retry';
  }
  // Nobody further up: stop escalating (the timer alone changes; no event).
  const ok = await updateRequest(tx, stored, rec, { ...stored.timers, escalationLevel: chain.length, escalateAt: null }, 0);
  return ok ? false : 'retry';
}
