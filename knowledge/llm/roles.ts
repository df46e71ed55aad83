// The policy's roles as FORMAT.md spells them, and finding them in clause or reply text.
import { CANONICAL_ROLE_NAMES, type CanonicalRoleName } from '../roles';
import type { Role } from '../types';
import { stripSpaces, toHalfWidth } from './text';

export const ROLE_NAMES = CANONICAL_ROLE_NAMES;

export type RoleName = CanonicalRoleName;

/** Long forms the policy also uses, mapped to the canonical name. */
const ALIASES: Record<string, RoleName> = {
  最高情報セキュリティ責任者: 'CISO',
  最高情報セキュリティ副責任者: '副CISO',
  情報セキュリティに関する統一的な窓口: '統一的な窓口',
};

const SPELLINGS: Array<[string, RoleName]> = [
  ...ROLE_NAMES.map((r): [string, RoleName] => [r, r]),
  ...Object.entries(ALIASES),
].sort((a, b) => b[0].length - a[0].length); // longest first: 統括情報セキュリティ責任者 before 情報セキュリティ責任者

/** The canonical spelling of a role name, or null when it is not one of the policy's roles. */
export function canonicalRole(name: string): RoleName | null {
  const s = stripSpaces(toHalfWidth(name));
  for (const [spelling, role] of SPELLINGS) if (s === spelling) return role;
  return null;
}

export interface RoleMention {
  role: RoleName;
  /** Start and end in the compacted text (whitespace removed, half-width). */
  start: number;
  end: number;
}

/** Text as role matching sees it: half-width, without whitespace (`C I S O` → `CISO`). */
export function compactText(text: string): string {
  return stripSpaces(toHalfWidth(text));
}

/** Every role named in a text, longest match first, without overlaps (in compacted positions). */
export function findRoleMentions(text: string): RoleMention[] {
  const s = compactText(text);
  const found: RoleMention[] = [];
  let i = 0;
  while (i < s.length) {
    let matched: [string, RoleName] | undefined;
    for (const entry of SPELLINGS) {
      if (s.startsWith(entry[0], i)) { matched = entry; break; }
    }
    if (matched) {
      found.push({ role: matched[1], start: i, end: i + matched[0].length });
      i += matched[0].length;
    } else {
      i++;
    }
  }
  return found;
}

export function rolesNamedIn(text: string): Set<Role> {
  return new Set(findRoleMentions(text).map((m) => m.role));
}

const CONNECTOR = /^(?:及び|並びに|又は|若しくは|または|および|、|,|・|と)/;
const CUES = {
  // データ取扱責任者の許可, 統括情報セキュリティ責任者の承認を得て, 情報セキュリティ委員会の承認
  permission: /^(?:の|から|による)?(?:事前の|事前に|書面による)?(?:許可|承認)/,
  // データ取扱責任者に報告, 統一的な窓口で報告, CISOへ速やかに通報
  report: /^(?:に|へ|で|に対して|に対し)、?(?:速やかに|直ちに|遅滞なく|必ず)?、?(?:報告|通報|通知|連絡|相談|届け出|届出)/,
} as const;

/**
 * Roles a text names as granting permission (`…の許可`) or as receiving a report (`…に報告`),
 * following chains such as `統括情報セキュリティ責任者及び端末装置管理責任者に通報`.
 * A text-based backstop for `clause.facts.grantors` / `clause.facts.reportTo`.
 */
export function rolesWithCue(text: string, cue: keyof typeof CUES): Set<Role> {
  const s = compactText(text);
  const mentions = findRoleMentions(text);
  const result = new Set<Role>();
  for (let k = 0; k < mentions.length; k++) {
    // Walk the chain of roles joined by connectors that starts at mention k.
    const chain: RoleName[] = [mentions[k]!.role];
    let end = mentions[k]!.end;
    let j = k + 1;
    for (;;) {
      const rest = s.slice(end);
      const conn = CONNECTOR.exec(rest);
      const next = mentions[j];
      if (conn && next && next.start === end + conn[0].length) {
        chain.push(next.role);
        end = next.end;
        j++;
        continue;
      }
      break;
    }
    if (CUES[cue].test(s.slice(end))) for (const r of chain) result.add(r);
  }
  return result;
}
