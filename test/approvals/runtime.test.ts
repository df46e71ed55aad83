import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DirectoryError, startApprovals, type Notification } from '../../approvals';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { carryOut, SAMPLE_DIRECTORY, USERS } from './helpers';

describe.each(TEST_DIALECTS)('startApprovals on %s', (dialect) => {
  const t = useTestDb(dialect);

  it('loads the directory, reports its warnings, and its worker delivers what was submitted', async () => {
    const delivered: Notification[] = [];
    const logged: string[] = [];
    const rt = await startApprovals({
      db: t().db,
      directory: SAMPLE_DIRECTORY,
      deliver: async (n) => void delivered.push(n),
      tenantId: '11111111-2222-3333-4444-555555555555',
      worker: { intervalMs: 10 },
      log: { info: () => {}, warn: (event, f) => void logged.push(`${event}:${String(f?.code)}:${String(f?.role ?? '')}`) },
    });
    expect(rt.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['role-unheld', 'tenant-mismatch']));
    expect(logged).toContain('approvals.directory:role-unheld:情報セキュリティ管理者');
    const { requestId } = await rt.approvals.submit(carryOut(USERS.alex, { period: undefined }));
    await expect(rt.approvals.submit(carryOut())).rejects.toThrow(/期間がすでに終わっています|period/); // 2026-04-12 is over by now
    for (let i = 0; i < 200 && delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await rt.stop();
    expect(delivered.map((n) => [n.requestId, n.type, n.recipient.kind === 'person' && n.recipient.userId])).toEqual([
      [requestId, 'approval-request', USERS.megan.userId],
    ]);
  });

  it('refuses to start with an invalid directory, naming the line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'approvals-dir-'));
    const file = path.join(dir, 'org.yaml');
    writeFileSync(file, 'people:\n  - {id: a, name: A, department: d}\ndepartments: []\nroles:\n  CISO: [nobody]\n');
    try {
      await expect(startApprovals({ db: t().db, directory: file, deliver: async () => {}, worker: false })).rejects.toThrow(DirectoryError);
      await expect(startApprovals({ db: t().db, directory: file, deliver: async () => {}, worker: false })).rejects.toThrow(/org\.yaml:2:\d+ 職員 a: 部署「d」/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
