// The bot with a model: the real bot (HTTP to /api/messages, Teams-shaped activities), the real knowledge engine,
// the real openai client, and a local OpenAI-compatible server on 127.0.0.1 that each test scripts.
// Replies reach the local capture connector (serviceUrl) or come back in the HTTP response (expectReplies).

import { answerText } from '../../../bot/reply/answer';
import { loadKnowledgeEngine } from '../../../knowledge/engine';
import type { LlmOutput } from '../../../knowledge/llm/schema';
import type { Answer, KnowledgeEngine } from '../../../knowledge/types';
import type { Db } from '../../../storage/types';
import type { Env } from '../../../bot/config';
import { type CaptureServer, type CapturedActivity, startCaptureServer } from '../../support/capture';
import { startBot, type TestBot } from '../../support/bot';
import { message, post, type TeamsOptions } from '../../support/teams';
import { type ChatRequest, type FakeOpenAi, type FakeReply, readPrompt, startFakeOpenAi } from '../../llm/support/fakeOpenAi';

export const AI_ENTITY = 'https://schema.org/Message';
export const PROGRESS = '規程を確認しています…';
/** A key that must never appear in a log line. */
export const API_KEY = 'sk-test-0123456789-never-logged';

let engine: KnowledgeEngine | undefined;
/** The real engine, loaded once per test file. */
export function realEngine(): KnowledgeEngine {
  engine ??= loadKnowledgeEngine();
  return engine;
}

export type Model = (prompt: ReturnType<typeof readPrompt>, req: ChatRequest) => FakeReply;

/** A model that answers `out` as JSON, streamed slowly enough that Teams gets text chunks before the end. */
export function answers(out: LlmOutput | string, extra: Partial<Extract<FakeReply, { type: 'content' }>> = {}): Model {
  return () => ({ type: 'content', content: typeof out === 'string' ? out : JSON.stringify(out), chunkSize: 4, chunkDelayMs: 40, ...extra });
}

export interface LlmBot {
  bot: TestBot;
  ai: FakeOpenAi;
  capture: CaptureServer;
  /** Sets what the model does for the next requests. */
  model(m: Model): void;
  close(): Promise<void>;
}

export async function startLlmBot(db: Db, env: Env = {}): Promise<LlmBot> {
  let current: Model = () => ({ type: 'status', status: 500 });
  const ai = await startFakeOpenAi((req) => current(readPrompt(req), req));
  const capture = await startCaptureServer();
  const bot = await startBot({
    db,
    engine: realEngine(),
    env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_MODEL: 'fake-model', OPENAI_API_KEY: API_KEY, LLM_TIMEOUT_MS: '5000', ...env },
  });
  return {
    bot,
    ai,
    capture,
    model: (m) => {
      current = m;
    },
    close: async () => {
      await bot.close();
      await capture.close();
      await ai.close();
    },
  };
}

export interface Turn {
  status: number;
  /** Everything the bot sent for this activity, in order. */
  sent: CapturedActivity[];
  /** The typing activities of the stream (informative and streaming). */
  typing: Array<Record<string, any>>;
  /** The last message: the final message of the stream, or the only message. */
  final: Record<string, any>;
  finalId: string;
  activityId: string;
}

/**
 * Sends a question through the connector path (serviceUrl) and collects what the bot sent for it.
 * `channelId` replaces Teams' (another channel); `build` makes the activity (default: a personal-chat message).
 */
export async function ask(
  t: LlmBot,
  text: string,
  o: TeamsOptions & { channelId?: string } = {},
  build: (text: string, o: TeamsOptions) => Record<string, any> = message,
): Promise<Turn> {
  const { channelId, ...options } = o;
  const activity = build(text, { serviceUrl: t.capture.serviceUrl, ...options });
  if (channelId) activity.channelId = channelId;
  const res = await post(t.bot.url, activity);
  // The HTTP response comes after the turn: everything the bot sent is at the capture server.
  const sent = t.capture.received.filter((r) => r.replyToId === activity.id);
  const messages = sent.filter((r) => r.activity.type === 'message');
  const last = messages[messages.length - 1];
  if (!last) throw new Error(`no message for the question (status ${res.status}, ${sent.length} activities)`);
  return {
    status: res.status,
    sent,
    typing: sent.filter((r) => r.activity.type === 'typing').map((r) => r.activity),
    final: last.activity,
    finalId: last.messageId,
    activityId: activity.id,
  };
}

export function streamInfo(activity: Record<string, any>): Record<string, any> | undefined {
  return (activity.entities ?? []).find((e: any) => e.type === 'streaminfo');
}

export function messageEntity(activity: Record<string, any>): Record<string, any> | undefined {
  return (activity.entities ?? []).find((e: any) => e.type === AI_ENTITY);
}

/** The offline answer's text exactly as the offline bot renders it (procedure offer aside: it is a card). */
export function offlineText(question: string): string {
  return answerText(realEngine().answer(question));
}

/** The offline engine's answer for a question. */
export function offline(question: string): Answer {
  return realEngine().answer(question);
}

/** Every text the person could have seen for a turn: typing texts and message texts, cards included. */
export function shown(turn: Turn): string {
  return turn.sent.map((r) => JSON.stringify(r.activity)).join('\n');
}
