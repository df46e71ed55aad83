// Personal tab 「申請」: my requests with their state and history, and — for approvers — the requests waiting for
// my decision, with 承認 / 却下 and a comment. Decisions go to the server, which applies the approvals' rules
// (the same as the cards); the page only shows what the server allows and what it answered.

import { dialog, DialogDimension } from '@microsoft/teams-js';
import type { DecisionResponse, RequestItem, RequestsResponse } from '../../bot/web/contract';
import { api, ApiFailure, errorText } from './lib/api';
import { h, meta, render, uid } from './lib/dom';
import { formatDate, formatDateTime } from './lib/format';
import { connect, NO_TOKEN_TEXT, OUTSIDE_TAB_HINT, OUTSIDE_TEXT, type Host } from './lib/teams';

const LOAD_FAILED = '申請の一覧を読み込めませんでした。しばらくしてから「最新の情報に更新」を押してください。';

let host: Host;
let status: HTMLElement;

function setStatus(text: string, tone: 'info' | 'success' | 'error' = 'info', focus = false): void {
  status.textContent = text;
  status.dataset.tone = tone;
  if (focus && text) status.focus();
}

function badge(item: RequestItem): HTMLElement {
  return h('span', { class: `badge state-${item.state}` }, item.stateLabel);
}

function facts(item: RequestItem, withRequester: boolean): HTMLElement {
  const rows: [string, string][] = [
    ['受付番号', item.shortId],
    ['申請日時', formatDateTime(item.createdAt)],
  ];
  if (withRequester) {
    const { name, department } = item.requester;
    rows.push(['申請者', `${name ?? '—'}${department ? `（${department}）` : ''}`]);
  }
  if (item.period) rows.push(['期間', `${formatDate(item.period.from)} 〜 ${formatDate(item.period.until)}`]);
  for (const r of item.rows) rows.push([r.label, r.value]);
  const approvers = item.assignments.map((a) => `${a.role}（${a.holders.join('、') || '担当者未設定'}）${a.decision ? `：${a.decision.outcome === 'approved' ? '承認' : '却下'}` : ''}`);
  if (approvers.length > 0) rows.push(['承認者', approvers.join(' / ')]);
  if (item.clauses.length > 0) rows.push(['根拠条項', item.clauses.join('、')]);
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function history(item: RequestItem): HTMLElement {
  return h(
    'details',
    { class: 'history' },
    h('summary', {}, `履歴（${item.history.length}件）`),
    h(
      'ol',
      {},
      item.history.map((e) =>
        h(
          'li',
          {},
          h('time', { datetime: e.at }, formatDateTime(e.at)),
          ` ${e.label}`,
          e.by ? `（${e.by}）` : '',
          e.comment ? h('span', { class: 'comment' }, `コメント: ${e.comment}`) : null,
        ),
      ),
    ),
  );
}

function decisionForm(item: RequestItem, titleId: string): HTMLElement {
  const commentId = uid('comment');
  const hintId = uid('hint');
  const comment = h('textarea', { id: commentId, name: 'comment', rows: 2, maxlength: 1000, 'aria-describedby': hintId });
  const buttons: HTMLButtonElement[] = [];
  const act = async (decision: 'approve' | 'reject') => {
    const label = decision === 'approve' ? '承認' : '却下';
    for (const b of buttons) b.disabled = true;
    setStatus(`${item.title} を${label}しています…`);
    try {
      const { body } = await api<DecisionResponse>(host, `/api/web/requests/${encodeURIComponent(item.requestId)}/decision`, {
        method: 'POST',
        body: { version: item.version, decision, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) },
      });
      const tone = body.outcome === 'applied' || body.outcome === 'duplicate' ? 'success' : 'error';
      await load(false);
      setStatus(errorText(body, tone === 'success' ? `${label}しました。` : '操作できませんでした。'), tone, true);
    } catch (err) {
      for (const b of buttons) b.disabled = false;
      setStatus(err instanceof ApiFailure ? err.text : '操作できませんでした。', 'error', true);
    }
  };
  if (item.actions.includes('approve')) {
    buttons.push(h('button', { type: 'button', class: 'primary', 'aria-describedby': titleId, onclick: () => void act('approve') }, '承認'));
  }
  if (item.actions.includes('reject')) {
    buttons.push(h('button', { type: 'button', class: 'danger', 'aria-describedby': titleId, onclick: () => void act('reject') }, '却下'));
  }
  return h(
    'div',
    { class: 'decision' },
    h('label', { for: commentId }, 'コメント（任意）'),
    comment,
    h('p', { id: hintId, class: 'hint' }, '申請者に届きます。却下するときは理由を書いてください。'),
    h('div', { class: 'buttons' }, buttons),
  );
}

function card(item: RequestItem, waiting: boolean): HTMLElement {
  const titleId = uid('title');
  return h(
    'li',
    {},
    h(
      'article',
      { class: `request${item.urgent ? ' urgent' : ''}`, 'aria-labelledby': titleId },
      h('header', {}, h('h3', { id: titleId }, item.title), h('p', { class: 'meta' }, h('span', { class: 'kind' }, item.kindLabel), ' ', badge(item), item.urgent ? h('span', { class: 'badge urgent' }, '至急') : null)),
      facts(item, waiting),
      item.history.length > 0 ? history(item) : null,
      waiting && item.actions.length > 0 ? decisionForm(item, titleId) : null,
      waiting && item.actions.length === 0 ? h('p', { class: 'hint' }, 'この申請への対応は、チャットのカードから行ってください。') : null,
    ),
  );
}

function section(id: string, title: string, items: RequestItem[], waiting: boolean, empty: string): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': id },
    h('h2', { id, tabindex: -1 }, `${title}（${items.length}件）`),
    items.length > 0 ? h('ul', { class: 'requests' }, items.map((i) => card(i, waiting))) : h('p', { class: 'empty' }, empty),
  );
}

async function load(announce = true): Promise<void> {
  let data: RequestsResponse;
  try {
    const { status: code, body } = await api<RequestsResponse>(host, '/api/web/requests');
    if (code !== 200) throw new ApiFailure(code, errorText(body, LOAD_FAILED));
    data = body;
  } catch (err) {
    setStatus(err instanceof ApiFailure ? err.text : LOAD_FAILED, 'error', true);
    return;
  }
  const list = document.getElementById('lists')!;
  list.replaceChildren(
    ...(data.waiting.length > 0 ? [section('waiting-heading', 'あなたの承認を待っている申請', data.waiting, true, '承認待ちの申請はありません。')] : []),
    section('mine-heading', '自分の申請', data.mine, false, 'まだ申請はありません。チャットで「持ち出し申請」と送ると、申請を始められます。'),
  );
  const who = document.getElementById('who')!;
  who.textContent = data.user.development ? `開発用の利用者（${host.kind === 'dev' ? host.userId : ''}）として表示しています。` : data.user.name ? `${data.user.name} さん` : '';
  if (announce) setStatus(`申請 ${data.mine.length}件、承認待ち ${data.waiting.length}件を表示しました。`);
}

/**
 * 「持ち出し申請を作成」: the dialog opened for the bot (dialog.url.bot.open), so Teams sends its result to the bot as
 * task/submit — the same path as the chat's button. Only in Teams, with the bot's id known and the host able to.
 */
function newRequestButton(): HTMLElement | null {
  const botId = meta('policy-bot-app-id');
  if (host.kind !== 'teams' || !botId) return null;
  let supported = false;
  try {
    supported = dialog.url.bot.isSupported();
  } catch {
    supported = false;
  }
  if (!supported) return null;
  const open = () => {
    dialog.url.bot.open(
      {
        url: `${window.location.origin}/dialog/carry-out`,
        title: '持ち出し申請',
        size: { height: DialogDimension.Large, width: DialogDimension.Medium },
        completionBotId: botId,
      },
      (r) => {
        if (r.err) return;
        void load(false).then(() => setStatus(typeof r.result === 'string' && r.result ? r.result : '持ち出し申請を送信しました。', 'success', true));
      },
    );
  };
  return h('button', { type: 'button', class: 'primary', onclick: open }, '持ち出し申請を作成');
}

async function main(): Promise<void> {
  host = await connect();
  if (host.kind === 'outside' || host.kind === 'no-token') {
    render(h('h1', {}, '申請'), h('p', { class: 'notice', role: 'alert' }, host.kind === 'outside' ? `${OUTSIDE_TEXT}${OUTSIDE_TAB_HINT}` : NO_TOKEN_TEXT));
    return;
  }
  // Always in the page (never display:none), so screen readers announce what is put into it.
  status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite', tabindex: -1 });
  render(
    h('header', { class: 'page' }, h('h1', {}, '申請'), h('p', { id: 'who', class: 'who' })),
    status,
    h('div', { class: 'toolbar buttons' }, newRequestButton(), h('button', { type: 'button', onclick: () => void load() }, '最新の情報に更新')),
    h('div', { id: 'lists' }),
  );
  await load();
}

void main();
