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

export class Claims {
  private lastPrune = 0;

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

  /** True exactly once per key, across instances sharing the database. */
  async claim(key: string): Promise<boolean> {
    await this.maybePrune();
    const { changes } = await this.db.run(
      `INSERT INTO ${CLAIMS_TABLE} (claim_key, created_at) VALUES ($1, $2) ON CONFLICT (claim_key) DO NOTHING`,
      [key, new Date(this.now()).toISOString()],
    );
    return changes === 1;
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
