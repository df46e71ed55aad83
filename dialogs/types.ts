// Public, serialisable shapes of the guided procedures: what the bot sends in (DialogInput),
// what it renders (Output), and what the approvals workflow receives (Effect).
// Everything here is plain JSON; nothing depends on the bot SDK.

import type { RequestDraft, Requester } from '../approvals/types';
import type { Answer, ProcedureId } from '../knowledge/types';

export type { ProcedureId, RequestDraft, Requester };

export const PROCEDURE_IDS = ['carry-out', 'lost-card', 'infection'] as const satisfies readonly ProcedureId[];

/** A verbatim clause quote, as the knowledge engine gives it. */
export interface Quote {
  label: string;
  text: string;
}

/** Looks up the verbatim text of a clause by canonical label; undefined when the label is unknown. */
export type QuoteFn = (label: string) => Quote | undefined;

/** Answers a policy question typed in the middle of a procedure (the knowledge engine or the LLM option). */
export type AskFn = (question: string) => Answer | Promise<Answer>;

// ---------------------------------------------------------------------------------------------
// Input

/** What the bot passes in for one turn. */
export type DialogInput =
  /** Text the person typed (untrusted, any length). */
  | { type: 'text'; text: string }
  /** The `value` of an Adaptive Card submission (Action.Submit data merged with the card's inputs; untrusted). */
  | { type: 'card'; data: unknown }
  /** A procedure started by button or command outside the chat text (welcome card, answer suggestion). */
  | { type: 'start'; procedure: ProcedureId };

/**
 * The data objects this library puts on buttons and submit actions, and accepts back.
 * Every one carries `dialog`, so the bot can route any submission with a `dialog` field to the runner.
 * Inputs rendered from `Field`s are merged in by Teams under their `id`.
 */
export type CardData =
  | { dialog: 'start'; procedure: ProcedureId }
  | { dialog: 'confirmStart'; procedure: ProcedureId; accept: boolean }
  | { dialog: 'answer'; run: string; step: string; value?: unknown }
  | { dialog: 'form'; run: string }
  | { dialog: 'command'; run: string; command: CommandName }
  | { dialog: 'resume'; run: string };

/**
 * cancel: キャンセル/やめる; back: 戻る; why: なぜ？ (the step's clauses); info: the step's own help (分類の定義);
 * help: how to use the procedure; form: the whole form as one card; retry: resend what could not be delivered.
 */
export type CommandName = 'cancel' | 'back' | 'why' | 'info' | 'help' | 'form' | 'retry';

// ---------------------------------------------------------------------------------------------
// Output

/** A button: show `label`; when pressed, submit `data` (Action.Submit / Action.Execute data). */
export interface Choice {
  label: string;
  data: CardData;
  /** One short line under the button or in a choice list (e.g. the 機密性 definitions). */
  description?: string;
  /** 'primary' for the positive action (申請する), 'destructive' for キャンセル; plain otherwise. */
  style?: 'primary' | 'destructive';
}

/** An input on a card. Its value comes back in the submission under `id`. */
export interface Field {
  id: string;
  label: string;
  kind: 'text' | 'multiline' | 'date' | 'select' | 'multiselect';
  required: boolean;
  options?: { value: string; label: string }[];
  maxLength?: number;
  placeholder?: string;
  /** Prefill (a string; multiselect values joined with ','). */
  value?: string;
  /** A validation message to show under the input. */
  error?: string;
  /** When the field applies (e.g. 機密性2以上の場合). */
  note?: string;
}

/** The prompt a procedure is waiting on: a question, a whole-form card, a summary to confirm, or a block. */
export type Prompt = QuestionOutput | FormOutput | SummaryOutput | BlockedOutput;

export interface QuestionOutput {
  type: 'question';
  procedure: ProcedureId;
  run: string;
  step: string;
  /** 1-based number of this question in the current phase. */
  index: number;
  text: string;
  hint?: string;
  /** Why the previous answer was not accepted (short); set when re-asking. */
  error?: string;
  /** The earlier answer to this step, for display after 戻る. */
  previous?: string;
  /** One button per choice (single choice steps). */
  choices?: Choice[];
  /** Inputs for a one-question card (multi-select, text, dates) and the button that submits them. */
  fields?: Field[];
  submit?: Choice;
  /** 戻る / なぜ？ / キャンセル, plus step-specific help and フォームでまとめて入力. */
  actions: Choice[];
}

export interface FormOutput {
  type: 'form';
  procedure: ProcedureId;
  run: string;
  title: string;
  text: string;
  fields: Field[];
  /** Field id → message; empty when the form is first shown. */
  errors: Record<string, string>;
  submit: Choice;
  actions: Choice[];
}

export interface SummaryOutput {
  type: 'summary';
  procedure: ProcedureId;
  run: string;
  step: string;
  title: string;
  text: string;
  rows: { label: string; value: string }[];
  /** Who the request goes to, as the policy names them. */
  roles: string[];
  /** Canonical labels of the clauses behind the request. */
  clauses: string[];
  choices: Choice[];
  actions: Choice[];
}

export interface BlockedOutput {
  type: 'blocked';
  procedure: ProcedureId;
  run: string;
  step: string;
  text: string;
  quotes: Quote[];
  actions: Choice[];
}

export type NoticeKind =
  | 'cancelled'
  | 'expired'
  | 'stale'
  | 'conflict'
  | 'cannotGoBack'
  | 'interrupted'
  | 'closed'
  | 'done'
  | 'help'
  | 'deliveryFailed'
  | 'unreadable'
  | 'declined'
  | 'askFailed'
  | 'rejected';

export type Output =
  | Prompt
  /** A message; 'urgent' is rendered bold/attention (the first words of lost-card and infection). */
  | { type: 'message'; text: string; style: 'plain' | 'urgent' }
  /** なぜ？ or a step's help: the verbatim clauses. */
  | { type: 'why'; procedure: ProcedureId; step: string; title: string; quotes: Quote[] }
  /** The answer to a policy question typed mid-flow (render as the bot renders any answer). */
  | { type: 'answer'; answer: Answer }
  /** Free text looked like a procedure: ask once before starting. */
  | { type: 'confirmStart'; procedure: ProcedureId; text: string; choices: Choice[] }
  /** Several parked procedures fit a follow-up: which one? */
  | { type: 'pickRun'; procedure: ProcedureId; text: string; choices: Choice[] }
  /** A request was handed to the approvals workflow. */
  | { type: 'submitted'; procedure: ProcedureId; ref: string; draft: RequestDraft; tasks: TaskDraft[]; text: string }
  /** A follow-up (持ち込み, found card, …) was handed to the approvals workflow. */
  | { type: 'followUp'; procedure: ProcedureId; ref: string; requestRef: string; event: FollowUpEvent; text: string }
  /** The procedure now waits for a later report; `resume` starts it. */
  | { type: 'parked'; procedure: ProcedureId; run: string; text: string; resume: Choice }
  | { type: 'notice'; kind: NoticeKind; procedure?: ProcedureId; text: string };

// ---------------------------------------------------------------------------------------------
// Effects: what the approvals workflow receives (idempotent by `ref`)

/** A one-click task for role holders, or an action hook a real system can implement. */
export interface TaskDraft {
  kind: 'stop-card-access' | 'destroy-old-card';
  roles: string[];
  clauses: string[];
  urgent: boolean;
  title: string;
  /** The button that marks it done (停止しました, 廃棄しました). */
  doneLabel: string;
  details: Record<string, unknown>;
}

/** Later events on a submitted request, reported by the requester in the same conversation. */
export type FollowUpEvent =
  | {
      kind: 'carry-out.returned';
      clauses: string[];
      /** ISO date the items came back. */
      returnedOn: string;
      details: Record<string, unknown>;
    }
  | { kind: 'lost-card.found'; clauses: string[]; details: Record<string, unknown> }
  | {
      kind: 'lost-card.replaced';
      clauses: string[];
      /** Whether the old card has turned up and was handed over for destruction. */
      oldCard: 'handedOver' | 'missing';
      details: Record<string, unknown>;
    };

/**
 * Handed to `deliver` by the runner (after the state that produced it is stored), at least once, in order.
 * `ref` is stable and unique: use it as the idempotency key. `requestRef` is the `ref` of the request a task or
 * follow-up belongs to; `requestId` is what `deliver` returned for that request's submit effect, when it did.
 */
export type Effect =
  | { type: 'submit'; ref: string; procedure: ProcedureId; at: string; draft: RequestDraft }
  | { type: 'task'; ref: string; requestRef: string; requestId?: string; procedure: ProcedureId; at: string; task: TaskDraft }
  | { type: 'followUp'; ref: string; requestRef: string; requestId?: string; procedure: ProcedureId; at: string; event: FollowUpEvent };

/** What `deliver` may return: the workflow's id for a submitted request (passed on to its tasks and follow-ups). */
export type DeliveryReceipt = void | { requestId?: string };

/**
 * Thrown by `deliver` when the workflow refuses an effect for good (an invalid draft, nobody to route to, a return
 * report on a request that is not approved): it is not retried, and `userMessage` is shown to the person.
 * Any other error is taken as transient: the effect stays stored and is retried.
 */
export class EffectRejected extends Error {
  constructor(readonly userMessage: string) {
    super(`effect rejected: ${userMessage}`);
    this.name = 'EffectRejected';
  }
}
