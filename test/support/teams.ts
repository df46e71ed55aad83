// Teams-shaped activities as the Bot Connector posts them to /api/messages.

import { randomUUID } from 'node:crypto';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:bot-app-id';
export const USER = { id: '29:user-1', name: '大分 花子', aadObjectId: '00000000-0000-0000-0000-00000000aaaa' };

export interface TeamsOptions {
  /** null: no serviceUrl at all (replies only in the HTTP response). */
  serviceUrl?: string | null;
  conversationId?: string;
  tenantId?: string;
  id?: string;
  expectReplies?: boolean;
  /** personal (default), channel or groupChat. */
  conversationType?: 'personal' | 'channel' | 'groupChat';
  /** Another person (default USER). */
  from?: { id: string; name: string; aadObjectId?: string };
}

function base(type: string, o: TeamsOptions): Record<string, any> {
  const tenantId = o.tenantId ?? TENANT;
  const activity: Record<string, any> = {
    type,
    id: o.id ?? `1:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    // Tests never reach the real service: by default replies would go to a closed local port.
    serviceUrl: o.serviceUrl ?? 'http://127.0.0.1:9/',
    from: { ...(o.from ?? USER) },
    recipient: { id: BOT_ID, name: 'policy-bot' },
    conversation: { id: o.conversationId ?? `a:${randomUUID()}`, conversationType: o.conversationType ?? 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: 'ja-JP',
  };
  if (o.serviceUrl === null) delete activity.serviceUrl;
  if (o.expectReplies) activity.deliveryMode = 'expectReplies';
  return activity;
}

export function message(text: string, o: TeamsOptions = {}): Record<string, any> {
  return { ...base('message', o), text, textFormat: 'plain' };
}

/** A message that @mentions the bot first, as Teams sends it from a channel or group chat. */
export function mentionMessage(text: string, o: TeamsOptions = {}): Record<string, any> {
  const at = '<at>policy-bot</at>';
  return {
    ...message(`${at} ${text}`, { conversationType: 'channel', ...o }),
    textFormat: 'xml',
    entities: [{ type: 'mention', text: at, mentioned: { id: BOT_ID, name: 'policy-bot' } }],
  };
}

export function cardSubmit(value: Record<string, unknown>, o: TeamsOptions = {}): Record<string, any> {
  return { ...base('message', o), value };
}

export function membersAdded(memberIds: string[], o: TeamsOptions = {}): Record<string, any> {
  return { ...base('conversationUpdate', o), membersAdded: memberIds.map((id) => ({ id })) };
}

export function installationUpdate(action: 'add' | 'remove', o: TeamsOptions = {}): Record<string, any> {
  return { ...base('installationUpdate', o), action };
}

export function feedbackInvoke(replyToId: string, reaction: 'like' | 'dislike', text: string | undefined, o: TeamsOptions = {}): Record<string, any> {
  return {
    ...base('invoke', o),
    name: 'message/submitAction',
    replyToId,
    value: {
      actionName: 'feedback',
      actionValue: { reaction, feedback: JSON.stringify(text === undefined ? {} : { feedbackText: text }) },
    },
  };
}

/** POSTs an activity to the bot; returns the status and parsed JSON body (if any). */
export async function post(
  url: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}
