// The contract between what submits a request (guided procedures, 「許可を申請する」/「報告する」 buttons)
// and the approvals workflow that routes, tracks and records it.

/** carry-out: 持ち出し申請; lost-card: ICカード紛失; infection: 感染の疑い; permission / report: any answer's request. */
export type RequestKind = 'carry-out' | 'lost-card' | 'infection' | 'permission' | 'report';

/** Who a request comes from, as Teams identifies them. */
export interface Requester {
  /** Azure AD object id when known (Teams `from.aadObjectId`), else the channel user id. */
  userId: string;
  /** Display name (never logged). */
  name?: string;
}

/** A request as a procedure or an answer button submits it, before the workflow stores it. */
export interface RequestDraft {
  kind: RequestKind;
  /** Urgent reports (lost card, infection) are escalated when nobody acknowledges them. */
  urgent: boolean;
  requester: Requester;
  /** Roles to route to, exactly as the policy writes them (データ取扱責任者, 統括情報セキュリティ責任者, …). */
  roles: string[];
  /** Canonical labels of the clauses that require this request. */
  clauses: string[];
  /** One line in Japanese that says what it is (shown in lists and card titles). */
  title: string;
  /** Kind-specific answers, already validated by the submitting procedure's zod schema. */
  details: Record<string, unknown>;
  /** The question that led to it, for requests from an answer. */
  question?: string;
  /** For permissions with a period (ISO 8601 dates or date-times). */
  period?: { from: string; until: string };
}

/**
 * A one-click task a procedure asks for on a submitted report (the guided procedures' TaskDraft):
 * stop-card-access (停止しました, 第3章 7(4)ア(イ)), destroy-old-card (廃棄しました, 7(4)ア(ウ)), …
 */
export interface TaskRequest {
  kind: string;
  roles: string[];
  clauses: string[];
  urgent?: boolean;
  title: string;
  /** The button that marks it done. */
  doneLabel: string;
  details?: Record<string, unknown>;
}

/** Something the requester reports later about their request (the guided procedures' FollowUpEvent). */
export type FollowUpRequest =
  | { kind: 'carry-out.returned'; clauses?: string[]; /** ISO date the items came back. */ returnedOn: string; details?: Record<string, unknown> }
  | { kind: 'lost-card.found'; clauses?: string[]; details?: Record<string, unknown> }
  | { kind: 'lost-card.replaced'; clauses?: string[]; oldCard: 'handedOver' | 'missing'; details?: Record<string, unknown> };
