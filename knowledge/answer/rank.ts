// Re-ranks retrieved clauses for the person asking: clauses that bind them, that match what they say
// happened or what they ask for, and whose conditions fit the question. Also picks each clause's sentence
// that answers best.
import type { Clause, Retrieved, Role } from '../types';
import type { ClauseSentence, ClauseTree } from '../tree';
import type { Query } from '../retrieve/index';
import { terms } from '../retrieve/tokenize';
import type { Cues, QuestionCues } from './cues';

export interface Candidate {
  clause: Clause;
  /** Retrieval score after the priors below. */
  score: number;
  retrieval: number;
  /** The sentence of the clause that best matches the question. */
  sentence: ClauseSentence;
}

export const STAFF = '職員等';

/** Whether a clause's actor is someone the asker answers for. */
export function bindsAsker(actor: Role | null, asker: Role | null): boolean {
  if (actor === null) return true;
  if (asker) return actor === asker || actor === STAFF;
  return actor === STAFF;
}

function actorFactor(actor: Role | null, asker: Role | null): number {
  if (asker && actor === asker) return 1.15;
  if (actor === STAFF) return asker ? 0.9 : 1;
  if (actor === null) return 0.95;
  return 0.75;
}

function conditionFactor(clause: Clause, cues: QuestionCues, lexicon: Cues): number {
  let f = 1;
  for (const cond of clause.facts.conditions) {
    const state = cues.condition(cond);
    if (state === 'asserted') f *= 1.15;
    else if (state === 'denied' && !lexicon.liftsWhenDenied(cond)) f *= 0.75;
  }
  return f;
}

function modalityFactor(clause: Clause, cues: QuestionCues): number {
  const f = clause.facts;
  let m = 1;
  if ((cues.incident || cues.askReport) && f.reportTo.length && bindsAsker(f.actor, cues.asker)) m *= cues.askReport ? 1.35 : 1.25;
  if (cues.askPermission && f.grantors.length) m *= 1.1;
  return m;
}

/** How well a sentence matches the query: the summed weight × idf of the query terms it contains. */
function sentenceMatch(sentence: string, query: Query, idf: (t: string) => number): number {
  const have = new Set(terms(sentence));
  let s = 0;
  const seen = new Set<string>();
  for (const q of query.terms) {
    if (seen.has(q.term) || !have.has(q.term)) continue;
    seen.add(q.term);
    s += q.weight * idf(q.term);
  }
  return s;
}

export function bestSentence(
  tree: ClauseTree,
  clause: Clause,
  query: Query,
  cues: QuestionCues,
  idf: (t: string) => number,
): ClauseSentence {
  const sentences = tree.sentences(clause);
  let best = sentences[0]!;
  let bestScore = -1;
  for (const s of sentences) {
    let score = sentenceMatch(s.text, query, idf);
    for (const cond of s.facts.conditions) if (cues.condition(cond) === 'asserted') score *= 1.5;
    if (score > bestScore + 1e-9) [best, bestScore] = [s, score];
  }
  return best;
}

export function rank(
  tree: ClauseTree,
  retrieved: Retrieved[],
  query: Query,
  cues: QuestionCues,
  lexicon: Cues,
  idf: (t: string) => number,
): Candidate[] {
  return retrieved
    .map(({ clause, score }) => ({
      clause,
      retrieval: score,
      score: score * actorFactor(clause.facts.actor, cues.asker) * conditionFactor(clause, cues, lexicon) * modalityFactor(clause, cues),
      sentence: bestSentence(tree, clause, query, cues, idf),
    }))
    .sort((a, b) => b.score - a.score);
}
