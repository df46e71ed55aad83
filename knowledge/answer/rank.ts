// Re-ranks retrieved clauses for the person asking: clauses that bind them, that match what they say
// happened or what they ask for, and whose conditions fit the question. Also picks each clause's sentence
// that answers best.
import type { Clause, Modality, Retrieved, Role } from '../types';
import type { ClauseSentence, ClauseTree } from '../tree';
import type { Query } from '../retrieve/index';
import type { Tokenizer } from '../retrieve/tokenize';
import type { Cues, QuestionCues } from './cues';
import { holdsRole } from './held';

export interface Candidate {
  clause: Clause;
  /** Retrieval score after the priors below. */
  score: number;
  retrieval: number;
  /** The sentence of the clause that best matches the question. */
  sentence: ClauseSentence;
}

export const STAFF = '職員等';

/**
 * Whether a clause's actor is someone the asker answers for. An impersonal clause binds everyone, except
 * for reporting duties, which always name who reports (`strict`).
 */
export function bindsAsker(actor: Role | null, asker: Role | null, strict = false): boolean {
  if (actor === null) return !strict;
  if (asker) return actor === asker || actor === STAFF;
  return actor === STAFF;
}

function actorFactor(clause: Clause, asker: Role | null): number {
  const actor = clause.facts.actor;
  if (asker && clause.facts.actors.includes(asker)) return 1.3;
  if (actor === STAFF) return asker ? 0.85 : 1;
  if (actor === null) return 0.95;
  // A role's duty to obtain permission is often what a member of staff is asking about on its behalf.
  return clause.facts.grantors.length ? 0.9 : 0.75;
}

/** A clause about what to do when something has happened (紛失した場合, 感染が疑われる場合 …). */
export const SITUATION = /(?:紛失|感染|流出|漏えい|誤送信|発見|認知|盗難|乗っ取り|侵害|違反)[^。]{0,16}(?:場合|おそれ|次第)/;

/**
 * The conditions that govern a clause's answer: one in a heading (住民等外部からの…報告, 支給以外の…業務利用) governs
 * every clause under it; in the text, only the sentence that answers counts (8(4)ウ(オ)'s second sentence names the
 * system zones).
 */
export function governingConditions(clause: Clause, sentence: string, lexicon: Cues): readonly string[] {
  return lexicon.conditionsIn(`${clause.headings.join('\n')}\n${sentence}`);
}

function conditionFactor(clause: Clause, sentence: string, cues: QuestionCues, lexicon: Cues): number {
  let f = 1;
  for (const cond of governingConditions(clause, sentence, lexicon)) {
    const state = cues.condition(cond);
    if (state === 'asserted') f *= lexicon.assertedBoost(cond);
    else if (state === 'denied' && !lexicon.liftsWhenDenied(cond)) f *= 0.6;
    else if (state === null && lexicon.demotedWhenAbsent(cond)) f *= 0.6;
  }
  return f;
}

/**
 * An item naming one of the ways its parent's duty lets things be done (「次の実現方法等により…しなければならない」:
 * 「…メールテキスト化方式」): not a mere description — asked whether that way is all right, it is the answer.
 */
export function isMethodItem(tree: ClauseTree, clause: Clause): boolean {
  if (clause.facts.modalities.length || !/(?:方式|方法)$/.test(clause.text)) return false;
  const parent = tree.parent(clause);
  return !!parent && parent.facts.modalities.includes('obligation') && /次の[^。]{0,10}方法/.test(parent.text);
}

function modalityFactor(tree: ClauseTree, clause: Clause, cues: QuestionCues): number {
  const f = clause.facts;
  let m = 1;
  if ((cues.incident || cues.askReport) && f.reportTo.length && bindsAsker(f.actor, cues.asker, true)) m *= cues.askReport ? 1.35 : 1.25;
  if (cues.incident && SITUATION.test(clause.text)) m *= 1.2;
  if (cues.askPermission && f.grantors.length) m *= 1.25;
  // A permission the person says they already hold is not what they are asking about.
  if (cues.heldPermission && f.grantors.some((g) => holdsRole(cues.heldPermission, g))) m *= 0.6;
  if (cues.mayI && (f.grantors.length || f.modalities.includes('prohibition'))) m *= 1.15;
  // 「送るときに何かしておくことは？」 asks what to do: the duties, more than what not to do.
  if (cues.askAction && !cues.incident && f.modalities.includes('obligation') && !f.modalities.includes('prohibition')) m *= 1.15;
  // Definitions and the organisation chart (「…を…とする」) say who is who, not what may be done.
  if (f.modalities.length === 0 && !(cues.mayI && isMethodItem(tree, clause))) m *= 0.7;
  return m;
}

/**
 * A step of what to do once something has happened (感染した場合… a: LANケーブルの即時取り外し) is beside the point of
 * a question where nothing has: 「LANケーブルを挿していい？」 asks about connecting.
 */
function situationFactor(tree: ClauseTree, clause: Clause, cues: QuestionCues, query: Query): number {
  if (cues.incident || cues.askAction) return 1;
  // …and so is a rule for when an incident has happened or been reported (「インシデントについて…報告を受けた場合」):
  // 「病院から電話で住所を聞かれた。教えていい？」 tells of a call, not of an incident.
  // (Not when the question speaks of one: 「インシデントと判断した件、誰に上げる？」.)
  if (!cues.askReport && INCIDENT_CASE.test(clause.text) && !query.normalized.includes('インシデント')) return 0.7;
  const parent = tree.parent(clause);
  return parent && SITUATION.test(parent.text) && !SITUATION.test(clause.text) ? 0.7 : 1;
}

/** A rule for what to do once an incident has happened or been reported. */
const INCIDENT_CASE = /^[^。]{0,60}インシデント[^。]{0,40}場合/;

/** A sentence about what follows the act the clause allows or requires. */
const AFTERWARDS = /^(?:その後|その上で|事後)/;

/** How well a sentence matches the query: the summed weight × idf of the query terms it contains. */
const termSets = new WeakMap<Tokenizer, Map<string, Set<string>>>();

/** The terms of a sentence as a set, remembered per tokenizer (sentences repeat across questions). */
function termSet(sentence: string, tokenizer: Tokenizer): Set<string> {
  let cache = termSets.get(tokenizer);
  if (!cache) termSets.set(tokenizer, (cache = new Map()));
  let set = cache.get(sentence);
  if (!set) cache.set(sentence, (set = new Set(tokenizer.terms(sentence))));
  return set;
}

/** Each query term once, with its first weight × idf, remembered per query. */
const weightedTerms = new WeakMap<Query, WeakMap<(t: string) => number, [string, number][]>>();

function termWeights(query: Query, idf: (t: string) => number): [string, number][] {
  let byIdf = weightedTerms.get(query);
  if (!byIdf) weightedTerms.set(query, (byIdf = new WeakMap()));
  let list = byIdf.get(idf);
  if (!list) {
    const seen = new Set<string>();
    list = [];
    for (const q of query.terms) {
      if (seen.has(q.term)) continue;
      seen.add(q.term);
      list.push([q.term, q.weight * idf(q.term)]);
    }
    byIdf.set(idf, list);
  }
  return list;
}

function sentenceMatch(sentence: string, query: Query, idf: (t: string) => number, tokenizer: Tokenizer): number {
  const have = termSet(sentence, tokenizer);
  let s = 0;
  for (const [term, weight] of termWeights(query, idf)) if (have.has(term)) s += weight;
  return s;
}

export function bestSentence(
  tree: ClauseTree,
  clause: Clause,
  query: Query,
  cues: QuestionCues,
  lexicon: Cues,
  idf: (t: string) => number,
  tokenizer: Tokenizer,
): ClauseSentence {
  const sentences = tree.sentences(clause);
  const conditions = sentences.map((s) => lexicon.conditionsIn(s.text));
  let best = sentences[0]!;
  let bestScore = -1;
  sentences.forEach((s, i) => {
    let score = sentenceMatch(s.text, query, idf, tokenizer);
    // A condition the question asserts that only this sentence of the clause names: a case of its own.
    let ownCase = false;
    for (const cond of conditions[i]!) {
      const state = cues.condition(cond);
      if (state === 'asserted') {
        score *= 1.5;
        ownCase ||= conditions.every((c, j) => j === i || !c.includes(cond));
      }
      // A sentence limited to what the question rules out (「機密性3は扱いません」) is not the answer.
      else if (state === 'denied' && !lexicon.liftsWhenDenied(cond)) score *= 0.3;
    }
    // 「…しました。このあと必要な手続きは？」 is answered by what comes after the act (「その後速やかに…通知」).
    if (cues.afterTheFact && AFTERWARDS.test(s.text)) score *= 1.5;
    // "May I …?" is answered by what the policy forbids or makes subject to permission.
    if (cues.mayI && (s.facts.grantors.length || s.facts.modalities.includes('prohibition'))) score *= 1.3;
    // A ban the clause sets for a case of its own (「また、機密性3の情報資産については…してはならない」) answers a
    // question that names that case, ahead of the permission beside it.
    if (ownCase && s.facts.modalities.includes('prohibition')) score *= 1.5;
    if (score > bestScore + 1e-9) [best, bestScore] = [s, score];
  });
  return best;
}

/**
 * A sentence that both requires and forbids (「…変更し、古いパスワードを再利用してはならない」) answers with the
 * part the question is about.
 */
function focusModality(s: ClauseSentence, query: Query, cues: QuestionCues, idf: (t: string) => number, tokenizer: Tokenizer): ClauseSentence {
  const m = s.facts.modalities;
  if (!m.includes('prohibition')) return s;
  // Split where a duty ends in a verb of two kanji + し (「…変更し、」), not inside a list (「持ち出し、」).
  const parts = s.text.split(/(?<=[\u4e00-\u9fff]{2}し)、/);
  if (parts.length < 2) return s;
  // 「しなくてもいい？」 asks to skip a duty.
  const skipDuty = cues.skipDuty;
  let best = parts[0]!;
  let bestScore = -1;
  for (const p of parts) {
    const score = sentenceMatch(p, query, idf, tokenizer);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  // Only a question that asks to skip something is answered with the duty part; "may I …?" keeps the ban.
  if (!skipDuty || /(?:て|で)はならない/.test(best)) return s;
  // The part before 「…し、」 is a duty of its own (「定期的に…変更し、」).
  const duty: Modality[] = m.includes('obligation') ? [] : ['obligation'];
  return { ...s, facts: { ...s.facts, modalities: [...m.filter((x) => x !== 'prohibition'), ...duty] } };
}

/**
 * A duty that guards against an act done without someone's permission (「…の許可なく情報を閲覧されることがない
 * ように、…保管等…措置を講じなければならない」): a "may I" question about that act (見せてもいい？) is answered by
 * the permission; one about the measures (ロックしなくていい？) by the duty.
 */
function focusGuarded(s: ClauseSentence, query: Query, cues: QuestionCues, idf: (t: string) => number, tokenizer: Tokenizer): ClauseSentence {
  const f = s.facts;
  // …and one about leaving things as they are (画面そのままにしてる…いいかな) by the duty too.
  if (!f.guardedBy.length || !(cues.mayI || cues.askPermission) || cues.skipDuty || cues.asItStands) return s;
  const at = f.guardEnd;
  const act = sentenceMatch(s.text.slice(0, at), query, idf, tokenizer);
  const measures = sentenceMatch(s.text.slice(at), query, idf, tokenizer);
  if (act <= measures) return s;
  return { ...s, facts: { ...f, grantors: unique([...f.grantors, ...f.guardedBy]), modalities: unique<Modality>([...f.modalities, 'permission']) } };
}

/**
 * The rules about what the question names only as its setting (outsourcing contracts when a contractor does the work,
 * taking part in training when a training is where or why).
 */
function settingFactor(clause: Clause, cues: QuestionCues): number {
  return cues.settingHeadings.some((h) => clause.headings.includes(h)) ? 0.6 : 1;
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

export function rank(
  tree: ClauseTree,
  retrieved: Retrieved[],
  query: Query,
  cues: QuestionCues,
  lexicon: Cues,
  idf: (t: string) => number,
  tokenizer: Tokenizer,
): Candidate[] {
  return retrieved
    .map(({ clause, score }) => {
      const best = bestSentence(tree, clause, query, cues, lexicon, idf, tokenizer);
      const sentence = focusGuarded(focusModality(best, query, cues, idf, tokenizer), query, cues, idf, tokenizer);
      return {
        clause,
        retrieval: score,
        score: score * actorFactor(clause, cues.asker) * conditionFactor(clause, sentence.text, cues, lexicon) * modalityFactor(tree, clause, cues) * situationFactor(tree, clause, cues, query) * settingFactor(clause, cues),
        sentence,
      };
    })
    .sort((a, b) => b.score - a.score);
}
