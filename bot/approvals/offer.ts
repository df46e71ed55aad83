// 「許可を申請する」 / 「報告する」 under an answer: the button opens the short form for the stored answer; its
// 「送信する」 validates the form, builds the request from that answer (roles exactly as it named them, its cited
// clauses, the question) and stores it. The person is told 「送信しました」 only once the request is stored.

import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { DraftError } from '../../approvals/draft';
import { draftFromAnswer, requestOffer } from '../../approvals/from-answer';
import { NoRecipientError } from '../../approvals/routing';
import type { Answer } from '../../knowledge/types';
import type { OfferAction, SubmitFormAction } from '../cards/approval-data';
import { cardAttachment } from '../cards/adaptive';
import { OFFER_TITLES, type OfferKind, requestFormCard } from '../cards/request-form';
import type { AnswerRecord } from '../feedback/store';
import { type BotDeps, turnIds, userIdOf } from '../routing';
import { parseRequestForm } from './form';
import { userKeyOf } from './refs';
import { messageWithCard } from './render';

export const ANSWER_GONE_TEXT = '元の回答が見つかりませんでした。お手数ですが、もう一度質問してから申請してください。';
export const NO_OFFER_TEXT = 'この回答からは申請・報告できません。';
export const NO_RECIPIENT_TEXT =
  'この申請を受け付けられる担当者が組織名簿にいないため、送信できませんでした。お手数ですが、情報セキュリティの担当窓口に直接ご相談ください。';
export const NOT_PERSONAL_TEXT = '申請・報告は、ボットとの個人チャットからお送りください。';

/** The stored answer as the request needs it (roles and clause labels exactly as it gave them). */
function answerOf(a: AnswerRecord): Pick<Answer, 'verdict' | 'roles' | 'citations'> {
  return { verdict: a.verdict, roles: a.roles, citations: a.labels.map((label) => ({ label, headings: [], quote: '' })) };
}

function formActivity(card: ReturnType<typeof requestFormCard>, kind: OfferKind): Activity {
  const activity = new Activity(ActivityTypes.Message);
  activity.attachments = [cardAttachment(card)];
  activity.summary = OFFER_TITLES[kind];
  return activity;
}

function personal(ctx: TurnContext): boolean {
  const type = ctx.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** The answer behind a button, and what it offers; replies and returns undefined when there is none. */
async function offered(ctx: TurnContext, deps: BotDeps, answerId: string): Promise<{ record: AnswerRecord; kind: OfferKind } | undefined> {
  if (!personal(ctx)) {
    await ctx.sendActivity(NOT_PERSONAL_TEXT);
    return undefined;
  }
  const record = await deps.feedback.answer(answerId);
  if (!record) {
    await ctx.sendActivity(ANSWER_GONE_TEXT);
    return undefined;
  }
  const kind = requestOffer(record);
  if (!kind) {
    await ctx.sendActivity(NO_OFFER_TEXT);
    return undefined;
  }
  return { record, kind };
}

/** 「許可を申請する」 / 「報告する」: the form, prefilled with the question. */
export async function sendOfferForm(ctx: TurnContext, deps: BotDeps, data: OfferAction): Promise<void> {
  const found = await offered(ctx, deps, data.answerId);
  if (!found) return;
  const { record, kind } = found;
  const card = requestFormCard({
    kind,
    answerId: record.id,
    formId: randomUUID(),
    question: record.question,
    roles: record.roles,
    clauses: record.labels.slice(0, 5),
    values: { what: record.question.slice(0, 200) },
  });
  await ctx.sendActivity(formActivity(card, kind));
  deps.log.info('approvals.form.sent', { ...turnIds(ctx.activity), answerId: record.id, kind });
}

/** The form's 「送信する」. */
export async function submitOfferForm(ctx: TurnContext, deps: BotDeps, data: SubmitFormAction): Promise<void> {
  const found = await offered(ctx, deps, data.answerId);
  if (!found) return;
  const { record, kind } = found;
  const userId = userIdOf(ctx.activity);
  const userKey = userKeyOf(ctx.activity.from);
  if (!userId || !userKey) {
    await ctx.sendActivity(NO_OFFER_TEXT);
    return;
  }
  const again = (errors: Array<{ field: string; message: string }>, values: Record<string, string>) =>
    ctx.sendActivity(
      formActivity(
        requestFormCard({ kind, answerId: record.id, formId: data.formId, question: record.question, roles: record.roles, clauses: record.labels.slice(0, 5), values, errors }),
        kind,
      ),
    );

  const parsed = parseRequestForm(kind, data, deps.approvals.now());
  if (!parsed.ok) {
    await again(parsed.problems, parsed.values);
    deps.log.info('approvals.form.invalid', { ...turnIds(ctx.activity), answerId: record.id, problemCount: parsed.problems.length });
    return;
  }
  const name = typeof ctx.activity.from?.name === 'string' && ctx.activity.from.name.trim() ? ctx.activity.from.name.trim().slice(0, 100) : undefined;
  const ap = deps.approvals.approvals;
  let result;
  try {
    const draft = draftFromAnswer(answerOf(record), record.question, name ? { userId, name } : { userId }, parsed.form);
    // One request per form, whoever sends it twice (double click, a redelivery after a crash).
    result = await ap.submit(draft, { ref: `answer-form:${userKey}:${data.formId}` });
  } catch (err) {
    if (err instanceof DraftError) {
      await again(err.issues.map((i) => ({ field: i.path, message: i.message })), parsed.form as unknown as Record<string, string>);
      return;
    }
    if (err instanceof NoRecipientError) {
      await ctx.sendActivity(NO_RECIPIENT_TEXT);
      deps.log.warn('approvals.form.no-recipient', { ...turnIds(ctx.activity), answerId: record.id });
      return;
    }
    throw err;
  }
  deps.approvals.nudge();
  const c = result.card;
  const to = c.assignments
    .map((a) => `${a.role === a.assignedRole ? a.role : `${a.role} → ${a.assignedRole}`}（${a.holders.join('、') || '担当者なし'}）`)
    .join('、');
  const noun = kind === 'permission' ? '申請' : '報告';
  const text = result.duplicate
    ? `この${noun}はすでに送信しています（受付番号 ${c.shortId}）。`
    : `送信しました（受付番号 ${c.shortId}）。${to}にお送りしました。${kind === 'permission' ? '結果はこのチャットでお知らせします。' : ''}`;
  await ctx.sendActivity(messageWithCard(text, c));
  deps.log.info('approvals.form.submitted', { ...turnIds(ctx.activity), answerId: record.id, requestId: result.requestId, duplicate: result.duplicate, kind });
}
