// The procedures' effects handed to the approvals workflow (approvals/): submit → Approvals.submit (the run id as
// its ref), task → addTask, follow-up → followUp, each idempotent by the effect's ref. Ready for the approvals glue:
// `openEffectSink` (bot/dialogs/effects.ts) returns this once the bot starts the workflow (startApprovals).

import { DraftError, NoRecipientError, type ActResult, type Approvals } from '../../approvals';
import { EffectRejected, type DeliveryReceipt, type Effect } from '../../dialogs/types';
import type { Logger } from '../log';
import type { DialogEffectSink, EffectOrigin } from './effects';

export const NO_RECIPIENT_TEXT = '送信先の責任者が名簿に見つからないため、送信できませんでした。お手数ですが、担当の責任者に直接連絡してください。';
export const INVALID_DRAFT_TEXT = '申請の内容を受け付けられませんでした。';

/** Outcomes that retrying cannot change: the person is told, the runner undoes the step. */
const REFUSED: ReadonlySet<ActResult['outcome']> = new Set(['invalid', 'illegal', 'forbidden', 'not-found']);

function refused(r: ActResult): void {
  if (REFUSED.has(r.outcome)) throw new EffectRejected(r.message || INVALID_DRAFT_TEXT);
  // applied, duplicate (already there: idempotent), stale (no version is sent, so not expected): nothing to retry
}

/** The requester who reports a follow-up: from the conversation, else the request's own requester. */
async function actorOf(approvals: Approvals, e: Exclude<Effect, { type: 'submit' }>, origin: EffectOrigin | undefined): Promise<{ userId: string } | undefined> {
  const fromChat = origin?.user.aadObjectId ?? origin?.user.id;
  if (fromChat) return { userId: fromChat };
  const id = e.requestId ?? (await approvals.requestIdForRef(e.requestRef));
  const rec = id ? await approvals.get(id) : undefined;
  return rec ? { userId: rec.requester.userId } : undefined;
}

export function approvalsEffectSink(approvals: Approvals, log?: Logger): DialogEffectSink {
  return {
    async deliver(e: Effect, origin: EffectOrigin | undefined): Promise<DeliveryReceipt> {
      if (e.type === 'submit') {
        try {
          const r = await approvals.submit(e.draft, { ref: e.ref });
          log?.info('dialog.effect.submitted', { ref: e.ref, requestId: r.requestId, duplicate: r.duplicate, kind: e.draft.kind });
          return { requestId: r.requestId };
        } catch (err) {
          if (err instanceof NoRecipientError) throw new EffectRejected(NO_RECIPIENT_TEXT);
          if (err instanceof DraftError) {
            const first = err.issues[0]?.message;
            throw new EffectRejected(first ? `${INVALID_DRAFT_TEXT}（${first}）` : INVALID_DRAFT_TEXT);
          }
          throw err;
        }
      }
      const target = { requestRef: e.requestRef, ref: e.ref, ...(e.requestId ? { requestId: e.requestId } : {}) };
      if (e.type === 'task') {
        const r = await approvals.addTask({ ...target, task: e.task });
        log?.info('dialog.effect.task', { ref: e.ref, outcome: r.outcome, kind: e.task.kind });
        refused(r);
        return;
      }
      const actor = await actorOf(approvals, e, origin);
      if (!actor) throw new EffectRejected('この報告の申請が見つかりません。');
      const r = await approvals.followUp({ ...target, actor, event: e.event });
      log?.info('dialog.effect.followUp', { ref: e.ref, outcome: r.outcome, kind: e.event.kind });
      refused(r);
    },
  };
}
