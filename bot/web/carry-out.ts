// The 持ち出し申請 form as a web page, on the server: the values are checked by the guided procedure itself
// (dialogs' draftFromForm: the same parsing, zod schemas, checks and blocks as the chat), and a valid form becomes
// the same RequestDraft the chat submits. Used by the page's check API and by the bot's task/submit.

import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../../dialogs/dates';
import { draftFromForm, type Quote, type RequestDraft, type Requester } from '../../dialogs';
import type { KnowledgeEngine } from '../../knowledge/types';
import type { CarryOutCheckResponse } from './contract';

/** The raw form values (field id → string, or a list for multi-select), bounded. */
export const formValuesSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/), z.union([z.string().max(2000), z.array(z.string().max(200)).max(10)]))
  .refine((v) => Object.keys(v).length <= 40, 'too many fields');

export type FormValues = z.infer<typeof formValuesSchema>;

/** What the dialog page passes to dialog.url.submit, and the bot receives on task/submit. */
export const carryOutSubmissionSchema = z.object({
  dialog: z.literal('carry-out'),
  /** One id per opened dialog: the idempotency key of the request (a second submit stores nothing new). */
  submissionId: z.uuid(),
  values: formValuesSchema,
});

export type CarryOutSubmission = z.infer<typeof carryOutSubmissionSchema>;

export interface CarryOutOptions {
  engine: KnowledgeEngine;
  timeZone?: string;
  now?: Date;
  ref?: string;
}

export type CarryOutResult =
  | { ok: true; ref: string; draft: RequestDraft }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; blocked: { text: string; quotes: Quote[]; clauses: string[] } };

function quoteFrom(engine: KnowledgeEngine) {
  return (label: string): Quote | undefined => {
    const clause = engine.clause(label);
    return clause && clause.text.trim() ? { label: clause.label, text: clause.text } : undefined;
  };
}

export function checkCarryOut(values: FormValues, requester: Requester, o: CarryOutOptions): CarryOutResult {
  const r = draftFromForm('carry-out', values, requester, {
    quote: quoteFrom(o.engine),
    timeZone: o.timeZone ?? DEFAULT_TIME_ZONE,
    ...(o.now ? { now: o.now } : {}),
    ...(o.ref ? { ref: o.ref } : {}),
  });
  if (r.ok) return { ok: true, ref: r.ref, draft: r.draft };
  return r;
}

export function summaryRows(draft: RequestDraft): { label: string; value: string }[] {
  const rows = draft.details['summary'];
  return Array.isArray(rows)
    ? rows.flatMap((x: unknown) => {
        const r = x as Record<string, unknown> | null;
        return r && typeof r.label === 'string' && typeof r.value === 'string' ? [{ label: r.label, value: r.value }] : [];
      })
    : [];
}

/** The page's view of a check. */
export function checkResponse(r: CarryOutResult): CarryOutCheckResponse {
  if (r.ok) return { ok: true, title: r.draft.title, rows: summaryRows(r.draft), roles: r.draft.roles, clauses: r.draft.clauses };
  if ('errors' in r) return { ok: false, errors: r.errors };
  return { ok: false, blocked: r.blocked };
}

/** The request's idempotency key for a dialog submission. */
export function submissionRef(submissionId: string): string {
  return `web/carry-out/${submissionId.toLowerCase()}`;
}
