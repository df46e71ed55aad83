// What the approval cards' buttons send back, validated with zod. Universal actions (Action.Execute) come as the
// invoke `adaptiveCard/action` with a verb and data; plain buttons (Action.Submit) as a message whose value has
// `action`. Everything here is untrusted: the server decides with approvals.act() what the person may do.

import { z } from 'zod';

/** Verbs of the approval cards' universal actions (Action.Execute). */
export const ACT_VERB = 'approvals.act';
export const REFRESH_VERB = 'approvals.refresh';
export const APPROVAL_VERBS = [ACT_VERB, REFRESH_VERB] as const;

export const actTypes = ['approve', 'reject', 'cancel', 'acknowledge', 'complete-task', 'evaluate', 'close', 'return'] as const;

const requestId = z.string().trim().min(1).max(64);

/** The data of an action button on a request card (the card's comment input is merged in by the client). */
export const actData = z.object({
  requestId,
  version: z.coerce.number().int().min(1).max(1_000_000),
  act: z.enum(actTypes),
  task: z.string().max(64).optional(),
  incident: z.boolean().optional(),
  /** The card's comment input (Teams sends '' when it was left empty). */
  comment: z.string().max(4000).optional(),
});
export type ActData = z.infer<typeof actData>;

export const refreshData = z.object({ requestId });
export type RefreshData = z.infer<typeof refreshData>;

/** The invoke value Teams sends for Action.Execute (and for a card's automatic refresh). */
export const executeInvokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(100),
    data: z.record(z.string(), z.unknown()).optional().default({}),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

// ------------------------------------------------------------------------------------------ Action.Submit

/** 「許可を申請する」 / 「報告する」 under an answer: opens the short form for that (stored) answer. */
export const offerAction = z.object({ action: z.literal('approvals.offer'), answerId: z.string().uuid() });
export type OfferAction = z.infer<typeof offerAction>;

/** The form's 「送信する」: the answer, the form's own id (idempotency) and the inputs (what, why, from, until). */
export const submitFormAction = z.object({
  action: z.literal('approvals.submit'),
  answerId: z.string().uuid(),
  formId: z.string().uuid(),
  what: z.unknown().optional(),
  why: z.unknown().optional(),
  from: z.unknown().optional(),
  until: z.unknown().optional(),
});
export type SubmitFormAction = z.infer<typeof submitFormAction>;

/** 申請状況's 「内容を見る」: the request's card, as this person may see it. */
export const showRequestAction = z.object({ action: z.literal('approvals.show'), requestId });
export type ShowRequestAction = z.infer<typeof showRequestAction>;
