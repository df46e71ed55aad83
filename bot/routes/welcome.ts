// A welcome when the bot is installed or added to a conversation — once per conversation, even when Teams
// sends both conversationUpdate and installationUpdate, or redelivers them, to several instances.

import { ActivityTypes } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { type BotExtension, turnIds } from '../routing';
import { helpActivity } from './help';

export const welcomeKey = (conversationId: string): string => `welcome:${conversationId}`;

export const registerWelcome: BotExtension = (app, { claims, log }) => {
  const welcome = async (ctx: TurnContext): Promise<void> => {
    const conversationId = ctx.activity.conversation?.id;
    if (!conversationId) return;
    if (!(await claims.claim(welcomeKey(conversationId)))) return;
    try {
      await ctx.sendActivity(helpActivity(ctx.activity.from?.name ?? ''));
    } catch (err) {
      await claims.release(welcomeKey(conversationId));
      throw err;
    }
    log.info('welcome.sent', turnIds(ctx.activity));
  };

  // The bot itself among the members added (its own id is the activity's recipient).
  app.addRoute(
    async (ctx) =>
      ctx.activity.type === ActivityTypes.ConversationUpdate &&
      (ctx.activity.membersAdded ?? []).some((m) => m.id !== undefined && m.id === ctx.activity.recipient?.id),
    welcome,
  );

  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.InstallationUpdate,
    async (ctx) => {
      const action = ctx.activity.action;
      if (action === 'add') {
        await welcome(ctx);
      } else if (action === 'remove' && ctx.activity.conversation?.id) {
        // Installed again later → welcomed again.
        await claims.release(welcomeKey(ctx.activity.conversation.id));
        log.info('bot.removed', turnIds(ctx.activity));
      }
    },
  );
};
