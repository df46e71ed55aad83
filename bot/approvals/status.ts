// 申請状況 (the command, typed or from the menu, and the help card's button): the person's own requests and, for
// approvers and report recipients, what waits for them; 「内容を見る」 shows one request's card.

import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { ShowRequestAction } from '../cards/approval-data';
import { cardAttachment } from '../cards/adaptive';
import { requestListCard } from '../cards/request-list';
import { type BotDeps, turnIds, userIdOf } from '../routing';
import { messageWithCard } from './render';

export const STATUS_COMMAND = '申請状況';
export const LIST_LIMIT = 10;
export const NOT_FOUND_TEXT = '申請が見つかりませんでした。';
export const NO_USER_TEXT = 'どなたからのご依頼か確認できませんでした。';

/** True for 「申請状況」 (full-width forms, trailing punctuation, a leading @mention already removed). */
export function isStatusCommand(text: string): boolean {
  const s = text.normalize('NFKC').trim().replace(/[。.!！?？\s]+$/u, '');
  return s === STATUS_COMMAND || s === '申請の状況' || s === '申請一覧';
}

function actor(ctx: TurnContext): { userId: string; name?: string } | undefined {
  const userId = userIdOf(ctx.activity);
  if (!userId) return undefined;
  const name = ctx.activity.from?.name;
  return typeof name === 'string' && name ? { userId, name } : { userId };
}

export async function sendRequestList(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const who = actor(ctx);
  if (!who) {
    await ctx.sendActivity(NO_USER_TEXT);
    return;
  }
  const ap = deps.approvals.approvals;
  const [mine, waiting] = await Promise.all([ap.listMine(who, { limit: LIST_LIMIT }), ap.listWaiting(who, { limit: LIST_LIMIT })]);
  const person = ap.directory.person(who.userId);
  const approver = person !== undefined && holdsAnyRole(deps, person.id);
  const activity = new Activity(ActivityTypes.Message);
  activity.attachments = [cardAttachment(requestListCard({ mine, waiting, approver }))];
  activity.summary = `申請状況（対応待ち ${waiting.length}件）`;
  await ctx.sendActivity(activity);
  deps.log.info('approvals.list.sent', { ...turnIds(ctx.activity), mineCount: mine.length, waitingCount: waiting.length });
}

function holdsAnyRole(deps: BotDeps, personId: string): boolean {
  const data = deps.approvals.approvals.directory.data;
  return (
    Object.values(data.roles).some((ids) => ids.includes(personId)) ||
    data.departments.some((d) => Object.values(d.roles).some((ids) => ids.includes(personId)))
  );
}

/** 「内容を見る」: the request's card as this person may see it (restricted for outsiders). */
export async function sendRequestCard(ctx: TurnContext, deps: BotDeps, data: ShowRequestAction): Promise<void> {
  const who = actor(ctx);
  if (!who) {
    await ctx.sendActivity(NO_USER_TEXT);
    return;
  }
  const card = await deps.approvals.approvals.card(data.requestId, who);
  if (!card) {
    await ctx.sendActivity(NOT_FOUND_TEXT);
    return;
  }
  const channelUserIds = await deps.approvals.refs.channelUserIds(card.refreshUserIds);
  await ctx.sendActivity(messageWithCard(`${card.kindLabel}「${card.title}」（受付番号 ${card.shortId}）`, card, { channelUserIds }));
  deps.log.info('approvals.card.sent', { ...turnIds(ctx.activity), requestId: card.requestId, restricted: card.restricted });
}
