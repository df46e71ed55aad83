// The cards a procedure waits on: a question (choice buttons or inputs), the whole form, the summary to confirm,
// and a block (what the policy forbids, with the clause quotes). Action.Submit data is the runner's, unchanged.

import type { BlockedOutput, FormOutput, QuestionOutput, SummaryOutput } from '../../dialogs/types';
import { procedureTitles } from './actions';
import { type AdaptiveCard, type CardElement, actionSet, adaptiveCard, container, factSet, plainTitle, textBlock, trusted, userText } from './adaptive';
import { choiceAction, fieldElements, quoteElements } from './dialog-parts';

/** Longest text of ours or a person's in one block (questions, hints, summaries are much shorter). */
const MAX_TEXT = 600;

function heading(procedure: QuestionOutput['procedure'], extra?: string): CardElement {
  const title = procedureTitles[procedure];
  return textBlock(trusted(extra ? `${title}・${extra}` : title), { size: 'Small', isSubtle: true });
}

export function questionCard(q: QuestionOutput): AdaptiveCard {
  const body: CardElement[] = [heading(q.procedure, `質問${Math.max(1, Math.min(99, Math.trunc(q.index) || 1))}`)];
  if (q.error) body.push(textBlock(userText(q.error, 300), { color: 'Attention', weight: 'Bolder', spacing: 'Small' }));
  body.push(textBlock(userText(q.text, MAX_TEXT), { weight: 'Bolder', spacing: 'Small' }));
  // The hint is shown once: as the input's placeholder when it is one, else under the question.
  if (q.hint && !(q.fields ?? []).some((f) => f.placeholder === q.hint)) {
    body.push(textBlock(userText(q.hint, 300), { isSubtle: true, size: 'Small', spacing: 'Small' }));
  }
  if (q.previous) body.push(textBlock(userText(`前回の回答: ${q.previous}`, 300), { isSubtle: true, size: 'Small', spacing: 'Small' }));
  const choices = q.choices ?? [];
  const described = choices.filter((c) => c.description);
  if (described.length > 0) {
    body.push(factSet(described.map((c) => ({ title: userText(c.label, 40), value: userText(c.description, 300) })), { spacing: 'Small' }));
  }
  const fields = q.fields ?? [];
  for (const f of fields) body.push(...fieldElements(f));
  // With inputs: 次へ (sends them) first, then quick answers such as 今日; without: the choices alone.
  const buttons = [...(q.submit && fields.length > 0 ? [choiceAction(q.submit, 'auto')] : []), ...choices.map((c) => choiceAction(c))];
  if (buttons.length > 0) body.push(actionSet(buttons, { spacing: 'Small' }));
  return adaptiveCard(body, q.actions.map((a) => choiceAction(a)));
}

export function formCard(f: FormOutput): AdaptiveCard {
  const body: CardElement[] = [textBlock(plainTitle(f.title, 60), { weight: 'Bolder', size: 'Medium' })];
  if (f.text) body.push(textBlock(userText(f.text, MAX_TEXT), { spacing: 'Small' }));
  if (Object.keys(f.errors).length > 0) {
    body.push(textBlock(trusted('入力に不備があります。赤字の項目を直してください。'), { color: 'Attention', weight: 'Bolder' }));
  }
  for (const field of f.fields) body.push(...fieldElements(field));
  return adaptiveCard(body, [choiceAction(f.submit, 'auto'), ...f.actions.map((a) => choiceAction(a))]);
}

export function summaryCard(s: SummaryOutput): AdaptiveCard {
  const body: CardElement[] = [
    heading(s.procedure),
    textBlock(userText(s.title, 100), { weight: 'Bolder', size: 'Medium', spacing: 'Small' }),
    textBlock(userText(s.text, MAX_TEXT), { spacing: 'Small' }),
  ];
  if (s.rows.length > 0) body.push(factSet(s.rows.map((r) => ({ title: userText(r.label, 40), value: userText(r.value, 400) }))));
  const footer: CardElement[] = [];
  if (s.roles.length > 0) footer.push(textBlock(userText(`送信先: ${s.roles.join('、')}`, 300), { spacing: 'Small' }));
  if (s.clauses.length > 0) footer.push(textBlock(userText(`根拠: ${s.clauses.join('、')}`, 300), { isSubtle: true, size: 'Small', spacing: 'Small' }));
  if (footer.length > 0) body.push(container(footer, { spacing: 'Medium' }));
  return adaptiveCard(body, [...s.choices.map((c) => choiceAction(c)), ...s.actions.map((a) => choiceAction(a))]);
}

export function blockedCard(b: BlockedOutput): AdaptiveCard {
  return adaptiveCard(
    [
      heading(b.procedure),
      container([textBlock(userText(b.text, MAX_TEXT), { color: 'Attention', weight: 'Bolder' })], { style: 'attention', spacing: 'Small' }),
      ...quoteElements(b.quotes, 'blocked'),
    ],
    b.actions.map((a) => choiceAction(a)),
  );
}
