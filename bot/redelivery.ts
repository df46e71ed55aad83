// Teams redelivers an activity when the bot is slow to acknowledge it. The first delivery claims the
// activity id in the database (shared by every instance); later ones are acknowledged and dropped.
// A turn that fails gives its claim back, so a redelivery can still succeed.

import { createHash } from 'node:crypto';
import { type Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { Middleware, TurnContext } from '@microsoft/agents-hosting';
import type { Claims } from './claims';
import type { Logger } from './log';
import { sendInvokeResponse, turnIds } from './routing';

/** The claim key of an activity, or undefined when it carries no id. */
export function activityKey(activity: Activity): string | undefined {
  if (!activity.id) return undefined;
  const parts = [activity.channelId ?? '', activity.conversation?.id ?? '', activity.type ?? '', activity.id];
  return `activity:${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}`;
}

/** Turns the SDK starts itself for proactive messages: never redeliveries, never claimed. */
export function isProactiveTurn(activity: Activity): boolean {
  return activity.type === ActivityTypes.Event && (activity.name === 'ContinueConversation' || activity.name === 'CreateConversation');
}

export class RedeliveryGuard implements Middleware {
  constructor(
    private readonly claims: Claims,
    private readonly log: Logger,
    /**
     * Activities that are safe to process again (their handlers are idempotent by themselves and answer a
     * redelivery better than an empty acknowledgement would), e.g. approval card actions checked by version.
     */
    private readonly unguarded: (activity: Activity) => boolean = () => false,
  ) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = isProactiveTurn(ctx.activity) || this.unguarded(ctx.activity) ? undefined : activityKey(ctx.activity);
    if (!key) {
      await next();
      return;
    }
    if (!(await this.claims.claim(key))) {
      this.log.info('activity.duplicate', turnIds(ctx.activity));
      if (ctx.activity.type === ActivityTypes.Invoke) await sendInvokeResponse(ctx, { status: 200, body: {} });
      return;
    }
    try {
      await next();
    } catch (err) {
      await this.claims.release(key);
      throw err;
    }
  }
}
