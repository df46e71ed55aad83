// The policy's roles as FORMAT.md spells them: the names answers, approvers and model output use.
// The clause tree finds every role the text names (ClauseFacts.roles); this is the canonical subset that
// answers name as approvers or recipients of reports.

export const CANONICAL_ROLE_NAMES = [
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
] as const;

export type CanonicalRoleName = (typeof CANONICAL_ROLE_NAMES)[number];
