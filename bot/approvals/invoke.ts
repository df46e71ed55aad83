// Universal actions on request cards: the invoke `adaptiveCard/action` (Action.Execute 承認 / 却下 / 停止しました …,
// and the automatic refresh Teams sends when a participant looks at the card). Every decision goes through
// approvals.act() with the person's identity and the version on the card — the one place where the rules are
// checked — and the answer is always the current card for that person, with one sentence on top saying what
// happened (applied, already decided, not yours to decide, …).

import type { InvokeResponse, TurnContext } from '@microsoft/agents-hosting';
import type { ActOutcome } from '../../approvals/service';
import type { CardState } from '../../approvals/card-state';
import { ACT_VERB, APPROVAL_VERBS, REFRESH_VERB, actData, executeInvokeValue, refreshData } from '../cards/approval-data';
import { type ApprovalCardOptions, type BannerTone, approvalCard } from '../cards/approval';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/adaptive';
import { type BotDeps, turnIds, userIdOf } from '../routing';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
export const INVALID_ACTION_TEXT = '操作の内容を読み取れませんでした。';

const TONE: Record<ActOutcome, BannerTone> = {
  applied: 'good',
  duplicate: 'good',
  stale: 'warning',
  forbidden: 'attention',
  illegal: 'attention',
  'not-found': 'attention',
  invalid: 'attention',
};

/** True for an invoke this module answers (its verbs only; other universal actions stay free for others). */
export function isApprovalInvoke(activity: { type?: string; name?: string; value?: unknown }): boolean {
  if (activity.type !== 'invoke' || activity.name !== ADAPTIVE_CARD_ACTION) return false;
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return typeof verb === 'string' && (APPROVAL_VERBS as readonly string[]).includes(verb);
}

function cardResponse(card: CardState, options: ApprovalCardOptions): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: approvalCard(card, options) } };
}

function messageResponse(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

function errorResponse(status: 400, message: string): InvokeResponse {
  return { status: 200, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } };
}

export async function handleApprovalInvoke(ctx: TurnContext, deps: BotDeps): Promise<InvokeResponse> {
  const parsed = executeInvokeValue.safeParse(ctx.activity.value);
  const userId = userIdOf(ctx.activity);
  if (!parsed.success || !userId) {
    deps.log.warn('approvals.invoke.invalid', turnIds(ctx.activity));
    return errorResponse(400, INVALID_ACTION_TEXT);
  }
  const name = typeof ctx.activity.from?.name === 'string' && ctx.activity.from.name ? ctx.activity.from.name : undefined;
  const viewer = name ? { userId, name } : { userId };
  const ap = deps.approvals.approvals;
  const { verb, data } = parsed.data.action;
  const options = async (card: CardState, banner?: ApprovalCardOptions['banner']): Promise<ApprovalCardOptions> => ({
    channelUserIds: await deps.approvals.refs.channelUserIds(card.refreshUserIds),
    ...(banner ? { banner } : {}),
  });

  if (verb === REFRESH_VERB) {
    const r = refreshData.safeParse(data);
    const card = r.success ? await ap.card(r.data.requestId, viewer) : undefined;
    if (!card) return messageResponse(r.success ? '申請が見つかりませんでした。' : INVALID_ACTION_TEXT);
    deps.log.debug('approvals.card.refreshed', { ...turnIds(ctx.activity), requestId: card.requestId, trigger: parsed.data.trigger });
    return cardResponse(card, await options(card));
  }

  if (verb !== ACT_VERB) return errorResponse(400, INVALID_ACTION_TEXT);
  const d = actData.safeParse(data);
  if (!d.success) {
    const requestId = typeof data['requestId'] === 'string' ? data['requestId'] : undefined;
    const card = requestId ? await ap.card(requestId, viewer) : undefined;
    deps.log.info('approvals.invoke.invalid', { ...turnIds(ctx.activity), requestId: card?.requestId });
    return card ? cardResponse(card, await options(card, { text: INVALID_ACTION_TEXT, tone: 'attention' })) : messageResponse(INVALID_ACTION_TEXT);
  }
  const comment = d.data.comment?.trim();
  const result = await ap.act({
    requestId: d.data.requestId,
    actor: viewer,
    version: d.data.version,
    action: {
      type: d.data.act,
      ...(comment ? { comment } : {}),
      ...(d.data.task !== undefined ? { task: d.data.task } : {}),
      ...(d.data.incident !== undefined ? { incident: d.data.incident } : {}),
    },
  });
  let message = result.message;
  if (result.outcome === 'applied') {
    deps.approvals.nudge();
    // A request withdrawn by its requester: the procedure that sent it no longer waits for its follow-up.
    if (d.data.act === 'cancel') {
      const rec = await ap.get(d.data.requestId);
      const notice = rec ? await deps.approvals.settleProcedure(rec) : undefined;
      if (notice) message = `${message}${notice}`;
    }
  }
  deps.log.info('approvals.invoke', { ...turnIds(ctx.activity), requestId: d.data.requestId, act: d.data.act, outcome: result.outcome, version: d.data.version });
  const card = result.card ?? (await ap.card(d.data.requestId, viewer));
  if (!card) return messageResponse(message);
  return cardResponse(card, await options(card, { text: message, tone: TONE[result.outcome] }));
}
