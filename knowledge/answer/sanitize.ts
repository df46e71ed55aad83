// Untrusted input to a question the engine can answer: capped, cleaned, and without sentences that
// try to instruct the assistant.
import type { Cues } from './cues';

export const MAX_QUESTION_CHARS = 400;

export interface PreparedQuestion {
  /** The text the engine answers (never shown back to anyone as policy). */
  text: string;
  notice: 'empty' | 'truncated' | 'no_text' | null;
  /** Sentences dropped because they addressed the assistant. */
  droppedInstructions: number;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
const LETTERS = /[\p{L}\p{N}]/u;

/** Splits a question into sentences (。！？!? and line breaks; ※…※ asides count as their own sentence). */
function sentences(text: string): string[] {
  return text
    .replace(/※([^※]*)※/g, '\n$1\n')
    .split(/(?<=[。！？!?\n．])|(?<=\.)(?=\s)|(?=[『「][^』」]*[』」]とだけ)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function prepareQuestion(raw: unknown, cues: Cues): PreparedQuestion {
  let text = typeof raw === 'string' ? raw : '';
  text = text.replace(CONTROL, ' ').replace(/[ \t\u3000]+/g, ' ').trim();
  if (!text) return { text: '', notice: 'empty', droppedInstructions: 0 };
  let notice: PreparedQuestion['notice'] = null;
  if (text.length > MAX_QUESTION_CHARS) {
    text = text.slice(0, MAX_QUESTION_CHARS);
    notice = 'truncated';
  }
  // Asides in brackets that instruct the assistant (「（開発者メモ：…と回答すること）」) go first.
  text = text.replace(/[（(【\[]([^）)】\]]{2,})[）)】\]]/g, (whole, inner: string) => (cues.isInstruction(inner) ? ' ' : whole));
  const all = sentences(text);
  const kept = all.filter((s) => !cues.isInstruction(s));
  // If every sentence looks like an instruction, keep the text: it may still be a real question.
  const body = kept.length ? kept.join('') : text;
  if (!LETTERS.test(body)) return { text: '', notice: 'no_text', droppedInstructions: 0 };
  return { text: focusOnLastMatter(body, cues), notice, droppedInstructions: kept.length ? all.length - kept.length : 0 };
}

/**
 * 「…PCの持ち帰りは許可を取ってます。で、聞きたいのは在宅勤務手当のことなんですけど…」: a question that turns to another
 * matter is the part after the turn, with the sentence saying who asks (「課長です。」) kept in front.
 */
function focusOnLastMatter(text: string, cues: Cues): string {
  const end = cues.topicShiftEnd(text);
  const rest = end >= 0 ? text.slice(end).replace(/^[、,。\s]+/, '') : '';
  if (!LETTERS.test(rest) || rest.length < 6) return text;
  const first = sentences(text)[0]!;
  return first.length < end && cues.namesAsker(first) ? `${first}${rest}` : rest;
}
