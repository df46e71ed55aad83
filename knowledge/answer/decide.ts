// From ranked clauses to a verdict: what the policy says about the question, who approves or is told,
// and which clauses (and sentences) say so.
import type { Clause, Role, Verdict } from '../types';
import type { ClauseSentence, ClauseTree } from '../tree';
import { similarity } from '../diff';
import { type Cues, FROM_OUTSIDE, PRIVATE_PC, type QuestionCues } from './cues';
import { holdsRole } from './held';
import { bindsAsker, governingConditions, isMethodItem, SITUATION, STAFF, type Candidate } from './rank';

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

/** Approvers the person says they already have (set for the question being decided). */
let held = '';

/** A permission rule, unless its approvers are ones the person already has. */
function hasPermission(s: ClauseSentence): boolean {
  const g = s.facts.grantors;
  return g.length > 0 && !(held && g.every((r) => held.includes(r.normalize('NFKC').toLowerCase())));
}

/** The permission that lifts a prohibition: in the same clause (ただし…許可を得て) or a sibling clause. */
function permissionRoute(tree: ClauseTree, c: Candidate): { clause: Clause; sentence: ClauseSentence } | null {
  const sentences = tree.sentences(c.clause);
  const i = sentences.indexOf(c.sentence);
  const next = sentences[i + 1];
  // Any permission rule, held or not: a held one is what lifts the prohibition (the caller decides).
  const grants = (x: ClauseSentence) => x.facts.grantors.length > 0;
  const own = sentences.filter(grants);
  if (own.length && (PERMISSION_ROUTE.test(c.sentence.text) || next?.text.startsWith('ただし'))) {
    return { clause: c.clause, sentence: own[0]! };
  }
  // An explicit 「無断で」「許可なく」 says a permission route exists; a looser likeness then suffices.
  const threshold = PERMISSION_ROUTE.test(c.sentence.text) ? SAME_ACT / 2 : SAME_ACT;
  for (const sib of tree.siblings(c.clause)) {
    const s = tree.sentences(sib).find(grants);
    if (s && similarity(compact(c.sentence.text), compact(s.text)) >= threshold) return { clause: sib, sentence: s };
  }
  return null;
}

/** Whether a clause is the policy's exception (例外措置を取ることができる). */
function isExceptionClause(clause: Clause, lexicon: Cues): boolean {
  return lexicon.exceptionClause.some((p) => clause.text.includes(p));
}

/** The exception clause (例外措置), when the asker is the one it lets ask for an exception. */
function exceptionRoute(tree: ClauseTree, ranked: Candidate[], cues: QuestionCues, lexicon: Cues): { clause: Clause; sentence: ClauseSentence } | null {
  for (const clause of tree.clauses) {
    if (!isExceptionClause(clause, lexicon)) continue;
    const sentence = tree.sentences(clause).find(hasPermission);
    if (sentence && ((cues.asker && sentence.facts.actor === cues.asker) || (cues.exceptionNamed && !cues.asker))) return { clause, sentence };
  }
  void ranked;
  return null;
}

/** Words that make a clause about a situation (an incident), not a standing rule. */
const SITUATION_WORDS = /紛失|感染|流出|漏えい|誤送信|盗難|乗っ取り|侵害|必要がなくなった/;
/** A duty that follows a permission (「…の許可を得た上で、…を遵守しなければならない」). */
const DUTY_AFTER_PERMISSION = /許可を得た上で[^。]+なければならない/;
/** A duty to report and then do something else (「…に報告し、…を変更しなければならない」). */
const REPORT_AND_ACT = /(?:報告|通報|連絡)し、[^。]+なければならない/;

/** A sibling clause that makes the same act subject to permission (処分する者は…許可を得なければならない). */
function siblingPermission(tree: ClauseTree, c: Candidate): { clause: Clause; sentence: ClauseSentence } | null {
  for (const sib of tree.siblings(c.clause)) {
    const s = tree.sentences(sib).find(hasPermission);
    if (s && s.facts.actor === c.sentence.facts.actor && similarity(compact(c.sentence.text), compact(s.text)) >= SAME_ACT) {
      return { clause: sib, sentence: s };
    }
  }
  return null;
}

/** The modalities of a clause's rule, or of its parent's when the clause is an item without one. */
function ruleOf(tree: ClauseTree, clause: Clause): Clause['facts']['modalities'] | null {
  const has = (m: Clause['facts']['modalities']) => m.some((x) => x === 'obligation' || x === 'prohibition');
  if (has(clause.facts.modalities)) return clause.facts.modalities;
  // A list item of laws to obey (9(5)) takes its parent's duty; an item naming a method (5(2)①の方式) is a
  // way to comply, and stays as it is.
  const parent = tree.parent(clause);
  return parent && has(parent.facts.modalities) && /遵守|従わなければ/.test(parent.text) && !/方式|方法$/.test(clause.text) ? parent.facts.modalities : null;
}

/** The first of the best clauses that is, or sits beside, a permission rule binding the asker. */
function nearestPermission(tree: ClauseTree, top: Candidate[]): { clause: Clause; sentence: ClauseSentence } | null {
  for (const c of top) {
    const own = tree.sentences(c.clause).find(hasPermission);
    if (own) return { clause: c.clause, sentence: own };
    const sib = siblingPermission(tree, c);
    if (sib) return sib;
  }
  return null;
}

/** How near a grantor's duty on top the asker's own rule for the same permission must score to lead instead. */
const OWN_RULE_NEAR = 0.7;

/**
 * When the best rule is the grantor's duty (統括情報セキュリティ責任者は…やむを得ず接続を許可する場合は…), the asker's own rule
 * for the same permission close behind it (職員等は、統括…の許可なく…接続してはならない), which then leads.
 */
function ownRuleFor(grantors: readonly Role[], primary: Candidate, top: Candidate[], cues: QuestionCues): Candidate | undefined {
  return top.slice(1).find((c) => {
    const f = c.sentence.facts;
    return c.score >= primary.score * OWN_RULE_NEAR && bindsAsker(f.actor, cues.asker) && f.grantors.length > 0 && f.grantors.every((g) => grantors.includes(g));
  });
}

/** How near the best rule, another role's duty, the asker's own permission rule must score to answer their "may I". */
const OTHERS_DUTY = 0.55;

/** The asker's permission rule close behind a best rule that is a duty of another role (not of staff). */
function othersDutyPermission(primary: Candidate, top: Candidate[], cues: QuestionCues): { clause: Clause; sentence: ClauseSentence } | null {
  const f = primary.sentence.facts;
  if (f.actor === null || bindsAsker(f.actor, cues.asker) || !f.modalities.includes('obligation') || f.reportTo.length) return null;
  const c = top.slice(1).find((x) => x.score >= primary.score * OTHERS_DUTY && bindsAsker(x.sentence.facts.actor, cues.asker, true) && hasPermission(x.sentence));
  return c && !c.sentence.facts.modalities.includes('prohibition') ? { clause: c.clause, sentence: c.sentence } : null;
}

/** The role that names a stand-in in a rule (「統括情報セキュリティ責任者が指名し、…が認めた者」). */
const NAMED_BY = /([^、。]+?)が指名し/;

/** Conditions that limit this sentence's rule (prohibition or duty) and that the question denies. */
function liftedBy(s: ClauseSentence, cues: QuestionCues, lexicon: Cues): boolean {
  return lexicon.conditionsIn(s.text).some((c) => lexicon.liftsWhenDenied(c) && cues.condition(c) === 'denied');
}

/** The first of these clauses with a sentence that passes `accept`, with that sentence. */
function firstRule(
  tree: ClauseTree,
  clauses: readonly Clause[],
  accept: (sentence: ClauseSentence, clause: Clause) => boolean,
): { clause: Clause; sentence: ClauseSentence } | undefined {
  for (const clause of clauses) {
    const sentence = tree.sentences(clause).find((x) => accept(x, clause));
    if (sentence) return { clause, sentence };
  }
  return undefined;
}

/**
 * What a sentence lets its actor do on their own: …ことができる, 必要に応じ…ものとする, or …権限(及び責任)を有する, with no
 * one's permission.
 */
function atOwnDiscretion(s: ClauseSentence): boolean {
  const may = /ことができる。?$/.test(s.text) || (/必要に応じ/.test(s.text) && /ものとする。?$/.test(s.text)) || /権限(?:及び責任)?を有する。?$/.test(s.text);
  return may && s.facts.grantors.length === 0 && !s.facts.modalities.includes('permission');
}

/** 「第3章 7(1)」 of 「第3章 7(1)ア(ウ)d」: the chapter, section and subsection of a label. */
function subsection(label: string): string {
  return /^第\d+章 \d+(?:\(\d+\))?/.exec(label)?.[0] ?? label;
}

/** Whether the question denies a condition the clause sets (of either kind: such a clause does not apply to it). */
function conditionDenied(clause: Clause, cues: QuestionCues, lexicon: Cues): boolean {
  return lexicon.conditionsIn(clause.text).some((c) => cues.condition(c) === 'denied');
}

/**
 * A permission rule whose approvers the person says they already have (「データ取扱責任者の許可はもらってます」),
 * any permission rule when they say only that they have it (「許可は取って」), or the rules for what they say
 * it is for (「外での作業の許可はもらってます」: `heldFor`).
 */
function alreadyHeld(c: Candidate, cues: QuestionCues, heldFor: ReadonlySet<Clause>): boolean {
  const g = c.sentence.facts.grantors;
  if (!cues.heldPermission || g.length === 0) return false;
  if (heldFor.has(c.clause)) return true;
  return cues.heldFromUnnamed || g.every((r) => holdsRole(cues.heldPermission, r));
}

/**
 * A duty that presupposes a permission (「支給以外の…を用いる場合には、…の許可を得た上で、…を遵守」) on top, when the person
 * does not hold it: the sibling rule that grants that permission for the same thing (a condition in common: 支給以外),
 * close behind, answers first — whether one may is asked before what then holds.
 */
function grantBeforeDuty(tree: ClauseTree, ranked: Candidate[], cues: QuestionCues, lexicon: Cues): Candidate[] {
  const top = ranked[0];
  // Not when the person says they hold a permission (what then holds is asked), nor for a private PC, which has a
  // permission rule of its own for work outside (私物パソコン: 7(1)ア(ウ)d).
  if (!top || !DUTY_AFTER_PERMISSION.test(top.sentence.text) || cues.alreadyPermitted || cues.asksAfterPermission || cues.condition(PRIVATE_PC) === 'asserted') return ranked;
  const own = lexicon.conditionsIn(top.clause.text);
  const parent = tree.parent(top.clause);
  const grant = ranked
    .slice(1, 5)
    .find(
      (c) =>
        c.score >= top.score * GRANT_SHARE &&
        tree.parent(c.clause) === parent &&
        c.clause.facts.grantors.length > 0 &&
        !DUTY_AFTER_PERMISSION.test(c.sentence.text) &&
        lexicon.conditionsIn(c.clause.text).some((x) => own.includes(x)),
    );
  return grant ? [grant, ...ranked.filter((c) => c !== grant)] : ranked;
}
/** How close behind the granting rule must be (its score against the duty's). */
const GRANT_SHARE = 0.6;

/** What to do at once about what happened (LANケーブルを抜く): a situational duty of the asker, not a report. */
function immediateDutyOf(tree: ClauseTree, ranked: Candidate[], cues: QuestionCues): Candidate | undefined {
  return ranked.slice(0, 5).find((c) => {
    const f = c.sentence.facts;
    const context = c.clause.text + (tree.parent(c.clause)?.text ?? '');
    return f.modalities.includes('obligation') && !f.reportTo.length && bindsAsker(f.actor, cues.asker) && SITUATION.test(context);
  });
}

/** Where, among the best rules, what a role may do on its own answers their 「…していい？」: the first `among`, scoring `near` the best. */
const OWN_LEAVE = { among: 3, near: 0.75 };
/** A rule whose actor is whoever a role holder names (「…及び最高データ取扱責任者が指名した者は」). */
const NOMINEE = /が指名した者(?:は|が)/;
/** …when they ask to act on their own judgment (自分の判断で), which is what a power (権限を有する) answers. */
const OWN_JUDGMENT = { among: 5, near: 0.6 };

/** How near the best rule a permission rule must score to answer a plain 「…していい？」 whose best rule is a duty. */
const TIED = 0.94;

/** How near a definition on top the best rule must score to answer instead of it. */
const DEFINITION_OVERTAKEN = 0.7;

/** Close enough to the general incident rule for a rule about this very situation to lead. */
const SPECIFIC_REPORT = 0.75;
/** …when the question names the thing itself (ICカード) and, in any words, what happened to it (見当たらない). */
const SPECIFIC_REPORT_NAMED = 0.6;
/** …when the question says it is the case the rule is for (住民等外部から: told by someone outside). */
const SPECIFIC_CASE_SAID = 0.4;
/** What a situational rule is about: 「パスワードが流出した」, 「ICカード等を紛失した」. */
const SITUATION_SUBJECT = /([\u30a0-\u30ffA-Za-z\u4e00-\u9fff]{2,}?)等?[がを](紛失|流出|漏えい|盗難|感染|誤送信)/;

/** The general incident rule the engine always considers, and the question, for {@link specificReport}. */
export interface IncidentContext {
  general: Clause;
  /** Whether the question itself names a word. */
  says: (word: string) => boolean;
  /** Whether the question names a word, itself or through the thesaurus (メール → 電子メール). */
  mentions: (word: string) => boolean;
}

/**
 * The general incident-reporting rule is a fallback: a rule for this very situation, naming its own
 * recipients, nearly as good a match and about what the question names (パスワード), comes first.
 */
function specificReport(ranked: Candidate[], incident: IncidentContext, cues: QuestionCues, lexicon: Cues): Candidate[] {
  const at = ranked.slice(0, 3).findIndex((c) => c.clause === incident.general);
  if (at < 0) return ranked;
  const general = ranked[at]!;
  // A rule for a case the question says it is (住民等外部から: told by someone outside), which the rule's own words mark.
  const forCaseSaid = (c: Candidate) =>
    governingConditions(c.clause, c.sentence.text, lexicon).some((x) => lexicon.demotedWhenAbsent(x) && cues.condition(x) === 'asserted');
  const specific = ranked.slice(at + 1, at + 4).find((c) => {
    const f = c.sentence.facts;
    if (!f.reportTo.length || !bindsAsker(f.actor, cues.asker, true)) return false;
    if (forCaseSaid(c)) return c.score >= general.score * SPECIFIC_CASE_SAID;
    if (c.score < general.score * SPECIFIC_REPORT_NAMED) return false;
    const m = SITUATION_SUBJECT.exec(c.sentence.text.normalize('NFKC'));
    if (!m) return false;
    const [subject, event] = [m[1]!.toLowerCase(), m[2]!];
    if (incident.says(subject) && incident.mentions(event)) return true;
    if (c.score < general.score * SPECIFIC_REPORT) return false;
    // Named as such (パスワード), or in other words for both the thing and what happened to it (メール + 誤送信).
    return incident.says(subject) || (incident.mentions(subject) && incident.mentions(event));
  });
  if (!specific) return ranked;
  const rest = ranked.filter((c) => c !== specific);
  return [...rest.slice(0, at), specific, ...rest.slice(at)];
}

/** 「私の方でやることは？」 asked by a role holder with their own duty for this very case on top (ICカード紛失の通報があり次第…停止): it stands. */
function ownDutyAsked(clause: Clause, cues: QuestionCues): boolean {
  const f = clause.facts;
  return cues.asker !== null && cues.askAction && !cues.askReport && !cues.asksNext && f.actors.includes(cues.asker) && !f.reportTo.length && f.modalities.includes('obligation');
}

/**
 * A chain of reports (職員等 → データ取扱責任者 → 統括 → CISO, 7(3)ア and イ): a role holder asking whom to tell is
 * answered with their own step of the chain the best report rule belongs to, and one who says they already made
 * their first report (最初の報告は済ませました) with their next one.
 */
function askerStep(tree: ClauseTree, ranked: Candidate[], cues: QuestionCues, lexicon: Cues): Candidate[] {
  const asker = cues.asker;
  if (!asker || !(cues.incident || cues.askReport || cues.askAction || cues.asksNext)) return ranked;
  if (ownDutyAsked(ranked[0]!.clause, cues)) return ranked;
  // The best report rule among the first three whose chain (it and the rules beside it) has a step for the asker;
  // asked whom to report to (報告先は？), the best rule of any kind.
  // A rule's chain: it and the rules beside it, in the policy's order.
  const chainOf = (c: Clause) => {
    const parent = tree.parent(c);
    return parent ? tree.children(parent) : [c];
  };
  const stepsOf = (found: Clause) => chainOf(found).filter((c) => c.facts.actor === asker && c.facts.reportTo.length > 0);
  const at = ranked.slice(0, 3).findIndex((c) => (c.clause.facts.reportTo.length > 0 || cues.askReport || (cues.asksNext && c.clause.facts.actor === asker)) && stepsOf(c.clause).length > 0);
  if (at < 0) return ranked;
  // A chain whose heading names what the question says (住民等外部からの…報告 for a resident's report passed on)
  // is the asker's, even behind a general one.
  const headed = (c: Clause) => {
    const parent = tree.parent(c);
    return !!parent && lexicon.conditionsIn(`${parent.title ?? ''}${parent.text}`).some((x) => cues.condition(x) === 'asserted');
  };
  const named = headed(ranked[at]!.clause) ? undefined : ranked.slice(0, 8).find((c) => c.clause.facts.reportTo.length > 0 && headed(c.clause) && stepsOf(c.clause).length > 0);
  const found = (named ?? ranked[at]!).clause;
  const steps = stepsOf(found);
  // The rule found is the asker's own step already: it stands, unless they made that report already.
  const mine = steps.indexOf(found);
  let step = mine >= 0 ? found : steps[0]!;
  if (cues.alreadyReported) step = mine >= 0 ? (steps[mine + 1] ?? found) : steps[steps.length - 1]!;
  // 「インシデントだと判断しました。次にやることは？」: the step after the asker's own step found (7(3)ウ(ア) → (イ)).
  else if (cues.asksNext && found.facts.actor === asker && mine < 0) {
    const chain = chainOf(found);
    const next = chain.slice(chain.indexOf(found) + 1).find((c) => steps.includes(c));
    if (next) step = next;
  }
  if (step === ranked[0]!.clause) return ranked;
  const existing = ranked.find((c) => c.clause === step);
  const sentence = tree.sentences(step).find((x) => x.facts.reportTo.length > 0)!;
  const lead: Candidate = existing ?? { clause: step, score: ranked[0]!.score, retrieval: ranked[at]!.retrieval, sentence };
  return [{ ...lead, sentence }, ...ranked.filter((c) => c.clause !== step)];
}

export function decide(
  tree: ClauseTree,
  ranked: Candidate[],
  cues: QuestionCues,
  lexicon: Cues,
  incident?: IncidentContext,
  heldFor: ReadonlySet<Clause> = new Set(),
): Decision {
  held = cues.heldPermission;
  if (incident) ranked = specificReport(ranked, incident, cues, lexicon);
  ranked = askerStep(tree, ranked, cues, lexicon);
  // A permission already held does not answer the question; the next rule does.
  // …except a duty the permission comes before (「許可を得た上で、…を遵守しなければならない」), asked what holds once
  // permitted: holding it, that duty answers.
  const dutyOncePermitted = (c: { sentence: ClauseSentence }) => cues.asksAfterPermission && DUTY_AFTER_PERMISSION.test(c.sentence.text);
  const usable = ranked.filter((c) => !alreadyHeld(c, cues, heldFor) || dutyOncePermitted(c));
  if (usable.length && usable[0] !== ranked[0]) ranked = [usable[0]!, ...ranked.filter((c) => c !== usable[0])];
  ranked = grantBeforeDuty(tree, ranked, cues, lexicon);
  // Asked what to do first about an incident: the immediate duty leads.
  // …except for an incident someone outside reported: that is reported on (7(3)イ), not acted on first.
  const fromOutside = cues.condition(FROM_OUTSIDE) === 'asserted';
  // …nor for a role holder whose own rule comes first and has them report as well as act (3(2)ク).
  const ownReport = cues.asker !== null && ranked[0]!.clause.facts.actor === cues.asker && ranked[0]!.clause.facts.reportTo.length > 0;
  // …nor when the rule on top has the person report and act in one (「…報告し、パスワードを速やかに変更しなければならない」).
  const actsToo = SITUATION.test(ranked[0]!.clause.text) && REPORT_AND_ACT.test(ranked[0]!.sentence.text);
  const duty = cues.incident && cues.askAction && !cues.askReport && !fromOutside && !ownReport && !actsToo ? immediateDutyOf(tree, ranked, cues) : undefined;
  if (duty && duty !== ranked[0]) ranked = [duty, ...ranked.filter((c) => c !== duty)];
  // A definition on top (「…（これらを印刷した文書を含む。）」) says what something is, not whether it may be done: the
  // best rule close behind it answers (a way a duty allows, 5(2)①の方式, is kept: it answers "is this way all right?").
  const head = ranked[0]!;
  if (!head.clause.facts.modalities.length && !isMethodItem(tree, head.clause)) {
    const rule = ranked.slice(1, 3).find((c) => c.clause.facts.modalities.length && c.score >= head.score * DEFINITION_OVERTAKEN);
    if (rule) ranked = [rule, ...ranked.filter((c) => c !== rule)];
  }
  // 「止めたあと、何かしておくことは？」: after what a rule lets one do (…できる), what it then requires of them
  // (その後速やかに…通知しなければならない).
  const first = ranked[0]!;
  if (cues.askAction && first.sentence.facts.modalities.includes('exception')) {
    const then = tree.sentences(first.clause).find((x) => x !== first.sentence && (x.facts.modalities.includes('report') || x.facts.modalities.includes('obligation')));
    if (then) ranked = [{ ...first, sentence: then }, ...ranked.slice(1)];
  }
  const primary = ranked[0]!;
  const top = ranked.slice(0, 3);
  // The first three that match as well as the best: for a plain 「…していい？」 a permission rule among them answers it.
  const tied = top.filter((c) => c.score >= top[0]!.score * TIED).filter((c) => bindsAsker(c.sentence.facts.actor, cues.asker));
  // The permission rule nearest the top, unless the person says they hold it already (「運ぶ許可はもらいました」): only
  // one that one role gives, since of one that needs two the person may hold one and still need the other's.
  const unheld = (p: { clause: Clause; sentence: ClauseSentence } | null) =>
    p && !(p.sentence.facts.grantors.length === 1 && alreadyHeld({ ...p, score: 0, retrieval: 0 }, cues, heldFor)) ? p : null;
  const nearestUnheld = unheld(nearestPermission(tree, cues.askPermission ? top : tied));
  const lead: { clause: Clause; sentence: ClauseSentence }[] = [];
  let verdict: Verdict;
  let roles: Role[] = [];

  const reportOf = (c: Candidate) => (bindsAsker(c.clause.facts.actor, cues.asker, true) ? c.clause.facts.reportTo : []);
  // Something happened and is still to be told: not when the person says they have told it already
  // (「上への報告はもう済ませています。ほかにやることは？」), unless they ask whom to tell.
  const toTell = cues.askReport || ((cues.incident || cues.afterTheFact) && !cues.alreadyReported);
  // A breach by someone else: the rule for telling of a breach, for the asker's role (or staff), wherever it
  // ranks (it was made a candidate for this: engine.considerViolationReport).
  const breach = cues.breachSeen
    ? ranked.find((c) => reportOf(c).length && c.clause.facts.actor === (cues.asker ?? STAFF) && lexicon.violationReport.some((p) => c.clause.text.includes(p)))
    : undefined;
  // A role holder reports under their own rule first (情報セキュリティ責任者等が違反を確認した場合…).
  const reporter =
    breach ??
    (cues.asker ? ranked.slice(0, 6).find((c) => reportOf(c).length && c.clause.facts.actor === cues.asker) : undefined) ??
    ranked.slice(0, cues.askReport || cues.incident ? 6 : 3).find((c) => reportOf(c).length);
  const s = primary.sentence.facts;
  // The immediate duty for what happened (LANケーブルを抜く) comes before whom to tell, when that is asked.
  const immediateDuty = cues.askAction && s.modalities.includes('obligation') && bindsAsker(s.actor, cues.asker) && SITUATION_WORDS.test(primary.clause.text + (tree.parent(primary.clause)?.text ?? ''));
  const permissionSentence = tree.sentences(primary.clause).find(hasPermission);
  // The permission rule beside the best one for the same act, found only when the chain below gets that far.
  let sibling: { clause: Clause; sentence: ClauseSentence } | null = null;
  // A "may I" about a thing another role's duty is about, not left as it is: the asker's own permission rule close behind.
  const othersDuty =
    cues.mayI && !cues.skipDuty && !cues.incident && !cues.asItStands && !cues.leftAsIs ? othersDutyPermission(primary, top, cues) : null;

  // An exception already taken (「やむを得ず…処理しました。今から何か？」) is one, though it reads as something that happened.
  const exception = cues.exceptionRequest && (!cues.incident || cues.afterTheFact) && !cues.askReport ? exceptionRoute(tree, ranked, cues, lexicon) : null;

  // The exception already taken in an emergency (「許可を取る前に…させました。あとから何かすることは？」): the rule beside
  // the exception that has it reported afterwards (9(4)イ).
  const reportAfter =
    exception && cues.afterTheFact
      ? firstRule(tree, tree.siblings(exception.clause), (x) => x.facts.reportTo.length > 0 && bindsAsker(x.facts.actor, cues.asker, true))
      : undefined;
  // 「…統括情報セキュリティ責任者は、…停止…することができる」「CISOは、必要に応じ…置き…ものとする」 asked by that role
  // (止めてもいいですか, 置くことはできますか): theirs to do.
  const leave = cues.ownJudgment ? OWN_JUDGMENT : OWN_LEAVE;
  // …and one named by a role holder for what a rule lets the ones they name do (「最高データ取扱責任者が指名した者は、
  // …調査することができる」, asked by one 「指名されて」): theirs too, whatever the investigation turns up.
  const near = ranked.slice(0, leave.among).filter((c) => c.score >= ranked[0]!.score * leave.near).map((c) => c.clause);
  const ownLeave =
    cues.mayI && cues.asker && !cues.askReport && (!cues.incident || cues.ownJudgment)
      ? firstRule(tree, near, (x) => x.facts.actor === cues.asker && atOwnDiscretion(x))
      : cues.mayI && cues.nominated && !cues.askReport
        ? firstRule(tree, near, (x) => NOMINEE.test(x.text) && atOwnDiscretion(x))
        : undefined;
  if (ownLeave) {
    verdict = 'allowed';
    lead.push(ownLeave);
  } else if (exception && reportAfter) {
    verdict = 'must_report';
    roles = [...reportAfter.sentence.facts.reportTo];
    lead.push(reportAfter, exception);
  } else if (exception && (s.modalities.includes('prohibition') || s.modalities.includes('obligation'))) {
    // A manager who cannot follow a rule for a while asks for the policy's exception (例外措置).
    verdict = 'needs_permission';
    roles = [...exception.sentence.facts.grantors];
    lead.push(exception, primary);
  } else if (s.enablesStaff && cues.mayI && !cues.incident && !bindsAsker(s.actor, cues.asker, true)) {
    // Another role must let staff do it (統括 posts the policy where staff can always read it): staff may.
    verdict = 'allowed';
    lead.push(primary);
  } else if (liftedBy(primary.sentence, cues, lexicon) && !s.reportTo.length) {
    // The rule is limited to what the question rules out (機密性2以上 for information already published).
    verdict = 'allowed';
    lead.push(primary);
  } else if (toTell && reportOf(primary).length && (!breach || breach === primary) && (!reporter || reporter === primary || primary.clause.facts.actor === cues.asker)) {
    verdict = 'must_report';
    roles = reportOf(primary);
    lead.push(primary);
  } else if (reporter && (cues.askReport || (toTell && (!immediateDuty || breach !== undefined))) && !(ownDutyAsked(primary.clause, cues) && reporter.clause.facts.actor !== cues.asker)) {
    verdict = 'must_report';
    roles = reportOf(reporter);
    lead.push(reporter, primary);
  } else if (dutyOncePermitted(primary) && alreadyHeld(primary, cues, heldFor)) {
    // 「私物PCで在宅勤務する許可は出ました。あとは自由に使っていい？」: what the rule requires once permitted.
    verdict = 'required';
    lead.push(primary);
  } else if (hasPermission(primary.sentence) && !s.modalities.includes('prohibition')) {
    verdict = 'needs_permission';
    roles = [...s.grantors];
    lead.push(primary);
  } else if (s.modalities.includes('prohibition')) {
    // A permission route for a case the question rules out (業務上の必要がある場合 — 「休憩時間に遊ぶゲーム」) is none.
    const found = permissionRoute(tree, primary);
    const own = lexicon.conditionsIn(primary.sentence.text);
    const routeDenied = (r: { sentence: ClauseSentence }) =>
      lexicon.conditionsIn(r.sentence.text).some((c) => !own.includes(c) && !lexicon.liftsWhenDenied(c) && cues.condition(c) === 'denied');
    const route = found && !routeDenied(found) ? found : null;
    if (liftedBy(primary.sentence, cues, lexicon)) {
      verdict = 'allowed';
      lead.push(primary);
    } else if (route && alreadyHeld({ ...primary, ...route }, cues, heldFor)) {
      // 「…の両方から許可が出ました。インストールしていい？」: the permission that lifts the ban is held.
      verdict = 'allowed';
      lead.push(route, primary);
    } else if (route) {
      verdict = 'needs_permission';
      roles = [...route.sentence.facts.grantors];
      // The permission says what to do (許可を得て…できる); the prohibition beside it, why.
      if (route.clause === primary.clause) lead.push(primary);
      else lead.push(route, primary);
    } else if (s.imposed && s.actor !== STAFF && ((cues.asker && !cues.mayI) || cues.asItStands)) {
      // 「…できないようにしなければならない」 asked by the one who must set it up (「この設定のままでいい？」): a duty for
      // them; asked whether to let someone do it (「持ち込ませていい？」), the ban.
      verdict = 'required';
      lead.push(primary);
    } else {
      verdict = 'prohibited';
      lead.push(primary);
    }
  } else if (liftedBy(primary.sentence, cues, lexicon)) {
    // A duty limited to what the question rules out (機密性2以上 for information already published).
    verdict = 'allowed';
    lead.push(primary);
  } else if (s.modalities.includes('exception') && !s.modalities.includes('obligation')) {
    verdict = 'allowed';
    lead.push(primary);
  } else if ((cues.mayI || cues.askPermission) && permissionSentence) {
    // The clause's rule is a duty, but the act asked about is the one it makes subject to permission.
    verdict = 'needs_permission';
    roles = [...permissionSentence.facts.grantors];
    const own = bindsAsker(s.actor, cues.asker, true) ? undefined : ownRuleFor(roles, primary, top, cues);
    if (own) lead.push(own);
    lead.push({ clause: primary.clause, sentence: permissionSentence });
  } else if ((cues.mayI || cues.askPermission) && (sibling = unheld(siblingPermission(tree, primary))) !== null) {
    verdict = 'needs_permission';
    roles = [...sibling.sentence.facts.grantors];
    lead.push(sibling, primary);
  } else if ((cues.askPermission || (cues.mayI && !cues.skipDuty)) && !s.modalities.includes('prohibition') && nearestUnheld) {
    // 「誰かの許可いる？」: the permission rule nearest the top answers it (運搬する者は…許可を得なければ); a plain "may I"
    // only when that rule is as good a match as the duty on top (送る: 提供の許可 beside 送信時の暗号化).
    verdict = 'needs_permission';
    roles = [...nearestUnheld.sentence.facts.grantors];
    lead.push(nearestUnheld, primary);
  } else if (othersDuty) {
    // The best rule is another role's duty about the thing (データ取扱責任者 keeps network diagrams from those who
    // need not see them); what the asker may do with it is the asker's permission rule close behind (外部に提供する者は…許可).
    verdict = 'needs_permission';
    roles = [...othersDuty.sentence.facts.grantors];
    lead.push(primary, othersDuty);
  } else if (
    s.reportTo.length &&
    bindsAsker(s.actor, cues.asker, true) &&
    // …or a role holder asking what their own rule has them do next (「止めたあと、何かしておくことは？」).
    (toTell ||
      (!cues.alreadyReported && SITUATION_WORDS.test(primary.sentence.text)) ||
      ((cues.askAction || cues.asksNext) && cues.asker !== null && s.actor === cues.asker) ||
      // …or one whose own rule for what they found (発見した場合は…通知) is asked whether to just deal with it (注意して終わりにしていい？).
      (cues.mayI && cues.asker !== null && s.actor === cues.asker && SITUATION.test(primary.sentence.text)))
  ) {
    verdict = 'must_report';
    roles = [...s.reportTo];
    lead.push(primary);
  } else if (s.modalities.includes('obligation') || s.modalities.includes('report')) {
    verdict = 'required';
    lead.push(primary);
  } else if (ruleOf(tree, primary.clause)) {
    // A sentence that only describes (a table row, an item of a list such as 9(5)'s laws) answers with its
    // clause's rule, or the rule of the clause that lists it (「次の法令…を遵守し…なければならない」).
    const rule = ruleOf(tree, primary.clause)!;
    verdict = rule.includes('prohibition') && cues.mayI ? 'prohibited' : 'required';
    lead.push(primary);
  } else {
    verdict = 'allowed';
    lead.push(primary);
  }

  // The asker is the one who grants it (統括 asking about 「無線LANの利用を認める場合」): no one else's
  // permission is needed; what the rule asks of them is the answer.
  if (verdict === 'needs_permission' && cues.asker && roles.length && roles.every((r) => r === cues.asker)) {
    verdict = s.modalities.includes('obligation') ? 'required' : 'allowed';
    roles = [];
    // Their own duty about it (データ取扱責任者 asked about the carry-outs they permit: 7(1)ア(オ)'s record) leads.
    const ownAlready = s.modalities.includes('obligation') && primary.clause.facts.actor === cues.asker;
    const ownDuty = (c: { clause: Clause; sentence: ClauseSentence }) => c.clause.facts.actor === cues.asker && c.sentence.facts.modalities.includes('obligation') && !hasPermission(c.sentence);
    // Beside the rule they grant permission under (7(1)ア(ウ)), the rule for the one who grants it (7(1)ア(オ)'s record).
    const parent = tree.parent(primary.clause);
    const beside = firstRule(tree, [...tree.siblings(primary.clause), ...(parent ? tree.siblings(parent) : [])], (x, clause) =>
      x.facts.modalities.includes('obligation') && ownDuty({ clause, sentence: x }),
    );
    const found = ranked.slice(0, 5).find(ownDuty);
    const own = ownAlready ? primary : found && subsection(found.clause.label) === subsection(primary.clause.label) ? found : (beside ?? found);
    if (own) {
      verdict = 'required';
      lead.unshift(own);
    }
  }

  // Permission from several clauses about the same situation (e.g. a private PC used outside the office
  // needs both 7(1)ア(ウ)d and 7(1)ア(エ)b): add the grantors of close runners-up that bind the asker.
  // …not when the answer is the policy's exception (例外措置): its approver alone, not those of the rule it sets aside.
  const byException = lead.length > 0 && isExceptionClause(lead[0]!.clause, lexicon);
  if (verdict === 'needs_permission' && !cues.alreadyPermitted && !byException) {
    for (const c of top.slice(1)) {
      if (c.score < primary.score * 0.7 || conditionDenied(c.clause, cues, lexicon)) continue;
      if (!bindsAsker(c.sentence.facts.actor, cues.asker) || !hasPermission(c.sentence)) continue;
      if (c.sentence.facts.modalities.includes('prohibition')) continue;
      for (const g of c.sentence.facts.grantors) if (!roles.includes(g)) roles.push(g);
      lead.push(c);
    }
  }

  // A serious matter is told also to whom the rule has it told by importance (その重要度に応じて…).
  if (verdict === 'must_report' && cues.serious) {
    for (const c of lead) {
      for (const x of tree.sentences(c.clause)) {
        if (x.facts.reportTo.some((r) => roles.includes(r))) roles = [...new Set([...roles, ...x.facts.reportToWhenSerious])];
      }
    }
  }
  // A permission of several roles of which the person holds one (「統括本人からはOKをもらってます」): the others.
  if (verdict === 'needs_permission' && cues.heldPermission && roles.length > 1) {
    const rest = roles.filter((r) => !holdsRole(cues.heldPermission, r));
    if (rest.length) roles = rest;
  }
  // A stand-in the rule has one role name and another approve (統括…が指名し、最高データ取扱責任者が認めた者), who says they
  // were named already (指名されました, 代行を頼まれました): the approval is what is left.
  if (verdict === 'needs_permission' && cues.nominated && roles.length > 1) {
    const namer = lead.map((c) => NAMED_BY.exec(compact(c.sentence.text))?.[1]).find(Boolean);
    const rest = namer ? roles.filter((r) => !namer.endsWith(compact(r))) : roles;
    if (rest.length) roles = rest;
  }
  // One does not ask oneself: the 統括 who names their stand-in needs only the other role's approval. (A report
  // may well go to one's own role: the other section's 情報セキュリティ責任者, 9(6)イ(イ).)
  if (verdict === 'needs_permission' && cues.asker && roles.length > 1 && roles.includes(cues.asker)) roles = roles.filter((r) => r !== cues.asker);

  // A duty to consult (「不明な点…データ取扱責任者に相談し、指示を仰がなければならない」) is a duty, not a report of
  // something that happened: 「分からないとき誰に相談？」 is answered with what one must do.
  if (verdict === 'must_report' && !cues.incident && lead[0]?.sentence.facts.consultOnly) {
    verdict = 'required';
    roles = [];
  }

  const cited: Decision['cited'] = [];
  for (const c of [...lead, ...ranked]) {
    if (!cited.some((x) => x.clause.label === c.clause.label)) cited.push({ clause: c.clause, sentence: c.sentence });
  }
  return { verdict, roles, cited: cited.slice(0, 5) };
}
