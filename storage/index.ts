// Public entry of the persistence layer (test helpers live in ./testing).
export type { Db, Dialect, KvItem, KvStore, Params } from './types';
export { openDb, type OpenDbOptions } from './open';
export { openSqlite, SQLITE_FILENAME, SqliteError, type SqliteOptions } from './sqlite';
export { openPostgres, redactUrl, dropSchema, SCHEMA_NAME, type PostgresOptions } from './postgres';
export { openKvStore, EtagConflictError, isEtagConflict, ETAG_CONFLICT_CODE, KV_TABLE } from './kv';
export { forUpdate, forUpdateSkipLocked, placeholderList } from './sql';
