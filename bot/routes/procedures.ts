// Placeholder for the request list until the approvals workflow lands: its button answers 「準備中です」.
// An extension registering the same action takes precedence. (The procedure buttons start the guided
// procedures: bot/routes/dialogs.ts.)

import { requestsListAction } from '../cards/actions';
import { type BotExtension, onCardAction, turnIds } from '../routing';

export const registerProcedurePlaceholders: BotExtension = (app, { log }) => {
  onCardAction(app, 'requests.list', requestsListAction, async (ctx) => {
    await ctx.sendActivity('「申請状況」の確認は準備中です。しばらくお待ちください。');
    log.info('requests.placeholder', turnIds(ctx.activity));
  });
};
