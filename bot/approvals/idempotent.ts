// Approval activities that are safe to process again, so the redelivery guard lets them through: card actions are
// checked against the card's version (a repeat changes nothing and gets the current card back), and a form is
// stored once by its id (a repeat after a crash gets 「送信しました」 and the stored request).

import type { Activity } from '@microsoft/agents-activity';
import { isCardSubmit } from '../routing';
import { isApprovalInvoke } from './invoke';

export function isIdempotentApprovalActivity(activity: Activity): boolean {
  if (isApprovalInvoke(activity)) return true;
  return isCardSubmit(activity) && (activity.value as { action?: unknown }).action === 'approvals.submit';
}
