// Feedback stored with the answer it rates, and exported as CSV and JSON (store on both dialects).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { openSqlite } from '../../storage/sqlite';
import { parseFeedbackArgs, runFeedbackExport } from '../../bot/cli/feedback';
import { CSV_COLUMNS, csvCell, toCsv, toJson } from '../../bot/feedback/export';
import { ANSWERS_TABLE, FeedbackStore } from '../../bot/feedback/store';
import type { Db } from '../../storage/types';
import { startBot } from '../support/bot';
import { message, post } from '../support/teams';
import { feedbackComment } from '../../bot/routes/feedback';
import { fixtures } from '../support/engine';

describe.each(TEST_DIALECTS)('feedback store on %s', (dialect) => {
  const t = useTestDb(dialect);
  let clock = Date.parse('2026-04-01T09:00:00Z');
  const now = () => new Date((clock += 1000));

  it('finds the answer by the id the channel gave its message, and exports both together', async () => {
    const store = await FeedbackStore.open(t().db, now);
    const id = await store.recordAnswer({
      conversationId: 'c1',
      activityId: 'q1',
      userId: 'u1',
      question: 'USBメモリを家に持ち帰ってもいいですか',
      answer: fixtures.USB!,
      reply: '**許可が必要です。**',
    });
    await store.setMessageId(id, 'msg-9');
    expect((await store.answerForMessage('c1', 'msg-9'))?.id).toBe(id);
    expect(await store.answerForMessage('other-conversation', 'msg-9')).toBeUndefined();

    const saved = await store.recordFeedback({ conversationId: 'c1', messageId: 'msg-9', userId: 'u1', reaction: 'dislike', comment: '違う条文では？' });
    expect(saved.answerId).toBe(id);
    const orphan = await store.recordFeedback({ conversationId: 'c1', messageId: 'unknown', userId: 'u2', reaction: 'like', comment: null });
    expect(orphan.answerId).toBeNull();

    const rows = await store.export();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      reaction: 'dislike',
      comment: '違う条文では？',
      answerId: id,
      question: 'USBメモリを家に持ち帰ってもいいですか',
      verdict: 'needs_permission',
      labels: ['第3章 7(4)ア(ウ)b', '第3章 7(4)ア(オ)'],
      roles: ['データ取扱責任者'],
      procedure: 'carry-out',
      reply: '**許可が必要です。**',
    });
    expect(rows[1]).toMatchObject({ reaction: 'like', answerId: null, question: null, labels: [] });

    const since = await store.export({ since: rows[1]!.feedbackAt });
    expect(since.map((r) => r.feedbackId)).toEqual([rows[1]!.feedbackId]);
  });
});

describe.each(TEST_DIALECTS)('answer records written behind on %s', (dialect) => {
  const t = useTestDb(dialect);
  // One conversation per test: the tests share the database.
  let conversation = '';
  let tests = 0;
  beforeEach(() => {
    conversation = `wb-${++tests}`;
  });
  const record = (store: FeedbackStore, n: number) =>
    store.recordAnswer({ conversationId: conversation, activityId: `a${n}`, userId: 'u1', question: `q${n}`, answer: fixtures.USB!, reply: `r${n}` });
  const stored = async () =>
    (await t().db.all<{ id: string }>(`SELECT id FROM ${ANSWERS_TABLE} WHERE conversation_id = $1`, [conversation])).map((r) => r.id);
  /** A Db whose writes fail while `failing` is set. */
  const flaky = (db: Db) => {
    const state = { failing: false };
    const fail = () => Promise.reject(new Error('database unavailable'));
    const wrapped: Db = Object.assign(Object.create(db) as Db, {
      run: (sql: string, params?: readonly unknown[]) => (state.failing ? fail() : db.run(sql, params)),
      tx: <T>(fn: (tx: Db) => Promise<T>) => (state.failing ? fail() : db.tx(fn)),
    });
    return { db: wrapped, state };
  };

  it('keeps answers in memory until flushed, and every read sees them first', async () => {
    const store = await FeedbackStore.open(t().db, { answerFlushMs: 60_000 });
    const first = await record(store, 1);
    const second = await record(store, 2);
    expect(store.pendingAnswers).toBe(2);
    expect(await stored()).toEqual([]);
    // the channel's message id for a record still waiting is noted in memory, then written with it
    await store.setMessageId(second, 'msg-2');
    expect(store.pendingAnswers).toBe(2);
    // a read writes what waits first (one transaction), so feedback and the request offer find their answer
    expect((await store.answer(first))?.question).toBe('q1');
    expect(store.pendingAnswers).toBe(0);
    expect((await stored()).sort()).toEqual([first, second].sort());
    expect((await store.answerForMessage(conversation, 'msg-2'))?.id).toBe(second);
    const saved = await store.recordFeedback({ conversationId: conversation, messageId: 'msg-2', userId: 'u1', reaction: 'like', comment: null });
    expect(saved.answerId).toBe(second);
  });

  it('writes a full batch at once, without waiting for the timer', async () => {
    const store = await FeedbackStore.open(t().db, { answerFlushMs: 60_000, answerBatch: 3 });
    const ids = [await record(store, 1), await record(store, 2)];
    expect(store.pendingAnswers).toBe(2);
    ids.push(await record(store, 3));
    expect(store.pendingAnswers).toBe(0); // handed to a write
    await store.flush(); // waits for that write
    expect((await stored()).sort()).toEqual([...ids].sort());
  });

  it('writes on its timer', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const store = await FeedbackStore.open(t().db, { answerFlushMs: 200 });
      const id = await record(store, 1);
      jest.advanceTimersByTime(199);
      expect(store.pendingAnswers).toBe(1);
      jest.advanceTimersByTime(1);
      expect(store.pendingAnswers).toBe(0);
      await store.flush();
      expect(await stored()).toEqual([id]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps what the database refused, in order, reports it, and writes it later', async () => {
    const { db, state } = flaky(t().db);
    const errors: number[] = [];
    const store = await FeedbackStore.open(db, { answerFlushMs: 60_000, answerBatch: 2, onFlushError: (_err, waiting) => errors.push(waiting) });
    state.failing = true;
    const ids = [await record(store, 1), await record(store, 2)]; // a full batch: a background write that fails
    await expect(store.flush()).rejects.toThrow('database unavailable');
    expect(errors.length).toBeGreaterThan(0);
    expect(store.pendingAnswers).toBe(2);
    ids.push(await record(store, 3));
    state.failing = false;
    await store.flush();
    expect(store.pendingAnswers).toBe(0);
    const rows = await t().db.all<{ id: string }>(`SELECT id FROM ${ANSWERS_TABLE} WHERE conversation_id = $1 ORDER BY created_at, activity_id`, [
      conversation,
    ]);
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it('answerFlushMs 0 writes each answer as it is recorded', async () => {
    const store = await FeedbackStore.open(t().db, { answerFlushMs: 0 });
    const id = await record(store, 1);
    expect(store.pendingAnswers).toBe(0);
    expect(await stored()).toEqual([id]);
  });
});

describe('answer records when the bot stops', () => {
  const t = useTestDb('sqlite');

  it('are written by server.close()', async () => {
    const bot = await startBot({ db: t().db });
    const activity = message('USBメモリを家に持ち帰ってもいいですか', { expectReplies: true, serviceUrl: null });
    const res = await post(bot.url, activity);
    const answerId = (res.body.activities as Array<{ id?: string; channelData?: { feedbackLoopEnabled?: boolean } }>).find(
      (a) => a.channelData?.feedbackLoopEnabled,
    )?.id;
    expect(answerId).toBeDefined();
    await bot.close();
    const row = await t().db.get<{ question: string }>(`SELECT question FROM ${ANSWERS_TABLE} WHERE id = $1`, [answerId]);
    expect(row?.question).toBe('USBメモリを家に持ち帰ってもいいですか');
  });
});

describe('export formats', () => {
  const row = {
    feedbackId: 'f1',
    feedbackAt: '2026-04-01T00:00:00.000Z',
    reaction: 'dislike' as const,
    comment: 'カンマ, "引用" と\n改行',
    answerId: 'a1',
    answeredAt: '2026-03-31T23:59:00.000Z',
    question: '=HYPERLINK("http://evil.example")',
    verdict: 'prohibited',
    labels: ['第3章 1', '第3章 2'],
    roles: [],
    procedure: null,
    reply: 'r',
  };

  it('writes RFC 4180 CSV with a BOM and a header, quoting what needs it', () => {
    const csv = toCsv([row]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(line).toContain('"カンマ, ""引用"" と\n改行"');
    expect(line).toContain('第3章 1 | 第3章 2');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+81')).toBe("'+81");
    expect(csvCell('@SUM')).toBe("'@SUM");
    expect(toCsv([row])).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('writes JSON rows', () => {
    expect(JSON.parse(toJson([row]))).toEqual([row]);
  });

  it('reads the comment Teams sends as a JSON string', () => {
    expect(feedbackComment('{"feedbackText":"  ありがとう "}')).toBe('ありがとう');
    expect(feedbackComment('{}')).toBeNull();
    expect(feedbackComment('plain text')).toBe('plain text');
    expect(feedbackComment({ feedbackText: 'obj' })).toBe('obj');
    expect(feedbackComment(undefined)).toBeNull();
    expect(feedbackComment(JSON.stringify({ feedbackText: 'x'.repeat(5000) }))!.length).toBe(1000);
  });
});

describe('npm run feedback', () => {
  it('parses --format, --output and --since', () => {
    expect(parseFeedbackArgs([])).toEqual({ format: 'csv' });
    expect(parseFeedbackArgs(['--format', 'json', '--output', 'x.json', '--since', '2026-04-01'])).toEqual({
      format: 'json',
      output: 'x.json',
      since: '2026-04-01T00:00:00.000Z',
    });
    expect(() => parseFeedbackArgs(['--format', 'xml'])).toThrow(/--format/);
    expect(() => parseFeedbackArgs(['--since', 'yesterday'])).toThrow(/--since/);
    expect(() => parseFeedbackArgs(['--bogus'])).toThrow();
  });

  it('exports what the bot stored under DATA_DIR, to stdout text or a file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'policy-bot-feedback-'));
    const db = await openSqlite({ dataDir });
    const store = await FeedbackStore.open(db);
    const id = await store.recordAnswer({ conversationId: 'c', activityId: null, userId: null, question: 'q', answer: fixtures.USB!, reply: 'r' });
    await store.recordFeedback({ conversationId: 'c', messageId: id, userId: null, reaction: 'like', comment: 'good' });
    await db.close();

    const csv = await runFeedbackExport(['--format', 'csv', '--output', '-'], { DATA_DIR: dataDir });
    expect(csv.rows).toBe(1);
    expect(csv.written).toBeUndefined();
    expect(csv.text).toContain('like,good,q,needs_permission');

    // Without --output: a new timestamped file in the working directory.
    const byDefault = await runFeedbackExport(['--format', 'csv'], { DATA_DIR: dataDir }, dataDir);
    expect(byDefault.written).toMatch(/feedback-\d{8}-\d{6}\.csv$/);
    expect(readFileSync(byDefault.written!, 'utf8')).toBe(csv.text);

    const out = join(dataDir, 'feedback.json');
    const json = await runFeedbackExport(['--format', 'json', '--output', out], { DATA_DIR: dataDir });
    expect(json.written).toBe(out);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0]).toMatchObject({ reaction: 'like', comment: 'good', answerId: id });
  });
});
