// A procedure turn through the whole bot: HTTP POST /api/messages (Teams-shaped activity, expectReplies) →
// redelivery claim → runner (KvStore read + eTag write) → cards → reply; the request stored in dialog_effects.
// Complete ICカード紛失 reports (start, three answers, submit, follow-up) by CONCURRENCY people at once.
// Run: npm run bench:dialogs-bot   (BENCH_PEOPLE, BENCH_CONCURRENCY; SQLite, and PostgreSQL from TEST_DATABASE_URL
// or the local test server in a throwaway schema)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../bot/config';
import { loadEngine } from '../bot/engine';
import { createLogger } from '../bot/log';
import { createServer } from '../bot/server';
import { dropSchema, openPostgres } from '../storage/postgres';
import { openSqlite } from '../storage/sqlite';
import { testDatabaseUrl, uniqueTestName } from '../storage/testing';
import type { Db } from '../storage/types';

const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 100);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 10);

type Step = { text: string } | { value: Record<string, unknown> };
/** One report: 8 turns. The card answer gets the run id from the first reply's buttons. */
const SCRIPT: Step[] = [
  { text: 'ICカード紛失' },
  { text: '昨日の夕方' },
  { text: '帰りのバスの中' },
  { text: 'わからない' },
  { text: '通報する' },
  { text: 'カードが見つかりました' },
  { value: { dialog: 'answer', step: 'outcome', value: 'found' } },
  { text: '報告する' },
];

async function person(url: string, i: number, latencies: number[]): Promise<void> {
  const conversation = `a:bench-${i}-${randomUUID()}`;
  let run = '';
  for (const step of SCRIPT) {
    const activity = {
      type: 'message',
      id: `1:${randomUUID()}`,
      channelId: 'msteams',
      deliveryMode: 'expectReplies',
      from: { id: `29:bench-${i}`, aadObjectId: `bench-${i}`, name: 'bench' },
      recipient: { id: '28:bot', name: 'policy-bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: 't' },
      ...('text' in step ? { text: step.text } : { value: { ...step.value, run } }),
    };
    const t0 = performance.now();
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = (await res.json()) as { activities?: Array<{ attachments?: Array<{ content: { actions?: Array<{ data?: { run?: string } }> } }> }> };
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    if (!run) {
      for (const a of body.activities ?? []) for (const c of a.attachments ?? []) for (const x of c.content.actions ?? []) run ||= x.data?.run ?? '';
    }
  }
}

function stats(label: string, latencies: number[], totalMs: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
  console.log(`${label.padEnd(12)} ${String(latencies.length).padStart(6)} turns  ${(latencies.length / (totalMs / 1000)).toFixed(0).padStart(5)} turns/s  p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms`);
}

async function bench(label: string, db: Db): Promise<void> {
  const server = createServer(loadConfig({ PORT: '0', ENV_FILE: '' }), { db, engine: loadEngine(), log: createLogger({ level: 'error' }) });
  const url = await server.listen();
  try {
    await person(url, -1, []); // warm-up
    const latencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < PEOPLE) await person(url, next++, latencies);
      }),
    );
    stats(label, latencies, performance.now() - t0);
    const rows = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM dialog_effects`);
    console.log(`${''.padEnd(12)} ${Number(rows?.n)} effects stored (expected ${3 * (PEOPLE + 1)})`);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  console.log(`ICカード紛失 through the bot: ${PEOPLE} people × 8 turns, ${CONCURRENCY} at a time`);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dialogs-bot-'));
  const sqlite = await openSqlite({ dataDir: dir });
  try {
    await bench('SQLite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = testDatabaseUrl();
  const schema = uniqueTestName('bench');
  const pg = await openPostgres({ url, schema, setting: 'TEST_DATABASE_URL', max: 8 });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.close();
    await dropSchema(url, schema);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
