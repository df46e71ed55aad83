// The text of a person's message, as the knowledge engine should see it.

import type { Activity } from '@microsoft/agents-activity';

/** Longest question kept (the engine itself reports truncation of what it reads). */
export const MAX_QUESTION_CHARS = 2000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Plain text from Teams message text (which is HTML when the person formatted it). */
export function plainText(text: string): string {
  let s = text;
  if (/<\/?[a-z][^>]*>/i.test(s)) {
    s = s.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li)>/gi, '\n').replace(/<[^>]*>/g, '');
    s = s.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? '');
  }
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
  return s.trim();
}

export function messageText(activity: Activity): string {
  const text = typeof activity.text === 'string' ? plainText(activity.text) : '';
  const chars = [...text];
  return chars.length > MAX_QUESTION_CHARS ? chars.slice(0, MAX_QUESTION_CHARS).join('') : text;
}

const HELP_WORDS = new Set(['ヘルプ', 'へるぷ', 'help', '使い方', 'つかいかた', 'メニュー', '?', 'はじめに']);

/** True for 「ヘルプ」 and its variants (full-width, with punctuation, in English). */
export function isHelpRequest(text: string): boolean {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (HELP_WORDS.has(s)) return true;
  return HELP_WORDS.has(s.replace(/[。.!！?？\s]+$/u, ''));
}
