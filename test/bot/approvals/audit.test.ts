// The records a decision made through Teams leaves: every event of the request in the hash-chained audit log with
// who did it, and `npm run audit:verify` naming the entry someone altered afterwards. On SQLite and PostgreSQL.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { testDatabaseUrl, TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { PEOPLE, cardOf, execute, executeData, invokeCard, requestFromAnswer, textsOf, useApprovalsBot } from './helpers';

const ROOT = path.join(__dirname, '../../..');
const run = promisify(execFile);

/** `npm run -s audit:verify` (it builds first) against the test database; never throws for the exit code. */
async function auditVerify(env: Record<string, string>): Promise<{ code: number; out: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|DATABASE_SCHEMA|DATA_DIR)$/i.test(k)));
  try {
    const { stdout } = await run('npm', ['run', '-s', 'audit:verify'], { cwd: ROOT, env: { ...clean, ...env }, timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: e.stdout ?? '' };
  }
}

describe.each(TEST_DIALECTS)('the audit trail of a decision made in Teams, on %s', (dialect) => {
  const t = useTestDb(dialect);
  const { bot } = useApprovalsBot(t, { greet: [PEOPLE.megan] });

  it('records each event with its actor, and audit:verify finds the entry altered afterwards', async () => {
    const { replies } = await requestFromAnswer(bot(), PEOPLE.alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '監査ログの確認' });
    const requestId = (cardOf(replies[0]).refresh.action.data as { requestId: string }).requestId;
    await bot().deliver();
    const card = cardOf(bot().inbox(PEOPLE.megan).find((m) => m.activity.text.includes('監査ログの確認'))!.activity);
    const done = invokeCard((await execute(bot(), PEOPLE.megan, 'approvals.act', { ...executeData(card, '却下'), comment: '期間を書いてください' })).body);
    expect(textsOf(done)[0]).toBe('却下しました。申請者に通知します。');

    const entries = await t().db.all<{ seq: number; kind: string; actor: string | null; data: string }>(
      'SELECT seq, kind, actor, data FROM audit_log WHERE subject = $1 ORDER BY seq',
      [requestId],
    );
    expect(entries.map((e) => e.kind)).toEqual(['request.submitted', 'request.rejected']);
    expect(entries[0]!.actor).toContain('alex');
    expect(entries[1]!.actor).toContain('megan');
    expect(JSON.parse(entries[1]!.data)).toMatchObject({ comment: '期間を書いてください' });

    const env: Record<string, string> =
      dialect === 'sqlite' ? { DATA_DIR: t().location } : { DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: t().location };
    const intact = await auditVerify(env);
    expect(intact.code).toBe(0);
    expect(intact.out).toContain('監査ログは改ざんされていません');

    // Someone with database access rewrites the rejection into an approval (the append-only trigger removed first).
    const db = t().db;
    if (db.dialect === 'sqlite') await db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    else await db.exec('DROP TRIGGER audit_log_no_change ON audit_log');
    await db.run('UPDATE audit_log SET kind = $1 WHERE seq = $2', ['request.approved', entries[1]!.seq]);

    const tampered = await auditVerify(env);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`監査ログの改ざんを検出しました: 第 ${entries[1]!.seq} 件が書き換えられています`);
  });
});
