// Any other message is a question for the knowledge engine, answered with verdict, roles, the quoted
// clause, Teams citations and feedback buttons. The answer is stored so feedback can be matched to it.

import { randomUUID } from 'node:crypto';
import { ActivityTypes, DeliveryModes } from '@microsoft/agents-activity';
import { RouteRank, type TurnContext } from '@microsoft/agents-hosting';
import { isPersonal } from '../dialogs/input';
import { withProcedureOffer } from '../dialogs/offer';
import { answerActivity } from '../reply/answer';
import type { Answer } from '../../knowledge/types';
import type { LogFields } from '../log';
import { type BotDeps, type BotExtension, UNSUPPORTED_ACTION_TEXT, isCardSubmit, turnIds, userIdOf } from '../routing';
import { messageText } from '../text';

export const ASK_IN_WORDS_TEXT =
  'ご質問を文章で送ってください。たとえば「USBメモリを家に持ち帰ってもいいですか」のように聞いてください。「ヘルプ」と送ると使い方をご案内します。';

/**
 * Replies returned in the HTTP response (deliveryMode expectReplies) have no channel-assigned id, and the
 * SDK drops ids we set; put the answer id back so the client can refer to the message (e.g. for feedback).
 */
function keepAnswerId(ctx: TurnContext, answerId: string): void {
  ctx.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) {
      if (!a.id && (a.channelData as { feedbackLoopEnabled?: boolean } | undefined)?.feedbackLoopEnabled) a.id = answerId;
    }
    return next();
  });
}

/** Sends an answer as the bot always does (verdict, quote, citations, 👍/👎, procedure button) and records it. */
export async function sendAnswer(
  ctx: TurnContext,
  { feedback, log }: Pick<BotDeps, 'feedback' | 'log'>,
  question: string,
  answer: Answer,
  fields: LogFields = {},
): Promise<void> {
  const activity = ctx.activity;
  const answerId = randomUUID();
  // 「許可を申請する」 / 「報告する」 in personal chats: the form and the request stay between the person and the bot.
  const reply = answerActivity(answer, { answerId, offerRequest: isPersonal(activity) });
  await feedback.recordAnswer({
    id: answerId,
    conversationId: activity.conversation?.id ?? '',
    activityId: activity.id ?? null,
    userId: userIdOf(activity),
    question,
    answer,
    reply: reply.text ?? '',
  });
  if (activity.deliveryMode === DeliveryModes.ExpectReplies) keepAnswerId(ctx, answerId);
  const sent = await ctx.sendActivity(reply);
  if (sent?.id && sent.id !== answerId) await feedback.setMessageId(answerId, sent.id);
  log.info('answer.sent', {
    ...turnIds(activity),
    answerId,
    messageId: sent?.id || answerId,
    verdict: answer.verdict,
    citationCount: answer.citations.length,
    procedure: answer.procedure,
    textLength: question.length,
    ...fields,
  });
}

export const registerQuestions: BotExtension = (app, deps) => {
  app.onActivity(
    ActivityTypes.Message,
    async (ctx) => {
      const activity = ctx.activity;
      const question = messageText(activity);
      if (!question) {
        await ctx.sendActivity(isCardSubmit(activity) ? UNSUPPORTED_ACTION_TEXT : ASK_IN_WORDS_TEXT);
        return;
      }
      await sendAnswer(ctx, deps, question, withProcedureOffer(await deps.answer(question), question));
    },
    [],
    RouteRank.Last,
  );
};
