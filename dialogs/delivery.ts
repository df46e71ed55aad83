// Delivering stored effects to the approvals workflow: in order, at least once, with the workflow's request id
// passed on to later effects of the same request, and permanent refusals (EffectRejected) undone in the dialog.

import { PROCEDURES } from './procedures';
import { Session } from './session';
import type { DialogState, RunRecord } from './state';
import { EffectRejected, type DeliveryReceipt, type Effect, type Output } from './types';

export type DeliverFn = (effect: Effect) => Promise<DeliveryReceipt>;

export interface DeliveryOutcome {
  delivered: Effect[];
  /** Refused for good; `message` is for the person (null when dropped because its request was refused). */
  rejected: { effect: Effect; message: string | null }[];
  /** Still stored, retried later (the first transient failure and everything after it). */
  undelivered: Effect[];
  /** Request ref → the workflow's request id, from receipts. */
  ids: Map<string, string>;
}

function knownIds(state: DialogState): Map<string, string> {
  const ids = new Map<string, string>();
  for (const r of [state.active, ...state.parked]) if (r?.requestId) ids.set(r.run, r.requestId);
  return ids;
}

/** Delivers the outbox in order; stops at the first transient failure. */
export async function deliverAll(state: DialogState, deliver: DeliverFn): Promise<DeliveryOutcome> {
  const ids = knownIds(state);
  const out: DeliveryOutcome = { delivered: [], rejected: [], undelivered: [], ids: new Map() };
  const refused = new Set<string>();
  const outbox = state.outbox;
  for (let i = 0; i < outbox.length; i++) {
    const original = outbox[i];
    if (!original) continue;
    if (original.type !== 'submit' && refused.has(original.requestRef)) {
      out.rejected.push({ effect: original, message: null });
      continue;
    }
    const known = original.type !== 'submit' && !original.requestId ? ids.get(original.requestRef) : undefined;
    const e: Effect = known && original.type !== 'submit' ? { ...original, requestId: known } : original;
    try {
      const receipt = await deliver(e);
      out.delivered.push(e);
      if (e.type === 'submit' && receipt && typeof receipt.requestId === 'string' && receipt.requestId !== '') {
        ids.set(e.ref, receipt.requestId);
        out.ids.set(e.ref, receipt.requestId);
      }
    } catch (err) {
      if (err instanceof EffectRejected) {
        out.rejected.push({ effect: e, message: err.userMessage });
        if (e.type === 'submit') refused.add(e.ref);
        continue;
      }
      out.undelivered = outbox.slice(i);
      break;
    }
  }
  return out;
}

/** The run a refused follow-up came from, back to waiting for its report (from the state before the turn). */
function repark(before: RunRecord | null | undefined, requestRef: string, nowIso: string): DialogState['parked'][number] | null {
  if (!before || before.run !== requestRef) return null;
  try {
    const proc = PROCEDURES[before.procedure];
    const s = Session.restore(proc, before.snapshot);
    s.send({ type: 'CANCEL' });
    const parked = s.view().kind === 'parked';
    const rec = parked ? { ...before, snapshot: s.persisted(), misses: 0, title: proc.info.describe(s.context), parkedAt: nowIso } : null;
    s.stop();
    return rec;
  } catch {
    return null;
  }
}

/**
 * The stored state after a delivery: delivered and refused effects leave the outbox, request ids are kept on their
 * runs, a refused request no longer waits for follow-ups, and a refused follow-up waits again.
 */
export function applyDelivery(state: DialogState, o: DeliveryOutcome, before: DialogState | null, nowIso: string): { state: DialogState; reparked: string[] } {
  const gone = new Set([...o.delivered, ...o.rejected.map((r) => r.effect)].map((e) => e.ref));
  const next: DialogState = { ...state, outbox: state.outbox.filter((e) => !gone.has(e.ref)) };
  const withId = <T extends RunRecord>(r: T): T => {
    const id = o.ids.get(r.run);
    return id ? { ...r, requestId: id } : r;
  };
  if (next.active) next.active = withId(next.active);
  next.parked = next.parked.map(withId);
  const reparked: string[] = [];
  for (const { effect } of o.rejected) {
    if (effect.type === 'submit') {
      next.parked = next.parked.filter((p) => p.run !== effect.ref);
      if (next.active?.run === effect.ref) next.active = null;
    } else if (effect.type === 'followUp') {
      const present = next.active?.run === effect.requestRef || next.parked.some((p) => p.run === effect.requestRef);
      const back = present ? null : repark(before?.active, effect.requestRef, nowIso);
      if (back) {
        next.parked = [...next.parked, back];
        reparked.push(back.run);
      }
    }
  }
  return { state: next, reparked };
}

const FAILED_TEXT = '内容は保存しましたが、送信できませんでした。「再送」と送ると、もう一度送信します。急ぎの場合は、電話など別の方法でも連絡してください。';

/** The outputs as the person should see them once delivery is known. */
export function reportDelivery(outputs: Output[], o: DeliveryOutcome, fresh: Effect[], reparked: DialogState['parked']): Output[] {
  const waiting = new Set(o.undelivered.map((e) => e.ref));
  const refusedRefs = new Set(o.rejected.map((r) => r.effect.ref));
  const refusedRuns = new Set(o.rejected.map((r) => (r.effect.type === 'submit' ? r.effect.ref : r.effect.requestRef)));
  const out: Output[] = [];
  for (const x of outputs) {
    if ((x.type === 'submitted' || x.type === 'followUp') && (waiting.has(x.ref) || refusedRefs.has(x.ref))) continue;
    if (x.type === 'parked' && refusedRuns.has(x.run)) continue;
    if (x.type === 'notice' && x.kind === 'done' && o.rejected.some((r) => r.effect.type === 'followUp' && r.effect.procedure === x.procedure)) continue;
    out.push(x);
  }
  const freshRefs = new Set(fresh.map((e) => e.ref));
  const head: Output[] = [];
  for (const r of o.rejected) {
    if (r.message === null) continue;
    head.push({ type: 'notice', kind: 'rejected', procedure: r.effect.procedure, text: r.message });
    const unsent = PROCEDURES[r.effect.procedure].info.unsent;
    if (r.effect.type === 'submit' && unsent) head.push({ type: 'message', style: 'urgent', text: unsent });
  }
  if (o.delivered.some((e) => !freshRefs.has(e.ref) && e.type !== 'task')) {
    head.push({ type: 'notice', kind: 'done', text: '送信できていなかった報告・申請を送信しました。' });
  }
  if (o.undelivered.length > 0) head.push({ type: 'notice', kind: 'deliveryFailed', text: FAILED_TEXT });
  const tail: Output[] = [];
  for (const p of reparked) {
    const park = PROCEDURES[p.procedure].info;
    tail.push({ type: 'parked', procedure: p.procedure, run: p.run, text: `「${p.title}」は、あとでもう一度報告できます。`, resume: { label: `${park.title}の報告を再開する`, data: { dialog: 'resume', run: p.run } } });
  }
  return [...head, ...out, ...tail];
}
