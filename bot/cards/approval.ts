// The request card (Adaptive Card 1.5 with universal actions): what was asked, by whom, on which clauses, who
// decides and why (separation of duties), what happened so far, and the buttons this viewer may press.
// Built from the approvals' CardState for one viewer; `refresh` makes Teams ask for the current card whenever a
// participant looks at it, so a second approver sees that the request is already decided.

import type { CardState } from '../../approvals/card-state';
import { formatJst } from '../../approvals/time';
import { ACT_VERB, type ActData, REFRESH_VERB, type RefreshData } from './approval-data';
import {
  type AdaptiveCard,
  type CardElement,
  type CardText,
  type ExecuteAction,
  actionSet,
  adaptiveCard,
  container,
  execute,
  factSet,
  inputText,
  textBlock,
  trusted,
  userText,
} from './adaptive';

export type BannerTone = 'good' | 'warning' | 'attention';

export interface ApprovalCardOptions {
  /** A sentence for the person who just acted (承認しました。 / ご自身の申請は…), shown at the top. */
  banner?: { text: string; tone: BannerTone };
  /** Teams user ids (29:…) by user key, to put MRIs into refresh.userIds where they are known. */
  channelUserIds?: ReadonlyMap<string, string>;
}

/** Longest comment kept by the server (approvals parseComment). */
export const MAX_COMMENT = 1000;
const MAX_DETAIL_ROWS = 10;

/** A date or date-time as people in the office read it (JST). */
export function jstText(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value.replace(/-/g, '/');
  const f = formatJst(value);
  return f ? f.replace(/-/g, '/') : value;
}

function stamp(label: string, s: { by?: string; at: string; comment?: string } | undefined): CardElement[] {
  if (!s) return [];
  const who = s.by ? `${userText(s.by, 60)}、` : '';
  const out: CardElement[] = [textBlock(trusted(`${label}（${who}${jstText(s.at)}）`), { spacing: 'Small', weight: 'Bolder' })];
  if (s.comment) out.push(textBlock(trusted(`コメント: ${userText(s.comment, MAX_COMMENT)}`), { spacing: 'None', isSubtle: true }));
  return out;
}

/** The request's own answers: the procedure's summary rows (label/value), else short top-level values. */
function detailRows(details: Record<string, unknown>): Array<{ title: CardText; value: CardText }> {
  const summary = details['summary'];
  const rows: Array<{ label: string; value: string }> = [];
  if (Array.isArray(summary)) {
    for (const r of summary) {
      if (r && typeof r === 'object' && typeof (r as { label?: unknown }).label === 'string') {
        const v = (r as { value?: unknown }).value;
        rows.push({ label: (r as { label: string }).label, value: Array.isArray(v) ? v.join('、') : String(v ?? '') });
      }
    }
  } else {
    for (const [k, v] of Object.entries(details)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') rows.push({ label: k, value: String(v) });
    }
  }
  return rows.slice(0, MAX_DETAIL_ROWS).map((r) => ({ title: userText(r.label, 40), value: userText(r.value) }));
}

function stateColor(card: CardState): 'Good' | 'Attention' | 'Warning' | 'Accent' {
  if (card.state === 'approved' || card.state === 'closed' || card.state === 'returned') return 'Good';
  if (card.state === 'rejected' || card.state === 'expired') return 'Attention';
  if (card.open && card.urgent) return 'Warning';
  return 'Accent';
}

function act(card: CardState, title: string, data: Omit<ActData, 'requestId' | 'version'>, style?: ExecuteAction['style']): ExecuteAction<ActData> {
  return execute<ActData>(trusted(title), ACT_VERB, { requestId: card.requestId, version: card.version, ...data }, style);
}

/** The buttons for this viewer, and whether they go with the comment input. */
function actions(card: CardState): { buttons: ExecuteAction[]; comment: boolean } {
  const a = new Set(card.viewer.actions);
  const buttons: ExecuteAction[] = [];
  if (a.has('approve')) buttons.push(act(card, '承認', { act: 'approve' }, 'positive'));
  if (a.has('reject')) buttons.push(act(card, '却下', { act: 'reject' }, 'destructive'));
  for (const t of card.tasks) {
    if (!t.actionable) continue;
    if (t.id === 'evaluate' && a.has('evaluate')) {
      buttons.push(act(card, 'インシデントと評価する', { act: 'evaluate', incident: true }, 'destructive'));
      buttons.push(act(card, 'インシデントではない', { act: 'evaluate', incident: false }));
    } else if (t.id !== 'evaluate' && a.has('complete-task')) {
      buttons.push(act(card, t.doneLabel, { act: 'complete-task', task: t.id }, 'positive'));
    }
  }
  if (a.has('acknowledge')) buttons.push(act(card, '確認しました', { act: 'acknowledge' }));
  if (a.has('close')) buttons.push(act(card, '完了にする', { act: 'close' }));
  if (a.has('return')) buttons.push(act(card, '返却（持ち込み）を記録する', { act: 'return' }));
  if (a.has('cancel')) buttons.push(act(card, '取り下げる', { act: 'cancel' }, 'destructive'));
  return { buttons, comment: buttons.length > 0 && !(a.size === 1 && a.has('cancel')) };
}

/** refresh.userIds: Teams user ids (MRIs) where known, else the Entra object ids the request keeps; at most 60. */
export function refreshUserIds(card: CardState, channelUserIds?: ReadonlyMap<string, string>): string[] {
  const ids = card.refreshUserIds.map((id) => channelUserIds?.get(id.toLowerCase()) ?? id);
  return [...new Set(ids)].slice(0, 60);
}

export function approvalCard(card: CardState, options: ApprovalCardOptions = {}): AdaptiveCard {
  const body: CardElement[] = [];
  if (options.banner) {
    const style = options.banner.tone === 'good' ? 'good' : options.banner.tone === 'warning' ? 'warning' : 'attention';
    body.push(container([textBlock(trusted(userText(options.banner.text, 200)), { weight: 'Bolder' })], { style }));
  }
  const report = card.kind === 'lost-card' || card.kind === 'infection' || card.kind === 'report';
  body.push(
    textBlock(trusted(`${card.urgent ? '【至急】' : ''}${card.kindLabel}`), { size: 'Medium', weight: 'Bolder' }),
    textBlock(trusted(`${card.stateLabel}`), { color: stateColor(card), weight: 'Bolder', spacing: 'None' }),
    textBlock(userText(card.title, 200), { spacing: 'Small' }),
  );
  const who = card.requester.name ? `${userText(card.requester.name, 60)}${card.requester.department ? `（${userText(card.requester.department, 60)}）` : ''}` : '（名簿にない方）';
  const facts: Array<{ title: CardText; value: CardText }> = [
    { title: trusted('受付番号'), value: trusted(card.shortId) },
    { title: trusted(report ? '報告者' : '申請者'), value: trusted(who) },
    { title: trusted(report ? '報告日時' : '申請日時'), value: trusted(jstText(card.createdAt)) },
  ];
  if (card.period) facts.push({ title: trusted('期間'), value: trusted(`${jstText(card.period.from)}〜${jstText(card.period.until)}`) });
  if (card.clauses.length > 0) facts.push({ title: trusted('根拠条項'), value: userText(card.clauses.join('、'), 200) });
  body.push(factSet(facts, { spacing: 'Medium' }));

  if (card.restricted) {
    body.push(textBlock(trusted('内容は、申請者と担当者だけが見られます。担当の方は個人チャットに届いたカードから操作してください。'), { isSubtle: true, spacing: 'Medium' }));
  } else {
    if (card.question) body.push(textBlock(trusted(`質問: ${userText(card.question)}`), { spacing: 'Medium', isSubtle: true }));
    const rows = detailRows(card.details);
    if (rows.length > 0) body.push(factSet(rows, { spacing: 'Small' }));
  }

  // Who decides: each named role, who holds it now, and why another role decides (separation of duties).
  const routing: CardElement[] = [textBlock(trusted(report ? '報告先' : '承認者'), { weight: 'Bolder', spacing: 'Medium', separator: true })];
  for (const a of card.assignments) {
    const role = a.assignedRole === a.role ? userText(a.role, 64) : `${userText(a.role, 64)} → ${userText(a.assignedRole, 64)}`;
    const holders = a.holders.length > 0 ? a.holders.map((h) => userText(h, 60)).join('、') : '（担当者なし）';
    // With one role the decision shows once, below; with several, each role's own decision shows here.
    const decided =
      a.decision && card.assignments.length > 1
        ? `: ${a.decision.outcome === 'approved' ? '承認' : '却下'}（${a.decision.by ? `${userText(a.decision.by, 60)}、` : ''}${jstText(a.decision.at)}）`
        : '';
    routing.push(textBlock(trusted(`${role}: ${holders}${decided}`), { spacing: 'Small' }));
  }
  for (const n of card.notices) routing.push(container([textBlock(trusted(userText(n, 300)), { spacing: 'None' })], { style: 'warning', spacing: 'Small' }));
  body.push(...routing);

  if (card.tasks.length > 0) {
    body.push(textBlock(trusted('対応'), { weight: 'Bolder', spacing: 'Medium', separator: true }));
    for (const t of card.tasks) {
      const state = t.done
        ? `済（${t.done.by ? `${userText(t.done.by, 60)}、` : ''}${jstText(t.done.at)}${t.done.incident === undefined ? '' : t.done.incident ? '、インシデント' : '、インシデントではない'}）`
        : '未';
      body.push(textBlock(trusted(`${userText(t.label, 100)}（${t.roles.map((r) => userText(r, 64)).join('・')}）: ${state}`), { spacing: 'Small' }));
      if (t.done?.comment) body.push(textBlock(trusted(`コメント: ${userText(t.done.comment, MAX_COMMENT)}`), { spacing: 'None', isSubtle: true }));
    }
  }

  if (card.decision) body.push(...stamp(card.decision.outcome === 'approved' ? '承認されました' : '却下されました', card.decision));
  body.push(...stamp('確認されました', card.acknowledged));
  body.push(...stamp('完了しました', card.closed));
  body.push(...stamp(card.returned?.on ? `返却（持ち込み）されました: ${jstText(card.returned.on)}` : '返却（持ち込み）されました', card.returned));
  body.push(...stamp('取り下げられました', card.cancelled));
  body.push(...stamp('期限切れになりました', card.expired));
  for (const f of card.followUps) body.push(...stamp(f.kind === 'lost-card.found' ? 'カードが見つかったと報告されました' : f.kind === 'lost-card.replaced' ? 'カードの切替えが報告されました' : '報告がありました', f));

  const { buttons, comment } = actions(card);
  if (buttons.length > 0) {
    if (comment) body.push(inputText('comment', trusted('コメント（任意）'), { isMultiline: true, maxLength: MAX_COMMENT, spacing: 'Medium' }));
    body.push(actionSet(buttons, { spacing: 'Small' }));
  }
  const result = adaptiveCard(body);
  result.refresh = {
    action: execute<RefreshData>(trusted('最新の状態に更新'), REFRESH_VERB, { requestId: card.requestId }),
    userIds: refreshUserIds(card, options.channelUserIds),
  };
  return result;
}
