// The one place the bot gets its knowledge engine from (swap the implementation here).

import type { KnowledgeEngine } from '../knowledge/types';
import { loadStubEngine } from './stub-engine';

export interface EngineOptions {
  policyPath?: string;
}

export function loadEngine(_options: EngineOptions = {}): KnowledgeEngine {
  return loadStubEngine();
}

/** True when the engine can answer (its clause index is loaded). */
export function engineReady(engine: KnowledgeEngine | undefined): boolean {
  return engine !== undefined && engine.clauses.length > 0;
}
