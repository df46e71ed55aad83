// Approvals throughput on this machine: submit (row + event + audit entry + notifications in one transaction),
// decide, outbox delivery, and verifying the audit chain, on SQLite and PostgreSQL.
// Run: npm run bench:approvals   (PostgreSQL from TEST_DATABASE_URL or the local test server, in a throwaway schema)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyAudit } from '../approvals/audit';
import { loadDirectory } from '../approvals/directory-load';
import { Outbox } from '../approvals/outbox';
import { Approvals } from '../approvals/service';
import type { RequestDraft } from '../approvals/types';
import { dropSchema, openPostgres } from '../storage/postgres';
import { openSqlite } from '../storage/sqlite';
import { testDatabaseUrl, uniqueTestName } from '../storage/testing';
import type { Db } from '../storage/types';
import { rateLine, runFor } from './measure';

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 2000);
const WIDTHS = { label: 36, rate: 6 };
const ALEX = { userId: '00000000-0000-0000-0000-0000000000020' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021' };
const DRAFT: RequestDraft = {
  kind: 'carry-out',
  urgent: false,
  requester: ALEX,
  roles: ['データ取扱責任者'],
  clauses: ['第3章 7(1)ア(ウ)b'],
  title: 'ノートパソコンの持ち出し',
  details: { items: ['laptop'], place: '大分県庁', purpose: '研修', summary: [{ label: '持ち出し先', value: '大分県庁' }] },
};

async function measure(label: string, concurrency: number, op: (i: number) => Promise<void>): Promise<number> {
  const m = await runFor(DURATION_MS, concurrency, op);
  console.log(rateLine(label, concurrency, m, WIDTHS));
  return m.done;
}

async function run(name: string, db: Db): Promise<void> {
  console.log(name);
  const directory = loadDirectory(path.join(__dirname, '../../approvals/sample-directory.yaml'));
  const ap = await Approvals.open({ db, directory });
  const pending: string[] = [];
  for (const c of [1, 8]) {
    await measure('submit', c, async () => {
      pending.push((await ap.submit(DRAFT)).requestId);
    });
  }
  // Decide every request submitted above: half one at a time, half 8 at once.
  const half = Math.floor(pending.length / 2);
  for (const [c, ids] of [[1, pending.slice(0, half)], [8, pending.slice(half)]] as const) {
    const latencies: number[] = [];
    const queue = [...ids];
    const t = performance.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        for (let id = queue.pop(); id; id = queue.pop()) {
          const s0 = performance.now();
          await ap.decide({ requestId: id, actor: MEGAN, version: 1, decision: 'approve' });
          latencies.push(performance.now() - s0);
        }
      }),
    );
    const m = { done: ids.length, seconds: (performance.now() - t) / 1000, latencies };
    console.log(rateLine('decide (approve)', c, m, WIDTHS));
  }
  const outbox = new Outbox({ db, deliver: async () => {}, batchSize: 50 });
  const t0 = performance.now();
  const run1 = await outbox.drain(100_000);
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${'outbox delivery (no-op deliver)'.padEnd(36)} ${run1.delivered} notifications in ${s.toFixed(2)} s = ${Math.round(run1.delivered / s)}/s`);
  const t1 = performance.now();
  const v = await verifyAudit(db);
  console.log(`  ${'audit:verify'.padEnd(36)} ${v.entries} entries in ${((performance.now() - t1) / 1000).toFixed(2)} s (ok: ${v.ok})`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-approvals-'));
  const sqlite = await openSqlite({ dataDir: dir });
  try {
    await run('SQLite (synchronous=NORMAL)', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = testDatabaseUrl();
  const schema = uniqueTestName('bench');
  const pg = await openPostgres({ url, schema, setting: 'TEST_DATABASE_URL' });
  try {
    await run('PostgreSQL', pg);
  } finally {
    await pg.close();
    await dropSchema(url, schema);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
