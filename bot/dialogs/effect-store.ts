// Until the bot starts the approvals workflow: the guided procedures' effects kept as data in the bot's database
// (`dialog_effects`, one row per effect keyed by its ref, first write wins), ready to be forwarded.
// The approvals glue drains it with `pending()` / `markForwarded()`.

import { z } from 'zod';
import { EffectRejected, PROCEDURE_IDS, type DeliveryReceipt, type Effect, type ProcedureId } from '../../dialogs/types';
import type { Db } from '../../storage/types';
import { type Logger, errorFields } from '../log';
import type { DialogEffectSink, EffectOrigin } from './effects';

export const EFFECTS_TABLE = 'dialog_effects';

const columns = (seq: string) => `CREATE TABLE ${EFFECTS_TABLE} (
  seq ${seq},
  ref TEXT NOT NULL UNIQUE,
  effect_type TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  request_ref TEXT NOT NULL,
  urgent INTEGER NOT NULL,
  user_id TEXT,
  effect TEXT NOT NULL,
  origin TEXT,
  effect_at TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  forwarded_at TEXT,
  request_id TEXT
);
CREATE INDEX ${EFFECTS_TABLE}_request ON ${EFFECTS_TABLE} (request_ref, seq);
CREATE INDEX ${EFFECTS_TABLE}_pending ON ${EFFECTS_TABLE} (forwarded_at, seq)`;

/** `seq` keeps the order effects arrived in (the runner delivers them in order). */
const MIGRATION = {
  sqlite: columns('INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: columns('BIGSERIAL PRIMARY KEY'),
};

export interface StoredEffect {
  ref: string;
  type: Effect['type'];
  procedure: ProcedureId;
  /** draft.kind for a submit, task.kind for a task, event.kind for a follow-up. */
  kind: string;
  /** The ref of the request the effect belongs to (its own ref for a submit). */
  requestRef: string;
  urgent: boolean;
  userId: string | null;
  effect: Effect;
  origin: EffectOrigin | null;
  /** When the procedure produced it; when it was stored here; when the approvals workflow took it. */
  effectAt: string;
  storedAt: string;
  forwardedAt: string | null;
  /** The workflow's id for the request, once forwarded. */
  requestId: string | null;
}

interface Row {
  ref: string;
  effect_type: string;
  procedure_id: string;
  kind: string;
  request_ref: string;
  urgent: number | string | boolean;
  user_id: string | null;
  effect: string;
  origin: string | null;
  effect_at: string;
  stored_at: string;
  forwarded_at: string | null;
  request_id: string | null;
}

const ref = z.string().min(1).max(300);
const common = { ref, procedure: z.enum(PROCEDURE_IDS), at: z.string().min(1).max(40) };
/** The parts of an effect this store relies on (the runner builds them; still checked, as all input is). */
const effectShape = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('submit'), ...common, draft: z.looseObject({ kind: z.string().min(1).max(40), urgent: z.boolean(), requester: z.looseObject({ userId: z.string().min(1).max(200) }) }) }),
  z.looseObject({ type: z.literal('task'), ...common, requestRef: ref, task: z.looseObject({ kind: z.string().min(1).max(40), urgent: z.boolean() }) }),
  z.looseObject({ type: z.literal('followUp'), ...common, requestRef: ref, event: z.looseObject({ kind: z.string().min(1).max(40) }) }),
]);

export const INVALID_EFFECT_TEXT = '送信する内容を確認できなかったため、送信できませんでした。お手数ですが、担当の責任者に直接連絡してください。';

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

function toStored(r: Row): StoredEffect {
  return {
    ref: r.ref,
    type: r.effect_type as Effect['type'],
    procedure: r.procedure_id as ProcedureId,
    kind: r.kind,
    requestRef: r.request_ref,
    urgent: r.urgent === 1 || r.urgent === '1' || r.urgent === true,
    userId: r.user_id,
    effect: parse<Effect>(r.effect) as Effect,
    origin: parse<EffectOrigin>(r.origin),
    effectAt: r.effect_at,
    storedAt: r.stored_at,
    forwardedAt: r.forwarded_at,
    requestId: r.request_id,
  };
}

export class StoredEffects implements DialogEffectSink {
  private constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly log: Logger | undefined,
  ) {}

  static async open(db: Db, options: { now?: () => Date; log?: Logger } = {}): Promise<StoredEffects> {
    await db.migrate('dialog_effects_v1', MIGRATION);
    return new StoredEffects(db, options.now ?? (() => new Date()), options.log);
  }

  /** Keeps the effect (once per ref). Returns no request id: the request is not in a workflow yet. */
  async deliver(effect: Effect, origin: EffectOrigin | undefined): Promise<DeliveryReceipt> {
    const checked = effectShape.safeParse(effect);
    if (!checked.success) {
      this.log?.warn('dialog.effect.invalid', { ref: typeof effect?.ref === 'string' ? effect.ref.slice(0, 300) : undefined });
      throw new EffectRejected(INVALID_EFFECT_TEXT);
    }
    const kind = effect.type === 'submit' ? effect.draft.kind : effect.type === 'task' ? effect.task.kind : effect.event.kind;
    const urgent = effect.type === 'submit' ? effect.draft.urgent : effect.type === 'task' ? effect.task.urgent : false;
    const requestRef = effect.type === 'submit' ? effect.ref : effect.requestRef;
    const userId = effect.type === 'submit' ? effect.draft.requester.userId : (origin?.user.aadObjectId ?? origin?.user.id ?? null);
    try {
      const { changes } = await this.db.run(
        `INSERT INTO ${EFFECTS_TABLE}
           (ref, effect_type, procedure_id, kind, request_ref, urgent, user_id, effect, origin, effect_at, stored_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (ref) DO NOTHING`,
        [
          effect.ref,
          effect.type,
          effect.procedure,
          kind,
          requestRef,
          urgent ? 1 : 0,
          userId,
          JSON.stringify(effect),
          origin ? JSON.stringify(origin) : null,
          effect.at,
          this.now().toISOString(),
        ],
      );
      this.log?.info('dialog.effect.stored', { ref: effect.ref, type: effect.type, procedure: effect.procedure, kind, urgent, duplicate: changes === 0 });
    } catch (err) {
      this.log?.error('dialog.effect.failed', { ref: effect.ref, type: effect.type, ...errorFields(err) });
      throw err;
    }
  }

  async get(ref: string): Promise<StoredEffect | undefined> {
    const row = await this.db.get<Row>(`SELECT * FROM ${EFFECTS_TABLE} WHERE ref = $1`, [ref]);
    return row && toStored(row);
  }

  /** A request and everything that followed it (tasks, follow-ups), in the order they were produced. */
  async forRequest(requestRef: string): Promise<StoredEffect[]> {
    const rows = await this.db.all<Row>(`SELECT * FROM ${EFFECTS_TABLE} WHERE request_ref = $1 ORDER BY seq`, [requestRef]);
    return rows.map(toStored);
  }

  /** Effects not yet taken by the approvals workflow, oldest first. */
  async pending(limit = 100): Promise<StoredEffect[]> {
    const rows = await this.db.all<Row>(
      `SELECT * FROM ${EFFECTS_TABLE} WHERE forwarded_at IS NULL ORDER BY seq LIMIT $1`,
      [Math.max(1, Math.min(1000, Math.trunc(limit)))],
    );
    return rows.map(toStored);
  }

  /** Notes that the approvals workflow took an effect (with its request id); false when unknown or already taken. */
  async markForwarded(ref: string, requestId?: string): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE ${EFFECTS_TABLE} SET forwarded_at = $1, request_id = $2 WHERE ref = $3 AND forwarded_at IS NULL`,
      [this.now().toISOString(), requestId ?? null, ref],
    );
    return changes === 1;
  }
}

/**
 * Hands the kept effects to another sink (the approvals workflow) in the order they arrived, and marks each as
 * forwarded (with the request id a submit returned). A refusal (EffectRejected) is marked too, with no request id,
 * and counted; any other error stops the run, to be tried again later.
 */
export async function forwardPending(
  store: StoredEffects,
  sink: DialogEffectSink,
  options: { batch?: number; log?: Logger } = {},
): Promise<{ forwarded: number; refused: number; failed: boolean }> {
  const out = { forwarded: 0, refused: 0, failed: false };
  for (;;) {
    const batch = await store.pending(options.batch ?? 100);
    if (batch.length === 0) return out;
    for (const row of batch) {
      try {
        const receipt = await sink.deliver(row.effect, row.origin ?? undefined);
        await store.markForwarded(row.ref, receipt && typeof receipt.requestId === 'string' ? receipt.requestId : undefined);
        out.forwarded += 1;
      } catch (err) {
        if (!(err instanceof EffectRejected)) {
          options.log?.warn('dialog.effect.forward_failed', { ref: row.ref, ...errorFields(err) });
          out.failed = true;
          return out;
        }
        options.log?.warn('dialog.effect.forward_refused', { ref: row.ref, type: row.type });
        await store.markForwarded(row.ref);
        out.refused += 1;
      }
    }
  }
}
