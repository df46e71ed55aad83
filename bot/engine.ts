// The one place the bot gets its knowledge engine from.

import { loadKnowledgeEngine } from '../knowledge/engine';
import type { KnowledgeEngine } from '../knowledge/types';

export interface EngineOptions {
  /** Policy text to answer from (default: the copy shipped in knowledge/policy/). */
  policyPath?: string;
}

export function loadEngine(options: EngineOptions = {}): KnowledgeEngine {
  return loadKnowledgeEngine(options.policyPath ? { policyPath: options.policyPath } : {});
}

/** True when the engine can answer (its clause index is loaded). */
export function engineReady(engine: KnowledgeEngine | undefined): boolean {
  return engine !== undefined && engine.clauses.length > 0;
}
