// Where the guided procedures' effects go: submitted requests (RequestDraft), tasks and follow-ups.
//
// The runner calls `deliver` after the state that produced an effect is stored, in order, at least once.
// Until the bot starts the approvals workflow (approvals/ is a library so far), it keeps them as data in its own
// database (StoredEffects, `dialog_effects`), ready for the approvals glue. The approvals integration replaces
// `openEffectSink` below (or passes its own sink through `createServer(config, { dialogs: { effects } })`) with
// approvalsEffectSink (bot/dialogs/approvals-sink.ts) — nothing else changes.

import type { DeliveryReceipt, Effect } from '../../dialogs/types';
import type { Db } from '../../storage/types';
import type { Logger } from '../log';
import { StoredEffects } from './effect-store';

/** Where to reach the person again (a Bot Framework conversation reference without names). */
export interface EffectOrigin {
  channelId: string;
  serviceUrl?: string;
  conversation: { id: string; conversationType?: string; tenantId?: string };
  /** The requester as the channel knows them (id) and as Entra knows them (aadObjectId). */
  user: { id: string; aadObjectId?: string };
  bot?: { id: string };
}

/**
 * The one interface the approvals integration implements.
 *
 * - Idempotent by `effect.ref` (a redelivered effect must not create a second request, task or event).
 * - `submit`: return `{ requestId }` to have it passed on to that request's tasks and follow-ups
 *   (`effect.requestId`); `effect.ref` is also `draft.details.dialogRef`.
 * - Throw `EffectRejected(message)` (from dialogs/) to refuse for good: the message is shown to the person.
 *   Any other error is transient: the effect stays stored and is retried on the next turn or 「再送」.
 * - `origin` is the conversation the effect came from (undefined when retried outside a turn): the place to
 *   tell the requester about approvals, rejections and reminders.
 */
export interface DialogEffectSink {
  deliver(effect: Effect, origin: EffectOrigin | undefined): Promise<DeliveryReceipt>;
}

/**
 * Opens the sink the bot uses by default. The approvals integration replaces this one function, e.g.:
 *
 *   const rt = await startApprovals({ db, directory, deliver, … });      // approvals/runtime.ts
 *   await forwardPending(await StoredEffects.open(db), approvalsEffectSink(rt.approvals, log));   // rows kept so far
 *   return approvalsEffectSink(rt.approvals, log);                        // bot/dialogs/approvals-sink.ts
 */
export async function openEffectSink(db: Db, log: Logger): Promise<DialogEffectSink> {
  return StoredEffects.open(db, { log });
}
