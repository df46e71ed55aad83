// Benchmark: the bot's question turn against a bare echo agent on the same SDK + restify, under the same load.
//
// Targets: echo (the bare agent), echo-reply (the same agent answering each question with the bot's own reply —
// verdict, quote, citations, AI label, feedback, procedure card — built from answers computed at start, and doing
// nothing else the bot does: it tells what the SDK and HTTP cost for the reply the bot must send from what the bot's
// own turn adds), bot (as `npm start` runs it, with its answer cache) and bot-uncached (the same with
// ANSWER_CACHE_SIZE=0, so the knowledge engine scores every question). Each target runs in its own child
// process on 127.0.0.1 (this process only generates load, so they do not share an event loop); requests are
// Teams-shaped messages with deliveryMode "expectReplies", so every reply comes back in the HTTP response and
// nothing is sent anywhere else. Questions cycle through the knowledge held-out sets (the first 1 000 distinct).
// Rounds alternate the targets to spread machine noise over all of them. Prints requests/s, p50/p99 latency and
// errors per target and the ratios to echo; the target (≥ 70 %, 0 errors) applies to `bot`.
//
// Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3, after one pass over every distinct
// question; 0 skips both), BENCH_CONNECTIONS (10), BENCH_ROUNDS (2), BENCH_TARGETS (echo,bot,bot-uncached);
// BENCH_CPU_PROFILE=1 writes V8 CPU profiles of every target process to test-artifacts/bench/profiles/<target>-<time>/
// (one file per thread, the largest is the main thread; open them in Chrome DevTools › Performance, or VS Code).
// Run with `npm run bench` (all benchmarks) or `npm run bench -- bot-runtime`.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Answer } from '../../knowledge/types';
import { DEFAULT_ANSWER_CACHE_SIZE } from '../config';
import { withProcedureOffer } from '../dialogs/offer';
import { loadEngine } from '../engine';
import { startLocalBot } from '../playground/local-bot';
import { repoRoot } from '../playground/playground';
import { freeLoopbackPort, waitForHttp } from '../playground/ports';
import { answerActivity } from '../reply/answer';
import { verdictText } from '../reply/verdict';
import { startEchoAgent } from './echo-agent';
import { type LoadResult, runLoad } from './load';

const TARGETS = ['echo', 'echo-reply', 'bot', 'bot-uncached'] as const;
type Target = (typeof TARGETS)[number];
const TARGET_RATIO = 0.7;

const settingsSchema = z.object({
  seconds: z.coerce.number().int().min(1).max(120).default(10),
  warmupSeconds: z.coerce.number().int().min(0).max(60).default(3),
  connections: z.coerce.number().int().min(1).max(200).default(10),
  rounds: z.coerce.number().int().min(1).max(10).default(2),
  targets: z
    .string()
    .default(TARGETS.join(','))
    .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.enum(TARGETS)).min(1))
    .refine((t) => t.includes('echo') && (t.includes('bot') || t.includes('bot-uncached')), 'BENCH_TARGETS needs echo and a bot'),
  cpuProfile: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
});
type Settings = z.infer<typeof settingsSchema>;

const FALLBACK_QUESTIONS = [
  'USBメモリを家に持ち帰ってもいいですか',
  'ICカードをなくしてしまいました',
  'パソコンがウイルスに感染したかもしれません',
  'パスワードを同僚に教えてもいいですか',
  '私物のパソコンを業務に使ってもいいですか',
];

/**
 * At most as many distinct questions as the bot's answer cache holds by default (ANSWER_CACHE_SIZE): cycling
 * through more than a least-recently-used cache holds makes every request a miss, and `bot` is meant to measure
 * the cached case (`bot-uncached` measures the other).
 */
const MAX_QUESTIONS = DEFAULT_ANSWER_CACHE_SIZE;

/** The knowledge held-out questions (test/knowledge/fixtures/heldout*.jsonl, the first 1 000 distinct), or five built-in ones. */
function loadQuestions(): string[] {
  const dir = join(repoRoot(), 'test', 'knowledge', 'fixtures');
  const found: string[] = [];
  const line = z.object({ q: z.string().min(1) });
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!/^heldout.*\.jsonl$/.test(name)) continue;
    for (const text of readFileSync(join(dir, name), 'utf8').split('\n')) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        continue; // blank or broken line
      }
      const parsed = line.safeParse(json);
      if (parsed.success) found.push(parsed.data.q);
    }
  }
  return found.length > 0 ? [...new Set(found)].slice(0, MAX_QUESTIONS) : FALLBACK_QUESTIONS;
}
const QUESTIONS = loadQuestions();
const CONVERSATIONS = 50;
const TENANT = '00000000-0000-0000-0000-0000000be4c4';

/** Request n: a Teams personal-chat message from one of 50 users, with a unique activity id. */
function activity(run: string, n: number): string {
  const user = n % CONVERSATIONS;
  return JSON.stringify({
    type: 'message',
    id: `bench-${run}-${n}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    deliveryMode: 'expectReplies',
    from: { id: `29:bench-user-${user}`, aadObjectId: `00000000-0000-0000-0000-${String(user).padStart(12, '0')}` },
    recipient: { id: '28:bench-bot', name: 'policy-bot' },
    conversation: { id: `a:bench-conversation-${user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'ja-JP',
    textFormat: 'plain',
    text: QUESTIONS[n % QUESTIONS.length],
  });
}

/** The first message the agent returned in an expectReplies response, or undefined. */
function firstReplyText(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { activities?: Array<{ type?: string; text?: unknown }> };
    const reply = parsed.activities?.find((a) => a.type === 'message' && typeof a.text === 'string');
    return reply?.text as string | undefined;
  } catch {
    return undefined;
  }
}

const VERDICTS = Object.values(verdictText);
/** A reply that gives one of the six verdicts (the bot's, or the bot's reply sent by echo-reply). */
const hasVerdict = (text: string): boolean => VERDICTS.some((v) => text.includes(v));
const expectedReply: Record<Target, (text: string) => boolean> = {
  echo: (text) => text.startsWith('echo: '),
  'echo-reply': hasVerdict,
  bot: hasVerdict,
  'bot-uncached': hasVerdict,
};

// ------------------------------------------------------------------------------------------ child: serve

/**
 * The bot's reply to each benchmark question, as its question route builds it in a personal chat (a new answer id
 * each time), from answers computed once here: `echo-reply` sends what the bot sends without the bot's turn.
 */
async function botReplies(): Promise<(text: string) => ReturnType<typeof answerActivity>> {
  const engine = loadEngine();
  const answers = new Map<string, Answer>();
  for (const q of QUESTIONS) answers.set(q, withProcedureOffer(engine.answer(q), q));
  return (text) => {
    let answer = answers.get(text);
    if (!answer) {
      answer = withProcedureOffer(engine.answer(text), text);
      answers.set(text, answer);
    }
    return answerActivity(answer, { answerId: randomUUID(), offerRequest: true });
  };
}

async function serve(target: Target, port: number): Promise<void> {
  if (target === 'echo' || target === 'echo-reply') {
    const agent = await startEchoAgent(port, target === 'echo-reply' ? await botReplies() : undefined);
    process.on('SIGTERM', () => void agent.close().then(() => process.exit(0)));
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-bot-bench-'));
  // The bot as `npm start` runs it without configuration (logging at info to stdout, which is /dev/null here),
  // but with its data in a throw-away folder and no .env.
  const bot = await startLocalBot(
    {
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ENV_FILE: '',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...(target === 'bot-uncached' ? { ANSWER_CACHE_SIZE: '0' } : {}),
    },
    { cwd: repoRoot() },
  );
  process.on('SIGTERM', () => {
    void bot.close().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

// ------------------------------------------------------------------------------------------ parent: load

interface Measured extends LoadResult {
  target: Target;
  round: number;
  /** CPU time the target process used per request in the measured window (Linux), in ms. */
  cpuMsPerRequest: number | undefined;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function profileArgs(settings: Settings, target: Target): string[] {
  if (!settings.cpuProfile) return [];
  // One folder per target process, with Node's own file names: each thread (the bot's SQLite checkpoint worker
  // too) writes its own profile; a fixed --cpu-prof-name would let the last thread overwrite the main one.
  const dir = join(repoRoot(), 'test-artifacts', 'bench', 'profiles', `${target}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. Unlike req/s it
 * hardly depends on what else the machine runs, so per request it is the steadier number to compare targets by.
 */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : undefined;
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

async function startTarget(target: Target, settings: Settings): Promise<{ endpoint: string; cpuMs(): number | undefined; stop(): Promise<void> }> {
  const port = await freeLoopbackPort();
  const args = [...process.execArgv, ...profileArgs(settings, target), __filename, '--serve', target, '--port', String(port)];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  const abort = new AbortController();
  void exited.then(() => abort.abort());
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 60_000, signal: abort.signal });
  } catch (err) {
    await stop();
    throw new Error(`${target} did not start: ${err instanceof Error ? err.message : err}\n${stderr}`);
  }
  return { endpoint: `http://127.0.0.1:${port}/api/messages`, cpuMs: () => cpuMsOf(child.pid), stop };
}

async function measure(target: Target, round: number, settings: Settings): Promise<Measured> {
  const running = await startTarget(target, settings);
  try {
    const run = `${process.pid}-${target}-${round}`;
    // One request first: the target must really answer before we load it.
    const probe = await fetch(running.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(`${run}-probe`, 0) });
    const probeBody = await probe.text();
    const probeText = firstReplyText(probeBody);
    if (!probe.ok || probeText === undefined || !expectedReply[target](probeText)) {
      throw new Error(`${target} did not answer the probe as expected (HTTP ${probe.status}): ${probeBody.slice(0, 300)}`);
    }
    const verify = (body: string): boolean => {
      const text = firstReplyText(body);
      // A few questions tell of a procedure (a lost IC card, an infection): the bot asks once whether to start it.
      if (target !== 'echo' && body.includes('"dialog":"confirmStart"')) return true;
      return text !== undefined && expectedReply[target](text);
    };
    const load = (label: string, seconds: number, amount?: number) =>
      runLoad({ endpoint: running.endpoint, connections: settings.connections, seconds, amount, body: (n) => activity(`${run}-${label}`, n), verify });
    // Every distinct question once before the timed warm-up: on a slow machine 3 s of warm-up did not reach them
    // all, so `bot` paid cache misses (the engine's work) inside its measured window.
    if (settings.warmupSeconds > 0) {
      await load('prime', 120, QUESTIONS.length);
      await load('warmup', settings.warmupSeconds);
    }
    const cpuBefore = running.cpuMs();
    const measured = await load('measure', settings.seconds);
    const cpuAfter = running.cpuMs();
    const cpuMsPerRequest =
      cpuBefore !== undefined && cpuAfter !== undefined && measured.requests > 0 ? (cpuAfter - cpuBefore) / measured.requests : undefined;
    return { target, round, ...measured, cpuMsPerRequest };
  } finally {
    await running.stop();
  }
}

const fmt = (v: number, digits = 0) => v.toFixed(digits);
const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(13) : c.padStart(9))).join(' ');

function summarize(target: Target, all: Measured[]) {
  const mine = all.filter((m) => m.target === target);
  const mean = (pick: (m: Measured) => number) => mine.reduce((s, m) => s + pick(m), 0) / mine.length;
  return {
    target,
    requestsPerSecond: mean((m) => m.requestsPerSecond),
    p50: mean((m) => m.p50),
    p99: mean((m) => m.p99),
    requests: mine.reduce((s, m) => s + m.requests, 0),
    errors: mine.reduce((s, m) => s + m.errors, 0),
    cpuMsPerRequest: mine.every((m) => m.cpuMsPerRequest !== undefined) ? mean((m) => m.cpuMsPerRequest ?? 0) : undefined,
  };
}
const cpuCell = (ms: number | undefined) => (ms === undefined ? '—' : fmt(ms, 3));

async function main(): Promise<number> {
  const settings = settingsSchema.parse({
    seconds: process.env.BENCH_SECONDS,
    warmupSeconds: process.env.BENCH_WARMUP_SECONDS,
    connections: process.env.BENCH_CONNECTIONS,
    rounds: process.env.BENCH_ROUNDS,
    targets: process.env.BENCH_TARGETS,
    cpuProfile: process.env.BENCH_CPU_PROFILE,
  });
  console.log(
    `bot runtime: POST /api/messages (Teams message, deliveryMode expectReplies) on 127.0.0.1, ` +
      `${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured, ` +
      `${settings.rounds} round(s): ${settings.targets.join(', ')}`,
  );
  console.log(row(['target', 'round', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'cpu ms/req']));
  const results: Measured[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const target of settings.targets) {
      const m = await measure(target, round, settings);
      results.push(m);
      console.log(row([target, String(round), fmt(m.requestsPerSecond, 1), fmt(m.p50), fmt(m.p99), String(m.requests), String(m.errors), cpuCell(m.cpuMsPerRequest)]));
      if (m.errors > 0) console.log(`              errors: ${JSON.stringify(m.detail)}`);
    }
  }
  const summaries = settings.targets.map((t) => summarize(t, results));
  for (const sum of summaries) {
    console.log(row([sum.target, 'mean', fmt(sum.requestsPerSecond, 1), fmt(sum.p50, 1), fmt(sum.p99, 1), String(sum.requests), String(sum.errors), cpuCell(sum.cpuMsPerRequest)]));
  }
  const echo = summarize('echo', results);
  const ratios: Partial<Record<Target, number>> = {};
  for (const sum of summaries) {
    if (sum.target === 'echo') continue;
    ratios[sum.target] = sum.requestsPerSecond / echo.requestsPerSecond;
  }
  // The target applies to the bot as deployed (with its answer cache); the uncached run shows the engine's cost.
  const judged: Target = settings.targets.includes('bot') ? 'bot' : 'bot-uncached';
  const ratio = ratios[judged] ?? 0;
  const ratioOk = ratio >= TARGET_RATIO;
  const errors = summaries.reduce((n, sum) => n + sum.errors, 0);
  const errorsOk = errors === 0;
  for (const [target, r] of Object.entries(ratios)) {
    const verdict = target === judged ? ` (target ≥ ${TARGET_RATIO * 100} %: ${ratioOk ? 'met' : 'NOT met'})` : ' (for information)';
    console.log(`${target}/echo throughput: ${fmt(r * 100, 1)} %${verdict}`);
  }
  for (const sum of summaries) {
    if (sum.target === 'echo' || sum.cpuMsPerRequest === undefined || !echo.cpuMsPerRequest) continue;
    console.log(`${sum.target}/echo CPU per request: ${fmt(sum.cpuMsPerRequest / echo.cpuMsPerRequest, 2)}× (for information)`);
  }
  const replyOnly = summaries.find((sum) => sum.target === 'echo-reply');
  const bot = summaries.find((sum) => sum.target === 'bot');
  if (replyOnly && bot) {
    // What the bot's own turn (routing, state, redelivery claim, answer record) costs beyond sending its reply.
    console.log(`bot/echo-reply throughput: ${fmt((bot.requestsPerSecond / replyOnly.requestsPerSecond) * 100, 1)} % (for information)`);
    if (bot.cpuMsPerRequest !== undefined && replyOnly.cpuMsPerRequest !== undefined && echo.cpuMsPerRequest !== undefined) {
      console.log(
        `CPU per request: the reply over echo +${fmt(replyOnly.cpuMsPerRequest - echo.cpuMsPerRequest, 3)} ms, ` +
          `the bot's turn over the reply +${fmt(bot.cpuMsPerRequest - replyOnly.cpuMsPerRequest, 3)} ms (for information)`,
      );
    }
  }
  console.log(`errors: ${errors} (target 0: ${errorsOk ? 'met' : 'NOT met'}); questions: ${QUESTIONS.length} distinct`);

  const out = join(repoRoot(), 'test-artifacts', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bot-runtime.json'),
    `${JSON.stringify({ settings, node: process.version, when: new Date().toISOString(), questions: QUESTIONS.length, results, summaries, ratios }, null, 2)}\n`,
  );
  return ratioOk && errorsOk ? 0 : 1;
}

// ------------------------------------------------------------------------------------------ entry

const argv = process.argv.slice(2);
if (argv[0] === '--serve') {
  const target = z.enum(TARGETS).parse(argv[1]);
  const port = z.coerce.number().int().min(1).max(65535).parse(argv[3]);
  serve(target, port).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
} else {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bot-runtime: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
