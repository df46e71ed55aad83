// What a question turn asks of the database: the redelivery claim and one read of state (conversation, user and
// the person's dialog state together). The answer record is written behind (bot/feedback/store.ts).
import { useTestDb } from '../../storage/testing';
import type { Db } from '../../storage/types';
import { startBot } from '../support/bot';
import { message, post } from '../support/teams';

/** The database, with every statement the bot issues outside transactions noted (transactions as "tx"). */
function noting(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const note = (sql: string) => statements.push(sql.replace(/\s+/g, ' ').trim().slice(0, 120));
  const wrapped: Db = Object.assign(Object.create(db) as Db, {
    all: (sql: string, params?: readonly unknown[]) => (note(sql), db.all(sql, params)),
    get: (sql: string, params?: readonly unknown[]) => (note(sql), db.get(sql, params)),
    run: (sql: string, params?: readonly unknown[]) => (note(sql), db.run(sql, params)),
    exec: (sql: string) => (note(sql), db.exec(sql)),
    tx: <T>(fn: (tx: Db) => Promise<T>) => (note('tx'), db.tx(fn)),
  });
  return { db: wrapped, statements };
}

describe.each(['sqlite', 'postgres'] as const)('a question turn on %s', (dialect) => {
  const t = useTestDb(dialect);

  it('makes two database round trips: the claim and one state read', async () => {
    const { db, statements } = noting(t().db);
    const bot = await startBot({ db });
    try {
      const conversationId = `a:round-trips-${dialect}`;
      // The first message of a conversation also saves its reference (and prunes old claims once an hour).
      await post(bot.url, message('ヘルプ', { conversationId, expectReplies: true }));
      statements.length = 0;
      const res = await post(bot.url, message('パスワードを同僚に教えてもいいですか', { conversationId, expectReplies: true }));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('禁止です');
      expect(statements).toHaveLength(2);
      expect(statements[0]).toMatch(/^INSERT INTO bot_claims/);
      expect(statements[1]).toMatch(/^SELECT key, value, etag FROM kv_items WHERE key IN \(\$1, \$2, \$3\)/);
    } finally {
      await bot.close();
    }
  });
});
