// Any other message is a question for the knowledge engine, answered with verdict, roles, the quoted
// clause, Teams citations and feedback buttons. The answer is stored so feedback can be matched to it.
// With a model configured the answer comes through bot/routes/model-answer.ts (streamed in Teams, verified).

import { randomUUID } from 'node:crypto';
import { ActivityTypes, DeliveryModes } from '@microsoft/agents-activity';
import { RouteRank, type StreamingResponse, type TurnContext } from '@microsoft/agents-hosting';
import { isPersonal } from '../dialogs/input';
import { withProcedureOffer } from '../dialogs/offer';
import { answerActivity } from '../reply/answer';
import { askModel, endStreamWith } from './model-answer';
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

/** How an answer goes out, beyond the usual message. */
export interface AnswerDelivery {
  /** Our id for the answer (default: a new one); the LLM log lines carry it as requestId. */
  answerId?: string;
  /** A verified model answer: Teams' "AI generated" label and the model's explanation under the verdict. */
  fromModel?: boolean;
  explanation?: string;
  /** The turn's streaming response: the answer becomes its final message, replacing any streamed draft. */
  stream?: StreamingResponse;
}

/** Sends an answer as the bot always does (verdict, quote, citations, 👍/👎, procedure button) and records it. */
export async function sendAnswer(
  ctx: TurnContext,
  { feedback, log }: Pick<BotDeps, 'feedback' | 'log'>,
  question: string,
  answer: Answer,
  fields: LogFields = {},
  delivery: AnswerDelivery = {},
): Promise<void> {
  const activity = ctx.activity;
  const answerId = delivery.answerId ?? randomUUID();
  // 「許可を申請する」 / 「報告する」 in personal chats: the form and the request stay between the person and the bot.
  const reply = answerActivity(answer, {
    answerId,
    offerRequest: isPersonal(activity),
    ...(delivery.fromModel ? { fromModel: true, explanation: delivery.explanation } : {}),
  });
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
  const sentId = delivery.stream ? await endStreamWith(ctx, delivery.stream, reply, log) : (await ctx.sendActivity(reply))?.id;
  if (sentId && sentId !== answerId) await feedback.setMessageId(answerId, sentId);
  log.info('answer.sent', {
    ...turnIds(activity),
    answerId,
    messageId: sentId || answerId,
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
      if (deps.llm) {
        const turn = await askModel(ctx, deps.llm, question);
        await sendAnswer(ctx, deps, question, withProcedureOffer(turn.answer, question), turn.fields, turn.delivery);
        return;
      }
      await sendAnswer(ctx, deps, question, withProcedureOffer(await deps.answer(question), question));
    },
    [],
    RouteRank.Last,
  );
};
