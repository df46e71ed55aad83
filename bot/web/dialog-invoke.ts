// The 持ち出し申請 dialog (task module) from the bot's side:
//
// - task/fetch: a card button `carryOutDialogAction()` (Action.Submit with msteams.type task/fetch) or the tab
//   (dialog.url.bot.open) asks to open it → `continue` with https://{host}/dialog/carry-out.
// - task/submit: the page's dialog.url.submit({ dialog: 'carry-out', submissionId, values }) → the values are
//   checked again by the guided procedure (draftFromForm) and the same RequestDraft the chat builds is submitted
//   to the approvals workflow (ref = the submission id, so a repeated submit stores nothing new) → a `message`
//   with the 受付番号.
//
// The requester is the Teams user of the invoke (from.aadObjectId, else from.id), authenticated by the Bot
// Framework token like every activity; nothing in the submitted values can name someone else.

import type { TurnContext } from '@microsoft/agents-hosting';
import { z } from 'zod';
import { DraftError, NoRecipientError, type Approvals } from '../../approvals';
import type { KnowledgeEngine } from '../../knowledge/types';
import type { Logger } from '../log';
import { type BotExtension, onInvoke, turnIds, userIdOf } from '../routing';
import { carryOutSubmissionSchema, checkCarryOut, submissionRef } from './carry-out';

export const CARRY_OUT_DIALOG = 'carry-out';
export const CARRY_OUT_TITLE = '持ち出し申請';

/** The card button that opens the dialog (Teams sends task/fetch with this data). */
export function carryOutDialogAction(title = '持ち出し申請（フォーム）') {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'task/fetch' }, dialog: CARRY_OUT_DIALOG } } as const;
}

const fetchValue = z.object({ data: z.looseObject({ dialog: z.string().max(40).optional() }).optional() }).loose();

export interface DialogInvokeOptions {
  engine: KnowledgeEngine;
  approvals: () => Approvals | undefined;
  /** https://{host}/dialog/carry-out */
  dialogUrl: () => string;
  log: Logger;
  timeZone?: string;
  now?: () => Date;
  /** Called after a request was stored (e.g. to deliver its notifications right away). */
  afterChange?: () => void;
}

const message = (value: string) => ({ status: 200, body: { task: { type: 'message', value } } });

export const TEXT = {
  submitted: (shortId: string) => `持ち出し申請を送信しました（受付番号 ${shortId}）。進み具合は「申請」タブで確認できます。`,
  invalid: '入力内容を確認できなかったため、送信できませんでした。もう一度フォームを開いて入力してください。',
  unavailable: '申請の機能を準備しています。しばらくしてからもう一度お試しください。',
  noRecipient: 'この申請を受け取る担当者が組織名簿に見つからないため、送信できませんでした。情報セキュリティの担当者に連絡してください。',
  unknownDialog: 'このフォームには対応していません。',
} as const;

export function dialogInvokes(o: DialogInvokeOptions): BotExtension {
  return (app) => {
    onInvoke(app, 'task/fetch', async (ctx: TurnContext) => {
      const parsed = fetchValue.safeParse(ctx.activity.value ?? {});
      const dialog = parsed.success ? parsed.data.data?.dialog : undefined;
      if (!parsed.success || (dialog !== undefined && dialog !== CARRY_OUT_DIALOG)) {
        o.log.warn('web.dialog.unknown', turnIds(ctx.activity));
        return message(TEXT.unknownDialog);
      }
      o.log.info('web.dialog.opened', turnIds(ctx.activity));
      const url = o.dialogUrl();
      return {
        status: 200,
        body: { task: { type: 'continue', value: { title: CARRY_OUT_TITLE, url, fallbackUrl: url, height: 'large', width: 'medium' } } },
      };
    });

    onInvoke(app, 'task/submit', async (ctx: TurnContext) => {
      const ids = turnIds(ctx.activity);
      const value = ctx.activity.value as { data?: unknown } | undefined;
      const parsed = carryOutSubmissionSchema.safeParse(value?.data);
      const userId = userIdOf(ctx.activity);
      if (!parsed.success || !userId) {
        o.log.warn('web.dialog.invalid', ids);
        return message(TEXT.invalid);
      }
      const approvals = o.approvals();
      if (!approvals) return message(TEXT.unavailable);
      const requester = { userId, ...(ctx.activity.from?.name ? { name: ctx.activity.from.name } : {}) };
      const ref = submissionRef(parsed.data.submissionId);
      const checked = checkCarryOut(parsed.data.values, requester, {
        engine: o.engine,
        ref,
        ...(o.timeZone ? { timeZone: o.timeZone } : {}),
        ...(o.now ? { now: o.now() } : {}),
      });
      if (!checked.ok) {
        o.log.warn('web.dialog.refused', { ...ids, blocked: 'blocked' in checked, fields: 'errors' in checked ? Object.keys(checked.errors).length : 0 });
        return message('blocked' in checked ? checked.blocked.text : TEXT.invalid);
      }
      try {
        const r = await approvals.submit(checked.draft, { ref });
        o.log.info('web.dialog.submitted', { ...ids, requestId: r.requestId, duplicate: r.duplicate, notifications: r.notifications.length });
        if (!r.duplicate) o.afterChange?.();
        return message(TEXT.submitted(r.card.shortId));
      } catch (err) {
        if (err instanceof NoRecipientError) return message(TEXT.noRecipient);
        if (err instanceof DraftError) {
          o.log.warn('web.dialog.draft-refused', ids);
          return message(TEXT.invalid);
        }
        throw err;
      }
    });
  };
}
