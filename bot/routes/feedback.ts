// Teams' feedback buttons on an answer (👍/👎, optionally with a comment) arrive as the invoke
// `message/submitAction`; the feedback is stored with the answer the rated message carried.

import { z } from 'zod';
import { type BotExtension, onInvoke, turnIds, userIdOf } from '../routing';

export const FEEDBACK_INVOKE = 'message/submitAction';
export const MAX_COMMENT_CHARS = 1000;

export const feedbackValue = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    /** Teams sends a JSON string such as {"feedbackText":"…"}; custom forms may send an object. */
    feedback: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
});

/** The person's comment from the feedback payload, or null. */
export function feedbackComment(feedback: string | Record<string, unknown> | undefined): string | null {
  let value: unknown = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback);
    } catch {
      value = feedback;
    }
  }
  const text =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && typeof (value as { feedbackText?: unknown }).feedbackText === 'string'
        ? (value as { feedbackText: string }).feedbackText
        : '';
  const trimmed = text.trim();
  if (!trimmed) return null;
  const chars = [...trimmed];
  return chars.length > MAX_COMMENT_CHARS ? chars.slice(0, MAX_COMMENT_CHARS).join('') : trimmed;
}

export const registerFeedback: BotExtension = (app, { feedback, log }) => {
  onInvoke(app, FEEDBACK_INVOKE, async (ctx) => {
    const parsed = feedbackValue.safeParse(ctx.activity.value);
    const conversationId = ctx.activity.conversation?.id;
    if (!parsed.success || !conversationId) {
      log.warn('feedback.invalid', turnIds(ctx.activity));
      return { status: 400, body: { error: 'invalid feedback' } };
    }
    const { reaction, feedback: payload } = parsed.data.actionValue;
    const saved = await feedback.recordFeedback({
      conversationId,
      messageId: ctx.activity.replyToId ?? null,
      userId: userIdOf(ctx.activity),
      reaction,
      comment: feedbackComment(payload),
    });
    log.info('feedback.stored', { ...turnIds(ctx.activity), feedbackId: saved.id, answerId: saved.answerId, reaction });
    return { status: 200, body: {} };
  });
};
