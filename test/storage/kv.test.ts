// KvStore: the Agents SDK's Storage semantics (eTag optimistic concurrency) on both dialects.
import path from 'node:path';
import type { ConversationState, Storage, UserState } from '@microsoft/agents-hosting';
import { EtagConflictError, isEtagConflict, openKvStore } from '../../storage/kv';
import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import type { KvStore } from '../../storage/types';

// The SDK's package entry cannot load under jest on Node 20 (its jwks-rsa needs the ESM-only jose), and its
// exports map hides deep paths; MemoryStorage itself has no such dependency, so load that file by location.
const sdkDir = path.dirname(require.resolve('@microsoft/agents-hosting'));
const { MemoryStorage } = require(path.join(sdkDir, 'storage', 'memoryStorage.js')) as { MemoryStorage: new () => Storage };

/** Compile-time checks: a KvStore is what the SDK's state classes take. */
type StateStorage = ConstructorParameters<typeof ConversationState>[0] & ConstructorParameters<typeof UserState>[0];

describe.each(TEST_DIALECTS)('KvStore on %s', (dialect) => {
  const t = useTestDb(dialect);
  let kv: KvStore;
  beforeAll(async () => {
    kv = await openKvStore(t().db);
  });

  it('is assignable to the SDK Storage type and to what its state classes take', () => {
    const storage: Storage = kv;
    const forState: StateStorage = kv;
    expect(typeof storage.read).toBe('function');
    expect(forState).toBe(kv);
  });

  it('throws on an empty key list when reading, like the SDK', async () => {
    await expect(kv.read([])).rejects.toThrow(ReferenceError);
    await expect(kv.read([])).rejects.toThrow('Keys are required when reading.');
  });

  it('reads only keys that exist, with their eTag', async () => {
    await kv.write({ 'read/a': { v: 1 }, 'read/b': { v: 2 } });
    const items = await kv.read(['read/a', 'read/missing', 'read/b', 'read/a']);
    expect(Object.keys(items).sort()).toEqual(['read/a', 'read/b']);
    expect(items['read/a']).toEqual({ v: 1, eTag: expect.any(String) });
    expect(await kv.read(['read/missing'])).toEqual({});
  });

  it('round-trips JSON values', async () => {
    const value = { 件名: '持ち出し申請', list: [1, 'two', { three: null }], flag: false, n: -1.25, nested: { deep: { text: '"\\\n' } } };
    await kv.write({ 'json/x': { ...value } });
    const { eTag, ...stored } = (await kv.read(['json/x']))['json/x']!;
    expect(stored).toEqual(value);
    expect(typeof eTag).toBe('string');
  });

  it('gives every write a new eTag and accepts the current one', async () => {
    await kv.write({ 'etag/a': { n: 1 } });
    const first = (await kv.read(['etag/a']))['etag/a']!;
    await kv.write({ 'etag/a': { ...first, n: 2 } });
    const second = (await kv.read(['etag/a']))['etag/a']!;
    expect(second.n).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
    await kv.write({ 'etag/a': { n: 3 } });
    expect((await kv.read(['etag/a']))['etag/a']!.eTag).not.toBe(second.eTag);
  });

  it('rejects a stale eTag with an eTag conflict and keeps the stored item', async () => {
    await kv.write({ 'etag/b': { n: 1 } });
    const stale = (await kv.read(['etag/b']))['etag/b']!;
    await kv.write({ 'etag/b': { ...stale, n: 2 } });
    const error = await kv.write({ 'etag/b': { ...stale, n: 99 } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(EtagConflictError);
    expect(isEtagConflict(error)).toBe(true);
    expect((error as Error).message).toBe('Storage: error writing "etag/b" due to eTag conflict.');
    expect((await kv.read(['etag/b']))['etag/b']).toMatchObject({ n: 2 });
  });

  it("overwrites with eTag '*' or without an eTag whatever is stored", async () => {
    await kv.write({ 'etag/c': { n: 1 } });
    await kv.write({ 'etag/c': { n: 2, eTag: '*' } });
    expect((await kv.read(['etag/c']))['etag/c']).toMatchObject({ n: 2 });
    await kv.write({ 'etag/c': { n: 3, eTag: '' } });
    expect((await kv.read(['etag/c']))['etag/c']).toMatchObject({ n: 3 });
  });

  it('creates a missing key even when the write carries an eTag (as the SDK does)', async () => {
    await kv.write({ 'etag/new': { n: 1, eTag: 'from-elsewhere' } });
    expect((await kv.read(['etag/new']))['etag/new']).toMatchObject({ n: 1 });
  });

  it('does not change the caller’s object', async () => {
    const item = { n: 1, eTag: '*' };
    await kv.write({ 'etag/d': item });
    expect(item).toEqual({ n: 1, eTag: '*' });
  });

  it('writes several items all or nothing', async () => {
    await kv.write({ 'multi/a': { n: 1 }, 'multi/b': { n: 1 } });
    const stale = (await kv.read(['multi/b']))['multi/b']!;
    await kv.write({ 'multi/b': { n: 2 } });
    await expect(kv.write({ 'multi/a': { n: 10 }, 'multi/b': { ...stale, n: 10 } })).rejects.toThrow(/eTag conflict/);
    const items = await kv.read(['multi/a', 'multi/b']);
    expect(items['multi/a']).toMatchObject({ n: 1 });
    expect(items['multi/b']).toMatchObject({ n: 2 });
  });

  it('deletes existing keys and ignores missing ones', async () => {
    await kv.write({ 'del/a': { n: 1 }, 'del/b': { n: 2 } });
    await kv.delete(['del/a', 'del/never']);
    await kv.delete([]);
    expect(Object.keys(await kv.read(['del/a', 'del/b']))).toEqual(['del/b']);
  });

  it('handles more keys than one IN list holds', async () => {
    const changes: Record<string, { i: number }> = {};
    for (let i = 0; i < 1200; i++) changes[`bulk/${i}`] = { i };
    await kv.write(changes);
    const keys = Object.keys(changes);
    const items = await kv.read(keys);
    expect(Object.keys(items)).toHaveLength(1200);
    expect(items['bulk/1199']).toMatchObject({ i: 1199 });
    await kv.delete(keys);
    expect(await kv.read(keys)).toEqual({});
  });

  it('rejects malformed input without touching the store', async () => {
    await expect(kv.write(undefined as never)).rejects.toThrow('Changes are required when writing.');
    await expect(kv.write({ 'bad/a': null as never })).rejects.toThrow(TypeError);
    await expect(kv.write({ 'bad/b': [] as never })).rejects.toThrow(TypeError);
    await expect(kv.read([42 as never])).rejects.toThrow(TypeError);
    await expect(kv.delete(undefined as never)).rejects.toThrow(ReferenceError);
    await kv.write({});
    expect(await kv.read(['bad/a', 'bad/b'])).toEqual({});
  });

  it('lets exactly one of two concurrent writers with the same eTag win, on one or two instances', async () => {
    const otherDb = await t().reopen();
    const other = await openKvStore(otherDb);
    for (const [name, a, b] of [
      ['same instance', kv, kv],
      ['two instances', kv, other],
    ] as const) {
      for (let round = 0; round < 10; round++) {
        const key = `race/${name}/${round}`;
        await a.write({ [key]: { winner: 'none' } });
        const { eTag } = (await a.read([key]))[key]!;
        const results = await Promise.allSettled([a.write({ [key]: { winner: 'a', eTag } }), b.write({ [key]: { winner: 'b', eTag } })]);
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? 'a' : 'b'] : []));
        expect(won).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(isEtagConflict(lost?.reason)).toBe(true);
        expect((await b.read([key]))[key]).toMatchObject({ winner: won[0] });
      }
    }
  });

  it('lets exactly one of many concurrent read-modify-write turns win', async () => {
    const key = 'race/many';
    await kv.write({ [key]: { n: 0 } });
    const { eTag } = (await kv.read([key]))[key]!;
    const others = await Promise.all([t().reopen(), t().reopen()]).then((dbs) => Promise.all(dbs.map(openKvStore)));
    const stores = [kv, ...others];
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => stores[i % 3]!.write({ [key]: { n: i + 1, eTag } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && isEtagConflict(r.reason))).toHaveLength(8);
  });

  it('behaves like the SDK MemoryStorage on the same sequence of operations', async () => {
    const memory = new MemoryStorage();
    const prefix = 'same/';
    const outcome = async (store: Storage): Promise<string[]> => {
      const log: string[] = [];
      const attempt = async (label: string, op: () => Promise<unknown>): Promise<void> => {
        try {
          await op();
          log.push(`${label}: ok`);
        } catch (err) {
          log.push(`${label}: ${/eTag conflict/.test((err as Error).message) ? 'conflict' : 'error'}`);
        }
      };
      const read = async (): Promise<Record<string, unknown>> => {
        const items = await store.read([`${prefix}a`, `${prefix}b`]);
        return Object.fromEntries(Object.entries(items).map(([k, { eTag: _e, ...rest }]) => [k, rest]));
      };
      await attempt('write a', () => store.write({ [`${prefix}a`]: { v: 1 } }));
      const first = (await store.read([`${prefix}a`]))[`${prefix}a`];
      await attempt('write a with current eTag', () => store.write({ [`${prefix}a`]: { v: 2, eTag: first.eTag } }));
      await attempt('write a with stale eTag', () => store.write({ [`${prefix}a`]: { v: 3, eTag: first.eTag } }));
      await attempt('write a with *', () => store.write({ [`${prefix}a`]: { v: 4, eTag: '*' } }));
      await attempt('write b with unknown eTag', () => store.write({ [`${prefix}b`]: { v: 5, eTag: 'nope' } }));
      await attempt('write b with unknown eTag again', () => store.write({ [`${prefix}b`]: { v: 6, eTag: 'nope' } }));
      log.push(JSON.stringify(await read()));
      await attempt('delete a and missing', () => store.delete([`${prefix}a`, `${prefix}zzz`]));
      await attempt('read none', () => store.read([]));
      log.push(JSON.stringify(await read()));
      return log;
    };
    const expected = await outcome(memory);
    expect(await outcome(kv)).toEqual(expected);
    expect(expected).toContain('write a with stale eTag: conflict');
  });
});
