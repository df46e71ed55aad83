// Running one procedure machine for one turn: start or restore it from its persisted snapshot (plain JSON),
// send it an event, collect what it emits, and read which step it is on from the state's meta.

import { createActor, type AnyActorRef } from 'xstate';
import { z } from 'zod';
import type { BlockSpec, ParkSpec, ProcContext, ProcEmitted, ProcEvent, ProcInput, StateMeta, StepSpec } from './procedure';
import type { Procedure } from './procedures';
import { stepSpecs } from './steps';

/** Where a run stands, read from the meta of its current state. */
export type View =
  | { kind: 'step'; id: string; spec: StepSpec }
  | { kind: 'blocked'; id: string; block: BlockSpec }
  | { kind: 'parked'; id: string; park: ParkSpec }
  | { kind: 'done'; id: string; text: string };

/** A stored snapshot that cannot be restored (corrupt, or written by a machine that has since changed). */
export class UnreadableSnapshot extends Error {
  constructor(reason: string) {
    super(`unreadable procedure snapshot: ${reason}`);
    this.name = 'UnreadableSnapshot';
  }
}

const contextSchema = z.object({
  run: z.string().min(1).max(200),
  requester: z.object({ userId: z.string().min(1).max(500), name: z.string().max(500).optional() }),
  answers: z.record(z.string(), z.unknown()),
  trail: z.array(z.string().max(100)).max(100),
  sealed: z.record(z.string(), z.unknown()).nullable(),
});

const persistedSchema = z.looseObject({
  status: z.enum(['active', 'done']),
  value: z.union([z.string(), z.record(z.string(), z.unknown())]),
  context: contextSchema,
});

/** JSON round trip: the persisted form is plain data. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export class Session {
  private readonly emitted: ProcEmitted[] = [];
  private failure: unknown = null;

  private constructor(
    readonly procedure: Procedure,
    private readonly actor: AnyActorRef,
  ) {
    actor.subscribe({ error: (e: unknown) => (this.failure = e) });
    actor.on('*', (e: unknown) => this.emitted.push(e as ProcEmitted));
    actor.start();
    this.assertHealthy();
  }

  static start(procedure: Procedure, input: ProcInput): Session {
    return new Session(procedure, createActor(procedure.machine, { input }));
  }

  /** Restores a stored snapshot; throws UnreadableSnapshot when it does not fit the machine. */
  static restore(procedure: Procedure, stored: unknown): Session {
    const parsed = persistedSchema.safeParse(stored);
    if (!parsed.success) throw new UnreadableSnapshot('shape');
    // every stored answer must still satisfy its step's schema (storage is not trusted blindly)
    const specs = stepSpecs(procedure);
    const { answers, sealed } = parsed.data.context;
    for (const [step, value] of [...Object.entries(answers), ...Object.entries(sealed ?? {})]) {
      const spec = specs.get(step);
      if (!spec || !spec.schema.safeParse(value).success) throw new UnreadableSnapshot('answers');
    }
    try {
      procedure.machine.resolveState({ value: parsed.data.value as never, context: parsed.data.context });
    } catch {
      throw new UnreadableSnapshot('state');
    }
    return new Session(procedure, createActor(procedure.machine, { snapshot: plain(stored) as never }));
  }

  private assertHealthy(): void {
    if (this.failure !== null || this.actor.getSnapshot().status === 'error') {
      throw new UnreadableSnapshot('actor error');
    }
  }

  /** Sends an event; returns what the machine emitted and whether anything changed. */
  send(event: ProcEvent): { emitted: ProcEmitted[]; changed: boolean } {
    const before = JSON.stringify(this.persisted());
    const from = this.emitted.length;
    this.actor.send(event);
    this.assertHealthy();
    return { emitted: this.emitted.slice(from), changed: JSON.stringify(this.persisted()) !== before };
  }

  get context(): ProcContext {
    return this.actor.getSnapshot().context as ProcContext;
  }

  view(): View {
    const snap = this.actor.getSnapshot();
    const metas = snap.getMeta() as Record<string, StateMeta | undefined>;
    for (const [nodeId, meta] of Object.entries(metas)) {
      if (!meta) continue;
      const id = nodeId.slice(nodeId.lastIndexOf('.') + 1);
      if (meta.step) return { kind: 'step', id, spec: meta.step };
      if (meta.blocked) return { kind: 'blocked', id, block: meta.blocked };
      if (meta.parked) return { kind: 'parked', id, park: meta.parked };
      if (meta.done) return { kind: 'done', id, text: meta.done.text };
    }
    throw new UnreadableSnapshot('state without meta');
  }

  /** The persisted snapshot, plain JSON. */
  persisted(): unknown {
    return plain(this.actor.getPersistedSnapshot());
  }

  stop(): void {
    this.actor.stop();
  }
}
