// The bot's command menu as declared in the manifest. The titles are what Teams sends to the bot
// when someone picks a command, so the bot can recognise them from this same list.
import type { ProcedureId } from '../knowledge/types';

export type BotScope = 'personal' | 'team' | 'groupChat';

export type BotCommandId = 'help' | ProcedureId | 'request-status';

export interface BotCommand {
  id: BotCommandId;
  /** Japanese title: shown in the menu and sent as the message text. Not translated (see docs/teams-app.md). */
  title: string;
  /** Short Japanese description shown under the title. */
  description: string;
  /** English description for clients set to English (en.json). */
  descriptionEn: string;
  /**
   * Where the command is offered. Procedures and request status concern one person's requests and
   * incidents, so they are offered only in the personal chat, never in a channel or group chat.
   */
  scopes: readonly BotScope[];
}

const PERSONAL_ONLY = ['personal'] as const;
const EVERYWHERE = ['personal', 'team', 'groupChat'] as const;

export const BOT_COMMANDS: readonly BotCommand[] = [
  {
    id: 'help',
    title: 'ヘルプ',
    description: 'できることと使い方を表示します。',
    descriptionEn: 'Shows what the bot can do and how to use it.',
    scopes: EVERYWHERE,
  },
  {
    id: 'carry-out',
    title: '持ち出し申請',
    description: 'パソコン・記録媒体・書類の持ち出し許可を申請します。',
    descriptionEn: 'Asks for permission to take a PC, storage media or documents out of the office.',
    scopes: PERSONAL_ONLY,
  },
  {
    id: 'lost-card',
    title: 'ICカード紛失',
    description: 'ICカードの紛失をすぐに報告し、利用停止を依頼します。',
    descriptionEn: 'Reports a lost IC card at once and asks for it to be disabled.',
    scopes: PERSONAL_ONLY,
  },
  {
    id: 'infection',
    title: '感染の疑い',
    description: 'ウイルス感染が疑われるときの対応を案内し、報告します。',
    descriptionEn: 'Tells you what to do first when a virus infection is suspected, and reports it.',
    scopes: PERSONAL_ONLY,
  },
  {
    id: 'request-status',
    title: '申請状況',
    description: '自分の申請の状況を表示します。',
    descriptionEn: 'Shows the state of your requests.',
    scopes: PERSONAL_ONLY,
  },
];

/** The bot's install scopes: personal chat, team channels, and group chats (where it answers @mentions). */
export const BOT_SCOPES: readonly BotScope[] = ['personal', 'team', 'groupChat'];

/** The command whose title equals the text (trimmed), if any. */
export function commandByTitle(text: string): BotCommand | undefined {
  const t = text.trim();
  return BOT_COMMANDS.find((c) => c.title === t);
}
