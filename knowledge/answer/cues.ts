// How a question is asked (knowledge/data/cues.yaml): incidents, "whom do I tell", who is asking,
// conditions the question asserts or denies, and sentences addressed to the assistant.
import { z } from 'zod';
import { readDataFile } from '../lexicon';
import { normalizeQuery } from '../retrieve/tokenize';

const phrases = z.array(z.string().min(1));
const CuesFile = z.object({
  incident: phrases,
  witnessed: phrases,
  ask_report: phrases,
  ask_action: phrases,
  ask_permission: phrases,
  may_i: phrases,
  already_permitted: phrases,
  askers: z.array(z.object({ words: phrases.min(1), role: z.string().min(1) })),
  conditions: z.record(
    z.string(),
    z.object({ asserted_by: phrases.optional(), denied_by: phrases.optional(), when_denied: z.enum(['lift', 'demote']).optional(), when_absent: z.enum(['demote']).optional() }),
  ),
  injection: phrases,
  not_covered_pointer: phrases.min(1),
  incident_report: phrases.min(1),
  reported_speech: phrases,
});
type CuesData = z.infer<typeof CuesFile>;

export type ConditionState = 'asserted' | 'denied' | null;

export interface QuestionCues {
  /** Something happened that must be reported (a loss, an infection, a leak, or a violation seen). */
  incident: boolean;
  /** Only a violation by someone else was seen: no security incident as such. */
  witnessedOnly: boolean;
  askReport: boolean;
  askAction: boolean;
  askPermission: boolean;
  /** A "may I …?" question. */
  mayI: boolean;
  /** The person says they already hold some permission. */
  alreadyPermitted: boolean;
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
      witnessed: norm(data.witnessed),
      ask_report: norm(data.ask_report),
      ask_action: norm(data.ask_action),
      ask_permission: norm(data.ask_permission),
      may_i: norm(data.may_i),
      already_permitted: norm(data.already_permitted),
      askers: data.askers.map((a) => ({ role: a.role, words: norm(a.words) })),
      conditions: Object.fromEntries(
        Object.entries(data.conditions).map(([k, v]) => [
          k,
          { asserted_by: norm(v.asserted_by), denied_by: norm(v.denied_by), when_denied: v.when_denied ?? 'demote', when_absent: v.when_absent },
        ]),
      ),
      injection: norm(data.injection),
    };
  }

  static load(dir?: string): Cues {
    return new Cues(readDataFile('cues.yaml', CuesFile, dir));
  }

  /** Phrases that find the clause on reporting any incident. */
  get incidentReport(): string[] {
    return this.d.incident_report;
  }

  /**
   * Spans of the question that are context rather than its subject: what someone else said (「…」と言われ…)
   * and a permission the person already holds (「在宅勤務の許可はもらってます」).
   */
  contextSpans(normalizedQuestion: string): string[] {
    const out: string[] = [];
    for (const phrase of this.d.already_permitted) {
      const at = normalizedQuestion.indexOf(phrase);
      if (at < 0) continue;
      const before = normalizedQuestion.slice(0, at);
      const start = Math.max(before.lastIndexOf('。'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('、')) + 1;
      const rest = normalizedQuestion.slice(at);
      const endRel = rest.search(/[。、!?]/);
      out.push(normalizedQuestion.slice(start, endRel < 0 ? undefined : at + endRel));
    }
    for (const m of normalizedQuestion.matchAll(/[「『]([^」』]*)[」』]/g)) {
      const after = normalizedQuestion.slice(m.index! + m[0].length, m.index! + m[0].length + 8);
      if (this.d.reported_speech.some((w) => after.startsWith(normalizeQuery(w)))) out.push(m[1]!);
    }
    return out;
  }

  /** Phrases that find the clause pointing to whom to ask when the policy is silent. */
  get notCoveredPointer(): string[] {
    return this.d.not_covered_pointer;
  }

  /** The conditions (phrases of the policy text) the vocabulary knows, as they appear in a clause. */
  conditionsIn(text: string): string[] {
    return Object.keys(this.d.conditions).filter((c) => text.includes(c));
  }

  /** Whether a clause with this condition is beside the point unless the question asserts it. */
  demotedWhenAbsent(condition: string): boolean {
    return this.d.conditions[condition]?.when_absent === 'demote';
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
    const happened = any(this.d.incident);
    const witnessed = any(this.d.witnessed);
    return {
      incident: happened || witnessed,
      witnessedOnly: witnessed && !happened,
      askReport: any(this.d.ask_report),
      askAction: any(this.d.ask_action),
      askPermission: any(this.d.ask_permission),
      mayI: any(this.d.may_i),
      alreadyPermitted: any(this.d.already_permitted),
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
