// 申請状況: the person's own requests (newest first) and, for those who decide or receive reports, what waits for
// them (oldest first), each with a button that shows its card.

import type { RequestSummary } from '../../approvals/service';
import { type ShowRequestAction } from './approval-data';
import { jstText } from './approval';
import { type AdaptiveCard, type CardElement, actionSet, adaptiveCard, container, submit, textBlock, trusted, userText } from './adaptive';

export interface RequestListInput {
  mine: RequestSummary[];
  waiting: RequestSummary[];
  /** Show the 「対応を待っている申請」 section even when it is empty (the person holds a role). */
  approver: boolean;
}

function item(s: RequestSummary, who: boolean): CardElement {
  const title = `${s.urgent && s.stateLabel === '確認待ち' ? '【至急】' : ''}${s.kindLabel}「${userText(s.title, 80)}」`;
  const line = [s.stateLabel, `受付番号 ${s.shortId}`, jstText(s.createdAt), ...(who && s.requesterName ? [`${userText(s.requesterName, 40)}さん`] : [])].join('・');
  return container(
    [
      textBlock(trusted(title), { weight: 'Bolder' }),
      textBlock(trusted(line), { isSubtle: true, spacing: 'None' }),
      actionSet([submit<ShowRequestAction>(trusted('内容を見る'), { action: 'approvals.show', requestId: s.requestId })], { spacing: 'Small' }),
    ],
    { separator: true, spacing: 'Medium' },
  );
}

export function requestListCard(l: RequestListInput): AdaptiveCard {
  const body: CardElement[] = [textBlock(trusted('申請状況'), { size: 'Medium', weight: 'Bolder' })];
  if (l.approver || l.waiting.length > 0) {
    body.push(textBlock(trusted(`あなたの対応を待っている申請・報告（${l.waiting.length}件）`), { weight: 'Bolder', spacing: 'Medium' }));
    if (l.waiting.length === 0) body.push(textBlock(trusted('いまはありません。'), { isSubtle: true, spacing: 'Small' }));
    body.push(...l.waiting.map((s) => item(s, true)));
  }
  body.push(textBlock(trusted('あなたの申請・報告'), { weight: 'Bolder', spacing: 'Large' }));
  if (l.mine.length === 0) {
    body.push(textBlock(trusted('まだありません。質問への回答の「許可を申請する」「報告する」や、持ち出し申請などの手続きから送れます。'), { isSubtle: true, spacing: 'Small' }));
  }
  body.push(...l.mine.map((s) => item(s, false)));
  return adaptiveCard(body);
}
