// What is stored per conversation and person: the procedure in progress, the submitted ones waiting for a
// follow-up, a pending "start this?" question, and effects not yet delivered. Plain JSON, validated on load.

import { z } from 'zod';
import { PROCEDURE_IDS, type Effect, type ProcedureId } from './types';

export interface RunRecord {
  procedure: ProcedureId;
  run: string;
  /** The xstate persisted snapshot (plain JSON). */
  snapshot: unknown;
  /** Last time the person moved it forward (ISO). */
  updatedAt: string;
  /** Invalid answers in a row at the current step. */
  misses: number;
  /** The approvals workflow's id for this run's request, once delivered (from `deliver`'s receipt). */
  requestId?: string;
}

export interface ParkedRecord extends RunRecord {
  title: string;
  parkedAt: string;
}

export interface PendingStart {
  procedure: ProcedureId;
  /** The text that suggested it (answered as a question when the person declines). */
  text: string;
  at: string;
}

export interface DialogState {
  v: 1;
  active: RunRecord | null;
  parked: ParkedRecord[];
  pending: PendingStart | null;
  /** Effects stored with the state that produced them, removed once delivered. */
  outbox: Effect[];
}

export const MAX_PARKED = 20;

const procedureId = z.enum(PROCEDURE_IDS);
const iso = z.iso.datetime({ offset: true });

const runSchema = z.object({
  procedure: procedureId,
  run: z.string().min(1).max(200),
  snapshot: z.unknown(),
  updatedAt: iso,
  misses: z.number().int().min(0).max(1000),
  requestId: z.string().min(1).max(200).optional(),
});

const effectSchema = z.looseObject({
  type: z.enum(['submit', 'task', 'followUp']),
  ref: z.string().min(1),
  procedure: procedureId,
  at: iso,
});

export const dialogStateSchema = z.object({
  v: z.literal(1),
  active: runSchema.nullable(),
  parked: z.array(runSchema.extend({ title: z.string().max(500), parkedAt: iso })).max(MAX_PARKED),
  pending: z.object({ procedure: procedureId, text: z.string().max(5000), at: iso }).nullable(),
  outbox: z.array(effectSchema).max(100),
});

export function emptyState(): DialogState {
  return { v: 1, active: null, parked: [], pending: null, outbox: [] };
}

/** A stored state, or null when it is missing or cannot be read. */
export function readState(stored: unknown): { state: DialogState; unreadable: boolean } {
  if (stored === undefined || stored === null) return { state: emptyState(), unreadable: false };
  const r = dialogStateSchema.safeParse(stored);
  if (!r.success) return { state: emptyState(), unreadable: true };
  return { state: r.data as DialogState, unreadable: false };
}

export function isEmpty(s: DialogState): boolean {
  return s.active === null && s.parked.length === 0 && s.pending === null && s.outbox.length === 0;
}
