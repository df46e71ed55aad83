// The outbox: notifications are stored in the transaction of the change that causes them, then delivered by
// workers through an injected deliver(). Retries back off exponentially; nothing is deleted (failed ones end as
// 'dead' and can be requeued). Workers of several instances claim rows with a lease (FOR UPDATE SKIP LOCKED on
// PostgreSQL), so each notification is handed to deliver() by one worker at a time.
import { randomUUID } from 'node:crypto';
import { forUpdateSkipLocked, placeholderList } from '../storage/sql';
import type { Db } from '../storage/types';
import { silentLogger, type ApprovalsLogger } from './log';
import type { Notification, NotificationDraft } from './notification';

/** Sends one notification (Teams message, channel post, webhook). Throws when it did not go out. */
export type Deliver = (notification: Notification) => Promise<void>;

/** Throw this from deliver() when retrying cannot help (e.g. the user blocked the bot): no more attempts. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export type OutboxStatus = 'pending' | 'sent' | 'dead';

/** Stores notifications; call inside the transaction of the event that causes them. */
export async function enqueueNotifications(
  db: Db,
  requestId: string,
  requestVersion: number,
  drafts: readonly NotificationDraft[],
  now: string,
): Promise<Notification[]> {
  const out: Notification[] = [];
  for (const d of drafts) {
    const n: Notification = { ...d, id: randomUUID(), requestId, requestVersion, createdAt: now, attempts: 0 };
    const { attempts: _attempts, ...stored } = n;
    await db.run(
      `INSERT INTO approval_outbox (id, request_id, type, payload, status, attempts, available_at, created_at)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)`,
      [n.id, requestId, n.type, JSON.stringify(stored), now],
    );
    out.push(n);
  }
  return out;
}

export interface OutboxOptions {
  db: Db;
  deliver: Deliver;
  now?: () => Date;
  /** Identifies this worker in leases (default: a random id). */
  owner?: string;
  /** How long a claimed notification is reserved for this worker (ms). Must exceed deliveryTimeoutMs. */
  leaseMs?: number;
  /** deliver() taking longer counts as a failure (ms). */
  deliveryTimeoutMs?: number;
  batchSize?: number;
  /** First retry after this long (ms); doubles each attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts a notification is 'dead' (kept, and counted by stats()). */
  maxAttempts?: number;
  /** Random spread of retry delays, 0…1 (default 0.2). */
  jitter?: number;
  random?: () => number;
  log?: ApprovalsLogger;
}

export interface DeliveryRun {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
}

interface OutboxRow {
  id: string;
  payload: string;
  attempts: number;
}

export class Outbox {
  private readonly db: Db;
  private readonly deliver: Deliver;
  private readonly now: () => Date;
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private readonly log: ApprovalsLogger;

  constructor(o: OutboxOptions) {
    this.db = o.db;
    this.deliver = o.deliver;
    this.now = o.now ?? (() => new Date());
    this.owner = o.owner ?? randomUUID();
    this.timeoutMs = o.deliveryTimeoutMs ?? 30_000;
    this.leaseMs = Math.max(o.leaseMs ?? 120_000, this.timeoutMs + 1000);
    this.batchSize = o.batchSize ?? 20;
    this.baseDelayMs = o.baseDelayMs ?? 2_000;
    this.maxDelayMs = o.maxDelayMs ?? 3_600_000;
    this.maxAttempts = o.maxAttempts ?? 15;
    this.jitter = o.jitter ?? 0.2;
    this.random = o.random ?? Math.random;
    this.log = o.log ?? silentLogger;
  }

  /** The delay before retry number `attempt` (1 = first retry). */
  backoffMs(attempt: number): number {
    const base = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    const spread = base * this.jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.round(base + spread));
  }

  /** Claims due notifications and delivers them one by one. Returns what happened. */
  async deliverDue(): Promise<DeliveryRun> {
    const run: DeliveryRun = { claimed: 0, delivered: 0, retried: 0, dead: 0 };
    const token = `${this.owner}:${randomUUID()}`;
    const rows = await this.claim(token);
    run.claimed = rows.length;
    for (const row of rows) {
      const n = { ...(JSON.parse(row.payload) as Omit<Notification, 'attempts'>), attempts: Number(row.attempts) };
      try {
        await this.withTimeout(this.deliver(n));
        await this.markSent(row.id, token);
        run.delivered++;
      } catch (err) {
        const attempts = Number(row.attempts) + 1;
        const permanent = err instanceof PermanentDeliveryError;
        const message = err instanceof Error ? err.message : String(err);
        if (permanent || attempts >= this.maxAttempts) {
          await this.markDead(row.id, token, attempts, message);
          run.dead++;
          this.log.warn('approvals.outbox.dead', { notification: n.id, request: n.requestId, type: n.type, attempts });
        } else {
          await this.markRetry(row.id, token, attempts, message);
          run.retried++;
          this.log.info('approvals.outbox.retry', { notification: n.id, request: n.requestId, type: n.type, attempts });
        }
      }
    }
    return run;
  }

  /** Delivers until nothing due is left (or `maxRounds` batches). */
  async drain(maxRounds = 100): Promise<DeliveryRun> {
    const total: DeliveryRun = { claimed: 0, delivered: 0, retried: 0, dead: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.deliverDue();
      total.claimed += r.claimed;
      total.delivered += r.delivered;
      total.retried += r.retried;
      total.dead += r.dead;
      if (r.claimed < this.batchSize) break;
    }
    return total;
  }

  /** Counts by status. */
  async stats(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db.all<{ status: OutboxStatus; n: number }>('SELECT status, COUNT(*) AS n FROM approval_outbox GROUP BY status');
    const out: Record<OutboxStatus, number> = { pending: 0, sent: 0, dead: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** Puts dead notifications back in the queue (after fixing what made them fail). */
  async requeueDead(): Promise<number> {
    const now = this.now().toISOString();
    const { changes } = await this.db.run(
      "UPDATE approval_outbox SET status = 'pending', attempts = 0, available_at = $1, lease_token = NULL, lease_until = NULL WHERE status = 'dead'",
      [now],
    );
    return changes;
  }

  private async claim(token: string): Promise<OutboxRow[]> {
    const now = this.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    return this.db.tx(async (tx) => {
      const due = await tx.all<{ id: string }>(
        `SELECT id FROM approval_outbox
         WHERE status = 'pending' AND available_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY available_at, id LIMIT $2${forUpdateSkipLocked(tx)}`,
        [nowIso, this.batchSize],
      );
      if (due.length === 0) return [];
      const ids = due.map((r) => r.id);
      await tx.run(
        `UPDATE approval_outbox SET lease_token = $1, lease_until = $2
         WHERE id IN (${placeholderList(ids.length, 4)}) AND status = 'pending' AND (lease_until IS NULL OR lease_until <= $3)`,
        [token, until, nowIso, ...ids],
      );
      return tx.all<OutboxRow>(
        `SELECT id, payload, attempts FROM approval_outbox WHERE lease_token = $1 ORDER BY available_at, id`,
        [token],
      );
    });
  }

  private async markSent(id: string, token: string): Promise<void> {
    const { changes } = await this.db.run(
      "UPDATE approval_outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, lease_token = NULL, lease_until = NULL, last_error = NULL WHERE id = $2 AND lease_token = $3",
      [this.now().toISOString(), id, token],
    );
    if (changes !== 1) this.log.warn('approvals.outbox.lease-lost', { notification: id });
  }

  private async markRetry(id: string, token: string, attempts: number, error: string): Promise<void> {
    const at = new Date(this.now().getTime() + this.backoffMs(attempts)).toISOString();
    await this.db.run(
      'UPDATE approval_outbox SET attempts = $1, available_at = $2, last_error = $3, lease_token = NULL, lease_until = NULL WHERE id = $4 AND lease_token = $5',
      [attempts, at, error.slice(0, 300), id, token],
    );
  }

  private async markDead(id: string, token: string, attempts: number, error: string): Promise<void> {
    await this.db.run(
      "UPDATE approval_outbox SET status = 'dead', attempts = $1, last_error = $2, lease_token = NULL, lease_until = NULL WHERE id = $3 AND lease_token = $4",
      [attempts, error.slice(0, 300), id, token],
    );
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`delivery timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
