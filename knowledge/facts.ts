// What a "may I" answer needs from a clause, derived from its wording: modality, roles, actor,
// who grants permission, who is reported to, and conditions.
import type { ClauseFacts, Modality, Role } from './types';
import type { RolesLexicon } from './lexicon';
import { splitSentences } from './sentences';
import { DEFINED_AS, escapeRegExp } from './regexp';

/** A subject that ends in a definition (「職員、非常勤職員及び臨時職員（以下「職員等」という。）」). */
const DEFINED_AT_END = new RegExp(`${DEFINED_AS.source}$`);

const KANJI_KATA = '\\u4e00-\\u9fff\\u30a1-\\u30faー々A-Za-z';

export interface SentenceFacts {
  modalities: Modality[];
  /** The prohibition is one an administrator must put in place (staff may not; the administrator must). */
  imposed: boolean;
  actor: Role | null;
  grantors: Role[];
  /**
   * Roles whose permission the act this duty guards against needs (「…の許可なく情報を閲覧されることがないように、
   * …措置を講じなければならない」): letting that act happen is subject to their permission.
   */
  guardedBy: Role[];
  /** Where the act `guardedBy` guards ends in the sentence (what comes after is the measures); -1 when none. */
  guardEnd: number;
  /** A duty of another role that lets staff do something (「職員等が常に…閲覧できるように掲示しなければならない」). */
  enablesStaff: boolean;
  reportTo: Role[];
  /** Recipients only as the case requires (「その重要度に応じて最高データ取扱責任者に報告」): told of what is serious. */
  reportToWhenSerious: Role[];
  /** The recipients are only consulted (「データ取扱責任者に相談し、指示を仰がなければならない」): nothing is reported. */
  consultOnly: boolean;
  conditions: string[];
}

/** Finds role names in text with the lexicon's rules; knows every role of the policy once built. */
export class RoleFinder {
  readonly roles: Role[];
  private readonly pattern: RegExp;

  constructor(private readonly lexicon: RolesLexicon, policyText: string) {
    const found = new Set<string>();
    const suffix = new RegExp(`[${KANJI_KATA}]*(?:${lexicon.suffixes.map(escapeRegExp).join('|')})`, 'g');
    for (const m of policyText.matchAll(suffix)) found.add(this.canonical(m[0]));
    for (const alias of Object.keys(lexicon.aliases)) if (policyText.includes(alias)) found.add(lexicon.aliases[alias]!);
    for (const extra of lexicon.extra) if (policyText.includes(extra)) found.add(extra);
    for (const ignored of lexicon.ignore) found.delete(ignored);
    this.roles = [...found].sort((a, b) => b.length - a.length);
    const names = [...new Set([...this.roles, ...Object.keys(lexicon.aliases)])].sort((a, b) => b.length - a.length);
    // Longest names first, so 副CISO is not read as CISO nor 統括情報セキュリティ責任者 as 情報セキュリティ責任者.
    this.pattern = new RegExp(names.map(escapeRegExp).join('|'), 'g');
  }

  canonical(name: string): Role {
    return this.lexicon.aliases[name] ?? name;
  }

  /** Roles named in text, in order of appearance, with their positions. */
  find(text: string): { role: Role; index: number; end: number }[] {
    return [...text.matchAll(this.pattern)].map((m) => ({ role: this.canonical(m[0]), index: m.index!, end: m.index! + m[0].length }));
  }

  isStaff(subject: string): boolean {
    // 「職員、非常勤職員及び臨時職員（以下「職員等」という。）は」: what the parenthesis defines is the subject.
    subject = subject.replace(DEFINED_AT_END, '$1');
    return (
      this.lexicon.staff.some((s) => subject.endsWith(s) || subject.startsWith(`${s}が`)) ||
      /(?:する|した|を行う)者$/.test(subject)
    );
  }
}

// 「…してはならない」, and in tables 「…禁止」 as a restriction (not 「書込禁止の措置」 or 「禁止しなければならない」).
const PROHIBITION = /(?:て|で)はならない|てはならず|(?<!書込)禁止(?=[、。）)（(]|$)|非公開とする/;
/** 「…できないようにしなければならない」「持ち込ませないようにしなければならない」: a rule an administrator imposes. */
const IMPOSED = /(?:できない|せない)よう(?:に)?、?(?:必要な)?(?:設定|措置を|対策を)?(?:し|施さ|講じ)(?:なければ|て)/;
const OBLIGATION = /なければならない|なければならず|ものとする|望ましい|(?:こと|措置)。?$/;
const EXCEPTION = /ただし|この限りで(?:は)?ない|やむを得ない場合を除き|ことができる|可能とする/;
const REPORT_VERB = /報告|通報|通知|相談|判断を仰/g;
/** Report verbs that ask advice rather than tell of something (相談し、指示を仰ぐ). */
const CONSULT_VERB = /^(?:相談|判断を仰)$/;
const RECEIVING = /^(?:を受け|のあった|があり|すべき)/;
const CONDITIONS = /(?:機密性|完全性|可用性)[1-3](?:以上)?|私物パソコン|支給以外|個人所有|業務以外|業務上(?:の)?必要|外部で|マイナンバー利用事務系|緊急/g;
/** A role followed by a particle that makes it the recipient or the granter, not the subject. */
const AFTER_RECIPIENT = /^(?:（[^）]*）)?(?:に|へ|で|及び|並びに|又は|、|と)/;

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** The subject of a sentence: the text before its first は (「統括情報セキュリティ責任者及び情報システム管理者は、」). */
function subjectText(sentence: string): string | null {
  return /^(.{1,60}?)は、?/.exec(sentence)?.[1] ?? null;
}

/**
 * The roles named in a subject, in order: those that end it (「…責任者（管理者）は」) and those joined to the next
 * (「A及びBは」「A又はBは」「A、Bは」); `ends` tells the first kind.
 */
function subjectRoles(subject: string, finder: RoleFinder): { role: Role; ends: boolean }[] {
  const out: { role: Role; ends: boolean }[] = [];
  for (const r of finder.find(subject)) {
    const rest = subject.slice(r.end);
    const ends = /^(?:（[^）]*）)?(?:又は|及び)?$/.test(rest);
    if (ends || /^(?:（[^）]*）)?(?:又は|及び|、)/.test(rest)) out.push({ role: r.role, ends });
  }
  return out;
}

/** The roles named together as a sentence's subject (「A及びBは」「A又はBは」), in order; empty when none is. */
function subjectsOf(sentence: string, finder: RoleFinder): Role[] {
  const subject = subjectText(sentence);
  return subject === null ? [] : subjectRoles(subject, finder).map((r) => r.role);
}

/** The subject of a sentence, as a role or the staff. */
function subjectOf(sentence: string, finder: RoleFinder): Role | null {
  // 「統括情報セキュリティ責任者が違反を確認した場合は、…」: the role that does it is the one that acts.
  const when = /^([^、。]{1,40}?)が[^、。]{1,30}?場合(?:は|には)、/.exec(sentence);
  if (when) {
    const r = finder.find(when[1]!).filter((x) => x.end === when[1]!.length || /^等/.test(when[1]!.slice(x.end)));
    if (r.length) return r[0]!.role;
  }
  const subject = subjectText(sentence);
  if (subject === null) return null;
  const role = subjectRoles(subject, finder).find((r) => r.ends);
  if (role) return role.role;
  return finder.isStaff(subject) ? '職員等' : null;
}

function grantorsOf(sentence: string, finder: RoleFinder, actor: Role | null): Role[] {
  const out: Role[] = [];
  for (const r of finder.find(sentence)) {
    const after = sentence.slice(r.end);
    const tail = /^(?:（[^）]*）)?(?:(?:及び|並びに|又は|、|と)[^、。]{0,30}?)?(?:の|に)(?:許可|承認)(を得|を受け|なく)/.exec(after);
    // 「…の許可なく」 grants only in a prohibition (「許可なく変更してはならない」), not in a description
    // of what others must not do (「許可なく情報を閲覧されることがないように」).
    if (tail && (tail[1] !== 'なく' || PROHIBITION.test(sentence))) out.push(r.role);
  }
  // 「最高データ取扱責任者が認めた者でなければならない」: approval by that role.
  // 「統括情報セキュリティ責任者が指名し、最高データ取扱責任者が認めた者」: both, the one who names and the one who approves.
  for (const r of finder.find(sentence)) if (/^が(?:認めた|承認した|許可した|指名し、[^。]{0,40}?が(?:認めた|承認した))/.test(sentence.slice(r.end))) out.push(r.role);
  // 「…を許可する場合」「…を認める場合」: the clause's own actor is the one who grants.
  if (actor && actor !== '職員等' && /を許可する場合|を認める場合|接続を許可/.test(sentence)) out.push(actor);
  return unique(out);
}

/**
 * 「Xの許可なく…ことがないように」 in a duty: X grants the act the duty guards against. 「Xは、…への入退室を許可された者
 * のみに制限し」: X lets only those X permits do the act, so X grants it.
 */
function guardOf(sentence: string, finder: RoleFinder, actor: Role | null): { roles: Role[]; end: number } {
  const none = { roles: [], end: -1 };
  if (PROHIBITION.test(sentence) || !OBLIGATION.test(sentence)) return none;
  const end = sentence.indexOf('ことがないように');
  if (end >= 0) {
    const guarded = sentence.slice(0, end);
    const roles = unique(finder.find(guarded).filter((r) => /^(?:（[^）]*）)?の(?:許可|承認)(?:なく|を得ずに?)/.test(guarded.slice(r.end))).map((r) => r.role));
    return roles.length ? { roles, end } : none;
  }
  const only = /を許可された者のみに制限/.exec(sentence);
  return only && actor && actor !== '職員等' ? { roles: [actor], end: only.index + only[0].length } : none;
}

/** Words before a recipient that make telling them depend on the case. */
const CONDITIONAL_RECIPIENT = /重要度に応じ(?:て)?$/;

function reportTargetsOf(sentence: string, finder: RoleFinder): { always: Role[]; whenSerious: Role[]; consultOnly: boolean } {
  const out: Role[] = [];
  const serious: Role[] = [];
  let reports = false;
  // The roles before 「…は、」 are who reports (「統括…及び情報セキュリティ責任者は、…委員会に報告」), not recipients.
  const topic = /^[^。]{1,60}?は、/.exec(sentence);
  const roles = finder.find(sentence).filter((r) => !topic || r.index >= topic[0].length);
  for (const verb of sentence.matchAll(REPORT_VERB)) {
    const at = verb.index!;
    if (RECEIVING.test(sentence.slice(at + verb[0].length))) continue;
    // 「監視、通知、外部連絡窓口…」: a noun in a list of what a system does, not a report made.
    if (sentence[at - 1] === '、' && sentence[at + verb[0].length] === '、') continue;
    for (const r of roles) {
      if (r.end > at || at - r.index > 70) continue;
      // 「その重要度に応じて最高データ取扱責任者に報告」: only sometimes, not whom one reports to.
      if (!AFTER_RECIPIENT.test(sentence.slice(r.end))) continue;
      (CONDITIONAL_RECIPIENT.test(sentence.slice(Math.max(0, r.index - 12), r.index)) ? serious : out).push(r.role);
      if (!CONSULT_VERB.test(verb[0])) reports = true;
    }
  }
  return { always: unique(out), whenSerious: unique(serious).filter((r) => !out.includes(r)), consultOnly: out.length + serious.length > 0 && !reports };
}

export function sentenceFacts(sentence: string, finder: RoleFinder, inheritedActor: Role | null): SentenceFacts {
  const actor = subjectOf(sentence, finder) ?? inheritedActor;
  const grantors = grantorsOf(sentence, finder, actor);
  const guard = guardOf(sentence, finder, actor);
  const enablesStaff = actor !== '職員等' && OBLIGATION.test(sentence) && /職員等が(?:(?!こと)[^、。]){0,30}できるよう/.test(sentence);
  const { always: reportTo, whenSerious: reportToWhenSerious, consultOnly } = reportTargetsOf(sentence, finder);
  const modalities: Modality[] = [];
  // 「…できないようにしなければならない」 makes the act impossible: for staff, it is not allowed.
  const imposed = IMPOSED.test(sentence);
  if (PROHIBITION.test(sentence) || imposed) modalities.push('prohibition');
  if (OBLIGATION.test(sentence)) modalities.push('obligation');
  if (grantors.length || (PROHIBITION.test(sentence) && /無断で|許可なく|許可を得ず/.test(sentence))) modalities.push('permission');
  if (reportTo.length) modalities.push('report');
  if (EXCEPTION.test(sentence)) modalities.push('exception');
  const conditions = unique([...sentence.matchAll(CONDITIONS)].map((m) => m[0]));
  return { modalities, imposed, actor, grantors, guardedBy: guard.roles, guardEnd: guard.end, enablesStaff, reportTo, reportToWhenSerious, consultOnly, conditions };
}

/** Facts of a whole clause: the union of its sentences'. */
export function clauseFacts(text: string, finder: RoleFinder, inheritedActor: Role | null): ClauseFacts {
  let current = inheritedActor;
  const parts = splitSentences(text);
  const sentences = parts.map((s) => {
    const facts = sentenceFacts(s.text, finder, current);
    current = facts.actor;
    return facts;
  });
  const actor = sentences[0]?.actor ?? inheritedActor;
  return {
    modalities: unique(sentences.flatMap((s) => s.modalities)),
    roles: unique(finder.find(text).map((r) => r.role)),
    actor,
    actors: unique([...(actor ? [actor] : []), ...subjectsOf(parts[0]?.text ?? '', finder)]),
    grantors: unique(sentences.flatMap((s) => s.grantors)),
    reportTo: unique(sentences.flatMap((s) => s.reportTo)),
    conditions: unique(sentences.flatMap((s) => s.conditions)),
  };
}
