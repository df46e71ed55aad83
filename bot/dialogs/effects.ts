// Where the guided procedures' effects go: submitted requests (RequestDraft), tasks and follow-ups.
//
// The runner calls `deliver` after the state that produced an effect is stored, in order, at least once. The bot
// hands them to the approvals workflow it runs (`openEffectSink` below); a test can pass its own sink through
// `createServer(config, { dialogs: { effects } })` (e.g. StoredEffects, which keeps them as data in `dialog_effects`).

import type { DeliveryReceipt, Effect } from '../../dialogs/types';
import type { Db } from '../../storage/types';
import type { Logger } from '../log';
import type { BotApprovals } from '../approvals/setup';
import { approvalsEffectSink } from './approvals-sink';
import { StoredEffects, forwardPending } from './effect-store';

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
 * The sink the bot uses: the approvals workflow the bot started (`approvalsEffectSink`, bot/dialogs/approvals-sink.ts),
 * each delivered effect followed by a nudge of its outbox so the approver's card goes out at once. Effects kept in
 * `dialog_effects` before the bot ran the workflow are handed over first (once; idempotent by their refs, so two
 * instances starting together are harmless).
 */
export async function openEffectSink(db: Db, log: Logger, approvals: BotApprovals): Promise<DialogEffectSink> {
  const sink = approvalsEffectSink(approvals.approvals, log);
  const live: DialogEffectSink = {
    async deliver(effect, origin) {
      const receipt = await sink.deliver(effect, origin);
      const requestId = receipt && typeof receipt.requestId === 'string' ? receipt.requestId : undefined;
      const userId = origin?.user.aadObjectId ?? origin?.user.id;
      if (effect.type === 'submit' && requestId && origin?.conversation.id && userId) {
        // Remembered so that a rejection, withdrawal or expiry closes the procedure's wait for its follow-up.
        await approvals.procedures.record(requestId, { run: effect.ref, conversationId: origin.conversation.id, userId });
      }
      approvals.nudge();
      return receipt;
    },
  };
  const kept = await forwardPending(await StoredEffects.open(db, { log }), live, { log });
  if (kept.forwarded > 0 || kept.refused > 0 || kept.failed) {
    log.info('dialog.effects.forwarded', { forwardedCount: kept.forwarded, refusedCount: kept.refused, failed: kept.failed });
  }
  return live;
}
