// Cost of one dialog turn on this machine: the pure turn (machine restore + step + snapshot) and the runner with
// its KvStore on memory, SQLite and PostgreSQL (read, eTag write, outbox write when something is submitted).
// Run: npm run bench:dialogs   (PostgreSQL from TEST_DATABASE_URL or the local test server, in a throwaway schema)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKvStore } from '../storage/kv';
import { dropSchema, openPostgres } from '../storage/postgres';
import { openSqlite } from '../storage/sqlite';
import { testDatabaseUrl, uniqueTestName } from '../storage/testing';
import type { KvItem, KvStore } from '../storage/types';
import { DialogRunner } from '../dialogs/runner';
import { emptyState } from '../dialogs/state';
import { turn } from '../dialogs/turn';
import type { DialogInput } from '../dialogs/types';

const CONVERSATIONS = Number(process.env['BENCH_CONVERSATIONS'] ?? 200);

/** One full 持ち出し申請 (start, nine answers, submit) and its return report: 16 turns. */
const SCRIPT: DialogInput[] = [
  { type: 'start', procedure: 'carry-out' },
  ...['ノートPCとUSBメモリ', '被保険者の資格一覧', '機密性2', 'いいえ', 'いいえ', '自宅', '資格確認の作業', '明日', '暗号化', '申請する', '持ち込み報告', 'すべて戻しました', '今日', '報告する'].map(
    (text): DialogInput => ({ type: 'text', text }),
  ),
  { type: 'text', text: 'なぜ？' },
];

class MemoryKv implements KvStore {
  private m = new Map<string, { v: string; e: string }>();
  private n = 0;
  async read(keys: string[]) {
    const out: Record<string, KvItem> = {};
    for (const k of keys) {
      const x = this.m.get(k);
      if (x) out[k] = { ...(JSON.parse(x.v) as KvItem), eTag: x.e };
    }
    return out;
  }
  async write(changes: Record<string, KvItem>) {
    for (const [k, { eTag, ...rest }] of Object.entries(changes)) {
      const old = this.m.get(k);
      if (old && eTag && eTag !== '*' && eTag !== old.e) throw new Error('conflict');
      this.m.set(k, { v: JSON.stringify(rest), e: String(++this.n) });
    }
  }
  async delete(keys: string[]) {
    for (const k of keys) this.m.delete(k);
  }
}

function stats(label: string, latencies: number[], totalMs: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2);
  console.log(`${label.padEnd(34)} ${String(latencies.length).padStart(6)} turns  ${(latencies.length / (totalMs / 1000)).toFixed(0).padStart(6)} turns/s  p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms`);
}

const env = {
  requester: { userId: 'bench' },
  quote: (label: string) => ({ label, text: label }),
  ask: () => ({ verdict: 'allowed' as const, roles: [], citations: [], reply: '', procedure: null, inputNotice: null }),
  now: new Date('2026-04-08T09:00:00+09:00'),
  idleTtlMs: 86_400_000,
  confirmTtlMs: 1_800_000,
  parkedTtlMs: 90 * 86_400_000,
  timeZone: 'Asia/Tokyo',
};

async function pureTurns(): Promise<void> {
  const latencies: number[] = [];
  const t0 = performance.now();
  let ids = 0;
  for (let c = 0; c < CONVERSATIONS; c++) {
    let state = emptyState();
    for (const input of SCRIPT) {
      const s = performance.now();
      const r = await turn(state, input, { ...env, newId: () => `r${++ids}` });
      state = { ...r.state, outbox: [] };
      latencies.push(performance.now() - s);
    }
  }
  stats('turn() (no storage)', latencies, performance.now() - t0);
}

async function runnerTurns(label: string, store: KvStore): Promise<void> {
  const runner = new DialogRunner({ store, quote: env.quote, ask: env.ask, deliver: async () => undefined, now: () => env.now });
  const latencies: number[] = [];
  const t0 = performance.now();
  // 4 people at a time, like a busy office
  const people = Array.from({ length: 4 }, (_, i) => i);
  for (let c = 0; c < CONVERSATIONS; c += people.length) {
    await Promise.all(
      people.map(async (p) => {
        const who = { conversationId: `bench-${c + p}`, requester: { userId: `u${p}` } };
        for (const input of SCRIPT) {
          const s = performance.now();
          await runner.handle(who, input);
          latencies.push(performance.now() - s);
        }
      }),
    );
  }
  stats(label, latencies, performance.now() - t0);
}

async function main(): Promise<void> {
  console.log(`dialog turns: ${CONVERSATIONS} conversations × ${SCRIPT.length} turns (持ち出し申請 → 持ち込み報告)`);
  await pureTurns();
  await runnerTurns('runner + in-memory KvStore', new MemoryKv());
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dialogs-'));
  const sqlite = await openSqlite({ dataDir: dir });
  try {
    await runnerTurns('runner + SQLite KvStore', await openKvStore(sqlite));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = testDatabaseUrl();
  const schema = uniqueTestName('bench_dialogs');
  try {
    const pg = await openPostgres({ url, schema, setting: 'TEST_DATABASE_URL' });
    try {
      await runnerTurns('runner + PostgreSQL KvStore', await openKvStore(pg));
    } finally {
      await pg.close();
    }
  } catch (e) {
    console.log(`PostgreSQL skipped: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await dropSchema(url, schema).catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
