// How each verdict reads to a person: the first words of every answer.

import type { Verdict } from '../../knowledge/types';

export const verdictText: Record<Verdict, string> = {
  prohibited: '禁止です',
  needs_permission: '許可が必要です',
  must_report: '報告が必要です',
  required: '義務です',
  allowed: '問題ありません',
  not_covered: '規程に定めがありません',
};

/** The caption before the roles, for verdicts that name someone. */
export const rolesCaption: Partial<Record<Verdict, string>> = {
  needs_permission: '許可を得る相手',
  must_report: '報告先',
};
