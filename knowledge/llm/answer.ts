// answerWithLlm: the offline answer first, then (when a model is configured) a grounded model
// answer that replaces it only if it passes verification. Any failure, timeout, refusal or API
// error gives the offline answer. Streaming shows only text that has already passed every check
// that can be made on it; the final answer is always the verified one.
import type { Answer, Citation, KnowledgeEngine, Retrieved } from '../types';
import { APIUserAbortError } from 'openai/error';
import type { LlmClient } from './client';
import { classifyError, errorName, type CallFailure, type CallState } from './errors';
import { stderrLog, type LlmLog, type LlmLogEntry } from './log';
import { buildPrompt, type Prompt } from './prompt';
import { composeReply } from './reply';
import { llmOutputSchema, llmResponseFormat } from './schema';
import { verifyReply, verifyStructure, type VerificationFailure, type VerifiedStructure, type VerifyContext } from './verify';

/** The informative update a chat shows while the model works. */
export const PROGRESS_TEXT = '規程を確認しています…';

export type SkipReason = 'input_notice' | 'no_clauses';
export type FallbackReason = SkipReason | CallFailure | VerificationFailure;

export interface LlmDeps {
  engine: KnowledgeEngine;
  /** null: offline mode (no model configured). */
  llm: LlmClient | null;
  log?: LlmLog;
}

export interface AnswerWithLlmOptions {
  /** Informative updates (「規程を確認しています…」), called once the model is asked. */
  onProgress?: (text: string) => void;
  /**
   * Reply text as the model streams it, in whole sentences that have already passed the checks.
   * Given → the streaming API is used; absent → one plain request.
   */
  onTextChunk?: (text: string) => void;
  /** Cancels the model call (the offline answer is returned, reason `aborted`). */
  signal?: AbortSignal;
  /** Correlation id for the log (e.g. the activity id). Never the question. */
  requestId?: string;
}

export interface LlmAnswerResult {
  /** The answer to show: verified model answer, or the offline answer. */
  answer: Answer;
  source: 'llm' | 'offline';
  /** Why the model's answer was not used; absent in offline mode and on success. */
  fallbackReason?: FallbackReason;
  /** Whether onTextChunk was called. When true and source is 'offline', that text must be replaced. */
  streamed: boolean;
  /**
   * source 'llm' only: the model's own verified explanation (the text that was streamed), without
   * the verdict line and quotes that answer.reply adds, for a UI that renders those itself.
   */
  explanation?: string;
}

type Outcome = { ok: true; structure: VerifiedStructure; reply: string } | { ok: false; reason: FallbackReason; detail?: string; status?: number; error?: string };

const SENTENCE_END = /[。！？!?\n]/g;

/** Index just past the last sentence end in a text, 0 when there is none. */
function lastSentenceEnd(text: string): number {
  let end = 0;
  for (const m of text.matchAll(SENTENCE_END)) end = (m.index ?? 0) + 1;
  return end;
}

/** True once `reply` has started after verdict, roles and citations, which are then complete. */
function structureComplete(parsed: unknown): parsed is Record<string, unknown> {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const keys = Object.keys(parsed);
  const r = keys.indexOf('reply');
  return r >= 0 && ['verdict', 'roles', 'citations'].every((k) => {
    const i = keys.indexOf(k);
    return i >= 0 && i < r;
  });
}

const structureSchema = llmOutputSchema.pick({ verdict: true, roles: true, citations: true });

/** Checks a complete model message (content or refusal) and verifies it. */
function checkMessage(
  choice: { finish_reason?: string | null; message: { content?: string | null; refusal?: string | null } } | undefined,
  ctx: VerifyContext,
): Outcome {
  if (!choice) return { ok: false, reason: 'malformed' };
  if (choice.message.refusal) return { ok: false, reason: 'refusal' };
  if (choice.finish_reason === 'length') return { ok: false, reason: 'truncated' };
  if (choice.finish_reason === 'content_filter') return { ok: false, reason: 'content_filter' };
  const content = choice.message.content;
  if (!content) return { ok: false, reason: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = llmOutputSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const structure = verifyStructure(parsed.data, ctx);
  if (!structure.ok) return { ok: false, reason: structure.reason, ...(structure.detail ? { detail: structure.detail } : {}) };
  const reply = verifyReply(parsed.data.reply, structure.value, ctx);
  if (!reply.ok) return { ok: false, reason: reply.reason, ...(reply.detail ? { detail: reply.detail } : {}) };
  return { ok: true, structure: structure.value, reply: reply.value };
}

function requestBody(llm: LlmClient, prompt: Prompt) {
  return {
    model: llm.model,
    messages: prompt.messages,
    response_format: llmResponseFormat(),
    ...(llm.config.temperature !== undefined ? { temperature: llm.config.temperature } : {}),
  };
}

async function plainCall(llm: LlmClient, prompt: Prompt, ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  const completion = await llm.openai.chat.completions.create(requestBody(llm, prompt), { signal });
  return checkMessage(completion.choices?.[0], ctx);
}

async function streamCall(
  llm: LlmClient,
  prompt: Prompt,
  ctx: VerifyContext,
  signal: AbortSignal,
  emit: (text: string) => void,
): Promise<Outcome> {
  const stream = llm.openai.chat.completions.stream(requestBody(llm, prompt), { signal });
  let gate: Outcome | null = null; // a failure found while streaming
  let structure: VerifiedStructure | null = null;
  let emitted = 0;
  // The helper's promise does not always settle once the stream is aborted (when the last chunks
  // were already buffered), so our own stop, the deadline and the caller's cancel end the wait.
  let release: () => void = () => {};
  const stopped = new Promise<'stopped'>((resolve) => { release = () => resolve('stopped'); });
  signal.addEventListener('abort', () => release(), { once: true });
  const stop = (outcome: Outcome) => {
    gate ??= outcome;
    release();
    stream.abort();
  };

  stream.on('content.delta', ({ parsed }) => {
    if (gate) return;
    try {
      if (!structure) {
        if (!structureComplete(parsed)) return;
        const s = structureSchema.safeParse(parsed);
        if (!s.success) return stop({ ok: false, reason: 'malformed' });
        const v = verifyStructure(s.data, ctx);
        if (!v.ok) return stop({ ok: false, reason: v.reason, ...(v.detail ? { detail: v.detail } : {}) });
        structure = v.value;
      }
      const reply = typeof parsed === 'object' && parsed && typeof (parsed as { reply?: unknown }).reply === 'string' ? (parsed as { reply: string }).reply : '';
      const end = lastSentenceEnd(reply);
      if (end <= emitted) return;
      const check = verifyReply(reply.slice(0, end), structure, ctx, { partial: true });
      if (!check.ok) return stop({ ok: false, reason: check.reason, ...(check.detail ? { detail: check.detail } : {}) });
      emit(reply.slice(emitted, end));
      emitted = end;
    } catch (err) {
      stop({ ok: false, reason: 'internal_error', error: errorName(err) });
    }
  });
  stream.on('refusal.delta', () => stop({ ok: false, reason: 'refusal' }));

  const finished = stream.finalChatCompletion();
  finished.catch(() => {}); // after a stop nobody waits for it
  let completion;
  try {
    const first = await Promise.race([finished, stopped]);
    if (first === 'stopped') {
      if (gate) return gate;
      throw new APIUserAbortError(); // the deadline or the caller: classified by answerWithLlm
    }
    completion = first;
  } catch (err) {
    if (gate) return gate;
    throw err;
  }
  if (gate) return gate;
  const outcome = checkMessage(completion.choices[0], ctx);
  if (outcome.ok) {
    // The rest of the reply (after the last sentence end) has now passed the full checks.
    const raw = completion.choices[0]?.message.content ?? '';
    const reply = (JSON.parse(raw) as { reply: string }).reply;
    if (reply.length > emitted && reply.slice(emitted).trim()) emit(reply.slice(emitted));
  }
  return outcome;
}

/**
 * The clauses the model sees (and may cite): what retrieval finds, plus the clauses the offline
 * answer cites when retrieval's top k missed them (the engine re-ranks a wider candidate set).
 * The not_covered pointer (whom to consult) is not added: it answers no question by itself.
 */
export function clausesForModel(engine: KnowledgeEngine, question: string, k: number, offline: Answer): Retrieved[] {
  const found = engine.retrieve(question, k);
  if (offline.verdict === 'not_covered') return found;
  const have = new Set(found.map((r) => r.clause.label));
  for (const c of offline.citations) {
    const clause = engine.clause(c.label);
    if (clause && !have.has(clause.label)) {
      found.push({ clause, score: 0 });
      have.add(clause.label);
    }
  }
  return found;
}

/**
 * Answers a question with the configured model, verified against the policy, or offline.
 * Never rejects because of the model; the returned answer is always safe to show.
 */
export async function answerWithLlm(question: string, deps: LlmDeps, options: AnswerWithLlmOptions = {}): Promise<LlmAnswerResult> {
  const started = Date.now();
  const offline = deps.engine.answer(question);
  const llm = deps.llm;
  if (!llm) return { answer: offline, source: 'offline', streamed: false };

  const log = deps.log ?? stderrLog;
  const base: Pick<LlmLogEntry, 'mode' | 'model' | 'requestId'> = {
    mode: llm.config.mode,
    model: llm.model,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  };
  const safeLog = (entry: LlmLogEntry) => {
    try { log(entry); } catch { /* a broken logger must not change the answer */ }
  };
  let streamed = false;
  const finish = (outcome: Outcome): LlmAnswerResult => {
    const durationMs = Date.now() - started;
    if (outcome.ok) {
      const { verdict, roles } = outcome.structure;
      let citations: Citation[] = outcome.structure.citations.map(({ clause, quote }) => ({ label: clause.label, quote, headings: clause.headings }));
      // not_covered (only ever accepted when offline agrees): keep the engine's pointer to whom to ask.
      if (verdict === 'not_covered' && citations.length === 0) citations = offline.citations;
      const answer: Answer = {
        verdict,
        roles,
        citations,
        reply: composeReply(outcome.reply, { verdict, roles, citations, procedure: offline.procedure }),
        procedure: offline.procedure,
        inputNotice: offline.inputNotice,
      };
      safeLog({ level: 'info', event: 'llm.answer', ...base, durationMs, streamed, verdict, citations: citations.map((c) => c.label) });
      return { answer, source: 'llm', streamed, explanation: outcome.reply };
    }
    const skip = outcome.reason === 'input_notice' || outcome.reason === 'no_clauses';
    safeLog({
      level: skip ? 'info' : 'warn',
      event: skip ? 'llm.skip' : 'llm.fallback',
      ...base,
      reason: outcome.reason,
      ...(outcome.detail ? { detail: outcome.detail } : {}),
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      durationMs,
      streamed,
    });
    return { answer: offline, source: 'offline', fallbackReason: outcome.reason, streamed };
  };

  if (offline.inputNotice === 'empty' || offline.inputNotice === 'no_text') return finish({ ok: false, reason: 'input_notice' });
  if (options.signal?.aborted) return finish({ ok: false, reason: 'aborted' });

  let prompt: Prompt;
  let ctx: VerifyContext;
  try {
    const retrieved = clausesForModel(deps.engine, question, llm.config.retrieveK, offline);
    if (retrieved.length === 0) return finish({ ok: false, reason: 'no_clauses' });
    prompt = buildPrompt(question, retrieved);
    ctx = { retrieved, offline, canary: prompt.canary, rules: prompt.rules, clause: (label) => deps.engine.clause(label) };
  } catch (err) {
    return finish({ ok: false, reason: 'internal_error', error: errorName(err) });
  }

  const callback = <T>(fn: ((arg: T) => void) | undefined, arg: T) => {
    if (!fn) return;
    try { fn(arg); } catch (err) { safeLog({ level: 'warn', event: 'llm.callback_error', ...base, error: errorName(err) }); }
  };
  callback(options.onProgress, PROGRESS_TEXT);

  // One deadline for the whole answer (request, stream, parsing); the caller's signal also stops it.
  const state: CallState = { timedOut: false, callerAborted: false };
  const controller = new AbortController();
  const timer = setTimeout(() => { state.timedOut = true; controller.abort(); }, llm.config.timeoutMs);
  const onCallerAbort = () => { state.callerAborted = true; controller.abort(); };
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const call = options.onTextChunk
      ? streamCall(llm, prompt, ctx, controller.signal, (text) => { streamed = true; callback(options.onTextChunk, text); })
      : plainCall(llm, prompt, ctx, controller.signal);
    // The deadline holds whatever the client library does with the abort.
    const deadline = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new APIUserAbortError()), { once: true });
    });
    call.catch(() => {});
    deadline.catch(() => {});
    return finish(await Promise.race([call, deadline]));
  } catch (err) {
    const { reason, status } = classifyError(err, state);
    return finish({ ok: false, reason, ...(status !== undefined ? { status } : {}), error: errorName(err) });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
