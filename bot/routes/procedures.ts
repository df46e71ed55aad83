// Placeholders for the guided procedures and the request list until the dialogs and approvals land:
// their buttons answer 「準備中です」. An extension registering the same actions takes precedence.

import { procedureStartAction, procedureTitles, requestsListAction } from '../cards/actions';
import { type BotExtension, onCardAction, turnIds } from '../routing';

export const registerProcedurePlaceholders: BotExtension = (app, { log }) => {
  onCardAction(app, 'procedure.start', procedureStartAction, async (ctx, _state, data) => {
    await ctx.sendActivity(`「${procedureTitles[data.procedure]}」の手続きは準備中です。しばらくお待ちください。`);
    log.info('procedure.placeholder', { ...turnIds(ctx.activity), procedure: data.procedure });
  });
  onCardAction(app, 'requests.list', requestsListAction, async (ctx) => {
    await ctx.sendActivity('「申請状況」の確認は準備中です。しばらくお待ちください。');
    log.info('requests.placeholder', turnIds(ctx.activity));
  });
};
