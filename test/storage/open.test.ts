import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb } from '../../storage/open';
import { dropSchema } from '../../storage/postgres';
import { SQLITE_FILENAME } from '../../storage/sqlite';
import { testDatabaseUrl, uniqueTestName } from '../../storage/testing';

describe('openDb', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'policy-bot-open-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses SQLite under DATA_DIR when no DATABASE_URL is set (or it is blank)', async () => {
    for (const databaseUrl of [undefined, '', '  ']) {
      const db = await openDb({ databaseUrl, dataDir });
      expect(db.dialect).toBe('sqlite');
      expect(await db.ping()).toBe(true);
      await db.close();
    }
    expect(existsSync(path.join(dataDir, SQLITE_FILENAME))).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, in the given schema, without touching DATA_DIR', async () => {
    const schema = uniqueTestName('open');
    const db = await openDb({ databaseUrl: testDatabaseUrl(), dataDir, schema });
    try {
      expect(db.dialect).toBe('postgres');
      expect(await db.get('SELECT current_schema() AS s')).toEqual({ s: schema });
      expect(existsSync(path.join(dataDir, SQLITE_FILENAME))).toBe(false);
    } finally {
      await db.close();
      await dropSchema(testDatabaseUrl(), schema);
    }
  });

  it('rejects a missing DATA_DIR with a clear message', async () => {
    await expect(openDb({ dataDir: '' })).rejects.toThrow(/Invalid storage settings: dataDir: DATA_DIR must not be empty/);
  });
});
