// The Db contract, run on SQLite and on PostgreSQL.
import { forUpdate, forUpdateSkipLocked, placeholderList } from '../../storage/sql';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import type { Db } from '../../storage/types';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe.each(TEST_DIALECTS)('Db on %s', (dialect) => {
  const t = useTestDb(dialect);
  const db = (): Db => t().db;

  beforeAll(async () => {
    await db().migrate('test/values', {
      sqlite: `CREATE TABLE vals (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT, n INTEGER, big BIGINT, doc TEXT, at TEXT, flag INTEGER);
               CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
               CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT NOT NULL);`,
      postgres: `CREATE TABLE vals (id BIGSERIAL PRIMARY KEY, label TEXT, n INTEGER, big BIGINT, doc TEXT, at TEXT, flag INTEGER);
                 CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
                 CREATE TABLE log (id BIGSERIAL PRIMARY KEY, who TEXT NOT NULL);`,
    });
  });

  describe('placeholders and types', () => {
    it('round-trips text, integers, null, JSON-in-text and ISO timestamps', async () => {
      const doc = { 件名: 'USBメモリ', tags: ['持ち出し', "it's"], nested: { n: 1.5, ok: true, none: null } };
      const at = new Date(Date.UTC(2025, 0, 31, 23, 59, 58, 123));
      const inserted = await db().get<{ id: number }>(
        'INSERT INTO vals (label, n, big, doc, at, flag) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        ["大分 'quoted' $1 text", -42, 2 ** 40, JSON.stringify(doc), at, true],
      );
      expect(typeof inserted?.id).toBe('number');
      const row = await db().get<Record<string, unknown>>('SELECT label, n, big, doc, at, flag FROM vals WHERE id = $1', [inserted?.id]);
      expect(row).toEqual({ label: "大分 'quoted' $1 text", n: -42, big: 2 ** 40, doc: JSON.stringify(doc), at: '2025-01-31T23:59:58.123Z', flag: 1 });
      expect(JSON.parse(String(row?.doc))).toEqual(doc);

      await db().run('INSERT INTO vals (label, n) VALUES ($1, $2)', [null, undefined]);
      const nulls = await db().get('SELECT label, n, doc FROM vals WHERE id > $1 ORDER BY id LIMIT 1', [inserted?.id]);
      expect(nulls).toEqual({ label: null, n: null, doc: null });
    });

    it('binds repeated and out-of-order placeholders and keeps $n inside literals', async () => {
      const row = await db().get('SELECT $2 AS b, $1 AS a, $2 AS b2, \'$1\' AS lit', ['x', 'y']);
      expect(row).toEqual({ b: 'y', a: 'x', b2: 'y', lit: '$1' });
    });

    it('returns COUNT, SUM and BIGINT values as numbers', async () => {
      await db().run('DELETE FROM vals');
      for (const big of [1, 2, 2 ** 33]) await db().run('INSERT INTO vals (big) VALUES ($1)', [big]);
      const row = await db().get<{ c: unknown; s: unknown; m: unknown }>('SELECT COUNT(*) AS c, SUM(big) AS s, MAX(big) AS m FROM vals');
      expect(row).toEqual({ c: 3, s: 3 + 2 ** 33, m: 2 ** 33 });
    });

    it('reports changed rows and returns undefined / [] when nothing matches', async () => {
      await db().run('DELETE FROM vals');
      await db().run(`INSERT INTO vals (label) VALUES ($1), ($2), ($3)`, ['a', 'b', 'c']);
      expect(await db().run('UPDATE vals SET n = $1 WHERE label IN ($2, $3)', [7, 'a', 'c'])).toEqual({ changes: 2 });
      expect(await db().run('DELETE FROM vals WHERE label = $1', ['zzz'])).toEqual({ changes: 0 });
      expect(await db().get('SELECT * FROM vals WHERE label = $1', ['zzz'])).toBeUndefined();
      expect(await db().all('SELECT * FROM vals WHERE label = $1', ['zzz'])).toEqual([]);
      expect(await db().all('SELECT label FROM vals WHERE n = $1 ORDER BY label', [7])).toEqual([{ label: 'a' }, { label: 'c' }]);
    });

    it('fails on a missing parameter and on bad SQL without breaking the connection', async () => {
      await expect(db().get('SELECT $1 AS a, $2 AS b', ['only one'])).rejects.toThrow();
      await expect(db().run('INSERT INTO no_such_table VALUES (1)')).rejects.toThrow();
      expect(await db().ping()).toBe(true);
    });

    it('enforces foreign keys', async () => {
      await db().migrate('test/fk', `CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));`);
      await expect(db().run('INSERT INTO child (id, parent_id) VALUES ($1, $2)', [1, 99])).rejects.toThrow(/foreign key/i);
    });
  });

  describe('transactions', () => {
    beforeEach(async () => {
      await db().run('DELETE FROM log');
    });

    it('commits when the function resolves and returns its value', async () => {
      const result = await db().tx(async (tx) => {
        await tx.run('INSERT INTO log (who) VALUES ($1)', ['a']);
        await tx.run('INSERT INTO log (who) VALUES ($1)', ['b']);
        return (await tx.get<{ c: number }>('SELECT COUNT(*) AS c FROM log'))?.c;
      });
      expect(result).toBe(2);
      expect(await db().all('SELECT who FROM log ORDER BY id')).toEqual([{ who: 'a' }, { who: 'b' }]);
    });

    it('rolls back everything when the function throws, and rethrows', async () => {
      const failure = new Error('boom');
      await expect(
        db().tx(async (tx) => {
          await tx.run('INSERT INTO log (who) VALUES ($1)', ['a']);
          await tick();
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await db().all('SELECT who FROM log')).toEqual([]);
    });

    it('rolls back after a failed statement inside the transaction', async () => {
      await expect(
        db().tx(async (tx) => {
          await tx.run('INSERT INTO log (who) VALUES ($1)', ['a']);
          await tx.run('INSERT INTO log (who) VALUES ($1)', [null]);
        }),
      ).rejects.toThrow();
      expect(await db().all('SELECT who FROM log')).toEqual([]);
    });

    it('runs a nested tx as a savepoint: an inner failure undoes only the inner part', async () => {
      await db().tx(async (tx) => {
        await tx.run('INSERT INTO log (who) VALUES ($1)', ['outer']);
        await expect(
          tx.tx(async (inner) => {
            await inner.run('INSERT INTO log (who) VALUES ($1)', ['inner-failed']);
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        await tx.tx(async (inner) => {
          await inner.run('INSERT INTO log (who) VALUES ($1)', ['inner-ok']);
        });
      });
      expect(await db().all('SELECT who FROM log ORDER BY id')).toEqual([{ who: 'outer' }, { who: 'inner-ok' }]);
    });

    it('lets code that holds the outer Db join the running transaction', async () => {
      const outer = db();
      await expect(
        outer.tx(async () => {
          await outer.run('INSERT INTO log (who) VALUES ($1)', ['via-outer']);
          expect(await outer.get('SELECT who FROM log')).toEqual({ who: 'via-outer' });
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await outer.all('SELECT who FROM log')).toEqual([]);
    });

    it('keeps joining a transaction that is still open when another one ends', async () => {
      const outer = db();
      // On PostgreSQL both run at once and the first ends while the second is open; SQLite runs them in turn.
      let secondStarted!: () => void;
      const started = new Promise<void>((resolve) => (secondStarted = resolve));
      const first = outer.tx(async (tx) => {
        await tx.run('INSERT INTO log (who) VALUES ($1)', ['first']);
        if (outer.dialect === 'postgres') await started;
      });
      const second = outer.tx(async () => {
        await outer.run('INSERT INTO log (who) VALUES ($1)', ['second-before']);
        secondStarted();
        await first;
        await outer.run('INSERT INTO log (who) VALUES ($1)', ['second-after']);
        throw new Error('undo second');
      });
      await expect(second).rejects.toThrow('undo second');
      expect(await outer.all('SELECT who FROM log')).toEqual([{ who: 'first' }]);
      // and a later transaction still joins
      await expect(
        outer.tx(async () => {
          await outer.run('INSERT INTO log (who) VALUES ($1)', ['third']);
          throw new Error('undo third');
        }),
      ).rejects.toThrow('undo third');
      expect(await outer.all('SELECT who FROM log')).toEqual([{ who: 'first' }]);
    });

    it('keeps a statement from another async flow out of a transaction that rolls back', async () => {
      let inside!: () => void;
      const started = new Promise<void>((resolve) => (inside = resolve));
      const failing = db().tx(async (tx) => {
        await tx.run('INSERT INTO log (who) VALUES ($1)', ['tx']);
        inside();
        for (let i = 0; i < 5; i++) await tick();
        throw new Error('rollback');
      });
      await started;
      const plain = db().run('INSERT INTO log (who) VALUES ($1)', ['plain']);
      await expect(failing).rejects.toThrow('rollback');
      await plain;
      expect(await db().all('SELECT who FROM log')).toEqual([{ who: 'plain' }]);
    });

    it('serialises concurrent read-modify-write transactions (no lost updates)', async () => {
      await db().run('INSERT INTO counter (id, n) VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0');
      const increment = (): Promise<void> =>
        db().tx(async (tx) => {
          const row = await tx.get<{ n: number }>(`SELECT n FROM counter WHERE id = 1${forUpdate(tx)}`);
          await tick();
          await tx.run('UPDATE counter SET n = $1 WHERE id = 1', [(row?.n ?? 0) + 1]);
        });
      await Promise.all(Array.from({ length: 8 }, increment));
      expect(await db().get('SELECT n FROM counter WHERE id = 1')).toEqual({ n: 8 });
    });

    it('serialises transactions of two Db instances on the same database', async () => {
      const other = await t().reopen();
      await db().run('INSERT INTO counter (id, n) VALUES (2, 0) ON CONFLICT (id) DO UPDATE SET n = 0');
      const increment = (on: Db) => (): Promise<void> =>
        on.tx(async (tx) => {
          const row = await tx.get<{ n: number }>(`SELECT n FROM counter WHERE id = 2${forUpdate(tx)}`);
          await tick();
          await tx.run('UPDATE counter SET n = $1 WHERE id = 2', [(row?.n ?? 0) + 1]);
        });
      await Promise.all([...Array.from({ length: 5 }, increment(db())), ...Array.from({ length: 5 }, increment(other))]);
      expect(await other.get('SELECT n FROM counter WHERE id = 2')).toEqual({ n: 10 });
    });
  });

  describe('claiming work once (SKIP LOCKED pattern)', () => {
    it('gives each pending row to exactly one of several concurrent workers', async () => {
      await db().migrate('test/jobs', {
        sqlite: 'CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT NOT NULL, worker TEXT)',
        postgres: 'CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT NOT NULL, worker TEXT)',
      });
      const ids = Array.from({ length: 20 }, (_, i) => i + 1);
      await db().run(`INSERT INTO jobs (id, state) VALUES ${ids.map((_, i) => `($${i + 1}, 'pending')`).join(', ')}`, ids);
      const second = await t().reopen();
      const claimed: number[] = [];
      const worker = async (on: Db, name: string): Promise<void> => {
        for (;;) {
          const got = await on.tx(async (tx) => {
            const rows = await tx.all<{ id: number }>(
              `SELECT id FROM jobs WHERE state = 'pending' ORDER BY id LIMIT 3${forUpdateSkipLocked(tx)}`,
            );
            if (rows.length === 0) return [];
            const list = rows.map((r) => r.id);
            await tick();
            await tx.run(`UPDATE jobs SET state = 'claimed', worker = $1 WHERE id IN (${placeholderList(list.length, 2)})`, [name, ...list]);
            return list;
          });
          if (got.length === 0) return;
          claimed.push(...got);
        }
      };
      await Promise.all([worker(db(), 'a'), worker(db(), 'b'), worker(second, 'c'), worker(second, 'd')]);
      expect([...claimed].sort((x, y) => x - y)).toEqual(ids);
      expect(await db().get(`SELECT COUNT(*) AS c FROM jobs WHERE state = 'claimed'`)).toEqual({ c: 20 });
    });
  });

  describe('migrate', () => {
    it('applies a migration once and records it', async () => {
      const ddl = 'CREATE TABLE once_only (id INTEGER PRIMARY KEY)';
      await db().migrate('test/once', ddl);
      await db().migrate('test/once', ddl);
      await db().run('INSERT INTO once_only (id) VALUES (1)');
      expect(await db().all('SELECT name FROM schema_migrations WHERE name = $1', ['test/once'])).toEqual([{ name: 'test/once' }]);
    });

    it('picks the DDL of its dialect', async () => {
      await db().migrate('test/dialect-ddl', {
        sqlite: 'CREATE TABLE auto_ids (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)',
        postgres: 'CREATE TABLE auto_ids (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v TEXT)',
      });
      const a = await db().get<{ id: number }>('INSERT INTO auto_ids (v) VALUES ($1) RETURNING id', ['a']);
      const b = await db().get<{ id: number }>('INSERT INTO auto_ids (v) VALUES ($1) RETURNING id', ['b']);
      expect(b!.id).toBe(a!.id + 1);
    });

    it('rolls back a failing migration completely and does not record it', async () => {
      const broken = 'CREATE TABLE half_done (id INTEGER PRIMARY KEY); CREATE TABLE half_done (id INTEGER PRIMARY KEY);';
      await expect(db().migrate('test/broken', broken)).rejects.toThrow();
      expect(await db().get('SELECT name FROM schema_migrations WHERE name = $1', ['test/broken'])).toBeUndefined();
      await db().migrate('test/broken', 'CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
      expect(await db().get('SELECT COUNT(*) AS c FROM half_done')).toEqual({ c: 0 });
    });

    it('applies once when two instances migrate at the same time', async () => {
      const other = await t().reopen();
      const ddl = {
        sqlite: 'CREATE TABLE raced (id INTEGER PRIMARY KEY)',
        // pg_sleep widens the window in which an unguarded second instance would try the same DDL.
        postgres: 'CREATE TABLE raced (id INTEGER PRIMARY KEY); SELECT pg_sleep(0.2);',
      };
      await Promise.all([db().migrate('test/raced', ddl), other.migrate('test/raced', ddl), db().migrate('test/raced', ddl)]);
      expect(await other.all('SELECT name FROM schema_migrations WHERE name = $1', ['test/raced'])).toHaveLength(1);
    });

    it('refuses an empty name', async () => {
      await expect(db().migrate('', 'SELECT 1')).rejects.toThrow(/name/);
    });
  });

  describe('lifecycle', () => {
    it('answers ping, and refuses work after close', async () => {
      const other = await t().reopen();
      expect(await other.ping()).toBe(true);
      await other.close();
      await other.close();
      await expect(other.get('SELECT 1 AS one')).rejects.toThrow(/closed/);
      expect(await other.ping()).toBe(false);
    });

    it('refuses close inside a transaction', async () => {
      const other = await t().reopen();
      await expect(other.tx(() => other.close())).rejects.toThrow(/inside a transaction/);
      expect(await other.ping()).toBe(true);
    });
  });
});
