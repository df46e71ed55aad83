// Persistence contracts shared by the bot, the dialogs and the approvals.
// Two implementations: SQLite (better-sqlite3, the embedded default) and PostgreSQL (pg, when DATABASE_URL is set).

export type Dialect = 'sqlite' | 'postgres';

/** Positional parameters; SQL is written with $1, $2 … placeholders for both dialects. */
export type Params = readonly unknown[];

export interface Db {
  readonly dialect: Dialect;
  /** Rows of a query. */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** A statement without rows; changes = rows affected. */
  run(sql: string, params?: Params): Promise<{ changes: number }>;
  /** Several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction (committed when fn resolves, rolled back when it throws). */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Applies a named migration once (recorded in a migrations table). */
  migrate(name: string, ddl: string | Record<Dialect, string>): Promise<void>;
  /** True when the connection answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An item in the key-value store; eTag is managed by the store (optimistic concurrency). */
export interface KvItem {
  eTag?: string;
  [key: string]: unknown;
}

/**
 * Key-value store with the semantics of the Agents SDK's Storage interface:
 * read returns only existing keys; write with a stale eTag throws; eTag '*' or none overwrites.
 */
export interface KvStore {
  read(keys: string[]): Promise<Record<string, KvItem>>;
  write(changes: Record<string, KvItem>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
