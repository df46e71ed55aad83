// Durable claims: exactly one winner per key, across two instances sharing the database.

import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { Claims } from '../../bot/claims';
import type { Db } from '../../storage/types';

describe.each(TEST_DIALECTS)('claims on %s', (dialect) => {
  const t = useTestDb(dialect);

  it('grants a key once, and again after it is released', async () => {
    const claims = await Claims.open(t().db);
    expect(await claims.claim('k1')).toBe(true);
    expect(await claims.claim('k1')).toBe(false);
    expect(await claims.has('k1')).toBe(true);
    await claims.release('k1');
    expect(await claims.has('k1')).toBe(false);
    expect(await claims.claim('k1')).toBe(true);
  });

  it('has one winner among concurrent claims from two instances', async () => {
    const a = await Claims.open(t().db);
    const b = await Claims.open(await t().reopen());
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claim('shared')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.has('shared')).toBe(true);
  });

  it('stores claims asked for together with one statement; a key asked twice goes to the first caller', async () => {
    const statements: string[] = [];
    const db = t().db;
    const noted: Db = Object.assign(Object.create(db) as Db, {
      all: (sql: string, params?: readonly unknown[]) => (statements.push(sql), db.all(sql, params)),
      run: (sql: string, params?: readonly unknown[]) => (statements.push(sql), db.run(sql, params)),
    });
    const claims = await Claims.open(noted);
    await claims.claim('warm-up'); // the first claim also prunes old ones
    statements.length = 0;
    const results = await Promise.all(['t1', 't2', 't1', 't3', 'warm-up'].map((k) => claims.claim(k)));
    expect(results).toEqual([true, true, false, true, false]);
    expect(statements).toHaveLength(1);
    expect(await claims.claim('t2')).toBe(false);
  });

  it('fails every claim of a batch the database refused, and stores none of them', async () => {
    const db = t().db;
    let failing = true;
    const flaky: Db = Object.assign(Object.create(db) as Db, {
      all: (sql: string, params?: readonly unknown[]) => (failing && sql.startsWith('INSERT') ? Promise.reject(new Error('down')) : db.all(sql, params)),
    });
    const claims = await Claims.open(flaky);
    const results = await Promise.allSettled([claims.claim('f1'), claims.claim('f2')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    failing = false;
    expect(await claims.has('f1')).toBe(false);
    expect(await claims.claim('f1')).toBe(true);
  });

  it('forgets claims older than the retention', async () => {
    let now = Date.parse('2026-04-01T00:00:00Z');
    const claims = new Claims(t().db, { retentionMs: 60_000, now: () => now });
    expect(await claims.claim('old')).toBe(true);
    now += 2 * 60 * 60 * 1000;
    expect(await claims.claim('new')).toBe(true);
    expect(await claims.has('old')).toBe(false);
    expect(await claims.has('new')).toBe(true);
  });
});
