// The data that card buttons post back (Action.Submit `data`), one shape per action, validated with zod.
// Routing uses the `action` field (AgentApplication's actionSubmitFilter is set to 'action').

import { z } from 'zod';

export const ACTION_FIELD = 'action';

export const procedureIds = ['carry-out', 'lost-card', 'infection'] as const;
export type ProcedureId = (typeof procedureIds)[number];

export const helpAction = z.object({ action: z.literal('help') });
export const procedureStartAction = z.object({ action: z.literal('procedure.start'), procedure: z.enum(procedureIds) });
export const requestsListAction = z.object({ action: z.literal('requests.list') });

export type HelpAction = z.infer<typeof helpAction>;
export type ProcedureStartAction = z.infer<typeof procedureStartAction>;
export type RequestsListAction = z.infer<typeof requestsListAction>;

/** Button captions for the guided procedures. */
export const procedureTitles: Record<ProcedureId, string> = {
  'carry-out': '持ち出し申請',
  'lost-card': 'ICカード紛失',
  infection: '感染の疑い',
};
