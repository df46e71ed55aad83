// The LLM option through the whole bot: what a person waits for. The real bot (HTTP to /api/messages), the real
// engine, SQLite in a temporary folder, and a simulated model behind a local OpenAI-compatible server that answers
// like the offline engine ("echo") after a chosen latency. No key, no network beyond 127.0.0.1.
//
//   offline            the bot without a model (expectReplies, no answer cache): the reference
//   model, one message expectReplies (as in channels and group chats): the model is asked once, no streaming
//   model, streamed    a Teams personal chat through a local connector: when 「規程を確認しています…」, the first text
//                      chunk and the final message arrive, and when the HTTP turn ends
//   model, cached      the same question again: the verified model answer from the cache
//
// Run: npm run bench:llm-bot [-- --latency 400 --streamed 12]

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/log';
import { createServer as createBotServer } from '../bot/server';
import { evalSetPaths, readEvalSet } from '../knowledge/cli/eval-set';
import { loadKnowledgeEngine } from '../knowledge/engine';
import type { LlmOutput } from '../knowledge/llm/schema';
import type { KnowledgeEngine } from '../knowledge/types';
import { readPrompt, startFakeOpenAi } from '../test/llm/support/fakeOpenAi';
import { message } from '../test/support/teams';
import { percentile } from './measure';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LATENCY_MS = arg('latency', 400);
const STREAMED = arg('streamed', 12);

const ms = (xs: number[], p: number): string => percentile(xs, p, NaN).toFixed(0).padStart(5);
const fmt = (xs: number[]): string => `p50 ${ms(xs, 0.5)} ms  p95 ${ms(xs, 0.95)} ms`;

/** What a model that agrees with the offline engine answers, with two sentences of its own. */
function echo(engine: KnowledgeEngine, question: string): LlmOutput {
  const a = engine.answer(question);
  const roles = a.roles as LlmOutput['roles'];
  const first: Record<string, string> = {
    prohibited: 'この行為はポリシーで禁止されています。',
    needs_permission: `事前に${a.roles.join('と')}の許可が必要です。`,
    must_report: `速やかに${a.roles.join('と')}に報告してください。`,
    required: 'ポリシーで定められた対応が必要です。',
    allowed: 'ポリシー上、認められています。',
    not_covered: 'ポリシーには当たる定めが見当たりません。',
  };
  return {
    verdict: a.verdict,
    roles,
    citations: a.verdict === 'not_covered' ? [] : a.citations.map((c) => ({ label: c.label, quote: c.quote })),
    reply: `${first[a.verdict]}詳しくは引用した条文をご確認ください。`,
  };
}

/** A Bot Connector stand-in that notes when each activity of a conversation arrives. */
async function startConnector() {
  const arrivals = new Map<string, Array<{ at: number; type: string; streamType?: string }>>();
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const at = performance.now();
      const a = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as { type: string; conversation?: { id: string }; entities?: Array<{ type: string; streamType?: string }> };
      const id = a.conversation?.id ?? '';
      const list = arrivals.get(id) ?? [];
      list.push({ at, type: a.type, streamType: a.entities?.find((e) => e.type === 'streaminfo')?.streamType });
      arrivals.set(id, list);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `msg-${list.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const engine = loadKnowledgeEngine();
  const questions = readEvalSet(evalSetPaths()[0]!).map((q) => q.q);
  const ai = await startFakeOpenAi((req) => {
    const question = readPrompt(req).question.replace(/＜/g, '<').replace(/＞/g, '>');
    return { type: 'content', content: JSON.stringify(echo(engine, question)), delayMs: LATENCY_MS, chunkSize: 8, chunkDelayMs: 10 };
  });
  const connector = await startConnector();
  const dir = mkdtempSync(join(tmpdir(), 'policy-bot-bench-llm-'));
  const reasons = new Map<string, number>();
  let counting = true;
  const log = createLogger({
    level: 'info',
    write: (line) => {
      const l = JSON.parse(line) as { event: string; reason?: string };
      if (counting && (l.event === 'llm.fallback' || l.event === 'llm.skip') && l.reason) reasons.set(l.reason, (reasons.get(l.reason) ?? 0) + 1);
    },
  });
  const start = async (env: Record<string, string>) => {
    const config = loadConfig({ PORT: '0', DATA_DIR: join(dir, String(Math.random()).slice(2)), ENV_FILE: undefined, ...env }, { cwd: dir });
    const server = createBotServer(config, { engine, log });
    return { server, url: await server.listen() };
  };
  const post = async (url: string, activity: unknown) => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return (await res.json().catch(() => undefined)) as { activities?: Array<{ channelData?: { feedbackLoopEnabled?: boolean }; entities?: Array<{ additionalType?: string[] }> }> } | undefined;
  };
  const model = { OPENAI_BASE_URL: ai.baseURL, OPENAI_MODEL: 'bench' };

  console.log(`${questions.length} questions (dev.jsonl); simulated model: first token after ${LATENCY_MS} ms, then ~${Math.round(1000 / 10)} chunks/s of 8 characters`);

  // offline
  {
    const { server, url } = await start({ ANSWER_CACHE_SIZE: '0' });
    const times: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      await post(url, message(q, { expectReplies: true }));
      times.push(performance.now() - t);
    }
    console.log(`offline, one message     ${fmt(times)}`);
    await server.close();
  }

  // model, one message (no streaming) and cached
  {
    const { server, url } = await start({ ...model });
    const times: number[] = [];
    const cached: number[] = [];
    let labelled = 0;
    let offlineAnswers = 0;
    for (const q of questions) {
      let t = performance.now();
      const body = await post(url, message(q, { expectReplies: true }));
      times.push(performance.now() - t);
      const answer = body?.activities?.find((a) => a.channelData?.feedbackLoopEnabled);
      if (answer?.entities?.some((e) => e.additionalType?.includes('AIGeneratedContent'))) labelled++;
      else if (answer) offlineAnswers++;
      counting = false;
      t = performance.now();
      await post(url, message(q, { expectReplies: true }));
      cached.push(performance.now() - t);
      counting = true;
    }
    const why = [...reasons].map(([k, v]) => `${k} ${v}`).join(', ');
    const other = questions.length - labelled - offlineAnswers;
    console.log(`model, one message       ${fmt(times)}  (${labelled} model answers, ${offlineAnswers} offline (${why || 'no reason logged'}), ${other} taken by a procedure)`);
    console.log(`model, cached            ${fmt(cached)}`);
    await server.close();
  }

  // model, streamed in a personal chat
  {
    const { server, url } = await start({ ...model, ANSWER_CACHE_SIZE: '0' });
    const informative: number[] = [];
    const firstChunk: number[] = [];
    const final: number[] = [];
    const turn: number[] = [];
    for (const q of questions.slice(0, STREAMED)) {
      const activity = message(q, { serviceUrl: connector.serviceUrl });
      const t = performance.now();
      await post(url, activity);
      turn.push(performance.now() - t);
      const got = connector.arrivals.get(activity.conversation.id) ?? [];
      const at = (pred: (x: (typeof got)[number]) => boolean) => got.find(pred)?.at;
      const i = at((x) => x.streamType === 'informative');
      const c = at((x) => x.streamType === 'streaming');
      const f = at((x) => x.type === 'message');
      if (i !== undefined) informative.push(i - t);
      if (c !== undefined) firstChunk.push(c - t);
      if (f !== undefined) final.push(f - t);
    }
    console.log(`model, streamed (${STREAMED} questions, Teams personal chat):`);
    console.log(`  「規程を確認しています…」 ${fmt(informative)}`);
    console.log(`  first text chunk         ${fmt(firstChunk)}  (${firstChunk.length}/${STREAMED} turns had one before the final message)`);
    console.log(`  final message            ${fmt(final)}`);
    console.log(`  HTTP turn ends           ${fmt(turn)}  (the SDK paces Teams updates 1 s apart and waits 1 s after the last)`);
    await server.close();
  }

  await connector.close();
  await ai.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
