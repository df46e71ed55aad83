// An in-memory KvStore with the SDK's eTag semantics, for tests (the real ones are on the storage branch).
import type { KvItem, KvStore } from '../../../storage/types';

export class MemoryKv implements KvStore {
  private readonly items = new Map<string, { json: string; eTag: string }>();
  private seq = 0;
  writes = 0;

  async read(keys: string[]): Promise<Record<string, KvItem>> {
    const out: Record<string, KvItem> = {};
    for (const k of keys) {
      const v = this.items.get(k);
      if (v) out[k] = { ...(JSON.parse(v.json) as KvItem), eTag: v.eTag };
    }
    return out;
  }

  async write(changes: Record<string, KvItem>): Promise<void> {
    for (const [k, item] of Object.entries(changes)) {
      const old = this.items.get(k);
      if (old && item.eTag && item.eTag !== '*' && item.eTag !== old.eTag) throw new Error(`eTag conflict on ${k}`);
    }
    for (const [k, item] of Object.entries(changes)) {
      const { eTag: _ignored, ...rest } = item;
      this.items.set(k, { json: JSON.stringify(rest), eTag: String(++this.seq) });
      this.writes++;
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const k of keys) this.items.delete(k);
  }

  /** The raw stored value (tests inspect or corrupt it). */
  raw(key: string): unknown {
    const v = this.items.get(key);
    return v ? JSON.parse(v.json) : undefined;
  }

  setRaw(key: string, value: unknown): void {
    this.items.set(key, { json: JSON.stringify(value), eTag: String(++this.seq) });
  }

  keys(): string[] {
    return [...this.items.keys()];
  }
}

/** Wraps a store so that the next write waits until `release()` (to interleave two instances). */
export class GatedKv implements KvStore {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  private armed = false;
  /** Resolves when a write is waiting at the gate. */
  waiting: Promise<void>;
  private signalWaiting: () => void = () => undefined;

  constructor(readonly inner: KvStore) {
    this.waiting = new Promise((r) => (this.signalWaiting = r));
  }

  arm(): void {
    this.armed = true;
    this.gate = new Promise((r) => (this.open = r));
    this.waiting = new Promise((r) => (this.signalWaiting = r));
  }

  release(): void {
    this.open?.();
  }

  read(keys: string[]) {
    return this.inner.read(keys);
  }

  async write(changes: Record<string, KvItem>): Promise<void> {
    if (this.armed && this.gate) {
      this.armed = false;
      this.signalWaiting();
      await this.gate;
    }
    return this.inner.write(changes);
  }

  delete(keys: string[]) {
    return this.inner.delete(keys);
  }
}
