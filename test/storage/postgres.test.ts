// What only PostgreSQL has: schemas, SKIP LOCKED between open transactions, connection errors.
import { dropSchema, openPostgres, redactUrl } from '../../storage/postgres';
import { testDatabaseUrl, uniqueTestName, useTestDb } from '../../storage/testing';

describe('PostgreSQL specifics', () => {
  const t = useTestDb('postgres');

  it('puts tables in the test schema via search_path on every pooled connection', async () => {
    const { db, location: schema } = t();
    await db.migrate('test/where', 'CREATE TABLE placed (id INTEGER PRIMARY KEY)');
    const paths = await Promise.all(Array.from({ length: 4 }, () => db.tx((tx) => tx.get<{ search_path: string }>('SHOW search_path'))));
    expect(paths.map((p) => p?.search_path)).toEqual(Array(4).fill(schema));
    const tables = await db.all<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.map((r) => r.table_name)).toEqual(['placed', 'schema_migrations']);
  });

  it('returns timestamptz as ISO-8601 UTC text and int8 as numbers', async () => {
    const row = await t().db.get("SELECT TIMESTAMPTZ '2025-04-01 09:30:00.25+09' AS at, 9007199254740991::int8 AS big, COUNT(*) AS c FROM (VALUES (1), (2)) v(x)");
    expect(row).toEqual({ at: '2025-04-01T00:30:00.250Z', big: Number.MAX_SAFE_INTEGER, c: 2 });
  });

  it('lets two open transactions on separate connections claim distinct rows with SKIP LOCKED', async () => {
    const { db } = t();
    await db.migrate('test/outbox', 'CREATE TABLE outbox (id INTEGER PRIMARY KEY, state TEXT NOT NULL)');
    await db.run("INSERT INTO outbox (id, state) VALUES (1, 'pending'), (2, 'pending'), (3, 'pending'), (4, 'pending')");
    const other = await t().reopen();
    let firstClaimed!: () => void;
    const firstHasRows = new Promise<void>((resolve) => (firstClaimed = resolve));
    let secondDone!: () => void;
    const secondFinished = new Promise<void>((resolve) => (secondDone = resolve));
    const claim = "SELECT id FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED";

    const first = db.tx(async (tx) => {
      const rows = await tx.all<{ id: number }>(claim);
      firstClaimed();
      await secondFinished; // still holding its row locks while the second claims
      await tx.run(`UPDATE outbox SET state = 'sent' WHERE id IN (${rows.map((r) => r.id).join(', ')})`);
      return rows.map((r) => r.id);
    });
    await firstHasRows;
    const second = await other.tx(async (tx) => {
      const rows = await tx.all<{ id: number }>(claim);
      await tx.run(`UPDATE outbox SET state = 'sent' WHERE id IN (${rows.map((r) => r.id).join(', ')})`);
      return rows.map((r) => r.id);
    });
    secondDone();
    expect(await first).toEqual([1, 2]);
    expect(second).toEqual([3, 4]);
  });

  it('creates the same new schema from two instances starting together', async () => {
    const url = testDatabaseUrl();
    const schema = uniqueTestName('race');
    const dbs = await Promise.all([openPostgres({ url, schema }), openPostgres({ url, schema }), openPostgres({ url, schema })]);
    try {
      await Promise.all(dbs.map((db) => db.migrate('test/race', 'CREATE TABLE raced (id INTEGER PRIMARY KEY)')));
      expect(await dbs[0]!.get('SELECT COUNT(*) AS c FROM schema_migrations')).toEqual({ c: 1 });
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await dropSchema(url, schema);
    }
  });

  it('names DATABASE_URL without its password when the server cannot be reached', async () => {
    const error = await openPostgres({ url: 'postgres://app:s3cret-pw@127.0.0.1:1/policy' }).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/DATABASE_URL/);
    expect(error?.message).toContain('127.0.0.1:1');
    expect(error?.message).not.toContain('s3cret-pw');
    expect(error?.message).toMatch(/ECONNREFUSED/);
  });

  it('explains a malformed URL without echoing it', async () => {
    await expect(openPostgres({ url: 'not a url with p4ss' })).rejects.toThrow(/^DATABASE_URL is not a valid URL/);
    await expect(openPostgres({ url: 'not a url with p4ss' })).rejects.not.toThrow(/p4ss/);
    await expect(openPostgres({ url: 'mysql://u@h/db' })).rejects.toThrow(/DATABASE_URL must start with postgres:\/\//);
  });

  it('refuses an unsafe schema name', async () => {
    await expect(openPostgres({ url: testDatabaseUrl(), schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/schema name/);
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://u:pw@h:5432/d?sslpassword=k')).toBe('postgres://u:***@h:5432/d?sslpassword=***');
    expect(redactUrl('postgres://u@h/d')).toBe('postgres://u@h/d');
  });

  it('keeps options already in the URL and still sets the schema', async () => {
    const schema = uniqueTestName('opts');
    const url = `${testDatabaseUrl()}?options=${encodeURIComponent('-c application_name=policy_bot_test')}`;
    const db = await openPostgres({ url, schema });
    try {
      expect(await db.get('SELECT current_setting($1) AS app, current_setting($2) AS path', ['application_name', 'search_path'])).toEqual({
        app: 'policy_bot_test',
        path: schema,
      });
    } finally {
      await db.close();
      await dropSchema(testDatabaseUrl(), schema);
    }
  });
});
