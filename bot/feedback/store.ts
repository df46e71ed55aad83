// Answers the bot gave, and the feedback (👍/👎 and a comment) staff left on them.
// Each answer is stored with the id of the message that carried it, so feedback on that message finds it.
//
// Answer records are written behind: recordAnswer keeps the record in memory and a timer writes what has gathered
// in one transaction at most `answerFlushMs` (200 ms) later, or at once when `answerBatch` (100) records wait, so a
// question turn does no database write of its own for them. Every read here (feedback, the request offer, the
// export) writes what waits first, so this instance always sees its own answers; another instance sharing the
// database sees them within `answerFlushMs`. flush() (the server calls it on close) writes what waits. A crash of
// the process loses the records of the answers given in its last `answerFlushMs`: feedback on such an answer is
// then stored without its question (answerId null in the export) and its 「許可を申請する」 button answers that the
// answer can no longer be found. The answers themselves were sent normally; nothing else depends on the records.

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

export interface FeedbackStoreOptions {
  now?: () => Date;
  /** Longest time an answer record waits in memory before it is written (ms); 0 writes each one at once. */
  answerFlushMs?: number;
  /** Records written together at most; this many waiting are written at once. */
  answerBatch?: number;
  /** A batch of answer records could not be written (they are kept and tried again). */
  onFlushError?: (err: unknown, waiting: number) => void;
}

export const DEFAULT_ANSWER_FLUSH_MS = 200;
const DEFAULT_ANSWER_BATCH = 100;
/** Records kept while the database cannot take them; beyond this the oldest are dropped. */
const MAX_WAITING = 10_000;
/** After a failed write, the next try comes this much later (ms). */
const RETRY_MS = 5_000;

const INSERT_ANSWER = `INSERT INTO ${ANSWERS_TABLE}
  (id, created_at, conversation_id, activity_id, message_id, user_id, question, verdict, roles, labels, procedure_id, reply)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

export class FeedbackStore {
  private readonly now: () => Date;
  private readonly flushMs: number;
  private readonly batch: number;
  /** Answer records not yet written, oldest first. */
  private waiting: AnswerRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  /** Where failed background writes are reported (the server sets its logger). */
  onFlushError: ((err: unknown, waiting: number) => void) | undefined;

  constructor(
    private readonly db: Db,
    options: FeedbackStoreOptions | (() => Date) = {},
  ) {
    const o = typeof options === 'function' ? { now: options } : options;
    this.now = o.now ?? (() => new Date());
    this.flushMs = Math.max(0, o.answerFlushMs ?? DEFAULT_ANSWER_FLUSH_MS);
    this.batch = Math.max(1, o.answerBatch ?? DEFAULT_ANSWER_BATCH);
    this.onFlushError = o.onFlushError;
  }

  static async open(db: Db, options?: FeedbackStoreOptions | (() => Date)): Promise<FeedbackStore> {
    await db.migrate('bot_feedback_v1', MIGRATION);
    return new FeedbackStore(db, options);
  }

  /** Records an answer before it is sent (written behind, see above); returns its id. */
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
    const row: AnswerRow = {
      id,
      created_at: this.now().toISOString(),
      conversation_id: input.conversationId,
      activity_id: input.activityId,
      message_id: id,
      user_id: input.userId,
      question: input.question,
      verdict: input.answer.verdict,
      roles: JSON.stringify(input.answer.roles),
      labels: JSON.stringify(input.answer.citations.map((c) => c.label)),
      procedure_id: input.answer.procedure,
      reply: input.reply,
    };
    if (this.flushMs === 0) {
      await this.insert([row]);
      return id;
    }
    this.waiting.push(row);
    if (this.waiting.length > MAX_WAITING) this.waiting.splice(0, this.waiting.length - MAX_WAITING);
    if (this.waiting.length >= this.batch && !this.writing) this.flushInBackground();
    else this.schedule(this.flushMs);
    return id;
  }

  /** Answer records waiting to be written. */
  get pendingAnswers(): number {
    return this.waiting.length;
  }

  /** Writes the answer records that wait (after a write under way). Rejects when the database does; they stay waiting. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.waiting.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.waiting;
    this.waiting = [];
    let failure: { err: unknown } | undefined;
    this.writing = this.insert(rows)
      .catch((err: unknown) => {
        failure = { err };
        // Kept, in order, ahead of newer ones, for the next try.
        this.waiting = [...rows, ...this.waiting].slice(-MAX_WAITING);
      })
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
    if (failure) throw failure.err;
  }

  private flushInBackground(): void {
    this.flush().then(
      () => {
        if (this.waiting.length > 0) this.schedule(this.flushMs);
      },
      (err: unknown) => {
        this.onFlushError?.(err, this.waiting.length);
        this.schedule(RETRY_MS);
      },
    );
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushInBackground();
    }, ms);
    this.timer.unref();
  }

  private async insert(rows: AnswerRow[]): Promise<void> {
    const params = (r: AnswerRow) => [
      r.id, r.created_at, r.conversation_id, r.activity_id, r.message_id, r.user_id, r.question, r.verdict, r.roles, r.labels, r.procedure_id, r.reply,
    ];
    const [only] = rows;
    if (rows.length === 1 && only) {
      await this.db.run(INSERT_ANSWER, params(only));
      return;
    }
    await this.db.tx(async (tx) => {
      for (const r of rows) await tx.run(INSERT_ANSWER, params(r));
    });
  }

  /** Notes the id the channel gave the message that carried the answer. */
  async setMessageId(answerId: string, messageId: string): Promise<void> {
    const row = this.waiting.find((r) => r.id === answerId);
    if (row) {
      row.message_id = messageId;
      return;
    }
    await this.flush(); // it may be in a write under way
    await this.db.run(`UPDATE ${ANSWERS_TABLE} SET message_id = $1 WHERE id = $2`, [messageId, answerId]);
  }

  async answer(id: string): Promise<AnswerRecord | undefined> {
    await this.flush();
    const row = await this.db.get<AnswerRow>(`SELECT * FROM ${ANSWERS_TABLE} WHERE id = $1`, [id]);
    return row && toAnswer(row);
  }

  /** The answer a message carried, looked up by the message id within its conversation. */
  async answerForMessage(conversationId: string, messageId: string): Promise<AnswerRecord | undefined> {
    await this.flush();
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
    await this.flush();
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
