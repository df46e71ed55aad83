// The runner's outputs as Teams messages: short markdown text for messages and notices (urgent ones bold, each
// line on its own, with a Teams notification alert), Adaptive Cards 1.5 for everything with buttons or inputs.
// `answer` outputs are not rendered here: the bot's answer path sends (and records) them.

import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { Output } from '../../dialogs/types';
import { type AdaptiveCard, cardAttachment } from '../cards/adaptive';
import { choiceCard, parkedCard, submittedCard, whyCard } from '../cards/dialog-notes';
import { blockedCard, formCard, questionCard, summaryCard } from '../cards/dialog-prompts';
import { clip, escapeMarkdown } from '../reply/markdown';

/** Longest text message (notices and messages are one or two sentences). */
export const MAX_MESSAGE_CHARS = 800;

/** Escapes one line for Teams markdown, including block markers at its start (#, >, -, +, 1.). */
function escapeLine(line: string): string {
  return escapeMarkdown(line)
    .replace(/^(\s*)([#>+-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A text message; each line its own paragraph; `bold` wraps every line. */
export function textActivity(text: string, options: { bold?: boolean } = {}): Activity {
  const lines = clip(typeof text === 'string' ? text : '', MAX_MESSAGE_CHARS)
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const activity = new Activity(ActivityTypes.Message);
  activity.text = lines.map((l) => (options.bold ? `**${escapeLine(l)}**` : escapeLine(l))).join('\n\n');
  activity.textFormat = 'markdown';
  return activity;
}

/** The urgent first words: bold, alone in their message, and a notification in Teams' activity feed. */
export function urgentActivity(text: string): Activity {
  const activity = textActivity(text, { bold: true });
  activity.channelData = { notification: { alert: true } };
  activity.summary = clip(text.split('\n')[0] ?? '', 80);
  return activity;
}

function cardActivity(card: AdaptiveCard, summary: string): Activity {
  const activity = new Activity(ActivityTypes.Message);
  activity.attachments = [cardAttachment(card)];
  // Teams shows the summary in notifications instead of 「カードを送信しました」.
  activity.summary = clip(summary.replace(/\s+/g, ' ').trim(), 80);
  return activity;
}

/** One output as one Teams message; null for `answer` (the bot's answer path renders those). */
export function renderOutput(o: Output): Activity | null {
  switch (o.type) {
    case 'message':
      return o.style === 'urgent' ? urgentActivity(o.text) : textActivity(o.text);
    case 'notice':
    case 'followUp':
      return textActivity(o.text);
    case 'question':
      return cardActivity(questionCard(o), o.text);
    case 'form':
      return cardActivity(formCard(o), o.title);
    case 'summary':
      return cardActivity(summaryCard(o), o.title);
    case 'blocked':
      return cardActivity(blockedCard(o), o.text);
    case 'why':
      return cardActivity(whyCard(o), o.title);
    case 'confirmStart':
    case 'pickRun':
      return cardActivity(choiceCard(o), o.text);
    case 'submitted':
      return cardActivity(submittedCard(o), o.text);
    case 'parked':
      return cardActivity(parkedCard(o), o.text);
    case 'answer':
      return null;
  }
}
