// The vocabulary the procedure files are written in: a step (question, answer schema, clauses),
// the machine's context and events, and the few generic actions and guards every procedure shares.

import { assign, setup } from 'xstate';
import type { z } from 'zod';
import { formatJa } from './dates';
import type { FollowUpEvent, ProcedureId, RequestDraft, Requester, TaskDraft } from './types';

/** One option of a choice step. */
export interface Option {
  value: string;
  label: string;
  /** Other ways people type it (matched after normalisation). */
  synonyms?: readonly string[];
  /** One line shown with the option (e.g. a classification's definition). */
  description?: string;
}

/** How a step is asked and how typed text is read. */
export type StepInput =
  | { kind: 'choice'; options: readonly Option[] }
  | { kind: 'multi'; options: readonly Option[]; none?: readonly string[] }
  | { kind: 'text'; maxLength: number; multiline?: boolean; placeholder?: string }
  | { kind: 'period' }
  | { kind: 'date'; today?: string }
  | { kind: 'confirm'; label: string };

/** What a confirm step shows before anything is sent. */
export interface SummaryData {
  title: string;
  text: string;
  rows: { label: string; value: string }[];
  roles: string[];
  clauses: string[];
}

export interface CheckEnv {
  /** Answers given so far on the current path (steps that were backed out of are not here). */
  given: Readonly<Record<string, unknown>>;
  /** Answers as submitted, for follow-up phases (null before submission). */
  sealed: Readonly<Record<string, unknown>> | null;
  /** Today in the office's time zone, YYYY-MM-DD. */
  today: string;
}

/** A question the procedure asks; lives in the machine as the state's `meta.step`. */
export interface StepSpec {
  /** Short name for summaries and forms (持ち出すもの). */
  title: string;
  /** The question, in Japanese. */
  question: string;
  /** One short line of help under the question; also the re-ask hint for invalid answers. */
  hint?: string;
  input: StepInput;
  /** The answer must satisfy this schema before the machine sees it. */
  schema: z.ZodType;
  /** Canonical labels of the clauses this step enforces (shown by なぜ？). */
  clauses: readonly string[];
  /** An extra button that shows other clauses (e.g. 分類の定義 → 第3章 4(1)). */
  help?: { label: string; clauses: readonly string[] };
  /** A check that needs earlier answers or today's date; returns the message when it fails. */
  check?: (value: unknown, env: CheckEnv) => string | undefined;
  /** How the answer reads in a summary; the default joins option labels or shows the text. */
  format?: (value: unknown) => string;
  /** For confirm steps: the summary to show. */
  summary?: (ctx: ProcContext) => SummaryData;
}

/** A state that stops the procedure because the policy forbids the answer given. */
export interface BlockSpec {
  text: string;
  clauses: readonly string[];
}

/** A state in which a submitted procedure waits for a later report (持ち込み, カードが見つかった). */
export interface ParkSpec {
  text: string;
  /** The button that resumes it. */
  resumeLabel: string;
}

/** Meta on each leaf state: exactly one of these. */
export interface StateMeta {
  step?: StepSpec;
  blocked?: BlockSpec;
  parked?: ParkSpec;
  /** A final state; `text` is said when it is reached. */
  done?: { text: string };
}

export interface ProcContext {
  /** The run id: the request's `ref` and the idempotency key of everything it sends. */
  run: string;
  requester: Requester;
  /** Every answer given, by step id (kept after 戻る for prefill). */
  answers: Record<string, unknown>;
  /** Step ids answered on the current path, in order (戻る pops the last one). */
  trail: string[];
  /** The answers as submitted (set when the request is sent; later phases read them). */
  sealed: Record<string, unknown> | null;
}

export interface ProcInput {
  run: string;
  requester: Requester;
}

export type ProcEvent =
  | { type: 'ANSWER'; step: string; value: unknown }
  | { type: 'BACK' }
  | { type: 'CANCEL' }
  | { type: 'RESUME' };

export type ProcEmitted =
  | { type: 'submit'; draft: RequestDraft }
  | { type: 'task'; name: string; task: TaskDraft }
  | { type: 'followUp'; name: string; event: FollowUpEvent };

/** The answer to `step` if it is on the current path. */
export function given<T = unknown>(ctx: ProcContext, step: string): T | undefined {
  return ctx.trail.includes(step) ? (ctx.answers[step] as T) : undefined;
}

/** Answers on the current path only. */
export function givenAnswers(ctx: ProcContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of ctx.trail) out[s] = ctx.answers[s];
  return out;
}

function answerValue(event: ProcEvent): unknown {
  return event.type === 'ANSWER' ? event.value : undefined;
}

/** The shared setup: every procedure machine is `procedureSetup.extend({...}).createMachine({...})`. */
export const procedureSetup = setup({
  types: {} as {
    context: ProcContext;
    events: ProcEvent;
    input: ProcInput;
    emitted: ProcEmitted;
    meta: StateMeta;
  },
  actions: {
    /** Keeps the answer and puts its step on the path. */
    record: assign(({ context, event }) => {
      if (event.type !== 'ANSWER') return {};
      return {
        answers: { ...context.answers, [event.step]: event.value },
        trail: [...context.trail.filter((s) => s !== event.step), event.step],
      };
    }),
    /** 戻る: the last answered step becomes the current one again. */
    popTrail: assign(({ context }) => ({ trail: context.trail.slice(0, -1) })),
    /** On submission: the answers are frozen as sent and the path starts again (nothing before it can be changed). */
    seal: assign(({ context }) => ({ sealed: givenAnswers(context), trail: [] as string[] })),
    /** The next phase starts with an empty path. */
    clearTrail: assign(() => ({ trail: [] as string[] })),
  },
  guards: {
    /** The step answered last (the target of 戻る). */
    lastAnswered: ({ context }, params: { step: string }) => context.trail[context.trail.length - 1] === params.step,
    /** The answer being given equals a value (choice steps). */
    answerIs: ({ event }, params: { value: string }) => answerValue(event) === params.value,
  },
});

/** The context a machine starts with. */
export function initialContext({ input }: { input: ProcInput }): ProcContext {
  return { run: input.run, requester: input.requester, answers: {}, trail: [], sealed: null };
}

/** 戻る from any state of a phase: back to the step answered last, whichever it is. */
export function backTransitions(steps: readonly string[]) {
  return steps.map((step) => ({
    guard: { type: 'lastAnswered' as const, params: { step } },
    target: `.${step}`,
    actions: 'popTrail' as const,
  }));
}

/** How an answer reads in a summary. */
export function formatAnswer(spec: StepSpec, value: unknown): string {
  if (spec.format) return spec.format(value);
  const input = spec.input;
  switch (input.kind) {
    case 'choice':
    case 'multi':
      return optionLabels(input.options, value);
    case 'period': {
      const p = value as { from: string; until: string };
      return p.from === p.until ? formatJa(p.from) : `${formatJa(p.from)}〜${formatJa(p.until)}`;
    }
    case 'date':
      return formatJa(String(value));
    case 'text':
      return String(value);
    case 'confirm':
      return '';
  }
}

/** Summary rows, in the order answered, for the steps of `specs` on the current path. */
export function summaryRows(ctx: ProcContext, specs: Readonly<Record<string, StepSpec>>): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  for (const id of ctx.trail) {
    const spec = specs[id];
    if (spec && spec.input.kind !== 'confirm') rows.push({ label: spec.title, value: formatAnswer(spec, ctx.answers[id]) });
  }
  return rows;
}

/** Labels of the chosen options, joined. */
export function optionLabels(options: readonly Option[], value: unknown): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => options.find((o) => o.value === v)?.label ?? String(v)).join('、');
}

/** Options shared by yes/no questions. */
export const YES: Option = { value: 'yes', label: 'はい', synonyms: ['yes', 'y', 'うん', 'そうです', 'はいそうです', 'ある', 'あります', '使う', '使います', '使用する', '使用します', '盗まれた'] };
export const NO: Option = { value: 'no', label: 'いいえ', synonyms: ['no', 'n', 'いえ', 'ううん', 'ちがう', '違う', '違います', 'ない', 'ありません', '使わない', '使いません', '使用しない', '使用しません'] };
export const UNKNOWN: Option = { value: 'unknown', label: 'わからない', synonyms: ['わかりません', '分からない', '分かりません', '不明', '知らない', '覚えていない', 'さあ', '?'] };

/** Everything the runner needs to know about a procedure besides its machine. */
export interface ProcedureInfo {
  id: ProcedureId;
  /** 持ち出し申請 */
  title: string;
  /** Said before the first question (urgent first words first). */
  intro: readonly { text: string; style: 'plain' | 'urgent' }[];
  /** Said when it is cancelled or expires before anything was sent (urgent procedures: report anyway). */
  unsent?: string;
  /** How a run is named in lists and notices. */
  describe(ctx: ProcContext): string;
  /**
   * Steps a one-card form may answer at once (in machine order), with the form's title and lead;
   * `notes` marks fields that apply only in some cases (they are optional on the card).
   */
  form?: { title: string; text: string; steps: readonly string[]; notes?: Readonly<Record<string, string>> };
}

/** The typed machine returned by `procedureSetup.extend(...).createMachine(...)`. */
export type ProcedureMachine = ReturnType<typeof procedureSetup.createMachine>;
