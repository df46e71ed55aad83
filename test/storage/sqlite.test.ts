// What only the embedded SQLite backend has: a file under DATA_DIR, WAL, data across restarts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKvStore } from '../../storage/kv';
import { openSqlite, SQLITE_FILENAME, SqliteError } from '../../storage/sqlite';

describe('SQLite specifics', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-bot-sqlite-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data directory and a private database file in WAL mode with foreign keys on', async () => {
    const dataDir = path.join(root, 'nested', 'data');
    const db = await openSqlite({ dataDir });
    try {
      const file = path.join(dataDir, SQLITE_FILENAME);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
      expect(await db.get('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
    } finally {
      await db.close();
    }
  });

  it('keeps data across close and reopen', async () => {
    const first = await openSqlite({ dataDir: root });
    await first.migrate('test/keep', 'CREATE TABLE kept (id INTEGER PRIMARY KEY, v TEXT)');
    await first.tx(async (tx) => {
      await tx.run('INSERT INTO kept (id, v) VALUES ($1, $2)', [1, '残る']);
    });
    const kv = await openKvStore(first);
    await kv.write({ 'msteams/conversations/a': { turn: 3 } });
    await first.close();

    const second = await openSqlite({ dataDir: root });
    try {
      expect(await second.all('SELECT id, v FROM kept')).toEqual([{ id: 1, v: '残る' }]);
      const again = await openKvStore(second);
      const items = await again.read(['msteams/conversations/a']);
      expect(items['msteams/conversations/a']).toMatchObject({ turn: 3 });
      await second.migrate('test/keep', 'CREATE TABLE kept (id INTEGER PRIMARY KEY, v TEXT)');
    } finally {
      await second.close();
    }
  });

  it('finishes a transaction that is open when close is called, then closes', async () => {
    const db = await openSqlite({ dataDir: root });
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => (proceed = resolve));
    const work = db.tx(async (tx) => {
      await gate;
      await tx.run('INSERT INTO t (id) VALUES (1)');
    });
    const closing = db.close();
    proceed();
    await work;
    await closing;
    const reopened = await openSqlite({ dataDir: root });
    try {
      expect(await reopened.all('SELECT id FROM t')).toEqual([{ id: 1 }]);
    } finally {
      await reopened.close();
    }
  });

  it('reports SQLite failures as real Errors with SQLite\'s code, whichever test file loaded the driver first', async () => {
    const db = await openSqlite({ dataDir: root });
    try {
      await db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p (id))');
      const error = await db.run('INSERT INTO c (p) VALUES ($1)', [1]).then(() => undefined, (err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(SqliteError);
      expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: 'FOREIGN KEY constraint failed' });
      await expect(db.tx((tx) => tx.run('INSERT INTO nowhere VALUES (1)'))).rejects.toThrow(/no such table: nowhere/);
    } finally {
      await db.close();
    }
  });

  it('refuses an empty data directory', async () => {
    await expect(openSqlite({ dataDir: '' })).rejects.toThrow(/DATA_DIR/);
  });
});
