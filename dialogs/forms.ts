// The whole procedure as one form: the card's (or a web page's) values are replayed through the same machine,
// step by step, with the same parsing, zod schemas, checks, guards and blocks as the conversation.

import { randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE, todayIn } from './dates';
import { parseCardValue, validate } from './parse';
import { givenAnswers, type StepSpec } from './procedure';
import { stepSpecs } from './steps';
import { PROCEDURES, type Procedure } from './procedures';

export { stepSpecs };
import { formFieldIds, formOutput } from './prompts';
import { Session } from './session';
import type { FormOutput, ProcedureId, Quote, QuoteFn, RequestDraft, Requester, TaskDraft } from './types';

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** The raw values of one step on a whole-form submission. */
function rawFor(id: string, spec: StepSpec, raw: Readonly<Record<string, unknown>>): { value?: unknown; from?: unknown; until?: unknown } {
  if (spec.input.kind === 'period') return { from: raw[`${id}From`], until: raw[`${id}Until`] };
  return { value: raw[id] };
}

function isBlankRaw(r: { value?: unknown; from?: unknown; until?: unknown }): boolean {
  return blank(r.value) && blank(r.from) && blank(r.until);
}

/** Prefill for re-showing a form: the submitted values, in the shape the fields expect. */
export function prefillFromRaw(proc: Procedure, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, spec] of stepSpecs(proc)) {
    const r = rawFor(id, spec, raw);
    if (spec.input.kind === 'period') {
      out[id] = { from: typeof r.from === 'string' ? r.from : undefined, until: typeof r.until === 'string' ? r.until : undefined };
    } else if (typeof r.value === 'string' || Array.isArray(r.value)) {
      out[id] = r.value;
    }
  }
  return out;
}

export interface ReplayResult {
  /** The run after replay: at the confirm step, at a block, or at the first step in error. */
  session: Session;
  /** Field id → message; empty when every step on the path was answered validly. */
  errors: Record<string, string>;
}

/**
 * Replays a whole-form submission through a fresh run of the machine. Stops at the first step that is missing
 * or invalid (and reports every other filled field that is invalid on its own), at a block, or at the summary.
 */
export function replayForm(proc: Procedure, input: { run: string; requester: Requester }, raw: Readonly<Record<string, unknown>>, today: string): ReplayResult {
  const form = proc.info.form;
  const specs = stepSpecs(proc);
  const session = Session.start(proc, input);
  const errors: Record<string, string> = {};
  const reached = new Set<string>();
  for (let guard = 0; guard < 100; guard++) {
    const view = session.view();
    if (view.kind !== 'step' || !form?.steps.includes(view.id)) break;
    reached.add(view.id);
    const fieldId = formFieldIds(view.id, view.spec)[0] ?? view.id;
    const r = rawFor(view.id, view.spec, raw);
    if (isBlankRaw(r)) {
      errors[fieldId] = '入力してください。';
      break;
    }
    const parsed = parseCardValue(view.spec, r, today);
    const valid = parsed.ok ? validate(view.spec, parsed.value, { given: givenAnswers(session.context), sealed: null, today }) : parsed;
    if (!valid.ok) {
      errors[fieldId] = valid.error;
      break;
    }
    session.send({ type: 'ANSWER', step: view.id, value: valid.value });
  }
  if (Object.keys(errors).length > 0) {
    // the other filled fields, each checked on its own, so the person fixes everything at once
    for (const id of form?.steps ?? []) {
      const spec = specs.get(id);
      if (!spec || reached.has(id)) continue;
      const r = rawFor(id, spec, raw);
      if (isBlankRaw(r)) continue;
      const parsed = parseCardValue(spec, r, today);
      const valid = parsed.ok ? validate(spec, parsed.value, { given: {}, sealed: null, today }) : parsed;
      if (!valid.ok) errors[formFieldIds(id, spec)[0] ?? id] = valid.error;
    }
  }
  return { session, errors };
}

/** The form card for a procedure, empty or prefilled. */
export function formFor(procedure: ProcedureId, run: string, prefill: Readonly<Record<string, unknown>> = {}, errors: Record<string, string> = {}): FormOutput {
  const proc = PROCEDURES[procedure];
  return formOutput(proc, run, stepSpecs(proc), prefill, errors);
}

export type FormDraftResult =
  | { ok: true; ref: string; draft: RequestDraft; tasks: TaskDraft[] }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; blocked: { text: string; quotes: Quote[]; clauses: string[] } };

/**
 * A whole-form submission outside the chat (the 持ち出し申請 task module): the same validation, blocks and
 * request as the conversation. The caller delivers the draft (idempotency key `ref`).
 */
export function draftFromForm(
  procedure: ProcedureId,
  raw: Readonly<Record<string, unknown>>,
  requester: Requester,
  opts: { now?: Date; timeZone?: string; ref?: string; quote?: QuoteFn } = {},
): FormDraftResult {
  const proc = PROCEDURES[procedure];
  const today = todayIn(opts.now ?? new Date(), opts.timeZone ?? DEFAULT_TIME_ZONE);
  const ref = opts.ref ?? randomUUID();
  const { session, errors } = replayForm(proc, { run: ref, requester }, raw, today);
  try {
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const view = session.view();
    if (view.kind === 'blocked') {
      const quotes: Quote[] = [];
      for (const label of view.block.clauses) {
        const q = opts.quote?.(label);
        if (q) quotes.push(q);
      }
      return { ok: false, blocked: { text: view.block.text, quotes, clauses: [...view.block.clauses] } };
    }
    if (view.kind !== 'step' || view.spec.input.kind !== 'confirm') return { ok: false, errors: { _form: '入力が足りません。' } };
    const { emitted } = session.send({ type: 'ANSWER', step: view.id, value: 'submit' });
    let draft: RequestDraft | null = null;
    const tasks: TaskDraft[] = [];
    for (const e of emitted) {
      if (e.type === 'submit') draft = e.draft;
      if (e.type === 'task') tasks.push(e.task);
    }
    if (draft === null) return { ok: false, errors: { _form: '申請を作成できませんでした。' } };
    return { ok: true, ref, draft, tasks };
  } finally {
    session.stop();
  }
}
