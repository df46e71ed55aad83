// The 持ち出し申請 dialog (task module). The fields, their labels, options and notes come from the guided
// procedure itself (dialogs' formFor), and so does the validation: draftFromForm runs here in the page for
// immediate Japanese messages, then on the server (the check API, with verbatim clause quotes for blocks), and
// once more in the bot on task/submit — the same function everywhere, so the page cannot disagree with the chat.

import './lib/zod-jitless';
import { dialog } from '@microsoft/teams-js';
import type { CarryOutCheckResponse } from '../../bot/web/contract';
import { todayIn } from '../../dialogs/dates';
import { draftFromForm, formFor } from '../../dialogs/forms';
import type { Field } from '../../dialogs/types';
import { api, ApiFailure, errorText } from './lib/api';
import { h, meta, render } from './lib/dom';
import { connect, NO_TOKEN_TEXT, OUTSIDE_DIALOG_HINT, OUTSIDE_TEXT, type Host } from './lib/teams';

const submissionId = crypto.randomUUID();
const form = formFor('carry-out', submissionId);
let host: Host;

type Values = Record<string, string | string[]>;

/** When a conditional field applies, from the other answers (the same conditions as the procedure's steps). */
const APPLIES: Record<string, (v: Values) => boolean> = {
  myNumber: (v) => Array.isArray(v.items) && v.items.includes('media'),
  measures: (v) => typeof v.classification === 'string' && ['3', '2', 'unknown'].includes(v.classification),
};

const fieldId = (id: string) => `field-${id}`;
const errorId = (id: string) => `error-${id}`;
const hintId = (id: string) => `hint-${id}`;

function control(f: Field, today: string): HTMLElement {
  const described = [f.placeholder || f.note ? hintId(f.id) : '', errorId(f.id)].filter(Boolean).join(' ');
  const common = { id: fieldId(f.id), name: f.id, 'aria-describedby': described, required: f.required };
  switch (f.kind) {
    case 'multiline':
      return h('textarea', { ...common, rows: 3, maxlength: f.maxLength });
    case 'date':
      return h('input', { ...common, type: 'date', min: today });
    case 'select':
    case 'multiselect':
      return h(
        'div',
        { class: 'choices', id: fieldId(f.id), tabindex: -1 },
        (f.options ?? []).map((o, i) => {
          const id = `${fieldId(f.id)}-${i}`;
          return h(
            'div',
            { class: 'choice' },
            h('input', { type: f.kind === 'select' ? 'radio' : 'checkbox', id, name: f.id, value: o.value, 'aria-describedby': described }),
            h('label', { for: id }, o.label),
          );
        }),
      );
    default:
      return h('input', { ...common, type: 'text', maxlength: f.maxLength, autocomplete: 'off' });
  }
}

function fieldBlock(f: Field, today: string): HTMLElement {
  const group = f.kind === 'select' || f.kind === 'multiselect';
  const label = [f.label, f.required ? h('span', { class: 'required' }, '必須') : h('span', { class: 'optional' }, '該当する場合')];
  const hint = f.placeholder || f.note ? h('p', { class: 'hint', id: hintId(f.id) }, [f.note ? `${f.note}に入力します。` : '', f.placeholder ?? ''].filter(Boolean).join(' ')) : null;
  const error = h('p', { class: 'error', id: errorId(f.id), hidden: true });
  const body = group
    ? h('fieldset', { 'aria-describedby': [hint ? hintId(f.id) : '', errorId(f.id)].filter(Boolean).join(' ') }, h('legend', {}, label), hint, control(f, today), error)
    : h('div', {}, h('label', { for: fieldId(f.id) }, label), hint, control(f, today), error);
  return h('div', { class: 'field', 'data-field': f.id }, body);
}

function values(root: HTMLFormElement): Values {
  const out: Values = {};
  for (const f of form.fields) {
    if (f.kind === 'multiselect') {
      out[f.id] = [...root.querySelectorAll<HTMLInputElement>(`input[name="${f.id}"]:checked`)].map((i) => i.value);
    } else if (f.kind === 'select') {
      out[f.id] = root.querySelector<HTMLInputElement>(`input[name="${f.id}"]:checked`)?.value ?? '';
    } else {
      out[f.id] = (root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${f.id}"]`)?.value ?? '').trim();
    }
  }
  for (const [id, applies] of Object.entries(APPLIES)) if (!applies(out)) delete out[id];
  return out;
}

function updateConditional(root: HTMLFormElement): void {
  const raw = collectRaw(root);
  for (const [id, applies] of Object.entries(APPLIES)) {
    const block = root.querySelector<HTMLElement>(`[data-field="${id}"]`);
    if (block) block.hidden = !applies(raw);
  }
}

/** Every answer as typed, ignoring conditions (to decide the conditions themselves). */
function collectRaw(root: HTMLFormElement): Values {
  const out: Values = {};
  for (const f of form.fields) {
    if (f.kind === 'multiselect') out[f.id] = [...root.querySelectorAll<HTMLInputElement>(`input[name="${f.id}"]:checked`)].map((i) => i.value);
    else if (f.kind === 'select') out[f.id] = root.querySelector<HTMLInputElement>(`input[name="${f.id}"]:checked`)?.value ?? '';
  }
  return out;
}

function showErrors(errors: Record<string, string>): void {
  const summary = document.getElementById('error-summary')!;
  const list: HTMLElement[] = [];
  for (const f of form.fields) {
    const message = errors[f.id];
    const el = document.getElementById(errorId(f.id))!;
    el.textContent = message ?? '';
    el.hidden = !message;
    const input = document.getElementById(fieldId(f.id));
    if (message) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
    if (message) list.push(h('li', {}, h('a', { href: `#${fieldId(f.id)}`, 'data-focus': fieldId(f.id) }, `${f.label}：${message}`)));
  }
  if (errors._form) list.push(h('li', {}, errors._form));
  summary.replaceChildren(h('h2', {}, `入力内容を確認してください（${list.length}件）`), h('ul', {}, list));
  summary.hidden = list.length === 0;
  if (list.length > 0) summary.focus();
}

function focusField(id: string): void {
  const el = document.getElementById(id);
  const target = el?.querySelector<HTMLElement>('input') ?? el;
  target?.focus();
}

function blockedView(b: { text: string; quotes: { label: string; text: string }[] }, back: () => void): HTMLElement {
  return h(
    'section',
    { class: 'blocked', 'aria-labelledby': 'blocked-heading' },
    h('h2', { id: 'blocked-heading', tabindex: -1 }, 'この内容では申請できません'),
    h('p', { class: 'notice' }, b.text),
    b.quotes.map((q) => h('figure', { class: 'quote' }, h('blockquote', {}, q.text), h('figcaption', {}, q.label))),
    h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: back }, '入力に戻る')),
  );
}

function confirmView(c: Extract<CarryOutCheckResponse, { ok: true }>, v: Values, back: () => void): HTMLElement {
  const submit = () => {
    if (host.kind !== 'teams') {
      document.getElementById('confirm-status')!.textContent = '開発用の表示では送信できません（Teams の中で開くと送信できます）。';
      return;
    }
    const appId = meta('policy-bot-teams-app-id');
    dialog.url.submit({ dialog: 'carry-out', submissionId, values: v }, appId ? [appId] : undefined);
  };
  return h(
    'section',
    { class: 'confirm', 'aria-labelledby': 'confirm-heading' },
    h('h2', { id: 'confirm-heading', tabindex: -1 }, 'この内容で申請します。よろしいですか？'),
    h('p', {}, c.title),
    h('dl', { class: 'facts' }, c.rows.flatMap((r) => [h('dt', {}, r.label), h('dd', {}, r.value)])),
    h('p', {}, `送信先：${c.roles.join('、')}`),
    h('p', { class: 'hint' }, `根拠条項：${c.clauses.join('、')}`),
    h('p', { id: 'confirm-status', class: 'status', role: 'status', 'aria-live': 'polite' }),
    h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'primary', onclick: submit }, '申請する'), h('button', { type: 'button', onclick: back }, '入力に戻る')),
  );
}

async function check(root: HTMLFormElement, status: HTMLElement, show: (el: HTMLElement | null) => void): Promise<void> {
  const v = values(root);
  const local = draftFromForm('carry-out', v, { userId: 'page' }, { ref: submissionId, now: new Date() });
  if (!local.ok && 'errors' in local) {
    showErrors(local.errors);
    return;
  }
  showErrors({});
  status.textContent = '確認しています…';
  let r: CarryOutCheckResponse;
  try {
    const res = await api<CarryOutCheckResponse>(host, '/api/web/carry-out/check', { method: 'POST', body: { values: v } });
    if (res.status !== 200) throw new ApiFailure(res.status, errorText(res.body, '確認できませんでした。'));
    r = res.body;
  } catch (err) {
    status.textContent = err instanceof ApiFailure ? err.text : '確認できませんでした。もう一度お試しください。';
    return;
  }
  status.textContent = '';
  if (r.ok) show(confirmView(r, v, () => show(null)));
  else if ('blocked' in r) show(blockedView(r.blocked, () => show(null)));
  else showErrors(r.errors);
}

async function main(): Promise<void> {
  host = await connect();
  if (host.kind === 'outside' || host.kind === 'no-token') {
    render(h('h1', {}, '持ち出し申請'), h('p', { class: 'notice', role: 'alert' }, host.kind === 'outside' ? `${OUTSIDE_TEXT}${OUTSIDE_DIALOG_HINT}` : NO_TOKEN_TEXT));
    return;
  }
  const today = todayIn(new Date());
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const summary = h('div', { id: 'error-summary', class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });
  const root = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'form-heading' },
    form.fields.map((f) => fieldBlock(f, today)),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, '確認へ進む')),
  );
  const formView = h('div', {}, h('p', {}, '入力して「確認へ進む」を押してください。「該当する場合」の項目は、当てはまるときだけ表示されます。'), summary, root, status);
  const step = h('div', { id: 'step' });
  const show = (el: HTMLElement | null) => {
    formView.hidden = el !== null;
    step.replaceChildren(...(el ? [el] : []));
    if (el) el.querySelector<HTMLElement>('h2')?.focus();
    else root.querySelector<HTMLElement>('button[type="submit"]')?.focus();
  };
  root.addEventListener('submit', (e) => {
    e.preventDefault();
    void check(root, status, show);
  });
  root.addEventListener('change', () => updateConditional(root));
  summary.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-focus]');
    if (!a) return;
    e.preventDefault();
    focusField(a.dataset.focus!);
  });
  render(h('h1', { id: 'form-heading' }, '持ち出し申請'), host.kind === 'dev' ? h('p', { class: 'who' }, `開発用の利用者（${host.userId}）として表示しています。`) : null, formView, step);
  updateConditional(root);
}

void main();
