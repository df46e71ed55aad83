// Notifications and results as Teams messages: the short Japanese sentence (with the decider's comment) and the
// request's current card for the person it goes to.

import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { CardState } from '../../approvals/card-state';
import type { Notification } from '../../approvals/notification';
import { type ApprovalCardOptions, approvalCard } from '../cards/approval';
import { cardAttachment } from '../cards/adaptive';
import { clip, escapeMarkdown } from '../reply/markdown';

/** Notifications that ask someone to act: Teams raises them in the activity feed. */
const ALERT = new Set<Notification['type']>(['approval-request', 'report', 'urgent-channel', 'task', 'reminder', 'escalation', 'incident', 'decision']);

const MAX_TEXT = 600;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g;

/** Markdown-safe text: each line its own paragraph. */
export function safeText(text: string, max = MAX_TEXT): string {
  return clip(text.replace(CONTROL, ''), max)
    .split(/\r?\n/)
    .map((l) => escapeMarkdown(l.trim()).replace(/^(\s*)([#>+-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .filter(Boolean)
    .join('\n\n');
}

/** A message with text and, when given, the request's card. */
export function messageWithCard(text: string, card: CardState | undefined, options: ApprovalCardOptions = {}, alert = false): Activity {
  const activity = new Activity(ActivityTypes.Message);
  activity.text = safeText(text);
  activity.textFormat = 'markdown';
  activity.summary = clip(text.replace(/\s+/g, ' ').trim(), 80);
  if (card) activity.attachments = [cardAttachment(approvalCard(card, options))];
  if (alert) activity.channelData = { notification: { alert: true } };
  return activity;
}

/** The Teams message for a notification (person or channel) with the card as the recipient sees it now. */
export function notificationActivity(n: Notification, card: CardState | undefined, options: ApprovalCardOptions = {}, extra?: string): Activity {
  const text = [n.text, ...(n.comment ? [`コメント: ${n.comment}`] : []), ...(extra ? [extra] : [])].join('\n');
  return messageWithCard(text, card, options, ALERT.has(n.type));
}
