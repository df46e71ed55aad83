import { verifyAudit } from '../../approvals/audit';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { carryOut, Clock, infection, lostCard, openApprovals, USERS } from './helpers';

const HOUR = 3600_000;

async function outboxTypes(db: import('../../storage/types').Db, requestId: string) {
  const rows = await db.all<{ payload: string }>('SELECT payload FROM approval_outbox WHERE request_id = $1 ORDER BY created_at, id', [requestId]);
  return rows.map((r) => JSON.parse(r.payload) as { type: string; recipient: { personId?: string }; text: string });
}

describe.each(TEST_DIALECTS)('timers on %s', (dialect) => {
  const t = useTestDb(dialect);

  it('reminds the approvers who have not acted, at the configured times, up to the maximum', async () => {
    const clock = new Clock();
    const ap = await openApprovals(t().db, clock, { remindAfterMs: 24 * HOUR, remindEveryMs: 12 * HOUR, maxReminders: 2 });
    const { requestId } = await ap.submit(carryOut(USERS.alex, { kind: 'permission', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'], period: undefined }));
    await ap.decide({ requestId, actor: USERS.adele, version: 1, decision: 'approve' });
    clock.advance(24 * HOUR - 1);
    expect((await ap.sweep()).reminded).toBe(0);
    clock.advance(1);
    expect((await ap.sweep()).reminded).toBe(1);
    expect((await ap.sweep()).reminded).toBe(0);
    clock.advance(12 * HOUR);
    expect((await ap.sweep()).reminded).toBe(1);
    clock.advance(48 * HOUR);
    expect((await ap.sweep()).reminded).toBe(0);
    const reminders = (await outboxTypes(t().db, requestId)).filter((n) => n.type === 'reminder');
    expect(reminders.map((n) => n.recipient.personId)).toEqual(['megan', 'megan']); // adele already approved
    expect(reminders[0]!.text).toContain('24時間以上');
    const events = await ap.events(requestId);
    expect(events.filter((e) => e.type === 'reminded').map((e) => e.data.count)).toEqual([1, 2]);
    expect((await ap.get(requestId))?.version).toBe(2); // reminders do not make cards stale
  });

  it('escalates an urgent report nobody acknowledged, one role up each time, then stops', async () => {
    const clock = new Clock();
    const ap = await openApprovals(t().db, clock, { escalateAfterMs: 30 * 60_000, remindAfterMs: 0 });
    const { requestId } = await ap.submit(infection()); // megan, patti, lynne
    clock.advance(30 * 60_000);
    expect((await ap.sweep()).escalated).toBe(1);
    let rec = (await ap.get(requestId))!;
    expect(rec.escalations.map((e) => [e.role, e.holders.map((h) => h.personId)])).toEqual([['統括情報セキュリティ責任者', ['adele']]]);
    expect((await ap.listWaiting(USERS.adele)).map((s) => s.requestId)).toContain(requestId);
    clock.advance(30 * 60_000);
    expect((await ap.sweep()).escalated).toBe(1);
    rec = (await ap.get(requestId))!;
    expect(rec.escalations.map((e) => e.role)).toEqual(['統括情報セキュリティ責任者', 'CISO']);
    clock.advance(10 * HOUR);
    expect((await ap.sweep()).escalated).toBe(0);
    const esc = (await outboxTypes(t().db, requestId)).filter((n) => n.type === 'escalation');
    expect(esc.map((n) => n.recipient.personId)).toEqual(['adele', 'isaiah']);
    expect(esc[0]!.text).toContain('30分以上');
    // The escalated CISO can acknowledge.
    const ack = await ap.acknowledge({ requestId, actor: USERS.isaiah, version: 1 });
    expect(ack.outcome).toBe('applied');
  });

  it('skips a chain role that already received the report (lost card: 統括 holds the task)', async () => {
    const clock = new Clock();
    const ap = await openApprovals(t().db, clock, { escalateAfterMs: 60_000, remindAfterMs: 0 });
    const { requestId } = await ap.submit(lostCard());
    clock.advance(60_000);
    await ap.sweep();
    expect((await ap.get(requestId))!.escalations.map((e) => e.role)).toEqual(['CISO']);
  });

  it('does not escalate once acknowledged', async () => {
    const clock = new Clock();
    const ap = await openApprovals(t().db, clock, { escalateAfterMs: 60_000 });
    const { requestId } = await ap.submit(lostCard());
    await ap.acknowledge({ requestId, actor: USERS.megan, version: 1 });
    clock.advance(24 * HOUR);
    await ap.sweep();
    expect((await ap.get(requestId))!.escalations).toEqual([]);
  });

  it('expires a pending request at the end of its period (JST) and tells the requester', async () => {
    const clock = new Clock('2026-04-10T00:00:00.000Z');
    const ap = await openApprovals(t().db, clock, { remindAfterMs: 0 });
    const { requestId } = await ap.submit(carryOut(USERS.alex, { period: { from: '2026-04-10', until: '2026-04-12' } }));
    clock.t = Date.parse('2026-04-12T14:59:59.000Z'); // 23:59:59 JST
    expect((await ap.sweep()).expired).toBe(0);
    clock.t = Date.parse('2026-04-12T15:00:00.000Z');
    expect((await ap.sweep()).expired).toBe(1);
    const rec = (await ap.get(requestId))!;
    expect(rec).toMatchObject({ state: 'expired', version: 2 });
    expect((await outboxTypes(t().db, requestId)).map((n) => n.type)).toEqual(['approval-request', 'expired']);
    expect((await ap.decide({ requestId, actor: USERS.megan, version: 2, decision: 'approve' })).outcome).toBe('illegal');
  });

  it('two instances sweeping at once fire each reminder, escalation and expiry once', async () => {
    const clock = new Clock();
    const config = { remindAfterMs: HOUR, escalateAfterMs: HOUR, expireAfterMs: 2 * HOUR, maxReminders: 1 };
    const a = await openApprovals(t().db, clock, config);
    const b = await openApprovals(await t().reopen(), clock, config);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await a.submit(carryOut(USERS.alex, { title: `申請 ${i}`, period: undefined }))).requestId);
    for (let i = 0; i < 3; i++) ids.push((await a.submit(lostCard())).requestId);
    clock.advance(HOUR);
    await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
    clock.advance(HOUR);
    await Promise.all([a.sweep(), b.sweep(), a.sweep()]);
    for (const [i, id] of ids.entries()) {
      const types = (await a.events(id)).map((e) => e.type);
      const count = (type: string) => types.filter((x) => x === type).length;
      expect(count('reminded')).toBe(1);
      expect(count('expired')).toBe(i < 6 ? 1 : 0);
      expect(count('escalated')).toBe(i < 6 ? 0 : 1);
      const notes = await outboxTypes(t().db, id);
      expect(notes.filter((n) => n.type === 'reminder').length).toBe(i < 6 ? 1 : 3); // lost card: adele, megan and the CISO it was escalated to just before
      expect(notes.filter((n) => n.type === 'escalation').length).toBe(i < 6 ? 0 : 1);
      expect(notes.filter((n) => n.type === 'expired').length).toBe(i < 6 ? 1 : 0);
    }
    expect((await verifyAudit(t().db)).ok).toBe(true);
  });
});
