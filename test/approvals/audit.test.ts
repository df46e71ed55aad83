import { entryHash, readAudit, verifyAudit } from '../../approvals/audit';
import { openTestDb, TEST_DIALECTS, type TestDb } from '../../storage/testing';
import type { Db } from '../../storage/types';
import { carryOut, Clock, lostCard, openApprovals, USERS } from './helpers';

/** A database with a realistic chain: config entries and the events of a few requests (10 entries). */
async function populated(dialect: 'sqlite' | 'postgres'): Promise<TestDb> {
  const t = await openTestDb(dialect);
  const clock = new Clock();
  const ap = await openApprovals(t.db, clock);
  for (let i = 0; i < 3; i++) {
    clock.advance(60_000);
    const { requestId } = await ap.submit(carryOut(USERS.alex, { title: `持ち出し ${i}` }));
    clock.advance(60_000);
    await ap.decide({ requestId, actor: USERS.megan, version: 1, decision: i === 1 ? 'reject' : 'approve', comment: `コメント ${i}` });
  }
  const lost = await ap.submit(lostCard());
  await ap.completeTask({ requestId: lost.requestId, actor: USERS.adele, version: 1 });
  return t;
}

/** What someone with direct database access would do first. */
async function dropGuards(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') await db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  else await db.exec('DROP TRIGGER audit_log_no_change ON audit_log');
}

async function shiftUp(db: Db, fromSeq: number): Promise<void> {
  await db.run('UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= $1', [fromSeq]);
  await db.run('UPDATE audit_log SET seq = seq - 999999 WHERE seq >= 1000000');
}

describe.each(TEST_DIALECTS)('audit log on %s', (dialect) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await populated(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('chains every request event and configuration change and verifies', async () => {
    const entries = await readAudit(t.db);
    expect(entries.length).toBe(10); // 2 config + 3 × (submitted, decided) + lost card (submitted, task-completed)
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(new Set(entries.map((e) => e.kind))).toEqual(
      new Set(['config.changed', 'request.submitted', 'request.approved', 'request.rejected', 'request.task-completed']),
    );
    const v = await verifyAudit(t.db);
    expect(v).toMatchObject({ ok: true, entries: entries.length, head: { seq: entries.length, hash: entries.at(-1)!.hash } });
  });

  it('refuses UPDATE and DELETE on the log through SQL', async () => {
    // (toHaveProperty, not toThrow: better-sqlite3's error class comes from the first test file's realm under jest)
    await expect(t.db.run("UPDATE audit_log SET data = '{}' WHERE seq = 3")).rejects.toHaveProperty('message', expect.stringMatching(/append-only/));
    await expect(t.db.run('DELETE FROM audit_log WHERE seq = 3')).rejects.toHaveProperty('message', expect.stringMatching(/append-only/));
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('names an altered entry', async () => {
    await dropGuards(t.db);
    const e5 = (await readAudit(t.db, 5, 1))[0]!;
    await t.db.run('UPDATE audit_log SET data = $1 WHERE seq = 5', [JSON.stringify({ ...e5.data, comment: '改ざん' })]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'altered', seq: 5 } });
  });

  it('names an altered entry even when its hash was recomputed', async () => {
    await dropGuards(t.db);
    const e6 = (await readAudit(t.db, 6, 1))[0]!;
    const forged = { ...e6, actor: 'someone-else' };
    await t.db.run('UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = 6', [forged.actor, entryHash(e6.prevHash, forged)]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'altered', seq: 6 } });
  });

  it('names a removed entry', async () => {
    await dropGuards(t.db);
    await t.db.run('DELETE FROM audit_log WHERE seq = 7');
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'removed', seq: 7 } });
  });

  it('names entries removed from the end', async () => {
    await dropGuards(t.db);
    const last = (await verifyAudit(t.db)).head.seq;
    await t.db.run('DELETE FROM audit_log WHERE seq >= $1', [last - 1]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'removed', seq: last - 1 } });
  });

  it('names an inserted entry, even one that links correctly to its predecessor', async () => {
    await dropGuards(t.db);
    const e4 = (await readAudit(t.db, 4, 1))[0]!;
    await shiftUp(t.db, 5);
    const forged = { at: e4.at, kind: 'request.approved', subject: e4.subject ?? 'x', actor: 'megan', data: { forged: true } };
    await t.db.run(
      'INSERT INTO audit_log (seq, at, kind, subject, actor, data, prev_hash, hash) VALUES (5, $1, $2, $3, $4, $5, $6, $7)',
      [forged.at, forged.kind, forged.subject, forged.actor, JSON.stringify(forged.data), e4.hash, entryHash(e4.hash, forged)],
    );
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'inserted', seq: 5 } });
  });

  it('names an entry inserted with a made-up link', async () => {
    await dropGuards(t.db);
    await shiftUp(t.db, 3);
    const forged = { at: new Date().toISOString(), kind: 'request.approved', data: {} };
    await t.db.run('INSERT INTO audit_log (seq, at, kind, data, prev_hash, hash) VALUES (3, $1, $2, $3, $4, $5)', [forged.at, forged.kind, '{}', 'f'.repeat(64), entryHash('f'.repeat(64), forged)]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'inserted', seq: 3 } });
  });

  it('names an entry appended outside the application', async () => {
    const v = await verifyAudit(t.db);
    const forged = { at: new Date().toISOString(), kind: 'request.approved', data: {} };
    await t.db.run('INSERT INTO audit_log (seq, at, kind, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)', [
      v.head.seq + 1, forged.at, forged.kind, '{}', v.head.hash, entryHash(v.head.hash, forged),
    ]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, problem: { kind: 'inserted', seq: v.head.seq + 1 } });
  });

  it('verifies in small pages the same way', async () => {
    expect((await verifyAudit(t.db, 2)).ok).toBe(true);
    await dropGuards(t.db);
    await t.db.run('DELETE FROM audit_log WHERE seq = 4');
    expect(await verifyAudit(t.db, 2)).toMatchObject({ ok: false, problem: { kind: 'removed', seq: 4 } });
  });
});
