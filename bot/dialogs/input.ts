// Which activities go to the guided procedures, and as what input.
//
// - Personal chat: every message (typed text, and card submissions whose data has a `dialog` field).
//   A policy question that only mentions the carry-out (「USBメモリを家に持ち帰ってもいいですか」) is answered
//   first, with the procedure's button, unless a procedure is in progress.
// - Channels and group chats (the bot only hears @mentions there): the commands (持ち出し申請 …, with or without
//   a leading @mention), card submissions with dialog data, and text from a person whose procedure is in progress
//   (or awaits its start confirmation, or who reports a follow-up) in that conversation. Other text is a question.

import type { Activity } from '@microsoft/agents-activity';
import { ActivityTypes } from '@microsoft/agents-activity';
import { PROCEDURES, followUpOf, isDialogCardData, recognize, startCommand } from '../../dialogs';
import { looksLikeQuestion } from '../../dialogs/commands';
import type { DialogWho } from '../../dialogs/runner';
import type { DialogInput, ProcedureId } from '../../dialogs/types';
import { commandByTitle } from '../../manifest/commands';
import { procedureIds } from '../cards/actions';
import { isCardSubmit, userIdOf } from '../routing';
import { MAX_QUESTION_CHARS, plainText } from '../text';
import type { EffectOrigin } from './effects';

/** Leading @mentions as Teams writes them (the SDK removes the bot's own when the mention entity names it). */
const LEADING_MENTIONS = /^(?:\s|&nbsp;)*(?:<at[^>]*>[^<]*<\/at>(?:\s|&nbsp;)*)+/i;

/** The text of a message as the procedures see it: plain, bounded, and in a channel or group chat without leading @mentions. */
export function dialogText(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  const text = plainText(isPersonal(activity) ? activity.text : activity.text.replace(LEADING_MENTIONS, ''));
  const chars = [...text];
  return chars.length > MAX_QUESTION_CHARS ? chars.slice(0, MAX_QUESTION_CHARS).join('') : text;
}

/** The procedure a Teams command (the manifest's command titles) starts, if the text is one. */
export function commandProcedure(text: string): ProcedureId | null {
  const id = commandByTitle(text.normalize('NFKC'))?.id ?? commandByTitle(text)?.id;
  return (procedureIds as readonly string[]).includes(id ?? '') ? (id as ProcedureId) : null;
}

export function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** Whose dialog this activity belongs to: one per conversation and person. */
export function whoOf(activity: Activity): DialogWho | null {
  const conversationId = activity.conversation?.id;
  const userId = userIdOf(activity);
  if (!conversationId || !userId) return null;
  const name = typeof activity.from?.name === 'string' ? activity.from.name : undefined;
  return { conversationId, requester: name ? { userId, name } : { userId } };
}

export function originOf(activity: Activity): EffectOrigin {
  const conversation = activity.conversation;
  return {
    channelId: activity.channelId ?? 'msteams',
    ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
    conversation: {
      id: conversation?.id ?? '',
      ...(conversation?.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(conversation?.tenantId ? { tenantId: conversation.tenantId } : {}),
    },
    user: { id: activity.from?.id ?? '', ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}) },
    ...(activity.recipient?.id ? { bot: { id: activity.recipient.id } } : {}),
  };
}

/** What the input decision may need to know about this person's procedures here (read only when needed). */
export interface DialogPresence {
  active: unknown;
  pendingStart: unknown;
  parked: unknown[];
}

/** True when this person has a procedure going on here, or awaits a start confirmation. */
function busy(p: DialogPresence): boolean {
  return p.active !== null || p.pendingStart !== null;
}

/** 「…してもいい？」「…やっていいですか」: asking permission (not 「どうすればいい？」, which asks what to do now). */
const PERMISSION_QUESTION = /[てで]も?(いい|良い|よい|大丈夫|構わない|かまわない|OK|ok)(ん?です|でしょう)?(か|かね|の|よね)?$/u;

export function isPermissionQuestion(text: string): boolean {
  const t = text.normalize('NFKC').trim().replace(/[\s。.!！?？…]+$/u, '');
  return PERMISSION_QUESTION.test(t);
}

/**
 * A policy question that merely names a procedure is answered first (the answer carries the procedure's button)
 * rather than asked 「…を始めますか？」: a question about the non-urgent carry-out
 * (「USBメモリを家に持ち帰ってもいいですか」), or a permission question that happens to trip an urgent one
 * (「ノートPCにソフトを勝手にインストールしてもいい？」). Urgent ones told as events or asking what to do
 * (「ウイルスに感染したかも。まず何をすればいい？」) go to the procedures: their first words come before anything else.
 */
export function questionFirst(text: string): ProcedureId | null {
  const intent = recognize(text);
  if (!intent || !looksLikeQuestion(text)) return null;
  const urgent = PROCEDURES[intent.procedure].info.intro.some((m) => m.style === 'urgent');
  return !urgent || isPermissionQuestion(text) ? intent.procedure : null;
}

/**
 * The input for the runner, or null when the activity is not for the procedures. `presence` reads this person's
 * dialog state (only for text outside a personal chat, or for a question that names a procedure).
 */
export async function dialogInput(activity: Activity, presence: () => Promise<DialogPresence>): Promise<DialogInput | null> {
  if (activity.type !== ActivityTypes.Message) return null;
  if (isCardSubmit(activity)) return isDialogCardData(activity.value) ? { type: 'card', data: activity.value } : null;
  const text = dialogText(activity);
  const command = commandProcedure(text);
  if (command) return { type: 'start', procedure: command };
  if (isPersonal(activity)) {
    if (questionFirst(text) && !busy(await presence())) return null;
    return { type: 'text', text };
  }
  const started = startCommand(text);
  if (started) return { type: 'start', procedure: started };
  if (!text) return null;
  const p = await presence();
  return busy(p) || (p.parked.length > 0 && followUpOf(text) !== null) ? { type: 'text', text } : null;
}
