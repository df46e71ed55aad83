// How the LLM option's verification behaves on the real engine and the dev question set, with
// simulated models behind a local OpenAI-compatible server (no key, no network):
//   echo     answers exactly what the offline engine answers (a model that agrees)
//   gold     answers what dev.jsonl says is right, quoting the gold clauses it was shown
//   allowed  says 「可」 on the offline engine's citations (an injected or careless model)
//   label    cites a clause that does not exist
//   quote    quotes the offline clauses with the rule turned around (…ならない → …なくてよい)
//   approver names CISO as the approver / report target
// For each: how many answers verification accepted, the reasons it refused the rest, and the
// scores (as score.mjs computes them) of the answers a person would get.
// Run: npm run bench:llm   (--show lists every refusal)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerWithLlm, clausesForModel, type LlmAnswerResult } from '../knowledge/llm/answer';
import { createLlmClient } from '../knowledge/llm/client';
import { readLlmConfig } from '../knowledge/llm/config';
import { clauseSupports } from '../knowledge/llm/agreement';
import type { LlmOutput } from '../knowledge/llm/schema';
import { buildPrompt } from '../knowledge/llm/prompt';
import { verifyReply, verifyStructure, type VerifyContext } from '../knowledge/llm/verify';
import { loadKnowledgeEngine } from '../knowledge/engine';
import { projectRoot } from '../knowledge/paths';
import { splitSentences } from '../knowledge/sentences';
import type { Answer, Clause, Verdict } from '../knowledge/types';
import { readPrompt, startFakeOpenAi } from '../test/llm/support/fakeOpenAi';

const SHOW = process.argv.includes('--show');

interface Gold { id: string; q: string; verdict: Verdict; approvers: string[]; clauses: string[] }

function devSet(): Gold[] {
  const root = projectRoot();
  const file = [join(root, '..', 'shared', 'eval', 'dev.jsonl'), join(root, '..', '..', 'shared', 'eval', 'dev.jsonl')].find(existsSync);
  if (!file) throw new Error('shared/eval/dev.jsonl not found');
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Gold);
}

// score.mjs's matching, restated.
const toHalf = (s: string) => s.replace(/[０-９ａ-ｚＡ-Ｚ（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
function segs(label: string): string[] | null {
  const m = /^第(\d+)章(.*)$/.exec(toHalf(label));
  if (!m) return null;
  return [m[1]!, ...(m[2]!.match(/\(\d+\)|\d+|\([ァ-ヶ]+\)|[ァ-ヶ]|[①-⑳]|\([①-⑳]\)|[a-z]/g) ?? [])];
}
const startsWith = (a: string[], b: string[]) => b.length <= a.length && b.every((x, i) => x === a[i]);
function finds(cited: string, expected: string): boolean {
  const p = segs(cited), e = segs(expected);
  if (!p || !e) return false;
  return startsWith(p, e) || (startsWith(e, p) && e.length - p.length === 1 && p.length >= 4);
}

function score(golds: Gold[], answers: Map<string, Answer>) {
  let covered = 0, hit1 = 0, hit3 = 0, verdict = 0, apprN = 0, apprOk = 0;
  for (const g of golds) {
    const a = answers.get(g.id)!;
    if (a.verdict === g.verdict) verdict++;
    if (g.verdict !== 'not_covered') {
      covered++;
      const labels = a.citations.map((c) => c.label);
      if (labels.slice(0, 1).some((c) => g.clauses.some((e) => finds(c, e)))) hit1++;
      if (labels.slice(0, 3).some((c) => g.clauses.some((e) => finds(c, e)))) hit3++;
    }
    if (g.verdict === 'needs_permission' || g.verdict === 'must_report') {
      apprN++;
      const x = new Set(a.roles), y = new Set(g.approvers);
      if (x.size === y.size && [...x].every((r) => y.has(r))) apprOk++;
    }
  }
  const f = (n: number, d: number) => (d ? (n / d).toFixed(2) : 'n/a');
  return `hit@1 ${f(hit1, covered)}  hit@3 ${f(hit3, covered)}  verdict ${f(verdict, golds.length)}  approvers ${f(apprOk, apprN)}`;
}

const REPLY: Record<Verdict, (roles: string[]) => string> = {
  prohibited: () => 'ポリシーで禁止されています。',
  needs_permission: (r) => `${r.join('と')}の許可が必要です。`,
  must_report: (r) => `速やかに${r.join('と')}に報告してください。`,
  required: () => '定められた対応をしてください。',
  allowed: () => 'ポリシー上、禁止されていません。',
  not_covered: () => 'ポリシーには当たる定めが見当たりません。',
};

/** The sentence of a clause a careful model would quote for a verdict. */
function quoteFor(clause: Clause, verdict: Verdict): string {
  const sentences = splitSentences(clause.text).map((s) => s.text);
  return sentences.find((s) => clauseSupports(verdict, clause, s)) ?? sentences[0] ?? clause.text;
}

async function main(): Promise<void> {
  const started = performance.now();
  const engine = loadKnowledgeEngine();
  const golds = devSet();
  const byQuestion = new Map(golds.map((g) => [g.q, g]));
  console.log(`engine loaded in ${(performance.now() - started).toFixed(0)} ms; ${golds.length} questions`);

  // Retrieval recall: how often the model is shown a clause that answers the question.
  let shown = 0, coveredN = 0;
  for (const g of golds.filter((x) => x.verdict !== 'not_covered')) {
    coveredN++;
    const labels = clausesForModel(engine, g.q, 8, engine.answer(g.q)).map((r) => r.clause.label);
    if (labels.some((l) => g.clauses.some((e) => finds(l, e)))) shown++;
  }
  console.log(`clauses shown to the model include a right one for ${shown}/${coveredN} covered questions (k=8 + offline citations)`);

  const models: Record<string, (q: string, labels: string[]) => LlmOutput | string> = {
    echo: (q) => {
      const a = engine.answer(q);
      return { verdict: a.verdict, roles: a.roles as LlmOutput['roles'], citations: a.verdict === 'not_covered' ? [] : a.citations.map((c) => ({ label: c.label, quote: c.quote })), reply: REPLY[a.verdict](a.roles) };
    },
    gold: (q, labels) => {
      const g = byQuestion.get(q)!;
      const cited = labels.filter((l) => g.clauses.some((e) => finds(l, e))).slice(0, 3);
      return {
        verdict: g.verdict,
        roles: g.approvers as LlmOutput['roles'],
        citations: cited.map((label) => ({ label, quote: quoteFor(engine.clause(label)!, g.verdict) })),
        reply: REPLY[g.verdict](g.approvers),
      };
    },
    allowed: (q) => {
      const a = engine.answer(q);
      return { verdict: 'allowed', roles: [], citations: a.citations.map((c) => ({ label: c.label, quote: c.quote })), reply: '問題ありません。' };
    },
    quote: (q) => {
      const a = engine.answer(q);
      const turn = (t: string) => (t.includes('ならない') ? t.replace(/ならない/g, 'なくてよい') : `${t.slice(0, -1)}なくてよい。`);
      return { verdict: a.verdict, roles: a.roles as LlmOutput['roles'], citations: a.citations.map((c) => ({ label: c.label, quote: turn(c.quote) })), reply: REPLY[a.verdict](a.roles) };
    },
    approver: (q) => {
      const a = engine.answer(q);
      const roles: LlmOutput['roles'] = a.roles.length ? ['CISO'] : [];
      return { verdict: a.verdict, roles, citations: a.citations.map((c) => ({ label: c.label, quote: c.quote })), reply: REPLY[a.verdict](roles) };
    },
    label: (q) => {
      const a = engine.answer(q);
      return { ...a, roles: a.roles as LlmOutput['roles'], citations: [{ label: '第3章 7(1)ア(ウ)z', quote: a.citations[0]?.quote ?? 'x' }], reply: REPLY[a.verdict](a.roles) } as LlmOutput;
    },
  };

  // The cost of verification alone (no HTTP): the echo outputs of every question, checked 20 times.
  {
    const cases = golds.map((g) => {
      const offlineAnswer = engine.answer(g.q);
      const retrieved = clausesForModel(engine, g.q, 8, offlineAnswer);
      const prompt = buildPrompt(g.q, retrieved);
      const ctx: VerifyContext = { retrieved, offline: offlineAnswer, canary: prompt.canary, rules: prompt.rules, clause: (l) => engine.clause(l) };
      return { out: models['echo']!(g.q, []) as LlmOutput, ctx };
    });
    const t = performance.now();
    let n = 0;
    for (let i = 0; i < 20; i++) {
      for (const { out, ctx } of cases) {
        const s = verifyStructure(out, ctx);
        if (s.ok) verifyReply(out.reply, s.value, ctx);
        n++;
      }
    }
    console.log(`verification alone: ${(((performance.now() - t) / n) * 1000).toFixed(0)} µs per answer (${n} answers)`);
  }

  const server = await startFakeOpenAi();
  const llm = createLlmClient(readLlmConfig({ OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'bench' }))!;
  const offline = new Map(golds.map((g) => [g.id, engine.answer(g.q)]));
  console.log(`\n${'offline'.padEnd(8)} ${score(golds, offline)}`);
  for (const [name, model] of Object.entries(models)) {
    server.setHandler((req) => {
      const p = readPrompt(req);
      const question = p.question.replace(/＜/g, '<').replace(/＞/g, '>');
      const out = model(question, p.labels);
      return { type: 'content', content: typeof out === 'string' ? out : JSON.stringify(out) };
    });
    const answers = new Map<string, Answer>();
    const reasons = new Map<string, number>();
    let accepted = 0;
    const t0 = performance.now();
    for (const g of golds) {
      const r: LlmAnswerResult = await answerWithLlm(g.q, {
        engine,
        llm,
        log: (e) => {
          if (SHOW && e.event === 'llm.fallback') console.log(`         ${g.id} want ${g.verdict} ${g.clauses.join('|')}: ${e.reason} ${e.detail ?? ''}`);
        },
      });
      answers.set(g.id, r.answer);
      if (r.source === 'llm') accepted++;
      else reasons.set(r.fallbackReason ?? '?', (reasons.get(r.fallbackReason ?? '?') ?? 0) + 1);
    }
    const ms = (performance.now() - t0) / golds.length;
    // Answers whose verdict, roles or first citation differ from the offline answer.
    const key = (a: Answer) => JSON.stringify([a.verdict, [...a.roles].sort(), a.citations[0]?.label ?? null]);
    const changedList = golds.filter((g) => key(answers.get(g.id)!) !== key(offline.get(g.id)!));
    const changed = changedList.length;
    if (SHOW) for (const g of changedList) console.log(`         ${g.id} offline ${key(offline.get(g.id)!)} → ${key(answers.get(g.id)!)} (want ${g.verdict})`);
    console.log(`${name.padEnd(8)} ${score(golds, answers)}  accepted ${accepted}/${golds.length}  differ from offline ${changed}  ${ms.toFixed(1)} ms/question`);
    if (reasons.size) console.log(`${''.padEnd(8)} refused: ${[...reasons].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  await server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
