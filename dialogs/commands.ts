// Words that act as commands at any step (the whole message must be the command).

import type { CommandName } from './types';
import { matchKey } from './normalize';

const COMMAND_WORDS: Record<CommandName, readonly string[]> = {
  cancel: ['キャンセル', 'キャンセルする', 'キャンセルします', 'やめる', 'やめます', 'やめたい', 'やめて', '中止', '中止する', '中止します', '取り消し', '取消', '取り消す', 'cancel', 'quit', 'stop', '終了', '終わる'],
  back: ['戻る', 'もどる', '戻ります', '戻って', '前に戻る', '前へ', '一つ前', 'ひとつ前', '戻す', 'back'],
  why: ['なぜ', 'なぜですか', 'なんで', 'どうして', '理由', '根拠', '根拠は', 'why'],
  info: ['定義', '分類の定義', '説明', '詳しく'],
  help: ['ヘルプ', '使い方', 'help'],
  form: ['フォーム', 'フォームで入力', 'まとめて入力', 'フォームでまとめて入力'],
  retry: ['再送', '再送信', 'もう一度送信', 'retry'],
};

const LOOKUP = new Map<string, CommandName>();
for (const [name, words] of Object.entries(COMMAND_WORDS) as [CommandName, readonly string[]][]) {
  for (const w of words) LOOKUP.set(matchKey(w), name);
}

/** The command a whole message is, or null. */
export function commandOf(text: string): CommandName | null {
  return LOOKUP.get(matchKey(text)) ?? null;
}

/** Japanese labels for the command buttons. */
export const COMMAND_LABELS: Record<CommandName, string> = {
  cancel: 'キャンセル',
  back: '戻る',
  why: 'なぜ？',
  info: '説明',
  help: '使い方',
  form: 'フォームでまとめて入力',
  retry: '再送',
};

const QUESTION_ENDINGS = /(ですか|ますか|でしょうか|ですかね|ますかね|いいの|てもいい|でもいい|okですか|教えて(ください)?|知りたい(です)?|どうすれば(いい)?|どうしたら(いい)?)$/;
const QUESTION_WORDS = /(誰に|だれに|どこに|どうやって|どうすれば|どうしたら|いいですか|できますか|必要ですか|してもいい|しても大丈夫|教えてください)/;

/** True when free text reads as a question to answer rather than an answer to the step. */
export function looksLikeQuestion(text: string): boolean {
  const raw = text.normalize('NFKC').trim();
  if (raw.length < 4) return false;
  if (/[?？]\s*$/.test(raw)) return true;
  const key = raw.replace(/\s+/g, '').replace(/[。.!！…]+$/, '').toLowerCase();
  return QUESTION_ENDINGS.test(key) || QUESTION_WORDS.test(key);
}
