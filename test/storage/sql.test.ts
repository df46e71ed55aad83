import { forUpdate, forUpdateSkipLocked, normalizeParams, placeholderList, toPositional } from '../../storage/sql';

describe('toPositional ($n → ? for SQLite)', () => {
  it('maps placeholders in order of appearance, repeated and out of order', () => {
    expect(toPositional('SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2')).toEqual({
      sql: 'SELECT * FROM t WHERE a = ? AND b = ? OR c = ?',
      order: [1, 0, 1],
    });
  });

  it('handles multi-digit placeholders', () => {
    const sql = `VALUES (${placeholderList(12)})`;
    const result = toPositional(sql);
    expect(result.sql).toBe(`VALUES (${Array(12).fill('?').join(', ')})`);
    expect(result.order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('leaves string literals, quoted identifiers and comments alone', () => {
    const sql = `SELECT '$1', 'it''s $2', "col$3", x -- $4\n, /* $5 */ $1`;
    expect(toPositional(sql)).toEqual({
      sql: `SELECT '$1', 'it''s $2', "col$3", x -- $4\n, /* $5 */ ?`,
      order: [0],
    });
  });

  it('does not treat $ inside identifiers as a placeholder', () => {
    expect(toPositional('SELECT a$1 FROM t').order).toEqual([]);
  });

  it('rejects $0', () => {
    expect(() => toPositional('SELECT $0')).toThrow(/start at \$1/);
  });
});

describe('parameter normalisation', () => {
  it('maps undefined, booleans and dates to portable values', () => {
    const at = new Date(Date.UTC(2025, 3, 1, 0, 30, 0, 5));
    expect(normalizeParams([undefined, true, false, at, 'x', 3, null])).toEqual([
      null, 1, 0, '2025-04-01T00:30:00.005Z', 'x', 3, null,
    ]);
  });

  it('rejects an invalid Date', () => {
    expect(() => normalizeParams([new Date('nope')])).toThrow(RangeError);
  });
});

describe('locking clauses', () => {
  it('are PostgreSQL-only', () => {
    expect(forUpdateSkipLocked('postgres')).toBe(' FOR UPDATE SKIP LOCKED');
    expect(forUpdateSkipLocked('sqlite')).toBe('');
    expect(forUpdate('postgres')).toBe(' FOR UPDATE');
    expect(forUpdate('sqlite')).toBe('');
  });
});
