// deliver(notification) for the approvals outbox, through the Agents SDK's connector:
//
// - a person: a proactive message in their 1:1 chat with the bot (CloudAdapter.continueConversation on the saved
//   conversation reference); when none is saved, the 1:1 chat is created first (CloudAdapter.createConversationAsync
//   against the tenant's Bot Connector), and remembered;
// - the channel: a new post in the configured Teams channel (urgent reports, without personal details);
// - the webhook: a JSON POST to the stop-access webhook.
//
// Throws when the message did not go out, so the outbox retries with backoff; PermanentDeliveryError when retrying
// cannot help. A notification id delivered before (a worker died after sending, before the outbox noted it) is
// dropped.

import { type Activity, type ConversationParameters, type ConversationReference } from '@microsoft/agents-activity';
import { type CloudAdapter, HttpError, type TurnContext } from '@microsoft/agents-hosting';
import type { JwtPayload } from 'jsonwebtoken';
import type { CardState } from '../../approvals/card-state';
import type { Notification } from '../../approvals/notification';
import { PermanentDeliveryError } from '../../approvals/outbox';
import { receiptNumber, type RequestRecord } from '../../approvals/model';
import type { Approvals } from '../../approvals/service';
import { postJson } from '../../approvals/webhook';
import type { Claims } from '../claims';
import type { Config } from '../config';
import { type Logger, errorFields } from '../log';
import type { ConversationRefs, StoredRef } from './refs';
import { notificationActivity } from './render';

/** The OAuth scope of the Bot Connector (what createConversationAsync asks a token for). */
export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com';

export interface TeamsDeliveryOptions {
  adapter: CloudAdapter;
  /** The bot's app id (authenticated mode); undefined in local development mode. */
  appId?: string;
  /** The tenant to create conversations in when no reference names one. */
  tenantId?: string;
  refs: ConversationRefs;
  claims: Claims;
  approvals: () => Approvals;
  config: Config['approvals'];
  log: Logger;
  /** Timeout of one webhook call (ms). */
  webhookTimeoutMs?: number;
  /** A request that ended without approval: its procedure stops waiting; the notice is added to the requester's message. */
  settleProcedure?: (record: RequestRecord) => Promise<string | undefined>;
}

export const deliveredKey = (notificationId: string): string => `approvals.delivered:${notificationId}`;

/** A connector answer that makes retrying pointless (403: the bot was blocked or removed; 400: a bad request). */
function isPermanentStatus(status: number): boolean {
  return status === 400 || status === 401 || status === 403 || status === 413;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof HttpError ? err.status : undefined;
}

export class TeamsDelivery {
  constructor(private readonly o: TeamsDeliveryOptions) {}

  /** The outbox's deliver(). */
  deliver = async (n: Notification): Promise<void> => {
    const key = deliveredKey(n.id);
    if (await this.o.claims.has(key)) {
      this.o.log.info('approvals.delivery.duplicate', { notificationId: n.id, requestId: n.requestId, type: n.type });
      return;
    }
    const r = n.recipient;
    if (r.kind === 'person') await this.toPerson(n, r);
    else if (r.kind === 'channel') await this.toChannel(n);
    else await this.toWebhook(n);
    await this.o.claims.claim(key);
    this.o.log.info('approvals.delivered', { notificationId: n.id, requestId: n.requestId, type: n.type, recipient: r.kind, attempts: n.attempts });
  };

  private get identity(): string | JwtPayload {
    // Without credentials (local development) the SDK's connector goes anonymous when the identity has no audience.
    return this.o.appId ?? {};
  }

  private async toPerson(n: Notification, r: Extract<Notification['recipient'], { kind: 'person' }>): Promise<void> {
    const userKey = (r.aadObjectId ?? r.userId).toLowerCase();
    const card = await this.o.approvals().card(n.requestId, { userId: r.aadObjectId ?? r.userId });
    const extra = card?.viewer.isRequester && (n.type === 'decision' || n.type === 'expired') ? await this.settled(n.requestId) : undefined;
    const activity = notificationActivity(n, card, { channelUserIds: await this.channelIds(card) }, extra);
    const ref = await this.o.refs.personal(userKey);
    if (ref) {
      try {
        await this.send(referenceOf(ref), activity);
        return;
      } catch (err) {
        // The chat is gone (e.g. the bot was reinstalled): forget it and open a new one below.
        if (statusOf(err) !== 404) throw this.classify(err, n);
        await this.o.refs.forget(ref.conversationId);
        this.o.log.warn('approvals.delivery.conversation-gone', { notificationId: n.id, conversationId: ref.conversationId });
      }
    }
    if (!r.aadObjectId && !(await this.o.refs.channelUserIds([userKey])).size) {
      throw new PermanentDeliveryError('the recipient has no Entra object id in the directory and has never talked to the bot');
    }
    await this.createAndSend(userKey, r.aadObjectId, activity, n);
  }

  /** Opens a 1:1 chat with the person through the tenant's Bot Connector, remembers it, and sends. */
  private async createAndSend(userKey: string, aadObjectId: string | undefined, activity: Activity, n: Notification): Promise<void> {
    const known = await this.o.refs.latest(this.o.tenantId);
    const serviceUrl = known?.serviceUrl ?? this.o.config.teamsServiceUrl;
    const botId = known?.botId ?? (this.o.appId ? `28:${this.o.appId}` : undefined);
    if (!botId) throw new Error('no conversation with the bot is known yet, so its Teams id is unknown');
    const tenantId = this.o.tenantId ?? known?.tenantId;
    const memberId = (await this.o.refs.channelUserIds([userKey])).get(userKey) ?? aadObjectId ?? userKey;
    const channelId = known?.channelId ?? 'msteams';
    const params = {
      isGroup: false,
      agent: { id: botId },
      // The Bot Connector's REST API names the bot `bot`; the SDK's type calls it `agent`.
      bot: { id: botId },
      members: [{ id: memberId, ...(aadObjectId ? { aadObjectId } : {}) }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : { channelData: {} }),
    } as unknown as ConversationParameters;
    try {
      await rethrowing((logic) => this.o.adapter.createConversationAsync(this.o.appId ?? '', channelId, serviceUrl, BOT_CONNECTOR_SCOPE, params, logic), async (ctx) => {
        const conversationId = ctx.activity.conversation?.id;
        if (!conversationId) throw new Error('the connector did not return a conversation id');
        await this.o.refs.saveCreated({
          conversationId,
          conversationType: 'personal',
          channelId,
          serviceUrl,
          ...(tenantId ? { tenantId } : {}),
          botId,
          userKey,
        });
        await sendInTurn(ctx, activity);
      });
    } catch (err) {
      throw this.classify(err, n);
    }
    this.o.log.info('approvals.delivery.conversation-created', { notificationId: n.id, requestId: n.requestId });
  }

  private async toChannel(n: Notification): Promise<void> {
    const channel = this.o.config.urgentChannelId;
    if (!channel) throw new PermanentDeliveryError('no urgent channel is configured (APPROVAL_URGENT_CHANNEL_ID)');
    const known = await this.o.refs.latest(this.o.tenantId);
    const botId = known?.botId ?? (this.o.appId ? `28:${this.o.appId}` : undefined);
    if (!botId) throw new Error('no conversation with the bot is known yet, so its Teams id is unknown');
    // Anyone in the channel may read it: the card as an outsider sees it (no details, no names of the reporter's answers).
    const card = await this.o.approvals().card(n.requestId, { userId: 'urgent-channel' });
    const activity = notificationActivity(n, card, { channelUserIds: await this.channelIds(card) });
    const tenantId = this.o.tenantId ?? known?.tenantId;
    try {
      await this.send(
        {
          channelId: known?.channelId ?? 'msteams',
          serviceUrl: known?.serviceUrl ?? this.o.config.teamsServiceUrl,
          conversation: { id: channel, isGroup: true, conversationType: 'channel', ...(tenantId ? { tenantId } : {}) },
          agent: { id: botId },
        },
        activity,
      );
    } catch (err) {
      throw this.classify(err, n);
    }
  }

  private async toWebhook(n: Notification): Promise<void> {
    const url = this.o.config.stopAccessWebhookUrl;
    if (!url) throw new PermanentDeliveryError('no stop-access webhook is configured (STOP_ACCESS_WEBHOOK_URL)');
    const rec = await this.o.approvals().get(n.requestId);
    const body = {
      type: 'stop-access',
      notificationId: n.id,
      requestId: n.requestId,
      receiptNumber: receiptNumber(n.requestId),
      createdAt: n.createdAt,
      text: n.text,
      clauses: ['第3章 7(4)ア(イ)'],
      requester: rec
        ? { userId: rec.requester.userId, ...(rec.requester.personId ? { personId: rec.requester.personId } : {}), ...(rec.requester.name ? { name: rec.requester.name } : {}) }
        : undefined,
      details: rec?.details ?? {},
    };
    // The notification id lets the receiver drop a repeated call (Idempotency-Key).
    await postJson(url, body, { timeoutMs: this.o.webhookTimeoutMs ?? 10_000, headers: { 'Idempotency-Key': n.id } });
  }

  /** The procedure behind an ended request stops waiting for its follow-up; its notice for the requester. */
  private async settled(requestId: string): Promise<string | undefined> {
    const rec = this.o.settleProcedure ? await this.o.approvals().get(requestId) : undefined;
    return rec ? this.o.settleProcedure!(rec) : undefined;
  }

  /** Sends one activity into an existing conversation (a proactive message). */
  private async send(reference: ConversationReference, activity: Activity): Promise<void> {
    await rethrowing((logic) => this.o.adapter.continueConversation(this.identity, reference, logic), (ctx) => sendInTurn(ctx, activity));
  }

  private async channelIds(card: CardState | undefined): Promise<Map<string, string>> {
    return card ? this.o.refs.channelUserIds(card.refreshUserIds) : new Map();
  }

  /** Connector errors as the outbox needs them: permanent or retryable, with no personal data in the message. */
  private classify(err: unknown, n: Notification): Error {
    if (err instanceof PermanentDeliveryError) return err;
    const status = statusOf(err);
    this.o.log.warn('approvals.delivery.failed', { notificationId: n.id, requestId: n.requestId, type: n.type, status, attempts: n.attempts + 1, ...errorFields(err) });
    if (status !== undefined && isPermanentStatus(status)) return new PermanentDeliveryError(`the Bot Connector answered ${status}`);
    return new Error(status !== undefined ? `the Bot Connector answered ${status}` : `sending failed (${err instanceof Error ? err.name : 'error'})`);
  }
}

/**
 * Runs turn logic through the adapter and rethrows what it threw: the adapter hands errors of a turn to its
 * onTurnError (which only logs for proactive turns), so without this a failed send would look delivered.
 */
async function rethrowing(run: (logic: (ctx: TurnContext) => Promise<void>) => Promise<void>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | undefined;
  await run(async (ctx) => {
    try {
      await logic(ctx);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

/** Sends a new message (not a reply: proactive messages belong to no incoming activity). */
async function sendInTurn(ctx: TurnContext, activity: Activity): Promise<void> {
  ctx.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) delete a.replyToId;
    return next();
  });
  await ctx.sendActivity(activity);
}

export function referenceOf(ref: StoredRef): ConversationReference {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: { id: ref.conversationId, conversationType: ref.conversationType, isGroup: ref.conversationType !== 'personal', ...(ref.tenantId ? { tenantId: ref.tenantId } : {}) },
    agent: { id: ref.botId },
    ...(ref.channelUserId ? { user: { id: ref.channelUserId } } : {}),
  };
}
