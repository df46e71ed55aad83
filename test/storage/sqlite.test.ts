// What only the embedded SQLite backend has: a file under DATA_DIR, WAL, data across restarts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKvStore } from '../../storage/kv';
import { backgroundCheckpoints, openSqlite, SQLITE_FILENAME, SqliteError } from '../../storage/sqlite';

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

  describe('checkpoints on a worker thread', () => {
    const walBytes = (dataDir: string) => {
      try {
        return statSync(path.join(dataDir, `${SQLITE_FILENAME}-wal`)).size;
      } catch {
        return 0;
      }
    };

    it('leave commits to the log and copy it into the database file off the event loop', async () => {
      const db = await openSqlite({ dataDir: root, checkpoint: 'background', checkpointIntervalMs: 60_000 });
      try {
        const checkpoints = backgroundCheckpoints(db);
        expect(checkpoints?.running).toBe(true);
        // the connection's own automatic checkpoint is only a backstop now
        expect(await db.get('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 20000 });
        await db.migrate('test/ckpt', 'CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT)');
        for (let i = 0; i < 1500; i++) await db.run('INSERT INTO big (id, v) VALUES ($1, $2)', [i, 'x'.repeat(200)]);
        // 1500 commits would have passed SQLite's default of 1000 pages; the log still holds them all
        const before = await checkpoints!.now();
        expect(before.logFrames).toBeGreaterThan(1000);
        expect(before.checkpointedFrames).toBe(before.logFrames);
        // the next write starts the log over
        await db.run('INSERT INTO big (id, v) VALUES ($1, $2)', [1500, 'y']);
        expect((await checkpoints!.now()).logFrames).toBeLessThan(10);
        expect(await db.get('SELECT count(*) AS n FROM big')).toEqual({ n: 1501 });
      } finally {
        await db.close();
      }
      expect(walBytes(root)).toBe(0); // the last connection closed: no log left behind
      const again = await openSqlite({ dataDir: root });
      try {
        expect(await again.get('SELECT count(*) AS n FROM big')).toEqual({ n: 1501 });
      } finally {
        await again.close();
      }
    });

    it('run on their timer', async () => {
      const db = await openSqlite({ dataDir: root, checkpoint: 'background', checkpointIntervalMs: 20 });
      try {
        await db.migrate('test/timer', 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
        const checkpoints = backgroundCheckpoints(db)!;
        while (checkpoints.stats.runs === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(checkpoints.stats.checkpointedFrames).toBe(checkpoints.stats.logFrames);
      } finally {
        await db.close();
      }
    });

    it('give the checkpoints back to SQLite when the worker cannot run', async () => {
      const failures: unknown[] = [];
      const db = await openSqlite({
        dataDir: root,
        checkpoint: 'background',
        checkpointDriver: path.join(root, 'no-such-driver.js'),
        onCheckpointError: (err) => failures.push(err),
      });
      try {
        const checkpoints = backgroundCheckpoints(db)!;
        while (checkpoints.running) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(failures).toHaveLength(1);
        expect(await db.get('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 1000 });
        expect(await checkpoints.now()).toMatchObject({ runs: 0 }); // answers at once, without a worker
        await db.migrate('test/fallback', 'CREATE TABLE f (id INTEGER PRIMARY KEY)');
        await db.run('INSERT INTO f (id) VALUES (1)');
        expect(await db.get('SELECT count(*) AS n FROM f')).toEqual({ n: 1 });
      } finally {
        await db.close();
      }
    });

    it('are not started by default', async () => {
      const db = await openSqlite({ dataDir: root });
      try {
        expect(backgroundCheckpoints(db)).toBeUndefined();
        expect(await db.get('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 1000 });
      } finally {
        await db.close();
      }
    });
  });
});
