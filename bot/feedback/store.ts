// Answers the bot gave, and the feedback (👍/👎 and a comment) staff left on them.
// Each answer is stored with the id of the message that carried it, so feedback on that message finds it.

import { randomUUID } from 'node:crypto';
import type { Answer } from '../../knowledge/types';
import type { Db } from '../../storage/types';

export const ANSWERS_TABLE = 'bot_answers';
export const FEEDBACK_TABLE = 'bot_feedback';

const MIGRATION = `CREATE TABLE ${ANSWERS_TABLE} (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id TEXT,
  message_id TEXT,
  user_id TEXT,
  question TEXT NOT NULL,
  verdict TEXT NOT NULL,
  roles TEXT NOT NULL,
  labels TEXT NOT NULL,
  procedure_id TEXT,
  reply TEXT NOT NULL
);
CREATE INDEX ${ANSWERS_TABLE}_message ON ${ANSWERS_TABLE} (conversation_id, message_id);
CREATE TABLE ${FEEDBACK_TABLE} (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  answer_id TEXT,
  conversation_id TEXT NOT NULL,
  message_id TEXT,
  user_id TEXT,
  reaction TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX ${FEEDBACK_TABLE}_created ON ${FEEDBACK_TABLE} (created_at)`;

export type Reaction = 'like' | 'dislike';

export interface AnswerRecord {
  id: string;
  createdAt: string;
  conversationId: string;
  activityId: string | null;
  messageId: string | null;
  userId: string | null;
  question: string;
  verdict: Answer['verdict'];
  roles: string[];
  labels: string[];
  procedure: string | null;
  reply: string;
}

export interface FeedbackInput {
  conversationId: string;
  /** The id of the rated message (Teams sends it as replyToId). */
  messageId: string | null;
  userId: string | null;
  reaction: Reaction;
  comment: string | null;
}

/** One row of the export: the feedback and the answer it rates. */
export interface FeedbackRow {
  feedbackId: string;
  feedbackAt: string;
  reaction: Reaction;
  comment: string | null;
  answerId: string | null;
  answeredAt: string | null;
  question: string | null;
  verdict: string | null;
  labels: string[];
  roles: string[];
  procedure: string | null;
  reply: string | null;
}

interface AnswerRow {
  id: string;
  created_at: string;
  conversation_id: string;
  activity_id: string | null;
  message_id: string | null;
  user_id: string | null;
  question: string;
  verdict: string;
  roles: string;
  labels: string;
  procedure_id: string | null;
  reply: string;
}

const parseList = (json: string | null | undefined): string[] => {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

export class FeedbackStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static async open(db: Db, now?: () => Date): Promise<FeedbackStore> {
    await db.migrate('bot_feedback_v1', MIGRATION);
    return new FeedbackStore(db, now);
  }

  /** Records an answer before it is sent; returns its id. */
  async recordAnswer(input: {
    id?: string;
    conversationId: string;
    activityId: string | null;
    userId: string | null;
    question: string;
    answer: Answer;
    reply: string;
  }): Promise<string> {
    const id = input.id ?? randomUUID();
    await this.db.run(
      `INSERT INTO ${ANSWERS_TABLE}
        (id, created_at, conversation_id, activity_id, message_id, user_id, question, verdict, roles, labels, procedure_id, reply)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        this.now().toISOString(),
        input.conversationId,
        input.activityId,
        id,
        input.userId,
        input.question,
        input.answer.verdict,
        JSON.stringify(input.answer.roles),
        JSON.stringify(input.answer.citations.map((c) => c.label)),
        input.answer.procedure,
        input.reply,
      ],
    );
    return id;
  }

  /** Notes the id the channel gave the message that carried the answer. */
  async setMessageId(answerId: string, messageId: string): Promise<void> {
    await this.db.run(`UPDATE ${ANSWERS_TABLE} SET message_id = $1 WHERE id = $2`, [messageId, answerId]);
  }

  async answer(id: string): Promise<AnswerRecord | undefined> {
    const row = await this.db.get<AnswerRow>(`SELECT * FROM ${ANSWERS_TABLE} WHERE id = $1`, [id]);
    return row && toAnswer(row);
  }

  /** The answer a message carried, looked up by the message id within its conversation. */
  async answerForMessage(conversationId: string, messageId: string): Promise<AnswerRecord | undefined> {
    const row = await this.db.get<AnswerRow>(
      `SELECT * FROM ${ANSWERS_TABLE} WHERE conversation_id = $1 AND message_id = $2 ORDER BY created_at DESC LIMIT 1`,
      [conversationId, messageId],
    );
    return row && toAnswer(row);
  }

  /** Stores feedback with the answer it rates (null when the rated message is not one of our answers). */
  async recordFeedback(input: FeedbackInput): Promise<{ id: string; answerId: string | null }> {
    const answer = input.messageId ? await this.answerForMessage(input.conversationId, input.messageId) : undefined;
    const id = randomUUID();
    await this.db.run(
      `INSERT INTO ${FEEDBACK_TABLE} (id, created_at, answer_id, conversation_id, message_id, user_id, reaction, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, this.now().toISOString(), answer?.id ?? null, input.conversationId, input.messageId, input.userId, input.reaction, input.comment],
    );
    return { id, answerId: answer?.id ?? null };
  }

  /** Every feedback with its answer, oldest first; `since` (ISO date-time) keeps the newer ones. */
  async export(options: { since?: string } = {}): Promise<FeedbackRow[]> {
    const rows = await this.db.all<{
      f_id: string;
      f_created: string;
      reaction: Reaction;
      comment: string | null;
      a_id: string | null;
      a_created: string | null;
      question: string | null;
      verdict: string | null;
      labels: string | null;
      roles: string | null;
      procedure_id: string | null;
      reply: string | null;
    }>(
      `SELECT f.id AS f_id, f.created_at AS f_created, f.reaction, f.comment,
              a.id AS a_id, a.created_at AS a_created, a.question, a.verdict, a.labels, a.roles, a.procedure_id, a.reply
         FROM ${FEEDBACK_TABLE} f LEFT JOIN ${ANSWERS_TABLE} a ON a.id = f.answer_id
        WHERE f.created_at >= $1
        ORDER BY f.created_at, f.id`,
      [options.since ?? ''],
    );
    return rows.map((r) => ({
      feedbackId: r.f_id,
      feedbackAt: r.f_created,
      reaction: r.reaction,
      comment: r.comment,
      answerId: r.a_id,
      answeredAt: r.a_created,
      question: r.question,
      verdict: r.verdict,
      labels: parseList(r.labels),
      roles: parseList(r.roles),
      procedure: r.procedure_id,
      reply: r.reply,
    }));
  }
}

function toAnswer(r: AnswerRow): AnswerRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    conversationId: r.conversation_id,
    activityId: r.activity_id,
    messageId: r.message_id,
    userId: r.user_id,
    question: r.question,
    verdict: r.verdict as Answer['verdict'],
    roles: parseList(r.roles),
    labels: parseList(r.labels),
    procedure: r.procedure_id,
    reply: r.reply,
  };
}
