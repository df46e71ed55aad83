// Shared types of the knowledge engine: the policy as clauses, and the answers built from them.
// Everything else in the project (bot, dialogs, approvals, LLM option) depends on these shapes.

/** The six answers FORMAT.md defines. */
export type Verdict =
  | 'prohibited'
  | 'needs_permission'
  | 'must_report'
  | 'required'
  | 'allowed'
  | 'not_covered';

/** A role exactly as the policy writes it (CISO, 統括情報セキュリティ責任者, データ取扱責任者, …). */
export type Role = string;

/** What a clause asks of its actor, derived from its wording. */
export type Modality = 'prohibition' | 'obligation' | 'permission' | 'report' | 'exception';

/** Guided procedures an answer can suggest. */
export type ProcedureId = 'carry-out' | 'lost-card' | 'infection';

export type ClauseKind = 'chapter' | 'section' | 'subsection' | 'item' | 'subitem' | 'point';

export interface ClauseFacts {
  modalities: Modality[];
  /** Every role the clause names. */
  roles: Role[];
  /** Who the clause binds (職員等, a role, or null when impersonal). */
  actor: Role | null;
  /** Every role the clause binds: its actor and those named with it (「統括情報セキュリティ責任者及び情報システム管理者は」). */
  actors: Role[];
  /** Who grants permission or approval (許可・承認). */
  grantors: Role[];
  /** Who must be reported to or notified (報告・通報・通知). */
  reportTo: Role[];
  /** Conditions such as 機密性2以上, 私物パソコン. */
  conditions: string[];
}

export interface Clause {
  /** Canonical label, e.g. 第3章 7(4)ア(ア)c (FORMAT.md). */
  label: string;
  chapter: number;
  /** Label segments below the chapter: ['7', '(4)', 'ア', '(ア)', 'c']. */
  segments: string[];
  kind: ClauseKind;
  /** The clause's own heading (e.g. ICカード等の取扱い), '' when it has none. */
  title: string;
  /** Headings from the chapter down to this clause, inclusive. */
  headings: string[];
  /** The clause's own text, cleaned of extraction noise; quotes are substrings of it. */
  text: string;
  parent: string | null;
  children: string[];
  facts: ClauseFacts;
}

/** A cited clause with a verbatim quote taken from its text. */
export interface Citation {
  label: string;
  quote: string;
  headings: string[];
}

export interface Answer {
  verdict: Verdict;
  /** Approvers (needs_permission) or report-to roles (must_report); empty otherwise. */
  roles: Role[];
  /** Ranked, best first. */
  citations: Citation[];
  /** A short Japanese reply for a person: verdict first, who to ask, the quote and its label. */
  reply: string;
  /** A guided procedure that fits the question, if any. */
  procedure: ProcedureId | null;
  /** Set when the input itself was unusual (empty, truncated, no words). */
  inputNotice: 'empty' | 'truncated' | 'no_text' | null;
}

/** A clause found for a question, with its retrieval score. */
export interface Retrieved {
  clause: Clause;
  score: number;
}

export interface KnowledgeEngine {
  answer(question: string): Answer;
  /** The best clauses for a question (used by the LLM option). */
  retrieve(question: string, k?: number): Retrieved[];
  clause(label: string): Clause | undefined;
  readonly clauses: readonly Clause[];
}
