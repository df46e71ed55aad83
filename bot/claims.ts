// Durable "do this once" claims in the database, shared by every instance of the bot:
// redelivered activities (same id → one effect) and once-per-conversation events (the welcome).

import type { Db } from '../storage/types';

export const CLAIMS_TABLE = 'bot_claims';

const MIGRATION = `CREATE TABLE ${CLAIMS_TABLE} (
  claim_key TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE INDEX ${CLAIMS_TABLE}_created ON ${CLAIMS_TABLE} (created_at)`;

/** Claims older than this are forgotten (Teams redelivers within minutes). */
export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Claims written together at most (one statement). */
const MAX_BATCH = 100;

interface Waiting {
  key: string;
  resolve: (won: boolean) => void;
  reject: (err: unknown) => void;
}

export class Claims {
  private lastPrune = 0;
  /** Claims asked for since the last write; written together (group commit) once the current callbacks ran. */
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly options: { retentionMs?: number; now?: () => number } = {},
  ) {}

  static async open(db: Db, options?: { retentionMs?: number; now?: () => number }): Promise<Claims> {
    await db.migrate('bot_claims_v1', MIGRATION);
    return new Claims(db, options);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * True exactly once per key, across instances sharing the database. It resolves once the claim is stored.
   * Claims asked for in the same turn of the event loop (requests arriving together) are stored by one
   * statement, in one transaction: one commit and one round trip for all of them.
   */
  claim(key: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.write(this.waiting.splice(0, MAX_BATCH));
      if (this.waiting.length > 0) this.schedule();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      await this.maybePrune();
      const keys = [...new Set(batch.map((w) => w.key))];
      const at = new Date(this.now()).toISOString();
      const values = keys.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
      const rows = await this.db.all<{ claim_key: string }>(
        `INSERT INTO ${CLAIMS_TABLE} (claim_key, created_at) VALUES ${values} ON CONFLICT (claim_key) DO NOTHING RETURNING claim_key`,
        keys.flatMap((k) => [k, at]),
      );
      const won = new Set(rows.map((r) => r.claim_key));
      // The same key twice in one batch: the first caller has it.
      for (const w of batch) w.resolve(won.delete(w.key));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  /** Gives a claim back (its work failed, or should happen again). */
  async release(key: string): Promise<void> {
    await this.db.run(`DELETE FROM ${CLAIMS_TABLE} WHERE claim_key = $1`, [key]);
  }

  async has(key: string): Promise<boolean> {
    return (await this.db.get(`SELECT 1 AS one FROM ${CLAIMS_TABLE} WHERE claim_key = $1`, [key])) !== undefined;
  }

  /** Deletes claims past the retention; at most once an hour per instance. */
  private async maybePrune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < 60 * 60 * 1000) return;
    this.lastPrune = now;
    const cutoff = new Date(now - (this.options.retentionMs ?? DEFAULT_RETENTION_MS)).toISOString();
    await this.db.run(`DELETE FROM ${CLAIMS_TABLE} WHERE created_at < $1`, [cutoff]);
  }
}
