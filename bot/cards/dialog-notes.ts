// The other guided-procedure cards: なぜ？ (the clause quotes), the one start confirmation, which waiting request a
// follow-up is about, 「送信しました」, and the procedure waiting for a later report (with its resume button).

import type { Output, TaskDraft } from '../../dialogs/types';
import { procedureTitles } from './actions';
import { type AdaptiveCard, type CardElement, adaptiveCard, factSet, textBlock, trusted, userText } from './adaptive';
import { choiceAction, quoteElements } from './dialog-parts';

type Of<T extends Output['type']> = Extract<Output, { type: T }>;

export function whyCard(w: Of<'why'>): AdaptiveCard {
  return adaptiveCard([
    textBlock(userText(w.title, 60), { weight: 'Bolder' }),
    textBlock(trusted('情報セキュリティポリシーの条文です。'), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...quoteElements(w.quotes, 'why'),
  ]);
}

/** confirmStart and pickRun: a short question and its buttons. */
export function choiceCard(c: Of<'confirmStart'> | Of<'pickRun'>): AdaptiveCard {
  return adaptiveCard([textBlock(userText(c.text, 300), { weight: 'Bolder' })], c.choices.map((x) => choiceAction(x)));
}

function taskLine(t: TaskDraft): string {
  return `${t.title}（${t.roles.join('、')}）`;
}

export function submittedCard(s: Of<'submitted'>): AdaptiveCard {
  const facts = [
    { title: trusted('内容'), value: userText(s.draft.title, 150) },
    { title: trusted('送信先'), value: userText(s.draft.roles.join('、'), 200) },
  ];
  if (s.draft.urgent) facts.push({ title: trusted('扱い'), value: trusted('至急') });
  for (const t of s.tasks) facts.push({ title: trusted('あわせて依頼'), value: userText(taskLine(t), 200) });
  const body: CardElement[] = [
    textBlock(trusted(`${procedureTitles[s.procedure]}: 送信しました`), { weight: 'Bolder', color: 'Good' }),
    factSet(facts, { spacing: 'Small' }),
    textBlock(userText(s.text, 300), { spacing: 'Small' }),
  ];
  return adaptiveCard(body);
}

export function parkedCard(p: Of<'parked'>): AdaptiveCard {
  return adaptiveCard([textBlock(userText(p.text, 400))], [choiceAction({ ...p.resume, style: p.resume.style ?? 'primary' })]);
}
