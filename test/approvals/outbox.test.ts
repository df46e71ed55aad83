import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeChange } from '../../approvals/journal';
import type { Notification } from '../../approvals/notification';
import { Outbox, PermanentDeliveryError } from '../../approvals/outbox';
import { postJson } from '../../approvals/webhook';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import type { Db } from '../../storage/types';
import { carryOut, Clock, lostCard, openApprovals, USERS } from './helpers';

const CLEAN = 'DELETE FROM approval_outbox';

function outbox(db: Db, clock: Clock, deliver: (n: Notification) => Promise<void>, extra: Partial<ConstructorParameters<typeof Outbox>[0]> = {}) {
  return new Outbox({ db, deliver, now: clock.now, jitter: 0, baseDelayMs: 2000, maxDelayMs: 60_000, maxAttempts: 5, ...extra });
}

describe.each(TEST_DIALECTS)('outbox on %s', (dialect) => {
  const t = useTestDb(dialect);
  const clock = new Clock();
  beforeEach(async () => {
    await openApprovals(t().db, clock); // migrations
    await t().db.run(CLEAN);
  });

  it('stores notifications in the transaction of their event: a rollback leaves neither', async () => {
    const ap = await openApprovals(t().db, clock);
    const res = await ap.submit(carryOut());
    const stored = (await ap.get(res.requestId))!;
    const prev = { record: stored, rev: 1, eventCount: 1, timers: { remindAt: null, remindersSent: 0, escalateAt: null, escalationLevel: 0, expireAt: null } };
    await expect(
      t().db.tx(async (tx) => {
        await writeChange(tx, {
          prev, record: { ...stored, state: 'approved', version: 2 }, timers: prev.timers,
          event: { type: 'approved', data: {} }, notify: [{ type: 'decision', recipient: { kind: 'channel' }, text: 'x' }], at: new Date(clock.t).toISOString(),
        });
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await ap.get(res.requestId))?.state).toBe('submitted');
    expect(await ap.events(res.requestId)).toHaveLength(1);
    const rows = await t().db.all<{ type: string }>('SELECT type FROM approval_outbox WHERE request_id = $1', [res.requestId]);
    expect(rows.map((r) => r.type)).toEqual(['approval-request']);
  });

  it('retries with exponential backoff until delivery succeeds, then never again', async () => {
    const ap = await openApprovals(t().db, clock);
    await ap.submit(carryOut());
    let calls = 0;
    const delivered: string[] = [];
    const box = outbox(t().db, clock, async (n) => {
      calls++;
      if (calls <= 3) throw new Error('connector answered 503');
      delivered.push(n.id);
    });
    expect(await box.deliverDue()).toMatchObject({ claimed: 1, retried: 1 });
    const waits: number[] = [];
    for (const expected of [2000, 4000, 8000]) {
      const row = (await t().db.get<{ available_at: string; attempts: number; last_error: string }>('SELECT available_at, attempts, last_error FROM approval_outbox'))!;
      waits.push(Date.parse(row.available_at) - clock.t);
      expect(row.last_error).toBe('connector answered 503');
      clock.advance(expected - 1);
      expect((await box.deliverDue()).claimed).toBe(0); // not yet due
      clock.advance(1);
      await box.deliverDue();
    }
    expect(waits).toEqual([2000, 4000, 8000]);
    expect(delivered).toHaveLength(1);
    clock.advance(3600_000);
    expect((await box.drain()).claimed).toBe(0);
    expect(await box.stats()).toEqual({ pending: 0, sent: 1, dead: 0 });
  });

  it('passes the attempt count and a stable id (idempotency key) to deliver', async () => {
    const ap = await openApprovals(t().db, clock);
    await ap.submit(carryOut());
    const seen: [string, number][] = [];
    const box = outbox(t().db, clock, async (n) => {
      seen.push([n.id, n.attempts]);
      if (n.attempts === 0) throw new Error('boom');
    });
    await box.deliverDue();
    clock.advance(2000);
    await box.deliverDue();
    expect(seen.map((s) => s[1])).toEqual([0, 1]);
    expect(seen[0]![0]).toBe(seen[1]![0]);
  });

  it('keeps failed notifications as dead (none lost) and can requeue them', async () => {
    const ap = await openApprovals(t().db, clock, { urgentChannel: true });
    await ap.submit(lostCard()); // adele, megan, the channel
    let fail = true;
    const sent: string[] = [];
    const box = outbox(t().db, clock, async (n) => {
      if (n.recipient.kind === 'channel') throw new PermanentDeliveryError('channel not found');
      if (fail) throw new Error('503');
      sent.push(n.id);
    }, { maxAttempts: 3 });
    for (let i = 0; i < 5; i++) {
      await box.drain();
      clock.advance(60_000);
    }
    expect(await box.stats()).toEqual({ pending: 0, sent: 0, dead: 3 });
    fail = false;
    expect(await box.requeueDead()).toBe(3);
    await box.drain();
    expect(await box.stats()).toEqual({ pending: 0, sent: 2, dead: 1 });
    expect(new Set(sent).size).toBe(2);
  });

  it('two workers on the same database: every notification delivered exactly once', async () => {
    const ap = await openApprovals(t().db, clock);
    for (let i = 0; i < 30; i++) await ap.submit(carryOut(USERS.alex, { title: `持ち出し ${i}` }));
    await ap.submit(lostCard());
    const total = (await t().db.get<{ n: number }>('SELECT COUNT(*) AS n FROM approval_outbox'))!.n;
    const deliveries = new Map<string, string[]>();
    const deliverAs = (worker: string) => async (n: Notification) => {
      await new Promise((r) => setTimeout(r, 1));
      deliveries.set(n.id, [...(deliveries.get(n.id) ?? []), worker]);
    };
    const a = outbox(t().db, clock, deliverAs('a'), { batchSize: 5, owner: 'a' });
    const b = outbox(await t().reopen(), clock, deliverAs('b'), { batchSize: 5, owner: 'b' });
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra.delivered + rb.delivered).toBe(total);
    expect(deliveries.size).toBe(total);
    expect([...deliveries.values()].every((w) => w.length === 1)).toBe(true);
    if (dialect === 'postgres') expect(Math.min(ra.delivered, rb.delivered)).toBeGreaterThan(0);
    expect(await a.stats()).toEqual({ pending: 0, sent: total, dead: 0 });
  });

  it('a notification claimed by a crashed worker is delivered by another after the lease', async () => {
    const ap = await openApprovals(t().db, clock);
    await ap.submit(carryOut());
    await t().db.run('UPDATE approval_outbox SET lease_token = $1, lease_until = $2', ['crashed', new Date(clock.t + 120_000).toISOString()]);
    const sent: string[] = [];
    const box = outbox(t().db, clock, async (n) => void sent.push(n.id));
    expect((await box.deliverDue()).claimed).toBe(0);
    clock.advance(120_000);
    expect((await box.deliverDue()).delivered).toBe(1);
    expect(sent).toHaveLength(1);
  });

  describe('through a local connector that fails with 5xx, then recovers', () => {
    let server: Server;
    let url = '';
    const received: unknown[] = [];
    let failures = 2;
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          if (failures > 0) {
            failures--;
            res.statusCode = 503; // (not writeHead(...).end: restify, loaded by other suites in this worker, patches writeHead)
            res.end('busy');
            return;
          }
          received.push(JSON.parse(body));
          res.statusCode = 201;
          res.end('{}');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/conversations`;
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
    });

    it('delivers each notification once after the failures', async () => {
      const ap = await openApprovals(t().db, clock);
      const res = await ap.submit(carryOut());
      const box = outbox(t().db, clock, (n) => postJson(url, { id: n.id, text: n.text }));
      await box.drain();
      clock.advance(2000);
      await box.drain();
      expect(received).toHaveLength(0);
      clock.advance(4000);
      await box.drain();
      clock.advance(3600_000);
      await box.drain();
      expect(received).toEqual([{ id: res.notifications[0]!.id, text: res.notifications[0]!.text }]);
      expect(await box.stats()).toEqual({ pending: 0, sent: 1, dead: 0 });
    });
  });
});
