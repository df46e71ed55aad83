// The JSON the pages' API returns and accepts (shared by the server and the pages; types only, no imports that run).

export type RequestAction = 'approve' | 'reject';

export interface HistoryEntry {
  at: string;
  /** 申請 / 承認 / 却下 / 取り下げ / … */
  label: string;
  by?: string;
  comment?: string;
}

/** One request as the tab shows it to the person asking. */
export interface RequestItem {
  requestId: string;
  /** 受付番号 */
  shortId: string;
  /** Send it back with a decision: a decision made on an older version changes nothing. */
  version: number;
  kind: string;
  kindLabel: string;
  title: string;
  state: string;
  stateLabel: string;
  open: boolean;
  urgent: boolean;
  createdAt: string;
  updatedAt: string;
  requester: { name?: string; department?: string };
  period?: { from: string; until: string };
  clauses: string[];
  /** The request's content (the procedure's summary rows); empty for viewers who may not see it. */
  rows: { label: string; value: string }[];
  question?: string;
  /** Who decides, and what they decided. */
  assignments: { role: string; holders: string[]; reason?: string; decision?: { outcome: 'approved' | 'rejected'; by?: string; at: string; comment?: string } }[];
  /** The buttons the tab shows to this person (承認 / 却下). */
  actions: RequestAction[];
  history: HistoryEntry[];
}

export interface RequestsResponse {
  user: { name?: string; development: boolean };
  /** My requests, newest first. */
  mine: RequestItem[];
  /** Requests waiting for my decision, oldest first. */
  waiting: RequestItem[];
}

export interface DecisionBody {
  version: number;
  decision: RequestAction;
  comment?: string;
}

export interface DecisionResponse {
  outcome: 'applied' | 'duplicate' | 'stale' | 'forbidden' | 'illegal' | 'not-found' | 'invalid';
  /** A short Japanese sentence for the person who acted. */
  message: string;
  request?: RequestItem;
}

/** The 持ち出し申請 form checked on the server (the same function the bot runs on task/submit). */
export type CarryOutCheckResponse =
  | { ok: true; title: string; rows: { label: string; value: string }[]; roles: string[]; clauses: string[] }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; blocked: { text: string; quotes: { label: string; text: string }[]; clauses: string[] } };

/** What an API error body looks like. */
export interface ApiError {
  error: string;
  /** Japanese, for the page. */
  message: string;
}
