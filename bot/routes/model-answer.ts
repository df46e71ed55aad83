// A question answered with the configured model (the LLM option), and the streaming glue for Teams.
//
// In a Teams personal chat the SDK's streaming response shows 「規程を確認しています…」 while the model works, then
// the model's explanation sentence by sentence (only text that already passed the checks), and ends with the
// final message: always the verified answer, laid out like every answer (verdict first, roles, quote and label,
// citations, 👍/👎, procedure button). When verification fails after some text was streamed, the final message is
// the offline answer and replaces that draft. Elsewhere (channels, group chats, other channels, expectReplies)
// nothing streams: the model is asked once and the final message is sent alone.

import { randomUUID } from 'node:crypto';
import { type Activity, Channels, DeliveryModes } from '@microsoft/agents-activity';
import { type StreamingResponse, StreamingResponseResult, type TurnContext } from '@microsoft/agents-hosting';
import type { Answer } from '../../knowledge/types';
import type { BotLlm, ModelAnswer } from '../llm';
import type { LogFields, Logger } from '../log';
import { turnIds } from '../routing';

/** True where Teams streams a bot's message: the Teams channel, a personal chat, replies through the connector. */
export function canStream(activity: Activity): boolean {
  return (
    activity.channelId === Channels.Msteams &&
    activity.conversation?.conversationType === 'personal' &&
    activity.deliveryMode !== DeliveryModes.ExpectReplies
  );
}

export interface ModelTurn {
  answer: Answer;
  /** For sendAnswer: AI label, explanation, and the stream to end. */
  delivery: { answerId: string; fromModel: boolean; explanation?: string; stream?: StreamingResponse };
  /** For the answer.sent log line: where the answer came from, and why the model's was not used. */
  fields: LogFields;
}

/**
 * Asks the model (or takes a verified model answer given earlier for the same question). Streams in Teams
 * personal chats; the caller sends the returned answer with sendAnswer, which ends the stream with it.
 */
export async function askModel(ctx: TurnContext, llm: BotLlm, question: string): Promise<ModelTurn> {
  const answerId = randomUUID();
  const ids = { ...turnIds(ctx.activity), requestId: answerId };
  let result: ModelAnswer | undefined = llm.cached(question);
  let stream: StreamingResponse | undefined;
  if (!result) {
    stream = canStream(ctx.activity) ? ctx.streamingResponse : undefined;
    const s = stream;
    const stop = new AbortController();
    if (s) cancelOnStop(ctx, stop);
    result = await llm.answer(
      question,
      {
        requestId: answerId,
        signal: stop.signal,
        ...(s ? { onProgress: (text: string) => s.queueInformativeUpdate(text), onTextChunk: (text: string) => s.queueTextChunk(text) } : {}),
      },
      ids,
    );
  }
  const fromModel = result.source === 'llm';
  return {
    answer: result.answer,
    delivery: {
      answerId,
      fromModel,
      ...(fromModel && result.explanation ? { explanation: result.explanation } : {}),
      ...(stream ? { stream } : {}),
    },
    fields: {
      requestId: answerId,
      source: result.source,
      fallbackReason: result.fallbackReason,
      streamed: result.streamed,
      cached: result.cached,
    },
  };
}

/**
 * The person pressed Stop: Teams refuses the next streaming update with 403 ContentStreamNotAllowed (not the
 * time-out variant). The SDK then sends nothing more; this also cancels the model request, which would otherwise
 * run to its end for nothing.
 */
function cancelOnStop(ctx: TurnContext, stop: AbortController): void {
  ctx.onSendActivities(async (_ctx, _activities, next) => {
    try {
      return await next();
    } catch (err) {
      const text = (err instanceof Error ? err.message : String(err)).toLowerCase();
      // After the SDK has taken the refusal as Stop (its own catch runs once this rethrows), so that the stream
      // ends as stopped rather than with the fallback answer.
      if (text.includes('contentstreamnotallowed') && !text.includes('exceeded streaming time')) setImmediate(() => stop.abort());
      throw err;
    }
  });
}

/**
 * Ends the turn's stream with `reply` as its final message (which replaces any streamed text) and returns the
 * message id Teams knows it by (the stream's id). Nothing queued yet (no model call was made): the reply is sent
 * as an ordinary message. A broken stream: the reply is sent on its own. Stopped by the person: nothing more.
 */
export async function endStreamWith(ctx: TurnContext, stream: StreamingResponse, reply: Activity, log: Logger): Promise<string | undefined> {
  if (stream.updatesSent === 0) return (await ctx.sendActivity(reply))?.id;
  stream.setFinalMessage(reply);
  if (reply.attachments && reply.attachments.length > 0) stream.setAttachments(reply.attachments);
  stream.setFeedbackLoop(true);
  const result = await stream.endStream();
  if (result === StreamingResponseResult.Success) return stream.streamId;
  if (result === StreamingResponseResult.UserCanceled) {
    log.info('answer.stream_stopped', { ...turnIds(ctx.activity), result });
    return undefined;
  }
  log.warn('answer.stream_failed', { ...turnIds(ctx.activity), result });
  return (await ctx.sendActivity(reply))?.id;
}
