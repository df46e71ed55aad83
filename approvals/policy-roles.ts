// Role names the policy text uses, as the policy writes them. The knowledge engine will derive this list from
// the clause tree (ClauseFacts.roles); until then this list stands in for it (FORMAT-style names).

export const POLICY_ROLE_NAMES: readonly string[] = [
  'CISO',
  '副CISO',
  '統括情報セキュリティ責任者',
  '情報セキュリティ責任者',
  '端末装置管理責任者',
  '情報システム担当者',
  '情報セキュリティ委員会',
  'CSIRT',
  'データ取扱責任者',
  '最高データ取扱責任者',
  '情報セキュリティ管理者',
  '情報システム管理者',
  '情報セキュリティ監査統括責任者',
  '統一的な窓口',
];

/** Default escalation chain when the requester is the only holder of an approving role (第3章 3(7)ア). */
export const DEFAULT_ESCALATION_CHAIN: readonly string[] = ['統括情報セキュリティ責任者', 'CISO'];
