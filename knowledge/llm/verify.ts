// Verification of a model's answer before anything reaches a person. Every rule is a pure
// function of the model output, the retrieved clauses and the offline answer:
//
//  structure  citations: labels exist and were retrieved; quotes are verbatim (whitespace aside)
//             and long enough; roles are named in a cited clause; the verdict agrees with the
//             cited clauses and the offline answer (agreement.ts); for needs_permission /
//             must_report the roles are grantors / report targets of cited clauses that support
//             the verdict, at least one of them of the first such clause.
//  reply      the model's reply text mentions only verified labels and roles, does not contradict
//             the verdict (「許可不要」「問題ありません」 under a restrictive verdict), does not echo
//             the instructions, holds no link, address or markup, is Japanese, and fits a chat window.
import type { Answer, Clause, Retrieved, Role, Verdict } from '../types';
import { checkVerdictAgreement, clauseSupports, type AgreementFailure } from './agreement';
import { canonicalRole, compactText, findRoleMentions, rolesNamedIn, rolesWithCue } from './roles';
import type { LlmOutput } from './schema';
import { findIgnoringSpaces, normalizeLabel, stripSpaces, toHalfWidth } from './text';

export const MAX_CITATIONS = 5;
export const MIN_QUOTE_CHARS = 8;
export const MAX_REPLY_CHARS = 600;
/** A run of this many characters of the instructions in a reply counts as a leak. */
export const LEAK_WINDOW = 20;

export type StructureFailure =
  | 'no_citations'
  | 'too_many_citations'
  | 'label_unknown'
  | 'label_not_retrieved'
  | 'quote_not_verbatim'
  | 'quote_too_short'
  | 'roles_missing'
  | 'role_not_in_clause'
  | 'role_not_grantor'
  | 'role_not_report_target'
  | AgreementFailure;

export type ReplyFailure =
  | 'reply_empty'
  | 'reply_too_long'
  | 'reply_not_japanese'
  | 'reply_link'
  | 'reply_label'
  | 'reply_role'
  | 'reply_contradicts'
  | 'leak';

export type VerificationFailure = StructureFailure | ReplyFailure;

export interface VerifyContext {
  retrieved: readonly Retrieved[];
  /** The offline engine's answer to the same question. */
  offline: Answer;
  /** The per-request marker and instruction text of the prompt (leak detection). */
  canary: string;
  rules: string;
  /** Looks a label up in the whole policy (to tell fabricated labels from unretrieved ones). */
  clause: (label: string) => Clause | undefined;
}

export interface VerifiedCitation {
  clause: Clause;
  /** The exact characters of clause.text the quote covers. */
  quote: string;
}

export interface VerifiedStructure {
  verdict: Verdict;
  /** Approvers (needs_permission) or report targets (must_report); empty for other verdicts. */
  roles: Role[];
  citations: VerifiedCitation[];
}

export type Checked<T, F> = { ok: true; value: T } | { ok: false; reason: F; detail?: string };

const fail = <F>(reason: F, detail?: string) => ({ ok: false as const, reason, ...(detail ? { detail } : {}) });

/** The canonical roles a clause names: its facts, and the role names found in its text. */
function clauseRoles(clause: Clause): Set<Role> {
  const set = rolesNamedIn(clause.text);
  for (const r of clause.facts.roles) set.add(canonicalRole(r) ?? r);
  return set;
}

function canonicalSet(roles: readonly Role[]): Set<Role> {
  return new Set(roles.map((r) => canonicalRole(r) ?? r));
}

/** Verifies verdict, roles and citations (everything but the reply text). */
export function verifyStructure(
  out: Pick<LlmOutput, 'verdict' | 'roles' | 'citations'>,
  ctx: VerifyContext,
): Checked<VerifiedStructure, StructureFailure> {
  const byLabel = new Map<string, Clause>();
  for (const { clause } of ctx.retrieved) byLabel.set(normalizeLabel(clause.label) ?? clause.label, clause);

  if (out.citations.length > MAX_CITATIONS) return fail('too_many_citations');
  if (out.verdict !== 'not_covered' && out.citations.length === 0) return fail('no_citations');

  const citations: VerifiedCitation[] = [];
  for (const c of out.citations) {
    const label = normalizeLabel(c.label);
    const clause = label ? byLabel.get(label) : undefined;
    if (!clause) {
      const exists = label !== null && ctx.clause(label) !== undefined;
      return fail(exists ? 'label_not_retrieved' : 'label_unknown', exists ? label! : undefined);
    }
    const quote = findIgnoringSpaces(clause.text, c.quote);
    if (quote === null) return fail('quote_not_verbatim', clause.label);
    const textLength = stripSpaces(clause.text).length;
    if (stripSpaces(quote).length < Math.min(MIN_QUOTE_CHARS, textLength)) return fail('quote_too_short', clause.label);
    if (!citations.some((v) => v.clause.label === clause.label)) citations.push({ clause, quote });
  }

  const roles = [...new Set(out.roles.map((r) => canonicalRole(r) ?? r))];
  const named = new Set<Role>();
  for (const { clause } of citations) for (const r of clauseRoles(clause)) named.add(r);
  for (const r of roles) if (!named.has(r)) return fail('role_not_in_clause', r);

  const agreement = checkVerdictAgreement(out.verdict, citations, ctx.offline);
  if (!agreement.ok) return fail(agreement.reason);

  if (out.verdict === 'needs_permission' || out.verdict === 'must_report') {
    if (roles.length === 0) return fail('roles_missing');
    // The approvers / report targets come from the clauses that carry the verdict (cited clauses
    // that support it), not from whoever another cited clause happens to name; and at least one
    // is named by the first of them, the clause the answer rests on.
    const permission = out.verdict === 'needs_permission';
    const targetsOf = (clause: Clause) => {
      const set = canonicalSet(permission ? clause.facts.grantors : clause.facts.reportTo);
      for (const r of rolesWithCue(clause.text, permission ? 'permission' : 'report')) set.add(r);
      return set;
    };
    const supporting = citations.filter((c) => clauseSupports(out.verdict, c.clause, c.quote)).map((c) => targetsOf(c.clause));
    const primary = targetsOf(citations[agreement.supporting]!.clause);
    for (const r of roles) if (!supporting.some((t) => t.has(r))) return fail(permission ? 'role_not_grantor' : 'role_not_report_target', r);
    if (!roles.some((r) => primary.has(r))) return fail(permission ? 'role_not_grantor' : 'role_not_report_target', roles[0]);
  }

  const keepRoles = out.verdict === 'needs_permission' || out.verdict === 'must_report';
  return { ok: true, value: { verdict: out.verdict, roles: keepRoles ? roles : [], citations } };
}

// ---- reply text -------------------------------------------------------------------------------

const SEGMENT = /\(\d+\)|\d+|\([ァ-ヶ]+\)|[ァ-ヶ]|[①-⑳]|\([①-⑳]\)|[a-z]/g;
const SEGMENTS = String.raw`(?:\(\d+\)|\d+|\([ァ-ヶ]+\)|[ァ-ヶ]|[①-⑳]|\([①-⑳]\)|[a-z])`;
const LABEL_MENTION = new RegExp(String.raw`第(\d+)章(${SEGMENTS}*)`, 'g');
const BARE_PATH = new RegExp(String.raw`(?<![章\d()])(\d+\(\d+\)${SEGMENTS}*)`, 'g');

function segmentsOf(path: string): string[] {
  return path.match(SEGMENT) ?? [];
}

const startsWith = (a: readonly string[], b: readonly string[]) => b.length <= a.length && b.every((x, i) => x === a[i]);

/** Phrases that wave a restriction away; not allowed in a reply whose verdict restricts. */
const DISMISSIVE = [
  '許可不要', '許可は不要', '許可はいりません', '許可は要りません', '許可は必要ありません', '許可の必要はありません',
  '承認は不要', '承認は必要ありません', '報告は不要', '報告は必要ありません', '報告の必要はありません', '報告しなくて',
  '問題ありません', '問題ないです', '差し支えありません', 'かまいません', '構いません', '自由に', '大丈夫です',
  'してもよいです', 'しても良いです', 'していいです', 'OKです',
];
/** Phrases that claim the policy is silent; not allowed when the verdict says it is not. */
const SILENT = ['規定はありません', '規定がありません', '定めはありません', '定めがありません', '記載はありません', '記載がありません', '書かれていません'];

function contradicts(verdict: Verdict, compact: string): boolean {
  if (verdict === 'allowed') return false;
  if (DISMISSIVE.some((p) => compact.includes(p))) return true;
  return verdict !== 'not_covered' && SILENT.some((p) => compact.includes(p));
}

function leaks(compact: string, ctx: Pick<VerifyContext, 'canary' | 'rules'>): boolean {
  if (ctx.canary && compact.includes(ctx.canary)) return true;
  const rules = compactText(ctx.rules.replace(ctx.canary, ''));
  for (let i = 0; i + LEAK_WINDOW <= rules.length; i++) {
    if (compact.includes(rules.slice(i, i + LEAK_WINDOW))) return true;
  }
  return false;
}

/**
 * Links, addresses and markup: the policy has none, so a reply with one was not written from it (a question can
 * ask a model to add a phishing link). URLs with any scheme, www., e-mail addresses, host names such as
 * example.co.jp, markdown links and images, HTML tags.
 */
const LINK = [
  /[a-z][a-z0-9+.-]*:\/\//i,
  /\bwww\./i,
  /[\w.+-]+@[\w-]+\.[\w.-]+/,
  /(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?![\w-])/i,
  /\]\(|!\[/,
  /<\s*\/?\s*[a-z][a-z0-9]*(?:[\s/>]|$)/i,
];

/** True when the text holds a link, an address or markup (full-width characters read as half-width). */
export function hasLink(text: string): boolean {
  const half = toHalfWidth(text);
  return LINK.some((re) => re.test(half));
}

/**
 * Checks reply text against a verified structure. With `partial`, the text is a prefix of the
 * final reply (complete sentences while streaming): emptiness is not checked yet.
 */
export function verifyReply(
  text: string,
  structure: VerifiedStructure,
  ctx: Pick<VerifyContext, 'canary' | 'rules'>,
  options: { partial?: boolean } = {},
): Checked<string, ReplyFailure> {
  const reply = text.trim();
  if (!options.partial && reply.length === 0) return fail('reply_empty');
  const compact = compactText(reply);
  if (leaks(compact, ctx)) return fail('leak');
  if (reply.length > MAX_REPLY_CHARS) return fail('reply_too_long');
  // Staff read Japanese: a reply (or, while streaming, a first sentence) without any kana is not for them.
  if (reply.length > 0 && !/[\u3040-\u30ff]/.test(reply)) return fail('reply_not_japanese');
  if (hasLink(reply)) return fail('reply_link');

  const cited = structure.citations.map(({ clause }) => {
    const label = normalizeLabel(clause.label) ?? clause.label;
    const m = /^第(\d+)章 ?(.*)$/.exec(label);
    return { chapter: m?.[1] ?? '', path: segmentsOf(m?.[2] ?? '') };
  });
  for (const m of compact.matchAll(LABEL_MENTION)) {
    const path = segmentsOf(m[2] ?? '');
    // No detail: the mention is the model's text (it could carry words of the question).
    if (!cited.some((c) => c.chapter === m[1] && startsWith(c.path, path))) return fail('reply_label');
  }
  for (const m of compact.matchAll(BARE_PATH)) {
    const path = segmentsOf(m[1] ?? '');
    if (!cited.some((c) => startsWith(c.path, path))) return fail('reply_label');
  }

  const allowedRoles = new Set<Role>(structure.roles);
  for (const { clause } of structure.citations) for (const r of clauseRoles(clause)) allowedRoles.add(r);
  for (const mention of findRoleMentions(reply)) {
    if (!allowedRoles.has(mention.role)) return fail('reply_role', mention.role);
  }

  if (contradicts(structure.verdict, compact)) return fail('reply_contradicts');
  return { ok: true, value: reply };
}
