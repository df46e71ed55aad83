// The Teams message for a knowledge answer: verdict first, who to ask, the quote with its label, Teams' AI-message
// entity (the "AI generated" label of an automated answer, and the citations), the feedback buttons, and a button
// for a fitting procedure. A verified model answer is laid out the same way, with the model's explanation under
// the verdict.

import { Activity, ActivityTypes, type ClientCitation } from '@microsoft/agents-activity';
import type { Answer } from '../../knowledge/types';
import { type ProcedureStartAction, procedureTitles } from '../cards/actions';
import { requestOffer } from '../../approvals/from-answer';
import type { OfferAction } from '../cards/approval-data';
import { type CardAttachment, type CardElement, type SubmitAction, adaptiveCard, cardAttachment, submit, textBlock, trusted, userText } from '../cards/adaptive';
import { OFFER_TITLES } from '../cards/request-form';
import { MAX_CITATIONS, clientCitation } from './citations';
import { clip, escapeMarkdown, oneLine } from './markdown';
import { rolesCaption, verdictText } from './verdict';

/** Longest quote shown in the message itself; the citation pop-up holds the whole clause text. */
export const QUOTE_IN_TEXT_MAX = 220;
/** Longest model explanation shown (the model's reply is verified to be at most 600 characters). */
export const EXPLANATION_MAX = 600;

const NOTICES: Record<NonNullable<Answer['inputNotice']>, string> = {
  truncated: '※ ご質問が長いため、先頭の部分だけで判断しました。',
  empty: '※ ご質問が空でした。「USBメモリを家に持ち帰ってもいいですか」のように文章で聞いてください。',
  no_text: '※ ご質問から言葉を読み取れませんでした。「USBメモリを家に持ち帰ってもいいですか」のように文章で聞いてください。',
};

/**
 * The markdown text of an answer; citation i is referenced as [i]. `explanation` (a verified model answer's own
 * words) goes after the verdict and roles, escaped like any text that is not ours.
 */
export function answerText(answer: Answer, explanation?: string): string {
  const lines: string[] = [`**${verdictText[answer.verdict]}。**`];
  const caption = rolesCaption[answer.verdict];
  if (caption && answer.roles.length > 0) {
    lines.push(`${caption}: ${answer.roles.map((r) => escapeMarkdown(oneLine(r))).join('、')}`);
  }
  const explained = explanation === undefined ? '' : oneLine(explanation);
  if (explained) lines.push(escapeMarkdown(clip(explained, EXPLANATION_MAX)));
  const cited = answer.citations.slice(0, MAX_CITATIONS);
  const [first, ...rest] = cited;
  if (answer.verdict === 'not_covered') {
    lines.push(
      first
        ? 'ポリシーに直接の定めは見つかりませんでした。不明な点は、次の定めのとおりご相談ください。'
        : 'ポリシーの条文に該当する定めが見つかりませんでした。言い方を変えて聞いていただくか、「ヘルプ」と送ってください。',
    );
  }
  if (first) {
    const quote = clip(oneLine(first.quote), QUOTE_IN_TEXT_MAX);
    lines.push(`「${escapeMarkdown(quote)}」（${escapeMarkdown(oneLine(first.label))}）[1]`);
  }
  if (rest.length > 0) {
    lines.push(`関連: ${rest.map((c, i) => `${escapeMarkdown(oneLine(c.label))} [${i + 2}]`).join('、')}`);
  }
  if (answer.inputNotice) lines.push(NOTICES[answer.inputNotice]);
  return lines.join('\n\n');
}

/** Who a request from this answer goes to, for the offer's sentence. */
function offerText(kind: 'permission' | 'report', roles: string[]): string {
  const to = roles.map((r) => oneLine(r)).join('、');
  return kind === 'permission'
    ? `許可が必要な場合は、「許可を申請する」から${to}に申請できます。`
    : `「報告する」から${to}に報告できます。`;
}

/**
 * A small card under the answer: a button that starts the procedure the answer suggests, and 「許可を申請する」 /
 * 「報告する」 when the answer needs a permission or a report from named roles (`offerRequest`).
 */
export function procedureCard(answer: Answer, options: { answerId?: string; offerRequest?: boolean } = {}): CardAttachment | undefined {
  const lines: CardElement[] = [];
  const buttons: SubmitAction[] = [];
  if (answer.procedure) {
    const title = procedureTitles[answer.procedure];
    lines.push(textBlock(trusted(`この件は「${title}」の手続きでご案内できます。`)));
    buttons.push(submit<ProcedureStartAction>(trusted(`${title}を始める`), { action: 'procedure.start', procedure: answer.procedure }, 'positive'));
  }
  const offer = options.offerRequest && options.answerId ? requestOffer(answer) : null;
  if (offer && options.answerId) {
    lines.push(textBlock(userText(offerText(offer, answer.roles), 300), { spacing: lines.length > 0 ? 'Small' : 'Default' }));
    buttons.push(submit<OfferAction>(trusted(OFFER_TITLES[offer]), { action: 'approvals.offer', answerId: options.answerId }, buttons.length === 0 ? 'positive' : undefined));
  }
  return buttons.length > 0 ? cardAttachment(adaptiveCard(lines, buttons)) : undefined;
}

export interface AnswerActivityOptions {
  /** Our id for the answer; also the activity id when replies are returned in the HTTP response. */
  answerId: string;
  /** Show Teams' feedback (👍/👎) buttons. */
  feedback?: boolean;
  /** Offer 「許可を申請する」 / 「報告する」 (personal chats: the form and its answers stay between the person and the bot). */
  offerRequest?: boolean;
  /** A verified model answer: its explanation is shown. */
  fromModel?: boolean;
  /** The model's verified explanation, under the verdict (with `fromModel`). */
  explanation?: string;
}

/**
 * Teams' AI-message entity: the "AI generated" label every automated answer carries (offline or from a model;
 * Teams shows it in the message header) and the citations.
 */
export function messageEntity(citations: ClientCitation[]): Record<string, unknown> {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
    ...(citations.length > 0 ? { citation: citations } : {}),
  };
}

/**
 * What a reply to this answer always holds, whoever asked: the text and the citations. Answers from the answer
 * cache are the same object every time, so their parts are built once (like the answers, they are shared and
 * must not be changed).
 */
const partsOf = new WeakMap<Answer, { text: string; citations: ClientCitation[] | undefined }>();

function answerParts(answer: Answer): { text: string; citations: ClientCitation[] | undefined } {
  let parts = partsOf.get(answer);
  if (!parts) {
    const citations = answer.citations.slice(0, MAX_CITATIONS).map((c, i) => clientCitation(c, i + 1));
    parts = { text: answerText(answer), citations: citations.length > 0 ? citations : undefined };
    partsOf.set(answer, parts);
  }
  return parts;
}

export function answerActivity(answer: Answer, options: AnswerActivityOptions): Activity {
  const parts = answerParts(answer);
  const activity = new Activity(ActivityTypes.Message);
  activity.id = options.answerId;
  // A model's explanation makes the text its own; the offline text is built once per cached answer.
  activity.text = options.fromModel && options.explanation ? answerText(answer, options.explanation) : parts.text;
  activity.textFormat = 'markdown';
  activity.channelData = { feedbackLoopEnabled: options.feedback ?? true };
  const card = procedureCard(answer, { answerId: options.answerId, offerRequest: options.offerRequest ?? false });
  if (card) activity.attachments = [card];
  activity.entities = [...(activity.entities ?? []), messageEntity(parts.citations ?? []) as never];
  return activity;
}
