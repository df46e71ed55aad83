// Every step of a procedure machine, read from its states' meta (for forms, docs and snapshot validation).

import type { AnyStateMachine } from 'xstate';
import type { StateMeta, StepSpec } from './procedure';
import type { Procedure } from './procedures';

const SPEC_CACHE = new WeakMap<AnyStateMachine, Map<string, StepSpec>>();

interface NodeLike {
  key: string;
  meta?: unknown;
  states: Record<string, NodeLike>;
}

/** Every step of a machine, by step id, in document order. */
export function stepSpecs(proc: Procedure): ReadonlyMap<string, StepSpec> {
  const cached = SPEC_CACHE.get(proc.machine);
  if (cached) return cached;
  const out = new Map<string, StepSpec>();
  const walk = (node: NodeLike) => {
    const meta = node.meta as StateMeta | undefined;
    if (meta?.step) out.set(node.key, meta.step);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(proc.machine.root as unknown as NodeLike);
  SPEC_CACHE.set(proc.machine, out);
  return out;
}

