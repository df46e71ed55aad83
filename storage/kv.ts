// KvStore on a Db: JSON values with eTag optimistic concurrency, shaped like the Agents SDK's Storage.
import { randomUUID } from 'node:crypto';
import { placeholderList } from './sql';
import type { Db, KvItem, KvStore } from './types';

export const KV_TABLE = 'kv_items';

const MIGRATION = `CREATE TABLE ${KV_TABLE} (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`;

/** Keys per statement in IN (…) lists (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;

/** Same code and message as the SDK's Errors.StorageETagConflict. */
export const ETAG_CONFLICT_CODE = -120700;

/** A write carried an eTag that no longer matches the stored item. */
export class EtagConflictError extends Error {
  readonly code = ETAG_CONFLICT_CODE;
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}

export function isEtagConflict(err: unknown): err is Error {
  return err instanceof Error && (err as { code?: unknown }).code === ETAG_CONFLICT_CODE;
}

/** Unconditional write (eTag missing, empty or '*'). */
const UPSERT = `INSERT INTO ${KV_TABLE} (key, value, etag, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`;

/** Compare-and-set in one statement: a missing key is created; an existing one is replaced only if its eTag matches. */
const UPSERT_IF_MATCH = `${UPSERT} WHERE ${KV_TABLE}.etag = $5`;

class SqlKvStore implements KvStore {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<Record<string, KvItem>> {
    if (!Array.isArray(keys) || keys.length === 0) throw new ReferenceError('Keys are required when reading.');
    const unique = [...new Set(keys.map(checkKey))];
    const items: Record<string, KvItem> = {};
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const rows = await this.db.all<{ key: string; value: string; etag: string }>(
        `SELECT key, value, etag FROM ${KV_TABLE} WHERE key IN (${placeholderList(chunk.length)})`,
        chunk,
      );
      for (const row of rows) items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: Record<string, KvItem>): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    for (const [key, item] of entries) {
      checkKey(key);
      if (!item || typeof item !== 'object' || Array.isArray(item)) throw new TypeError(`Storage: the item for "${key}" must be an object`);
    }
    if (entries.length === 0) return;
    const [only] = entries;
    if (entries.length === 1 && only) return writeOne(this.db, only[0], only[1]);
    // Several items: all or nothing (a conflict on one leaves every key unchanged).
    await this.db.tx(async (tx) => {
      for (const [key, item] of entries) await writeOne(tx, key, item);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    const unique = [...new Set(keys.map(checkKey))];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      await this.db.run(`DELETE FROM ${KV_TABLE} WHERE key IN (${placeholderList(chunk.length)})`, chunk);
    }
  }
}

async function writeOne(db: Db, key: string, item: KvItem): Promise<void> {
  const { eTag, ...data } = item;
  const params = [key, JSON.stringify(data), randomUUID(), new Date().toISOString()];
  if (!eTag || eTag === '*') {
    await db.run(UPSERT, params);
    return;
  }
  const { changes } = await db.run(UPSERT_IF_MATCH, [...params, String(eTag)]);
  if (changes === 0) throw new EtagConflictError(key);
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw new TypeError('Storage keys must be strings');
  return key;
}

/** A KvStore in the Db's `kv_items` table (created on first use). */
export async function openKvStore(db: Db): Promise<KvStore> {
  await db.migrate('storage/001-kv-items', MIGRATION);
  return new SqlKvStore(db);
}
