// The guided procedures with persistence: one stored DialogState per conversation and person in a KvStore,
// eTag-checked so two bot instances cannot both advance the same step, and an outbox so a request is never
// lost between "stored" and "delivered" (delivery is at least once; `ref` is the idempotency key).

import { randomUUID } from 'node:crypto';
import type { KvItem, KvStore } from '../storage/types';
import { DEFAULT_TIME_ZONE } from './dates';
import { clean } from './normalize';
import { PROCEDURES } from './procedures';
import { Session } from './session';
import { applyDelivery, deliverAll, reportDelivery, type DeliverFn, type DeliveryOutcome } from './delivery';
import { readState, type DialogState, type ParkedRecord } from './state';
import { currentPrompt, turn, type TurnEnv } from './turn';
import type { AskFn, DialogInput, Effect, Output, ProcedureId, QuoteFn, Requester } from './types';

export const DEFAULT_IDLE_TTL_MS = 24 * 3_600_000;
export const DEFAULT_CONFIRM_TTL_MS = 30 * 60_000;
export const DEFAULT_PARKED_TTL_MS = 90 * 24 * 3_600_000;

export interface DialogRunnerOptions {
  store: KvStore;
  /**
   * Hands an effect to the approvals workflow, in order, at least once: make it idempotent by `effect.ref`.
   * Return `{ requestId }` for a submit to have it passed on to that request's tasks and follow-ups.
   * Throw EffectRejected(message) to refuse it for good; any other error keeps it stored for a retry.
   */
  deliver: DeliverFn;
  /** Verbatim clause text by label (the knowledge engine's clause(label)). */
  quote: QuoteFn;
  /** Answers a policy question typed in the middle of a procedure. */
  ask: AskFn;
  now?: () => Date;
  newId?: () => string;
  /** A procedure left idle this long ends with a message (24 h). */
  idleTtlMs?: number;
  /** A "start this procedure?" question is forgotten after this long (30 min). */
  confirmTtlMs?: number;
  /** A submitted procedure accepts its follow-up report this long (90 days). */
  parkedTtlMs?: number;
  /** The office's time zone for dates (Asia/Tokyo). */
  timeZone?: string;
  /** Storage key prefix ('dialogs'). */
  keyPrefix?: string;
}

/** Whose dialog: one per conversation and person (a group chat keeps one per member). */
export interface DialogWho {
  conversationId: string;
  requester: Requester;
}

export interface RunnerResult {
  /** Render in order. While a procedure is in progress the last one is what to answer next. */
  outputs: Output[];
  /** False: the input was not for the procedures; show `outputs` (if any), then handle it as usual. */
  handled: boolean;
  /** Effects delivered during this call (new ones and earlier ones retried). */
  delivered: Effect[];
  /** Effects stored but not yet delivered (retried on the next call, by `flush`, or on 「再送」). */
  undelivered: Effect[];
}

/**
 * A person's stored dialog state read ahead of their turn, together with other state in the same storage read
 * (the bot reads it with the SDK's turn state). It stands for a fresh read while `mark` is still the runner's
 * mark for the key, i.e. this runner has not written the key since (another process's write is caught by the
 * eTag, as for any read).
 */
export interface PreloadedState {
  key: string;
  /** runner.mark(key) taken before the read. */
  mark: string;
  /** The stored item, or undefined when there was none. */
  item: KvItem | undefined;
}

export interface DialogStatus {
  active: { procedure: ProcedureId; run: string; step: string; title: string } | null;
  parked: { procedure: ProcedureId; run: string; title: string; parkedAt: string }[];
  pendingStart: ProcedureId | null;
  undelivered: number;
}

interface StoredItem extends KvItem {
  state?: unknown;
}

/** The requester as drafts carry it (the approvals workflow accepts ids up to 200 and names up to 100 characters). */
function cleanRequester(r: Requester): Requester {
  const userId = clean(String(r.userId ?? '')).slice(0, 200) || 'unknown';
  const name = typeof r.name === 'string' ? clean(r.name).slice(0, 100) : '';
  return name ? { userId, name } : { userId };
}

export function dialogKey(prefix: string, conversationId: string, userId: string): string {
  return `${prefix}/${encodeURIComponent(conversationId)}/${encodeURIComponent(userId)}`;
}

/** Keys whose writes are counted (for marks); beyond this the counts start over under a new epoch. */
const MAX_MARKED_KEYS = 10_000;

export class DialogRunner {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Per key, how often this runner began or finished writing it (see mark()). */
  private readonly writes = new Map<string, number>();
  private epoch = 0;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly prefix: string;

  constructor(private readonly opts: DialogRunnerOptions) {
    this.now = opts.now ?? (() => new Date());
    this.newId = opts.newId ?? randomUUID;
    this.prefix = opts.keyPrefix ?? 'dialogs';
  }

  private env(requester: Requester): TurnEnv {
    return {
      requester: cleanRequester(requester),
      quote: this.opts.quote,
      ask: this.opts.ask,
      now: this.now(),
      newId: this.newId,
      idleTtlMs: this.opts.idleTtlMs ?? DEFAULT_IDLE_TTL_MS,
      confirmTtlMs: this.opts.confirmTtlMs ?? DEFAULT_CONFIRM_TTL_MS,
      parkedTtlMs: this.opts.parkedTtlMs ?? DEFAULT_PARKED_TTL_MS,
      timeZone: this.opts.timeZone ?? DEFAULT_TIME_ZONE,
    };
  }

  private key(who: DialogWho): string {
    return dialogKey(this.prefix, who.conversationId, who.requester.userId);
  }

  /** The storage key of a person's dialog state (to read it ahead: see PreloadedState). */
  keyOf(who: DialogWho): string {
    return this.key(who);
  }

  /** Changes whenever this runner begins or finishes a write of the key. */
  mark(key: string): string {
    return `${this.epoch}:${this.writes.get(key) ?? 0}`;
  }

  private noteWrite(key: string): void {
    if (this.writes.size >= MAX_MARKED_KEYS && !this.writes.has(key)) {
      // Forgetting the counts would make old marks look current: a new epoch makes every outstanding mark stale.
      this.writes.clear();
      this.epoch++;
    }
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }

  /** The preloaded state when it still stands for a fresh read of the key. */
  private preloaded(key: string, pre: PreloadedState | undefined): { state: DialogState; eTag: string | undefined; unreadable: boolean } | undefined {
    if (!pre || pre.key !== key || pre.mark !== this.mark(key)) return undefined;
    return this.fromItem(pre.item as StoredItem | undefined);
  }

  /** Serialises calls for one key inside this process; across processes the eTag decides. */
  private async locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.locks.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  private async load(key: string): Promise<{ state: DialogState; eTag: string | undefined; unreadable: boolean }> {
    const items = await this.opts.store.read([key]);
    return this.fromItem(items[key] as StoredItem | undefined);
  }

  private fromItem(item: StoredItem | undefined): { state: DialogState; eTag: string | undefined; unreadable: boolean } {
    const { state, unreadable } = readState(item?.state);
    return { state, eTag: item?.eTag, unreadable };
  }

  private async save(key: string, state: DialogState, eTag: string | undefined): Promise<void> {
    const item: StoredItem = { state };
    if (eTag !== undefined) item.eTag = eTag;
    // Before and after: a read ahead that overlaps the write, whichever way it went, no longer stands.
    this.noteWrite(key);
    try {
      await this.opts.store.write({ [key]: item });
    } finally {
      this.noteWrite(key);
    }
  }

  /**
   * One turn for one person: typed text, a card submission, or a start by button/command. `options.deliver`
   * replaces the runner's `deliver` for this turn's effects (e.g. to tell where they came from);
   * `options.preloaded` saves the read when it still stands (see PreloadedState).
   */
  async handle(who: DialogWho, input: DialogInput, options: { deliver?: DeliverFn; preloaded?: PreloadedState } = {}): Promise<RunnerResult> {
    const key = this.key(who);
    const deliver = options.deliver ?? this.opts.deliver;
    return this.locked(key, async () => {
      const env = this.env(who.requester);
      const loaded = this.preloaded(key, options.preloaded) ?? (await this.load(key));
      const result = await turn(loaded.state, input, env);
      const outputs: Output[] = [];
      if (loaded.unreadable) {
        outputs.push({ type: 'notice', kind: 'unreadable', text: '保存されていた手続きの状態を読み込めなかったため、リセットしました。' });
      }
      outputs.push(...result.outputs);
      const next: DialogState = { ...result.state, outbox: [...result.state.outbox, ...result.effects] };
      // Nothing changed (a question from someone with no procedure going on): no write, nothing to conflict with.
      const unchanged = !loaded.unreadable && result.effects.length === 0 && JSON.stringify(next) === JSON.stringify(loaded.state);
      try {
        if (!unchanged) await this.save(key, next, loaded.eTag);
      } catch (err) {
        const fresh = await this.load(key);
        if (fresh.eTag === loaded.eTag) throw err;
        // another instance moved this dialog first: nothing of this turn is kept; show where it stands now
        return {
          outputs: [
            { type: 'notice', kind: 'conflict', text: '同時に別の操作があったため、この操作は反映していません。いまの状態を表示します。' },
            ...currentPrompt(fresh.state, env),
          ],
          handled: true,
          delivered: [],
          undelivered: fresh.state.outbox,
        };
      }
      const o = await this.deliverStored(key, next, loaded.state, deliver);
      return {
        outputs: reportDelivery(outputs, o, result.effects, o.reparked),
        handled: result.handled,
        delivered: o.delivered,
        undelivered: o.undelivered,
      };
    });
  }

  /** Delivers the stored outbox, then stores the result (ids, refusals); a concurrent write leaves it for a retry. */
  private async deliverStored(
    key: string,
    state: DialogState,
    before: DialogState | null,
    deliver: DeliverFn = this.opts.deliver,
  ): Promise<DeliveryOutcome & { reparked: ParkedRecord[] }> {
    const o = await deliverAll(state, deliver);
    let reparked: ParkedRecord[] = [];
    if (o.delivered.length > 0 || o.rejected.length > 0) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const fresh = await this.load(key);
        const applied = applyDelivery(fresh.state, o, before, this.now().toISOString());
        try {
          await this.save(key, applied.state, fresh.eTag);
          reparked = applied.state.parked.filter((p) => applied.reparked.includes(p.run));
          break;
        } catch {
          // another instance wrote in between: try again on its state (delivery is idempotent by ref anyway)
        }
      }
    }
    return { ...o, reparked };
  }

  /** Retries effects that could not be delivered (a timer or 「再送」 may call it). */
  async flush(who: DialogWho): Promise<{ delivered: Effect[]; undelivered: Effect[] }> {
    const key = this.key(who);
    return this.locked(key, async () => {
      const { state } = await this.load(key);
      const o = await this.deliverStored(key, state, null);
      return { delivered: o.delivered, undelivered: o.undelivered };
    });
  }

  /** Where this person's procedures stand (for the welcome card, 申請状況, or routing decisions). */
  async status(who: DialogWho, preloaded?: PreloadedState): Promise<DialogStatus> {
    const key = this.key(who);
    const { state } = this.preloaded(key, preloaded) ?? (await this.load(key));
    let active: DialogStatus['active'] = null;
    if (state.active) {
      const proc = PROCEDURES[state.active.procedure];
      try {
        const s = Session.restore(proc, state.active.snapshot);
        active = { procedure: proc.info.id, run: state.active.run, step: s.view().id, title: proc.info.title };
        s.stop();
      } catch {
        active = null;
      }
    }
    return {
      active,
      parked: state.parked.map((p) => ({ procedure: p.procedure, run: p.run, title: p.title, parkedAt: p.parkedAt })),
      pendingStart: state.pending?.procedure ?? null,
      undelivered: state.outbox.length,
    };
  }

  /**
   * Closes a submitted procedure from outside (its request was rejected, withdrawn or expired in the approvals
   * workflow): it no longer waits for a follow-up. Returns the notice to send to the person, or [] if unknown.
   */
  async settle(who: DialogWho, run: string, reason: string): Promise<Output[]> {
    const key = this.key(who);
    return this.locked(key, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const { state, eTag } = await this.load(key);
        const p = state.parked.find((x) => x.run === run);
        if (!p) return [];
        const next: DialogState = { ...state, parked: state.parked.filter((x) => x.run !== run) };
        try {
          await this.save(key, next, eTag);
        } catch {
          continue;
        }
        return [{ type: 'notice', kind: 'closed', procedure: p.procedure, text: `「${p.title}」は${reason}ため、後日の報告は不要になりました。` }];
      }
      return [];
    });
  }
}
