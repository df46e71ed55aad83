// Role names the policy text uses, as the policy writes them (FORMAT-style names). The knowledge engine derives
// them from the clause tree: pass policyRoleNames(engine.clauses) to Directory.warnings(); this list is the
// fallback when no engine is at hand (tools, tests), and matches what the engine finds in the shipped policy.
import { CANONICAL_ROLE_NAMES } from '../knowledge/roles';
import type { Clause } from '../knowledge/types';

export const POLICY_ROLE_NAMES: readonly string[] = [
  ...CANONICAL_ROLE_NAMES,
  // Named by the policy, though no answer names them as approvers.
  'CSIRT責任者',
  '最高情報セキュリティアドバイザー',
  'データ保護管理者',
];

/** Every role the clauses name (ClauseFacts.roles), in order of first appearance. */
export function policyRoleNames(clauses: readonly Pick<Clause, 'facts'>[]): string[] {
  return [...new Set(clauses.flatMap((c) => c.facts.roles))];
}

/** Default escalation chain when the requester is the only holder of an approving role (第3章 3(7)ア). */
export const DEFAULT_ESCALATION_CHAIN: readonly string[] = ['統括情報セキュリティ責任者', 'CISO'];
