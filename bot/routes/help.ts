// 「ヘルプ」 (typed, or the card button): what the bot does, with the procedure buttons.

import { ActivityTypes, Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { helpAction } from '../cards/actions';
import { cardAttachment } from '../cards/adaptive';
import { helpCard } from '../cards/help';
import { type BotExtension, onCardAction, turnIds } from '../routing';
import { isHelpRequest, messageText } from '../text';

export function helpActivity(welcomeName?: string): Activity {
  const activity = new Activity(ActivityTypes.Message);
  activity.attachments = [cardAttachment(helpCard(welcomeName === undefined ? {} : { welcomeName }))];
  return activity;
}

export const registerHelp: BotExtension = (app, { log }) => {
  const send = async (ctx: TurnContext): Promise<void> => {
    await ctx.sendActivity(helpActivity());
    log.info('help.sent', turnIds(ctx.activity));
  };
  app.addRoute(async (ctx) => ctx.activity.type === ActivityTypes.Message && isHelpRequest(messageText(ctx.activity)), send);
  onCardAction(app, 'help', helpAction, send);
};
