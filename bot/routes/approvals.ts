// The approvals in Teams: conversation references saved on every activity (for proactive messages), 申請状況,
// 「許可を申請する」 / 「報告する」 and their form, a request's card, and the request cards' universal actions.

import { ActivityTypes } from '@microsoft/agents-activity';
import { handleApprovalInvoke, isApprovalInvoke } from '../approvals/invoke';
import { sendOfferForm, submitOfferForm } from '../approvals/offer';
import { isStatusCommand, sendRequestCard, sendRequestList } from '../approvals/status';
import { offerAction, showRequestAction, submitFormAction } from '../cards/approval-data';
import { requestsListAction } from '../cards/actions';
import { dialogText } from '../dialogs/input';
import { errorFields } from '../log';
import { isProactiveTurn } from '../redelivery';
import { type BotExtension, isCardSubmit, onCardAction, sendInvokeResponse, turnIds } from '../routing';

export const registerApprovals: BotExtension = (app, deps) => {
  const { approvals, log } = deps;

  // Every activity Teams sends (whatever route answers it) says where the person can be reached later.
  app.adapter.use({
    onTurn: async (ctx, next) => {
      const a = ctx.activity;
      if (!isProactiveTurn(a)) {
        try {
          if (a.type === ActivityTypes.InstallationUpdate && a.action === 'remove' && a.conversation?.id) {
            await approvals.refs.forget(a.conversation.id);
          } else if (
            a.type === ActivityTypes.ConversationUpdate &&
            (a.membersRemoved ?? []).some((m) => m.id !== undefined && m.id === a.recipient?.id) &&
            a.conversation?.id
          ) {
            await approvals.refs.forget(a.conversation.id);
          } else {
            await approvals.refs.save(a);
          }
        } catch (err) {
          // Proactive messages can still use an older reference or create the chat; the turn itself goes on.
          log.warn('approvals.ref.save_failed', { ...turnIds(a), ...errorFields(err) });
        }
      }
      await next();
    },
  });

  app.onTurn('beforeTurn', async (ctx) => {
    const a = ctx.activity;
    // 申請状況 works everywhere, also while a guided procedure waits for an answer.
    if (a.type === ActivityTypes.Message && !isCardSubmit(a) && isStatusCommand(dialogText(a))) {
      await sendRequestList(ctx, deps);
      return false;
    }
    return true;
  });

  app.addRoute(
    async (ctx) => isApprovalInvoke(ctx.activity),
    async (ctx) => sendInvokeResponse(ctx, await handleApprovalInvoke(ctx, deps)),
    true,
  );

  onCardAction(app, 'requests.list', requestsListAction, async (ctx) => sendRequestList(ctx, deps));
  onCardAction(app, 'approvals.show', showRequestAction, async (ctx, _state, data) => sendRequestCard(ctx, deps, data));
  onCardAction(app, 'approvals.offer', offerAction, async (ctx, _state, data) => sendOfferForm(ctx, deps, data));
  onCardAction(app, 'approvals.submit', submitFormAction, async (ctx, _state, data) => submitOfferForm(ctx, deps, data));
};
