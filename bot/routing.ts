// The bot's activity routing, on the SDK's AgentApplication, and the helpers other parts use to plug in.
//
//   const extension: BotExtension = (app, deps) => {
//     onCardAction(app, 'procedure.start', procedureStartAction, async (ctx, state, data) => { … });
//     onInvoke(app, 'task/fetch', async (ctx, state) => ({ status: 200, body: … }));
//     app.onTurn('beforeTurn', async (ctx, state) => true);   // return false when the turn was handled
//   };
//
// Extensions are registered before the built-in routes, so the first one registered for a card action or
// invoke wins; the free-text question route is registered last (RouteRank.Last).

import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { AgentApplication, InvokeResponse, RouteSelector, TurnContext, TurnState } from '@microsoft/agents-hosting';
import type { z } from 'zod';
import type { Answer, KnowledgeEngine } from '../knowledge/types';
import type { Db, KvStore } from '../storage/types';
import { ACTION_FIELD } from './cards/actions';
import type { BotApprovals } from './approvals/setup';
import type { Claims } from './claims';
import type { Config } from './config';
import type { BotDialogs } from './dialogs/setup';
import type { FeedbackStore } from './feedback/store';
import type { BotLlm } from './llm';
import type { Logger } from './log';

export type BotApp = AgentApplication<TurnState>;

/** What handlers may use. */
export interface BotDeps {
  config: Config;
  engine: KnowledgeEngine;
  /** Answers a question (default: the engine's answer; the LLM option can wrap it). */
  answer: (question: string) => Promise<Answer>;
  db: Db;
  /** The SDK Storage behind conversation and user state. */
  kv: KvStore;
  claims: Claims;
  feedback: FeedbackStore;
  /** The guided procedures (runner, effect sink); see bot/dialogs/setup.ts. */
  dialogs: BotDialogs;
  /** The configured model (bot/llm.ts); null without one: the question route then answers offline only. */
  llm: BotLlm | null;
  /** The approvals workflow, its outbox delivering through Teams, conversation references; see bot/approvals/setup.ts. */
  approvals: BotApprovals;
  log: Logger;
}

/** Registers routes (and turn handlers) on the application. */
export type BotExtension = (app: BotApp, deps: BotDeps) => void;

/** Ids of an activity for log lines (never its text or names). */
export function turnIds(activity: Activity): Record<string, string | undefined> {
  return {
    activityId: activity.id,
    conversationId: activity.conversation?.id,
    tenantId: activity.conversation?.tenantId,
    channelId: activity.channelId,
  };
}

/** The person behind an activity: their Entra object id when Teams gives it, else the channel's user id. */
export function userIdOf(activity: Activity): string | null {
  return activity.from?.aadObjectId ?? activity.from?.id ?? null;
}

/** True for a card button's post-back (Action.Submit): a message without text and with an object value. */
export function isCardSubmit(activity: Activity): boolean {
  return (
    activity.type === ActivityTypes.Message &&
    !activity.text?.trim() &&
    typeof activity.value === 'object' &&
    activity.value !== null &&
    !Array.isArray(activity.value)
  );
}

export function cardActionSelector(action: string): RouteSelector {
  return async (ctx: TurnContext) =>
    isCardSubmit(ctx.activity) && (ctx.activity.value as Record<string, unknown>)[ACTION_FIELD] === action;
}

export const UNSUPPORTED_ACTION_TEXT = 'このボタンの操作には対応していません。「ヘルプ」と送ると使い方をご案内します。';

/**
 * Routes a card button's data (Action.Submit data with `action: <name>`) to a handler, validated by a zod
 * schema; invalid data gets a polite reply instead of reaching the handler.
 */
export function onCardAction<S extends z.ZodType>(
  app: BotApp,
  action: string,
  schema: S,
  handler: (ctx: TurnContext, state: TurnState, data: z.output<S>) => Promise<void>,
): void {
  app.addRoute(cardActionSelector(action), async (ctx, state) => {
    const parsed = schema.safeParse(ctx.activity.value);
    if (!parsed.success) {
      await ctx.sendActivity(UNSUPPORTED_ACTION_TEXT);
      return;
    }
    await handler(ctx, state, parsed.data);
  });
}

/** Sends the HTTP answer of an invoke activity. */
export async function sendInvokeResponse(ctx: TurnContext, response: InvokeResponse): Promise<void> {
  await ctx.sendActivity(Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: response }));
}

/** Routes an invoke activity by name; the handler's result becomes the HTTP response. */
export function onInvoke(
  app: BotApp,
  name: string,
  handler: (ctx: TurnContext, state: TurnState) => Promise<InvokeResponse>,
): void {
  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === name,
    async (ctx, state) => sendInvokeResponse(ctx, await handler(ctx, state)),
    true,
  );
}
