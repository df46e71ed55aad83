// Db on a pg Pool: optional schema isolation (search_path on every connection), transactions on one client,
// migrations serialised across instances with an advisory lock.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Mutex } from './mutex';
import { normalizeParams } from './sql';
import type { Db, Dialect, Params } from './types';

export interface PostgresOptions {
  /** postgres:// or postgresql:// connection URL. */
  url: string;
  /** Schema holding every table (created when missing; becomes the connections' search_path). */
  schema?: string;
  /** Name of the setting the URL came from, used in error messages (default DATABASE_URL). */
  setting?: string;
  /** Pool size (default 10). */
  max?: number;
  /** How long to wait for a connection (default 10000 ms). */
  connectionTimeoutMillis?: number;
  /** Errors of idle pooled connections (default: one line on stderr, without secrets). */
  onError?: (err: Error) => void;
}

/** Lowercase SQL identifier accepted as a schema name. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** First key of every advisory lock this module takes ("pbot"). */
const LOCK_CLASS = 0x70626f74;

const MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
)`;

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

interface Scope {
  active: boolean;
  readonly client: pg.PoolClient;
  readonly children: Mutex;
  readonly seq: { n: number };
}

/** Result parsers making PostgreSQL rows look like SQLite rows. */
const baseTimestamptz = pg.types.getTypeParser(1184, 'text') as (value: string) => unknown;
const parsers: Record<number, (value: string) => unknown> = {
  // int8: COUNT(*), BIGINT and BIGSERIAL columns come back as numbers, not strings.
  20: Number,
  // numeric: SUM/AVG over integers.
  1700: Number,
  // timestamptz: ISO-8601 UTC text, the format to store in TEXT columns on SQLite.
  1184: (value) => {
    const parsed = baseTimestamptz(value);
    return parsed instanceof Date ? parsed.toISOString() : parsed;
  },
};
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    parsers[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
};

/** The URL with its password replaced by ***, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of ['password', 'sslpassword']) {
      if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** A 32-bit advisory lock key for a name. */
export function lockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  private readonly scope = new AsyncLocalStorage<Scope>();
  /** Top-level transactions open now (from any flow). */
  private open = 0;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string | undefined,
  ) {}

  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params?: Params): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    this.assertOpen();
    const scope = this.activeScope();
    await (scope ? scope.client.query(sql) : this.pool.query(sql));
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const current = this.activeScope();
    if (current) return this.savepoint(current, fn);
    this.assertOpen();
    const client = await this.pool.connect();
    const scope: Scope = { active: true, client, children: new Mutex(), seq: { n: 0 } };
    let broken: Error | undefined;
    this.open++;
    try {
      await client.query('BEGIN');
      try {
        const result = await this.scope.run(scope, () => fn(this));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw err;
      }
    } catch (err) {
      broken ??= isConnectionError(err) ? (err as Error) : undefined;
      throw err;
    } finally {
      scope.active = false;
      client.release(broken);
      // An enabled AsyncLocalStorage costs every promise of the process a hook on Node before 24: it is on only
      // while a transaction is open (run() turns it on again).
      if (--this.open === 0) this.scope.disable();
    }
  }

  async migrate(name: string, ddl: string | Record<Dialect, string>): Promise<void> {
    if (!name) throw new TypeError('migration name must not be empty');
    const sql = typeof ddl === 'string' ? ddl : ddl.postgres;
    await this.tx(async (db) => {
      // Held until commit: instances starting together apply each migration once, one after the other.
      await db.get('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, lockKey(`migrate:${this.schema ?? ''}`)]);
      await db.exec(MIGRATIONS_DDL);
      const done = await db.get('SELECT 1 AS done FROM schema_migrations WHERE name = $1', [name]);
      if (done) return;
      await db.exec(sql);
      await db.run('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [name, new Date().toISOString()]);
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1 AS ok', undefined);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.activeScope()) throw new Error('Db.close() called inside a transaction');
    this.closed = true;
    await this.pool.end();
  }

  private async savepoint<T>(parent: Scope, fn: (db: Db) => Promise<T>): Promise<T> {
    return parent.children.run(async () => {
      const name = `sp_${++parent.seq.n}`;
      const { client } = parent;
      await client.query(`SAVEPOINT ${name}`);
      const scope: Scope = { active: true, client, children: new Mutex(), seq: parent.seq };
      try {
        const result = await this.scope.run(scope, () => fn(this));
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        try {
          await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          await client.query(`RELEASE SAVEPOINT ${name}`);
        } catch {
          // The connection failed; the enclosing transaction rolls back as a whole.
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

  /** Inside a transaction (in this async flow) statements join it; otherwise any pooled connection. */
  private query(sql: string, params: Params | undefined): Promise<pg.QueryResult> {
    this.assertOpen();
    const values = normalizeParams(params);
    const scope = this.activeScope();
    return scope ? scope.client.query(sql, values) : this.pool.query(sql, values);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Db is closed');
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|connection timeout|timeout expired/i.test(message);
}

/** Connection options: the schema goes into search_path at connection start-up (no extra round trip). */
function connectionConfig(url: string, schema: string | undefined): { connectionString: string; options?: string } {
  if (!schema) return { connectionString: url };
  const searchPath = `-c search_path=${schema}`;
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  if (own === null) return { connectionString: url, options: searchPath };
  // pg lets options in the URL override the config, so merge them and take them out of the URL.
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: `${own} ${searchPath}` };
}

/** Connects to PostgreSQL, creating the schema when asked; fails with a message naming the setting (no password). */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const setting = options.setting ?? 'DATABASE_URL';
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new Error(`${setting} is not a valid URL (expected postgres://user@host:5432/database)`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`${setting} must start with postgres:// or postgresql:// (got ${parsed.protocol}//…)`);
  }
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}" (lowercase letters, digits and _; at most 63)`);
  }
  const pool = new pg.Pool({
    ...connectionConfig(options.url, schema),
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    types: typeParsers,
  });
  const onError = options.onError ?? ((err: Error) => process.stderr.write(`storage: idle PostgreSQL connection error: ${err.message}\n`));
  pool.on('error', onError);

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(options.url)} (${setting}): ${reason}`, { cause: err });
  }
  try {
    if (schema) await ensureSchema(client, schema);
    client.release();
  } catch (err) {
    client.release(err as Error);
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresDb(pool, schema);
}

async function ensureSchema(client: pg.PoolClient, schema: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (exists.rowCount) return;
  await client.query('BEGIN');
  try {
    // Two instances creating the same schema at once would otherwise race on pg_namespace.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, lockKey(`schema:${schema}`)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Drops a schema and everything in it (tests and tooling). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
