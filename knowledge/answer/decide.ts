// From ranked clauses to a verdict: what the policy says about the question, who approves or is told,
// and which clauses (and sentences) say so.
import type { Clause, Role, Verdict } from '../types';
import type { ClauseSentence, ClauseTree } from '../tree';
import { similarity } from '../diff';
import type { Cues, QuestionCues } from './cues';
import { bindsAsker, type Candidate } from './rank';

export interface Decision {
  verdict: Verdict;
  roles: Role[];
  /** Clauses in the order they should be cited, each with the sentence to quote. */
  cited: { clause: Clause; sentence: ClauseSentence }[];
}

const PERMISSION_ROUTE = /原則|無断で|許可なく|許可を得ず/;
/** Two clauses about the same act: a prohibition and, beside it, the permission that lifts it. */
const SAME_ACT = 0.35;

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function hasPermission(s: ClauseSentence): boolean {
  return s.facts.grantors.length > 0;
}

/** The permission that lifts a prohibition: in the same clause (ただし…許可を得て) or a sibling clause. */
function permissionRoute(tree: ClauseTree, c: Candidate): { clause: Clause; sentence: ClauseSentence } | null {
  const sentences = tree.sentences(c.clause);
  const i = sentences.indexOf(c.sentence);
  const next = sentences[i + 1];
  const own = sentences.filter(hasPermission);
  if (own.length && (PERMISSION_ROUTE.test(c.sentence.text) || next?.text.startsWith('ただし'))) {
    return { clause: c.clause, sentence: own[0]! };
  }
  for (const sib of tree.siblings(c.clause)) {
    const s = tree.sentences(sib).find(hasPermission);
    if (s && similarity(compact(c.sentence.text), compact(s.text)) >= SAME_ACT) return { clause: sib, sentence: s };
  }
  return null;
}

/** Conditions that limit this sentence's prohibition and that the question denies. */
function liftedBy(s: ClauseSentence, cues: QuestionCues, lexicon: Cues): boolean {
  return s.facts.conditions.some((c) => lexicon.liftsWhenDenied(c) && cues.condition(c) === 'denied');
}

function conditionDenied(clause: Clause, cues: QuestionCues, lexicon: Cues): boolean {
  return clause.facts.conditions.some((c) => !lexicon.liftsWhenDenied(c) && cues.condition(c) === 'denied');
}

export function decide(tree: ClauseTree, ranked: Candidate[], cues: QuestionCues, lexicon: Cues): Decision {
  const primary = ranked[0]!;
  const top = ranked.slice(0, 3);
  const lead: { clause: Clause; sentence: ClauseSentence }[] = [];
  let verdict: Verdict;
  let roles: Role[] = [];

  const reportOf = (c: Candidate) => (bindsAsker(c.clause.facts.actor, cues.asker) ? c.clause.facts.reportTo : []);
  const reporting = (cues.askReport || cues.incident) && !cues.askAction ? top.find((c) => reportOf(c).length) : undefined;
  const s = primary.sentence.facts;

  if (reportOf(primary).length && (cues.incident || cues.askReport || s.reportTo.length)) {
    verdict = 'must_report';
    roles = reportOf(primary);
    lead.push(primary);
  } else if (cues.askReport && top.some((c) => reportOf(c).length)) {
    const r = top.find((c) => reportOf(c).length)!;
    verdict = 'must_report';
    roles = reportOf(r);
    lead.push(r, primary);
  } else if (reporting && !s.modalities.includes('permission') && !s.modalities.includes('prohibition')) {
    verdict = 'must_report';
    roles = reportOf(reporting);
    lead.push(reporting, primary);
  } else if (hasPermission(primary.sentence) && !s.modalities.includes('prohibition')) {
    verdict = 'needs_permission';
    roles = [...s.grantors];
    lead.push(primary);
  } else if (s.modalities.includes('prohibition')) {
    const route = permissionRoute(tree, primary);
    if (liftedBy(primary.sentence, cues, lexicon)) {
      verdict = 'allowed';
      lead.push(primary);
    } else if (route) {
      verdict = 'needs_permission';
      roles = [...route.sentence.facts.grantors];
      lead.push(primary, route);
    } else {
      verdict = 'prohibited';
      lead.push(primary);
    }
  } else if (hasPermission(primary.sentence)) {
    verdict = 'needs_permission';
    roles = [...s.grantors];
    lead.push(primary);
  } else if (s.modalities.includes('exception')) {
    verdict = 'allowed';
    lead.push(primary);
  } else if (s.reportTo.length && bindsAsker(s.actor, cues.asker)) {
    verdict = 'must_report';
    roles = [...s.reportTo];
    lead.push(primary);
  } else if (s.modalities.includes('obligation') || s.modalities.includes('report')) {
    verdict = 'required';
    lead.push(primary);
  } else {
    verdict = 'allowed';
    lead.push(primary);
  }

  // Permission from several clauses about the same situation (e.g. a private PC used outside the office
  // needs both 7(1)ア(ウ)d and 7(1)ア(エ)b): add the grantors of close runners-up that bind the asker.
  if (verdict === 'needs_permission') {
    for (const c of top.slice(1)) {
      if (c.score < primary.score * 0.8 || conditionDenied(c.clause, cues, lexicon)) continue;
      if (!bindsAsker(c.sentence.facts.actor, cues.asker) || !hasPermission(c.sentence)) continue;
      if (c.sentence.facts.modalities.includes('prohibition')) continue;
      for (const g of c.sentence.facts.grantors) if (!roles.includes(g)) roles.push(g);
      lead.push(c);
    }
  }

  const cited: Decision['cited'] = [];
  for (const c of [...lead, ...ranked]) {
    if (!cited.some((x) => x.clause.label === c.clause.label)) cited.push({ clause: c.clause, sentence: c.sentence });
  }
  return { verdict, roles, cited: cited.slice(0, 5) };
}
