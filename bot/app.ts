// The AgentApplication: state on our Storage, redelivery guard, error handling, and every route.

import { ActivityTypes } from '@microsoft/agents-activity';
import { AgentApplication, type CloudAdapter, type TurnContext, TurnState } from '@microsoft/agents-hosting';
import { errorFields } from './log';
import { isIdempotentApprovalActivity } from './approvals/idempotent';
import { BotTurnState } from './dialogs/read-ahead';
import { RedeliveryGuard } from './redelivery';
import type { BotApp, BotDeps, BotExtension } from './routing';
import { sendInvokeResponse, turnIds } from './routing';
import { registerApprovals } from './routes/approvals';
import { registerDialogs } from './routes/dialogs';
import { registerFeedback } from './routes/feedback';
import { registerHelp } from './routes/help';
import { registerQuestions } from './routes/question';
import { registerWelcome } from './routes/welcome';

export const ERROR_TEXT = '申し訳ありません。処理中にエラーが発生しました。しばらくしてからもう一度お試しください。';

/** The built-in routes, in registration order (the question route ranks last whatever its position). */
export const builtInRoutes: BotExtension[] = [
  registerWelcome,
  registerHelp,
  registerFeedback,
  registerApprovals,
  registerDialogs,
  registerQuestions,
];

export function createAgentApp(adapter: CloudAdapter, deps: BotDeps, extensions: BotExtension[] = []): BotApp {
  const app = new AgentApplication<TurnState>({
    adapter,
    storage: deps.kv,
    // Conversation and user state, and the person's dialog state in the same read (bot/dialogs/read-ahead.ts).
    turnStateFactory: () => new BotTurnState(deps.dialogs.readAhead ? deps.dialogs.runner : undefined),
    agentAppId: deps.config.auth.clientId,
    removeRecipientMention: true,
    startTypingTimer: false,
  });

  adapter.use(new RedeliveryGuard(deps.claims, deps.log, isIdempotentApprovalActivity));
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    deps.log.error('turn.failed', { ...turnIds(ctx.activity), ...errorFields(err) });
    try {
      if (ctx.activity.type === ActivityTypes.Invoke) {
        await sendInvokeResponse(ctx, { status: 500 });
      } else if (ctx.activity.type === ActivityTypes.Message) {
        await ctx.sendActivity(ERROR_TEXT);
      }
    } catch (sendErr) {
      deps.log.error('turn.error_reply_failed', { ...turnIds(ctx.activity), ...errorFields(sendErr) });
    }
  };

  for (const register of [...extensions, ...builtInRoutes]) register(app, deps);

  // AgentApplication saves conversation and user state only when an afterTurn handler asks for it.
  app.onTurn('afterTurn', async () => true);
  return app;
}
