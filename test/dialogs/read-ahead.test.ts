// A dialog state read ahead of the turn (with the SDK's turn state) saves the runner's own read while it stands.
import { DialogRunner, type PreloadedState } from '../../dialogs/runner';
import type { KvItem, KvStore } from '../../storage/types';
import { world } from './helpers/convo';

const who = { conversationId: 'conv-1', requester: { userId: 'u-sato' } };

/** Counts reads of a store. */
function counting(inner: KvStore): KvStore & { reads: number } {
  const store = {
    reads: 0,
    read: (keys: string[]) => {
      store.reads++;
      return inner.read(keys);
    },
    write: (changes: Record<string, KvItem>) => inner.write(changes),
    delete: (keys: string[]) => inner.delete(keys),
  };
  return store;
}

/** What the bot's turn state does: take the mark, then read the key (with other keys). */
async function readAhead(runner: DialogRunner, store: KvStore): Promise<PreloadedState> {
  const key = runner.keyOf(who);
  const mark = runner.mark(key);
  const items = await store.read([key, 'msteams/bot/conversations/conv-1']);
  return { key, mark, item: items[key] };
}

describe('dialog state read ahead', () => {
  it('is used instead of a read while this runner has not written the key', async () => {
    const w = world();
    const store = counting(w.store);
    const runner = w.runner({ store });
    const pre = await readAhead(runner, store);
    store.reads = 0;
    const r = await runner.handle(who, { type: 'text', text: 'パスワードを同僚に教えてもいいですか' }, { preloaded: pre });
    expect(r.handled).toBe(false);
    expect(store.reads).toBe(0);
    expect((await runner.status(who, pre)).active).toBeNull();
    expect(store.reads).toBe(0);
  });

  it('carries the stored state and its eTag (a procedure in progress goes on)', async () => {
    const w = world();
    const store = counting(w.store);
    const runner = w.runner({ store });
    await runner.handle(who, { type: 'start', procedure: 'carry-out' });
    const pre = await readAhead(runner, store);
    expect(pre.item?.eTag).toBeDefined();
    store.reads = 0;
    const r = await runner.handle(who, { type: 'text', text: 'パソコン' }, { preloaded: pre });
    expect(r.handled).toBe(true);
    expect(store.reads).toBe(0);
    expect((await runner.status(who)).active?.step).toBe('information');
  });

  it('is not used once this runner wrote the key after it was read (e.g. an earlier message of the same person)', async () => {
    const w = world();
    const store = counting(w.store);
    const runner = w.runner({ store });
    const pre = await readAhead(runner, store); // nothing stored yet
    await runner.handle(who, { type: 'start', procedure: 'infection' }); // writes
    store.reads = 0;
    const r = await runner.handle(who, { type: 'text', text: 'パソコン' }, { preloaded: pre });
    expect(store.reads).toBe(1); // read again: the stale "nothing stored" was not used
    expect(r.handled).toBe(true);
    expect((await runner.status(who)).active?.step).not.toBe('device');
  });

  it('read while a write was under way does not stand', async () => {
    const w = world();
    let inside: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (inside = resolve));
    let reached!: () => void;
    const writing = new Promise<void>((resolve) => (reached = resolve));
    const store: KvStore = {
      read: (keys) => w.store.read(keys),
      write: async (changes) => {
        reached();
        await gate;
        return w.store.write(changes);
      },
      delete: (keys) => w.store.delete(keys),
    };
    const runner = w.runner({ store });
    const started = runner.handle(who, { type: 'start', procedure: 'lost-card' });
    await writing;
    const pre = await readAhead(runner, store); // sees nothing stored: the write has not landed
    inside?.();
    await started;
    const r = await runner.handle(who, { type: 'text', text: '社員証' }, { preloaded: pre });
    expect(r.handled).toBe(true); // the procedure started above answers, not a fresh "nothing in progress"
  });

  it('from another instance: a stale state there is caught by its eTag, as any read', async () => {
    const w = world();
    const mine = w.runner();
    const other = w.runner();
    await mine.handle(who, { type: 'start', procedure: 'carry-out' });
    const pre = await readAhead(mine, w.store);
    await other.handle(who, { type: 'text', text: 'パソコン' }); // moves it on elsewhere
    const r = await mine.handle(who, { type: 'text', text: 'USBメモリ' }, { preloaded: pre });
    expect(r.outputs[0]).toMatchObject({ type: 'notice', kind: 'conflict' });
  });
});
