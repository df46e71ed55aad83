// Durable claims: exactly one winner per key, across two instances sharing the database.

import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { Claims } from '../../bot/claims';

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
