// How a question is asked (knowledge/data/cues.yaml): incidents, "whom do I tell", who is asking,
// conditions the question asserts or denies, and sentences addressed to the assistant.
import { z } from 'zod';
import { readDataFile } from '../lexicon';
import { normalizeQuery } from '../retrieve/tokenize';

const phrases = z.array(z.string().min(1));
const CuesFile = z.object({
  incident: phrases,
  ask_report: phrases,
  ask_action: phrases,
  ask_permission: phrases,
  askers: z.array(z.object({ words: phrases.min(1), role: z.string().min(1) })),
  conditions: z.record(
    z.string(),
    z.object({ asserted_by: phrases.optional(), denied_by: phrases.optional(), when_denied: z.enum(['lift', 'demote']).optional() }),
  ),
  injection: phrases,
  not_covered_pointer: phrases.min(1),
});
type CuesData = z.infer<typeof CuesFile>;

export type ConditionState = 'asserted' | 'denied' | null;

export interface QuestionCues {
  incident: boolean;
  askReport: boolean;
  askAction: boolean;
  askPermission: boolean;
  /** The role the person says they hold, if any. */
  asker: string | null;
  condition(name: string): ConditionState;
}

const norm = (xs: string[] | undefined) => (xs ?? []).map((x) => normalizeQuery(x));

export class Cues {
  private readonly d: CuesData;

  constructor(data: CuesData) {
    this.d = {
      ...data,
      incident: norm(data.incident),
      ask_report: norm(data.ask_report),
      ask_action: norm(data.ask_action),
      ask_permission: norm(data.ask_permission),
      askers: data.askers.map((a) => ({ role: a.role, words: norm(a.words) })),
      conditions: Object.fromEntries(
        Object.entries(data.conditions).map(([k, v]) => [
          k,
          { asserted_by: norm(v.asserted_by), denied_by: norm(v.denied_by), when_denied: v.when_denied ?? 'demote' },
        ]),
      ),
      injection: norm(data.injection),
    };
  }

  static load(dir?: string): Cues {
    return new Cues(readDataFile('cues.yaml', CuesFile, dir));
  }

  /** Phrases that find the clause pointing to whom to ask when the policy is silent. */
  get notCoveredPointer(): string[] {
    return this.d.not_covered_pointer;
  }

  /** Whether denying this condition lifts the prohibition it limits (rather than making the clause irrelevant). */
  liftsWhenDenied(condition: string): boolean {
    return this.d.conditions[condition]?.when_denied === 'lift';
  }

  /** Whether a sentence speaks to the assistant rather than about the policy. */
  isInstruction(sentence: string): boolean {
    const s = normalizeQuery(sentence);
    return this.d.injection.some((w) => s.includes(w));
  }

  read(question: string): QuestionCues {
    const q = normalizeQuery(question);
    const any = (ws: string[]) => ws.some((w) => q.includes(w));
    const conditions = this.d.conditions;
    return {
      incident: any(this.d.incident),
      askReport: any(this.d.ask_report),
      askAction: any(this.d.ask_action),
      askPermission: any(this.d.ask_permission),
      asker: this.d.askers.find((a) => any(a.words))?.role ?? null,
      condition(name: string): ConditionState {
        const c = conditions[name];
        if (!c) return null;
        // Denial wins: 「支給のPC」 is not 「支給以外」 even though it says PC.
        if (c.denied_by?.some((w) => q.includes(w))) return 'denied';
        if (c.asserted_by?.some((w) => q.includes(w))) return 'asserted';
        return null;
      },
    };
  }
}
