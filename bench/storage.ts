// Storage throughput on this machine: KvStore turns and small transactions on SQLite (both sync modes) and PostgreSQL.
// Run: npm run bench:storage   (PostgreSQL from TEST_DATABASE_URL or the local test server, in a throwaway schema)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKvStore } from '../storage/kv';
import { dropSchema, openPostgres } from '../storage/postgres';
import { openSqlite } from '../storage/sqlite';
import { testDatabaseUrl, uniqueTestName } from '../storage/testing';
import type { Db } from '../storage/types';
import { rateLine, runFor } from './measure';

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 2000);

interface Target {
  name: string;
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

async function measure(label: string, concurrency: number, op: (i: number) => Promise<void>): Promise<void> {
  console.log(rateLine(label, concurrency, await runFor(DURATION_MS, concurrency, op), { label: 44, rate: 7 }));
}

async function run(target: Target): Promise<void> {
  console.log(target.name);
  const db = await target.open();
  try {
    const kv = await openKvStore(db);
    await db.migrate('bench/events', 'CREATE TABLE bench_events (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const state = { conversation: { turns: 1, lastVerdict: '許可が必要', history: Array(10).fill('USBメモリの持ち出し') } };
    for (const c of [1, 16]) {
      await measure('kv turn (read + write eTag *)', c, async (i) => {
        const key = `bench/conv/${i % 200}`;
        await kv.read([key]);
        await kv.write({ [key]: { ...state, eTag: '*' } });
      });
      await measure('kv compare-and-set (read + write eTag)', c, async (i) => {
        const key = `bench/cas/${i % 200}`;
        const item = (await kv.read([key]))[key];
        try {
          await kv.write({ [key]: { ...state, eTag: item?.eTag } });
        } catch {
          // a concurrent writer won; counts as an operation all the same
        }
      });
      await measure('tx: insert + select count', c, async (i) => {
        await db.tx(async (tx) => {
          await tx.run('INSERT INTO bench_events (id, body) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [i + c * 10_000_000, 'x']);
          await tx.get('SELECT COUNT(*) AS c FROM bench_events WHERE id > $1', [i]);
        });
      });
    }
  } finally {
    await db.close();
    await target.dispose();
  }
}

function sqliteTarget(synchronous: 'normal' | 'full'): Target {
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-bot-bench-'));
  return {
    name: `SQLite (WAL, synchronous=${synchronous.toUpperCase()}) in ${tmpdir()}`,
    open: () => openSqlite({ dataDir: dir, synchronous }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): Target {
  const url = testDatabaseUrl();
  const schema = uniqueTestName('bench');
  return {
    name: `PostgreSQL (pool of 10, schema ${schema})`,
    open: () => openPostgres({ url, schema, setting: 'TEST_DATABASE_URL' }),
    dispose: () => dropSchema(url, schema),
  };
}

async function main(): Promise<void> {
  console.log(`storage bench: ${DURATION_MS} ms per row, node ${process.version}`);
  for (const target of [sqliteTarget('normal'), sqliteTarget('full'), postgresTarget()]) await run(target);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
