// When does a verdict agree with the clauses a model cites? A clause *supports* a verdict when
// its modality (from the knowledge engine's facts) is the verdict's kind of rule AND the quoted
// words themselves carry that rule (so the first quote a person reads backs the verdict):
//
//   verdict           clause modality (facts)                    quote contains
//   prohibited        prohibition                                てはならない・禁止・…
//   needs_permission  permission, or the clause names grantors   許可・承認
//   must_report       report, or the clause names report-to      報告・通報・通知・連絡
//   required          obligation                                 なければならない・ものとする・…すること
//   allowed           exception (ただし…できる / この限りでない)   できる・可能・この限りでない・…
//   not_covered       —                                          —
//
// The verdict is accepted when the FIRST citation supports it. Two verdicts cannot be shown by
// a clause's wording alone, and a wrong one is the costliest mistake a security bot can make:
//   - allowed: accepted when the first citation supports it as above, or when the offline
//     engine independently answered allowed (a prohibition with a condition, such as
//     「業務以外の目的で…してはならない」, allows the other case, but only the question tells which);
//   - not_covered: accepted only when the offline engine also answered not_covered.
import type { Answer, Clause, Verdict } from '../types';
import { compactText } from './roles';

const CUES: Record<Exclude<Verdict, 'not_covered'>, RegExp> = {
  prohibited: /[てで]はならな|てはいけな|禁止|禁じ|禁ずる|ことはできな|してはならず/,
  needs_permission: /許可|承認/,
  must_report: /報告|通報|通知|連絡|届け出|届出/,
  required: /なければならな|なければならず|ものとする|必要があ|すること|ること。|ること$|受けること|講じる/,
  allowed: /できる|可能|この限りで(?:は)?な|差し支えな|妨げな|認める/,
};

/** Whether one clause, through the quoted words, supports a verdict (see the table above). */
export function clauseSupports(verdict: Verdict, clause: Clause, quote: string): boolean {
  if (verdict === 'not_covered') return false;
  const m = new Set(clause.facts.modalities);
  const kindOk =
    verdict === 'prohibited' ? m.has('prohibition')
    : verdict === 'needs_permission' ? m.has('permission') || clause.facts.grantors.length > 0
    : verdict === 'must_report' ? m.has('report') || clause.facts.reportTo.length > 0
    : verdict === 'required' ? m.has('obligation')
    : m.has('exception');
  return kindOk && CUES[verdict].test(compactText(quote));
}

export type AgreementFailure = 'verdict_unsupported' | 'allowed_unconfirmed' | 'not_covered_unconfirmed';

/**
 * Checks the verdict against the verified citations (clause + exact quote, best first) and,
 * for allowed / not_covered, against the offline answer. Null when they agree.
 */
export function checkVerdictAgreement(
  verdict: Verdict,
  citations: ReadonlyArray<{ clause: Clause; quote: string }>,
  offline: Pick<Answer, 'verdict'>,
): AgreementFailure | null {
  if (verdict === 'not_covered') return offline.verdict === 'not_covered' ? null : 'not_covered_unconfirmed';
  const first = citations[0];
  const supported = first !== undefined && clauseSupports(verdict, first.clause, first.quote);
  if (verdict === 'allowed') return supported || offline.verdict === 'allowed' ? null : 'allowed_unconfirmed';
  return supported ? null : 'verdict_unsupported';
}
