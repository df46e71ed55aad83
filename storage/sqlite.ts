// Db on better-sqlite3: one synchronous connection to a WAL file, transactions serialised across async flows.
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from './mutex';
import { type CheckpointStats, Checkpointer } from './sqlite-checkpointer';
import { normalizeParams, toPositional } from './sql';
import type { Db, Dialect, Params } from './types';

/** File name of the embedded database inside DATA_DIR. */
export const SQLITE_FILENAME = 'policy-bot.db';

export interface SqliteOptions {
  /** Directory holding the database file; created (mode 0700) when missing. */
  dataDir: string;
  /** File name inside dataDir (default SQLITE_FILENAME). */
  filename?: string;
  /** How long a statement waits for another process's write lock (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * 'normal' (default): commits survive a crash of the process; a power loss may drop the last commits but
   * never corrupts the file. 'full': also survives power loss, at the price of one fsync per commit.
   */
  synchronous?: 'normal' | 'full';
  /**
   * Who copies the write-ahead log back into the database file. 'auto' (default): SQLite, in the connection that
   * commits when the log passes 1000 pages, blocking the event loop meanwhile. 'background': a worker thread
   * every `checkpointIntervalMs`, for servers (see sqlite-checkpointer.ts); if it fails, back to 'auto'.
   */
  checkpoint?: 'auto' | 'background';
  /** Time between background checkpoints (default 500 ms). */
  checkpointIntervalMs?: number;
  /** Called when the background checkpoints fail and SQLite takes them back. */
  onCheckpointError?: (err: unknown) => void;
  /** better-sqlite3's entry file for the checkpoint worker (tests make it fail with a wrong one). */
  checkpointDriver?: string;
}

/** SQLite's own default for wal_autocheckpoint (pages). */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** With background checkpoints: the main connection still checkpoints past this many pages (a backstop). */
const BACKSTOP_AUTOCHECKPOINT_PAGES = 20_000;

/** A running transaction (or savepoint) in the current async flow. */
interface Scope {
  active: boolean;
  /** Serialises nested `tx` calls started concurrently inside this scope. */
  readonly children: Mutex;
  readonly seq: { n: number };
}

const STATEMENT_CACHE_SIZE = 256;

const MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
)`;

type Statement = Database.Statement<unknown[], unknown>;

/**
 * A failure reported by SQLite, as a real Error of the caller's realm. better-sqlite3's own SqliteError is not an
 * Error instance (it fails `instanceof Error` as soon as the addon was first loaded in another realm, e.g. another
 * jest test file), so every SQLite failure leaving this module is rethrown as this class. `code` is SQLite's
 * (e.g. SQLITE_CONSTRAINT_FOREIGNKEY).
 */
export class SqliteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SqliteError';
  }
}

function toSqliteError(err: unknown): unknown {
  if (err instanceof SqliteError) return err;
  const e = err as { message?: unknown; code?: unknown; stack?: unknown; name?: unknown } | null;
  if (!e || typeof e !== 'object' || typeof e.message !== 'string') return err;
  if (err instanceof Error && e.name !== 'SqliteError') return err;
  const wrapped = new SqliteError(e.message, typeof e.code === 'string' ? e.code : undefined, { cause: err });
  if (typeof e.stack === 'string') wrapped.stack = e.stack;
  return wrapped;
}

/** Runs synchronous driver code, rethrowing its failures as SqliteError. */
function sqlite<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toSqliteError(err);
  }
}

/**
 * One lock per database file for the whole process. Two Db objects on the same file would otherwise
 * deadlock: SQLite's busy handler sleeps the only thread while the other connection's transaction
 * waits for that thread to continue.
 */
const fileLocks = new Map<string, { mutex: Mutex; refs: number }>();

function takeFileLock(file: string): Mutex {
  let entry = fileLocks.get(file);
  if (!entry) {
    entry = { mutex: new Mutex(), refs: 0 };
    fileLocks.set(file, entry);
  }
  entry.refs++;
  return entry.mutex;
}

function dropFileLock(file: string): void {
  const entry = fileLocks.get(file);
  if (entry && --entry.refs === 0) fileLocks.delete(file);
}

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly conn: Database.Database;
  /** Held by a top-level transaction; plain statements from other flows wait for it. Shared per file. */
  private readonly lock: Mutex;
  private readonly scope = new AsyncLocalStorage<Scope>();
  private readonly statements = new Map<string, { stmt: Statement; order: number[] }>();
  private closed = false;
  private checkpointer: Checkpointer | undefined;

  constructor(readonly file: string, busyTimeoutMs: number, synchronous: 'normal' | 'full') {
    this.conn = sqlite(() => new Database(file));
    this.lock = takeFileLock(file);
    try {
      const mode = sqlite(() => this.conn.pragma('journal_mode = WAL', { simple: true }));
      if (mode !== 'wal') throw new Error(`SQLite could not switch ${file} to WAL mode (got ${String(mode)})`);
      sqlite(() => {
        this.conn.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
        this.conn.pragma('foreign_keys = ON');
        this.conn.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      });
    } catch (err) {
      this.conn.close();
      dropFileLock(file);
      throw err;
    }
  }

  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return this.use(() => {
      const { stmt, args } = this.prepare(sql, params);
      if (!stmt.reader) {
        stmt.run(...args);
        return [];
      }
      return stmt.all(...args) as T[];
    });
  }

  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return this.use(() => {
      const { stmt, args } = this.prepare(sql, params);
      if (!stmt.reader) {
        stmt.run(...args);
        return undefined;
      }
      return stmt.get(...args) as T | undefined;
    });
  }

  run(sql: string, params?: Params): Promise<{ changes: number }> {
    return this.use(() => {
      const { stmt, args } = this.prepare(sql, params);
      // Like PostgreSQL's rowCount: rows returned for statements that return rows (SELECT, … RETURNING).
      if (stmt.reader) return { changes: stmt.all(...args).length };
      return { changes: stmt.run(...args).changes };
    });
  }

  exec(sql: string): Promise<void> {
    return this.use(() => {
      this.conn.exec(sql);
    });
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const current = this.activeScope();
    if (current) return this.savepoint(current, fn);
    const release = await this.lock.acquire();
    try {
      this.assertOpen();
      this.command('BEGIN IMMEDIATE');
      const scope: Scope = { active: true, children: new Mutex(), seq: { n: 0 } };
      try {
        const result = await this.scope.run(scope, () => fn(this));
        this.command('COMMIT');
        return result;
      } catch (err) {
        if (this.conn.open && this.conn.inTransaction) this.command('ROLLBACK');
        throw err;
      } finally {
        scope.active = false;
        // No transaction is open now (they are serialised): an enabled AsyncLocalStorage costs every promise of
        // the process a hook on Node before 24, so it is on only while one is (run() turns it on again).
        this.scope.disable();
      }
    } finally {
      release();
    }
  }

  async migrate(name: string, ddl: string | Record<Dialect, string>): Promise<void> {
    if (!name) throw new TypeError('migration name must not be empty');
    const sql = typeof ddl === 'string' ? ddl : ddl.sqlite;
    await this.tx(async (db) => {
      await db.exec(MIGRATIONS_DDL);
      if (await db.get('SELECT 1 AS done FROM schema_migrations WHERE name = $1', [name])) return;
      await db.exec(sql);
      await db.run('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [name, new Date().toISOString()]);
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.get('SELECT 1 AS ok');
      return true;
    } catch {
      return false;
    }
  }

  /** Moves WAL checkpoints to a worker thread (see SqliteOptions.checkpoint). */
  checkpointInBackground(intervalMs: number, synchronous: 'normal' | 'full', onError?: (err: unknown) => void, driver?: string): void {
    if (this.checkpointer || this.closed) return;
    sqlite(() => this.conn.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`));
    this.checkpointer = new Checkpointer({
      file: this.file,
      synchronous: synchronous === 'full' ? 'FULL' : 'NORMAL',
      intervalMs,
      ...(driver ? { driver } : {}),
      onFailure: (err) => {
        if (!this.closed) sqlite(() => this.conn.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`));
        onError?.(err);
      },
    });
  }

  /** The background checkpointer, when there is one that runs. */
  get backgroundCheckpoints(): { running: boolean; stats: CheckpointStats; now(): Promise<CheckpointStats> } | undefined {
    return this.checkpointer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.activeScope()) throw new Error('Db.close() called inside a transaction');
    // The worker's connection closes first, so this one is the last and leaves no log behind.
    await this.checkpointer?.stop();
    const release = await this.lock.acquire();
    try {
      if (this.closed) return;
      this.closed = true;
      this.statements.clear();
      this.conn.close();
      dropFileLock(this.file);
    } finally {
      release();
    }
  }

  private async savepoint<T>(parent: Scope, fn: (db: Db) => Promise<T>): Promise<T> {
    return parent.children.run(async () => {
      const name = `sp_${++parent.seq.n}`;
      this.command(`SAVEPOINT ${name}`);
      const scope: Scope = { active: true, children: new Mutex(), seq: parent.seq };
      try {
        const result = await this.scope.run(scope, () => fn(this));
        this.command(`RELEASE ${name}`);
        return result;
      } catch (err) {
        if (this.conn.open && this.conn.inTransaction) {
          this.command(`ROLLBACK TO ${name}`);
          this.command(`RELEASE ${name}`);
        }
        throw err;
      } finally {
        scope.active = false;
      }
    });
  }

  private activeScope(): Scope | undefined {
    const scope = this.scope.getStore();
    return scope?.active ? scope : undefined;
  }

  /**
   * Runs a statement: directly when this flow is inside a transaction (it joins it) or when no
   * transaction is open; otherwise after the open transaction ends, so it never lands inside another flow's transaction.
   */
  private async use<T>(fn: () => T): Promise<T> {
    if (this.activeScope() || !this.lock.isLocked) {
      this.assertOpen();
      return sqlite(fn);
    }
    return this.lock.run(() => {
      this.assertOpen();
      return sqlite(fn);
    });
  }

  /** A transaction-control statement. */
  private command(sql: string): void {
    sqlite(() => this.conn.exec(sql));
  }

  private prepare(sql: string, params: Params | undefined): { stmt: Statement; args: unknown[] } {
    let entry = this.statements.get(sql);
    if (!entry) {
      const positional = toPositional(sql);
      entry = { stmt: this.conn.prepare(positional.sql), order: positional.order };
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
      this.statements.set(sql, entry);
    }
    const values = normalizeParams(params);
    for (const index of entry.order) {
      if (index >= values.length) throw new RangeError(`SQL uses $${index + 1} but only ${values.length} parameter(s) were given`);
    }
    return { stmt: entry.stmt, args: entry.order.map((index) => values[index]) };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Db is closed');
  }
}

/** Opens (creating when missing) the SQLite database file in dataDir. */
export async function openSqlite(options: SqliteOptions): Promise<Db> {
  if (!options.dataDir) throw new TypeError('SQLite needs a data directory (DATA_DIR)');
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, options.filename ?? SQLITE_FILENAME);
  const isNew = !existsSync(file);
  const db = new SqliteDb(file, options.busyTimeoutMs ?? 5000, options.synchronous ?? 'normal');
  if (isNew) chmodSync(file, 0o600);
  if (options.checkpoint === 'background') {
    db.checkpointInBackground(options.checkpointIntervalMs ?? 500, options.synchronous ?? 'normal', options.onCheckpointError, options.checkpointDriver);
  }
  return db;
}

/** The background checkpoints of a SQLite Db opened with `checkpoint: 'background'` (undefined otherwise). */
export function backgroundCheckpoints(db: Db): SqliteDb['backgroundCheckpoints'] {
  return db instanceof SqliteDb ? db.backgroundCheckpoints : undefined;
}
