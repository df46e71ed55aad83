// Chooses the backend: PostgreSQL when a database URL is configured, otherwise SQLite under the data directory.
import { z } from 'zod';
import { openPostgres } from './postgres';
import { type SqliteOptions, openSqlite } from './sqlite';
import type { Db } from './types';

export interface OpenDbOptions {
  /** DATABASE_URL; empty or missing selects SQLite. */
  databaseUrl?: string;
  /** DATA_DIR: where the SQLite file lives. */
  dataDir: string;
  /** PostgreSQL schema for every table (created when missing). Ignored on SQLite. */
  schema?: string;
  /** SQLite only: checkpoints on a worker thread for servers (see SqliteOptions.checkpoint). */
  sqlite?: Pick<SqliteOptions, 'checkpoint' | 'checkpointIntervalMs' | 'onCheckpointError'>;
}

const optionsSchema = z.object({
  databaseUrl: z.string().trim().optional(),
  dataDir: z.string().trim().min(1, 'DATA_DIR must not be empty'),
  schema: z.string().optional(),
});

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid storage settings: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`);
  }
  const { databaseUrl, dataDir, schema } = parsed.data;
  if (databaseUrl) return openPostgres({ url: databaseUrl, schema, setting: 'DATABASE_URL' });
  return openSqlite({ dataDir, ...options.sqlite });
}
