import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { verifyAudit } from '../../approvals/audit';
import { testDatabaseUrl, TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { carryOut, Clock, openApprovals, SAMPLE_DIRECTORY, USERS } from './helpers';

const ROOT = path.join(__dirname, '../..');
let bundleDir = '';
let bundle = '';

beforeAll(() => {
  bundleDir = mkdtempSync(path.join(tmpdir(), 'approvals-child-'));
  bundle = path.join(bundleDir, 'submit-then-hang.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'fixtures/submit-then-hang.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
});

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Runs the child; kills it with SIGKILL as soon as it says STORED (before its acknowledgement). */
function runAndKill(args: string[]): Promise<{ stored: string | undefined; out: string; err: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let stored: string | undefined;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /STORED (\S+)/.exec(out);
      if (m && !stored) {
        stored = m[1];
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ stored, out, err, signal }));
  });
}

describe.each(TEST_DIALECTS)('durability on %s', (dialect) => {
  const t = useTestDb(dialect);

  it('a request is stored before submit() returns: killing the process before the acknowledgement loses nothing', async () => {
    const args = dialect === 'sqlite' ? ['sqlite', t().location, SAMPLE_DIRECTORY] : ['postgres', t().location, SAMPLE_DIRECTORY, testDatabaseUrl()];
    const run = await runAndKill(args);
    expect(run.err).toBe('');
    expect(run.signal).toBe('SIGKILL');
    expect(run.out).not.toContain('ACK');
    expect(run.stored).toBeDefined();

    // A new instance finds the request, its notifications and an intact audit chain.
    const ap = await openApprovals(await t().reopen(), new Clock());
    const rec = await ap.get(run.stored!);
    expect(rec).toMatchObject({ state: 'submitted', kind: 'lost-card', requester: { personId: 'alex' } });
    const queued = await t().db.all<{ type: string }>('SELECT type FROM approval_outbox WHERE request_id = $1 ORDER BY type', [run.stored]);
    expect(queued.map((q) => q.type)).toEqual(['report', 'report']);
    expect((await verifyAudit(t().db)).ok).toBe(true);
    // The procedure retrying its submit effect after the crash gets the stored request back, not a second one.
    const retry = await ap.submit({ ...carryOut(USERS.alex), kind: 'lost-card', urgent: true, title: 'ICカードを紛失しました（クラッシュ試験）' }, { ref: 'crash-test-ref' });
    expect(retry).toMatchObject({ duplicate: true, requestId: run.stored });
  });
});
