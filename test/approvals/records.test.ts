import { auditVerifyMain } from '../../approvals/cli/audit-verify';
import { recordsMain } from '../../approvals/cli/records';
import { CARRY_OUT_HEADERS, INCIDENT_HEADERS } from '../../approvals/records';
import { testDatabaseUrl, TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { carryOut, Clock, infection, lostCard, openApprovals, USERS } from './helpers';

/** Minimal CSV reader for quoted cells (what Excel does with our output). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe.each(TEST_DIALECTS)('records and CLIs on %s', (dialect) => {
  const t = useTestDb(dialect);
  const env = () => (dialect === 'sqlite' ? { DATA_DIR: t().location } : { DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: t().location });
  const run = async (main: typeof recordsMain, args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(args, env(), { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };

  beforeAll(async () => {
    const clock = new Clock('2026-03-31T14:59:00.000Z'); // 2026-03-31 23:59 JST: the previous fiscal year
    const ap = await openApprovals(t().db, clock);
    await ap.submit(carryOut(USERS.alex, { title: '前年度の持ち出し' }));
    clock.t = Date.parse('2026-04-01T00:30:00.000Z');
    const a = await ap.submit(carryOut(USERS.alex, { title: '=HYPERLINK("http://evil","研修")' }));
    await ap.decide({ requestId: a.requestId, actor: USERS.megan, version: 1, decision: 'approve', comment: '気をつけて, "必ず" 施錠' });
    await ap.markReturned({ requestId: a.requestId, actor: USERS.alex, version: 2, returnedOn: '2026-04-12' });
    clock.advance(60_000);
    const b = await ap.submit(carryOut(USERS.lynne, { title: '資格保険料課の持ち出し' }));
    await ap.decide({ requestId: b.requestId, actor: USERS.adele, version: 1, decision: 'reject', comment: '期間が長すぎます' });
    const lost = await ap.submit(lostCard());
    await ap.completeTask({ requestId: lost.requestId, actor: USERS.adele, version: 1 });
    clock.advance(60_000);
    const inf = await ap.submit(infection());
    await ap.evaluate({ requestId: inf.requestId, actor: USERS.patti, version: 1, incident: false, comment: '誤検知' });
    clock.t = Date.parse('2027-03-31T14:59:59.000Z'); // 2027-03-31 23:59:59 JST: last moment of the fiscal year
    await ap.submit(carryOut(USERS.alex, { title: '年度末の持ち出し', period: undefined }));
    clock.t = Date.parse('2027-03-31T15:00:00.000Z'); // 2027-04-01 00:00 JST: next fiscal year
    await ap.submit(carryOut(USERS.alex, { title: '翌年度の持ち出し', period: undefined }));
  });

  it('exports the fiscal year\'s 持ち出し・持ち込み記録 as Excel-safe CSV with Japanese headers', async () => {
    const r = await run(recordsMain, ['--kind', 'carry-out', '--from', '2026-04-01', '--to', '2027-03-31', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\uFEFF"受付番号"')).toBe(true);
    const rows = parseCsv(r.out.slice(1));
    expect(rows[0]).toEqual(CARRY_OUT_HEADERS);
    const byTitle = new Map(rows.slice(1).map((row) => [row[4], row]));
    expect([...byTitle.keys()]).toEqual([`'=HYPERLINK("http://evil","研修")`, '資格保険料課の持ち出し', '年度末の持ち出し']);
    const col = (name: string) => CARRY_OUT_HEADERS.indexOf(name);
    const first = rows[1]!;
    expect(first[col('申請日時')]).toBe('2026-04-01 09:30');
    expect(first[col('申請者')]).toBe('Alex Wilber');
    expect(first[col('所属')]).toBe('事務局 総務課');
    expect(first[col('持ち出し先')]).toBe('大分県庁 新館 会議室');
    expect(first[col('状態')]).toBe('返却済み（持ち込み済み）');
    expect(first[col('承認者')]).toBe('Megan Bowen（データ取扱責任者）');
    expect(first[col('判断コメント')]).toBe('Megan Bowen: 気をつけて, "必ず" 施錠');
    expect(first[col('持ち込み日')]).toBe('2026-04-12');
    expect(first[col('持ち出し開始日')]).toBe('2026-04-10');
    expect(rows[2]![col('状態')]).toBe('却下');
    expect(rows[2]![col('承認者')]).toBe('Adele Vance（統括情報セキュリティ責任者）');
  });

  it('exports incident records', async () => {
    const r = await run(recordsMain, ['--kind', 'incident', '--from', '2026-04-01', '--to', '2027-03-31', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.out.slice(1));
    expect(rows[0]).toEqual(INCIDENT_HEADERS);
    expect(rows.slice(1).map((row) => row[2])).toEqual(['ICカード等の紛失', 'ウイルス感染の疑い']);
    const col = (name: string) => INCIDENT_HEADERS.indexOf(name);
    expect(rows[1]![col('対応')]).toMatch(/^紛失した ICカード等によるアクセスの停止: 停止しました（2026-04-01 09:31 Adele Vance）$/);
    expect(rows[1]![col('状態')]).toBe('確認済み');
    expect(rows[2]![col('CSIRTの評価')]).toBe('インシデントではないと評価（2026-04-01 09:32 Patti Fernandez）\n誤検知');
  });

  it('exports JSON and writes to a file when asked', async () => {
    const r = await run(recordsMain, ['--kind', 'carry-out', '--from', '2027-04-01', '--to', '2027-04-01', '--format', 'json']);
    expect(JSON.parse(r.out).map((x: { title: string }) => x.title)).toEqual(['翌年度の持ち出し']);
  });

  it('refuses bad arguments with the usage, exit 2', async () => {
    for (const args of [[], ['--kind', 'x', '--from', '2026-04-01', '--to', '2026-04-02'], ['--kind', 'incident', '--from', '2026-04-02', '--to', '2026-04-01'], ['--kind', 'incident', '--from', '2026-02-30', '--to', '2026-04-01'], ['--bogus']]) {
      const r = await run(recordsMain, args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('使い方');
    }
  });

  it('audit:verify reports an intact chain, exit 0', async () => {
    const r = await run(auditVerifyMain, []);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^監査ログは改ざんされていません（\d+ 件/);
    const j = await run(auditVerifyMain, ['--json']);
    expect(JSON.parse(j.out)).toMatchObject({ ok: true });
  });

  it('audit:verify names a removed entry, exit 1', async () => {
    if (dialect === 'sqlite') await t().db.exec('DROP TRIGGER audit_log_no_delete');
    else await t().db.exec('DROP TRIGGER audit_log_no_change ON audit_log');
    await t().db.run('DELETE FROM audit_log WHERE seq = 4');
    const r = await run(auditVerifyMain, []);
    expect(r.code).toBe(1);
    expect(r.out).toContain('第 4 件が削除されています');
  });
});

describe('CLI settings', () => {
  it('says when there is no database instead of creating one, exit 2', async () => {
    let err = '';
    const code = await auditVerifyMain([], { DATA_DIR: '/nonexistent/policy-bot' }, { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toContain('データベースがありません');
  });

  it('rejects a DATABASE_URL that is not PostgreSQL, naming the setting', async () => {
    let err = '';
    const code = await recordsMain(['--kind', 'incident', '--from', '2026-04-01', '--to', '2026-04-02'], { DATABASE_URL: 'mysql://x' }, { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toContain('DATABASE_URL');
  });
});
