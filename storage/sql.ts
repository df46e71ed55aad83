// Dialect-neutral SQL helpers: $n placeholders for SQLite, parameter normalisation, row locking clause.
import type { Db, Dialect, Params } from './types';

/** SQL rewritten for an engine with anonymous `?` placeholders, and which parameter feeds each `?`. */
export interface PositionalSql {
  sql: string;
  /** 0-based indexes into the caller's params, one per `?` in order (a `$n` used twice appears twice). */
  order: number[];
}

/**
 * Rewrites `$1`, `$2` … into `?` outside string literals, quoted identifiers and comments.
 * A placeholder may repeat and appear in any order; the returned `order` maps each `?` to its parameter.
 */
export function toPositional(sql: string): PositionalSql {
  let out = '';
  const order: number[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = skipQuoted(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl === -1 ? n : nl;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close === -1 ? n : close + 2;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '$' && isDigit(sql[i + 1]) && !isIdentChar(sql[i - 1])) {
      let j = i + 1;
      while (j < n && isDigit(sql[j])) j++;
      const index = Number(sql.slice(i + 1, j));
      if (index < 1) throw new SyntaxError(`Invalid placeholder $${index}: placeholders start at $1`);
      order.push(index - 1);
      out += '?';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return { sql: out, order };
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2; // doubled quote inside the literal
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}

/**
 * Makes a parameter mean the same on both dialects:
 * undefined → null, boolean → 1/0 (store flags in INTEGER columns), Date → ISO-8601 UTC text.
 */
export function normalizeParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid Date passed as a SQL parameter');
    return value.toISOString();
  }
  return value;
}

export function normalizeParams(params: Params | undefined): unknown[] {
  return params ? params.map(normalizeParam) : [];
}

/**
 * The row-locking suffix for "claim work once across instances" queries:
 * ` FOR UPDATE SKIP LOCKED` on PostgreSQL, nothing on SQLite (where BEGIN IMMEDIATE already
 * serialises every writing transaction, so a plain SELECT inside `tx` sees no competing claimer).
 * Use it inside `db.tx(...)` at the end of the SELECT (after ORDER BY / LIMIT).
 */
export function forUpdateSkipLocked(db: Db | Dialect): string {
  const dialect = typeof db === 'string' ? db : db.dialect;
  return dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
}

/**
 * The row-locking suffix for read-modify-write inside `tx`: ` FOR UPDATE` on PostgreSQL (other
 * transactions wait for this row), nothing on SQLite (the transaction already holds the write lock).
 */
export function forUpdate(db: Db | Dialect): string {
  const dialect = typeof db === 'string' ? db : db.dialect;
  return dialect === 'postgres' ? ' FOR UPDATE' : '';
}

/** `$from, $from+1, …` for `count` values, e.g. for `IN (…)` lists. */
export function placeholderList(count: number, from = 1): string {
  return Array.from({ length: count }, (_, k) => `$${from + k}`).join(', ');
}
