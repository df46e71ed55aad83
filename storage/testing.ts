// Test helpers: every dialect to run, and a fresh isolated Db per suite (temp dir / unique PostgreSQL schema).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropSchema, openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import type { Db, Dialect } from './types';

/** Run shared suites on both: `describe.each(TEST_DIALECTS)('%s', (dialect) => …)`. PostgreSQL is never skipped. */
export const TEST_DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** TEST_DATABASE_URL, or the local test server. */
export function testDatabaseUrl(): string {
  return process.env['TEST_DATABASE_URL'] || DEFAULT_TEST_DATABASE_URL;
}

export interface TestDb {
  readonly dialect: Dialect;
  readonly db: Db;
  /** The temp directory (SQLite) or the unique schema (PostgreSQL) holding this test database. */
  readonly location: string;
  /** Another Db on the same database (a second connection/pool, like a second instance); closed by cleanup. */
  reopen(): Promise<Db>;
  /** Closes every Db opened here and removes the directory / drops the schema. */
  cleanup(): Promise<void>;
}

/** A unique name usable as a PostgreSQL schema or a directory prefix. */
export function uniqueTestName(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function openTestDb(dialect: Dialect): Promise<TestDb> {
  const opened: Db[] = [];
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-bot-test-'));
    const open = async (): Promise<Db> => {
      const db = await openSqlite({ dataDir: dir });
      opened.push(db);
      return db;
    };
    const db = await open();
    return {
      dialect,
      db,
      location: dir,
      reopen: open,
      cleanup: async () => {
        await closeAll(opened);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testDatabaseUrl();
  const schema = uniqueTestName();
  const open = async (): Promise<Db> => {
    const db = await openPostgres({ url, schema, setting: 'TEST_DATABASE_URL', max: 4 });
    opened.push(db);
    return db;
  };
  const db = await open();
  return {
    dialect,
    db,
    location: schema,
    reopen: open,
    cleanup: async () => {
      await closeAll(opened);
      await dropSchema(url, schema);
    },
  };
}

/**
 * Registers beforeAll/afterAll in the current describe block and returns a getter for its TestDb:
 * `const t = useTestDb(dialect); it('…', async () => { await t().db.run(…) })`.
 */
export function useTestDb(dialect: Dialect): () => TestDb {
  let current: TestDb | undefined;
  beforeAll(async () => {
    current = await openTestDb(dialect);
  });
  afterAll(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useTestDb: the database is opened in beforeAll; use it inside tests or hooks');
    return current;
  };
}

async function closeAll(dbs: Db[]): Promise<void> {
  const results = await Promise.allSettled(dbs.map((db) => db.close()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
