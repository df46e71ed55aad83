// The storage settings the approvals' command-line tools read (the same variables as the bot: DATABASE_URL for
// PostgreSQL, else the SQLite file in DATA_DIR). Validated with zod; secrets never printed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openDb } from '../../storage/open';
import { SCHEMA_NAME } from '../../storage/postgres';
import { SQLITE_FILENAME } from '../../storage/sqlite';
import type { Db } from '../../storage/types';

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  DATABASE_URL: z.preprocess(blankIsUnset, z.string().trim().regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// or postgresql:// URL').optional()),
  DATA_DIR: z.preprocess(blankIsUnset, z.string().trim().min(1).default('data')),
  /** PostgreSQL schema holding the tables (optional; the bot's default is the connection's search_path). */
  DATABASE_SCHEMA: z.preprocess(blankIsUnset, z.string().regex(SCHEMA_NAME, 'must be a lowercase SQL identifier').optional()),
});

export class CliError extends Error {}

export interface StorageSettings {
  databaseUrl?: string;
  dataDir: string;
  schema?: string;
}

export function storageSettings(env: NodeJS.ProcessEnv, cwd = process.cwd()): StorageSettings {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CliError(`設定 ${String(i.path[0])} が正しくありません: ${i.message}`);
  }
  const s: StorageSettings = { dataDir: path.resolve(cwd, r.data.DATA_DIR) };
  if (r.data.DATABASE_URL) s.databaseUrl = r.data.DATABASE_URL;
  if (r.data.DATABASE_SCHEMA) s.schema = r.data.DATABASE_SCHEMA;
  return s;
}

/** Opens the existing database (never creates an empty SQLite file) and checks the approvals tables are there. */
export async function openExistingDb(s: StorageSettings): Promise<Db> {
  if (!s.databaseUrl && !existsSync(path.join(s.dataDir, SQLITE_FILENAME)))
    throw new CliError(`データベースがありません: ${path.join(s.dataDir, SQLITE_FILENAME)}（DATA_DIR を確認してください）`);
  const db = await openDb({ dataDir: s.dataDir, ...(s.databaseUrl ? { databaseUrl: s.databaseUrl } : {}), ...(s.schema ? { schema: s.schema } : {}) });
  let ok = false;
  try {
    ok = !!(await db.get("SELECT name FROM schema_migrations WHERE name = 'approvals/002-audit-log'"));
  } catch {
    ok = false;
  }
  if (!ok) {
    await db.close();
    throw new CliError('このデータベースには承認の記録がありません（DATABASE_URL / DATA_DIR を確認してください）');
  }
  return db;
}
