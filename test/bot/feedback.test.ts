// Feedback stored with the answer it rates, and exported as CSV and JSON (store on both dialects).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { openSqlite } from '../../storage/sqlite';
import { parseFeedbackArgs, runFeedbackExport } from '../../bot/cli/feedback';
import { CSV_COLUMNS, csvCell, toCsv, toJson } from '../../bot/feedback/export';
import { FeedbackStore } from '../../bot/feedback/store';
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
