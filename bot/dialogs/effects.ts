// Where the guided procedures' effects go: submitted requests (RequestDraft), tasks and follow-ups.
//
// The runner calls `deliver` after the state that produced an effect is stored, in order, at least once.
// Until the approvals workflow is merged, the bot keeps them as data in its own database (StoredEffects,
// `dialog_effects`), ready for the approvals glue. The approvals integration replaces `openEffectSink` below
// (or passes its own sink through `createServer(config, { dialogs: { effects } })`) — nothing else changes.

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

/** Opens the sink the bot uses by default. The approvals integration replaces this one function. */
export async function openEffectSink(db: Db, log: Logger): Promise<DialogEffectSink> {
  return StoredEffects.open(db, { log });
}
