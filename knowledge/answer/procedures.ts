// Which guided procedure fits an answer (knowledge/data/procedures.yaml).
import { z } from 'zod';
import { readDataFile } from '../lexicon';
import type { Clause, ProcedureId, Verdict } from '../types';

const VERDICTS = ['prohibited', 'needs_permission', 'must_report', 'required', 'allowed', 'not_covered'] as const;
const ProceduresFile = z.object({
  procedures: z.record(
    z.enum(['carry-out', 'lost-card', 'infection']),
    z.object({ phrases: z.array(z.string().min(1)).min(1), verdicts: z.array(z.enum(VERDICTS)).min(1) }),
  ),
});

export class ProcedureMatcher {
  constructor(private readonly file: z.infer<typeof ProceduresFile>) {}

  static load(dir?: string): ProcedureMatcher {
    return new ProcedureMatcher(readDataFile('procedures.yaml', ProceduresFile, dir));
  }

  /** The procedure whose phrases the main clause (or its parent) contains, for a fitting verdict. */
  match(verdict: Verdict, clauses: (Clause | undefined)[]): ProcedureId | null {
    const text = clauses.map((c) => (c ? `${c.title}${c.text}` : '')).join('\n');
    for (const [id, p] of Object.entries(this.file.procedures) as [ProcedureId, { phrases: string[]; verdicts: Verdict[] }][]) {
      if (p.verdicts.includes(verdict) && p.phrases.some((ph) => text.includes(ph))) return id;
    }
    return null;
  }
}
