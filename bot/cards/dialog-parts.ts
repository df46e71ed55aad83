// Pieces shared by the guided-procedure cards: buttons from the runner's Choices, card inputs from its Fields,
// and verbatim clause quotes (long ones folded, with a toggle for the full text).
// Everything the runner gives is treated as untrusted: people's answers reach labels, rows and prefills.

import type { Choice, Field, Quote } from '../../dialogs/types';
import {
  type CardElement,
  type SubmitAction,
  type ToggleVisibilityAction,
  actionSet,
  container,
  inputChoiceSet,
  inputDate,
  inputText,
  inputValue,
  plainTitle,
  submit,
  textBlock,
  toggleVisibility,
  trusted,
  userText,
} from './adaptive';

/** Longest button caption. */
export const MAX_BUTTON_TITLE = 60;
/** Quotes longer than this show their beginning first, with 「全文を表示」. */
export const QUOTE_FOLD_AT = 240;
/** Longest quote shown at all (the longest cited clause, 第3章 4(1), has about 800 characters). */
export const MAX_QUOTE = 2000;

const STYLE: Record<NonNullable<Choice['style']>, SubmitAction['style']> = { primary: 'positive', destructive: 'destructive' };

/**
 * A runner button as Action.Submit with its `data` unchanged. Buttons that answer by themselves (choices,
 * 戻る, キャンセル, …) send no inputs (associatedInputs: none), so a required input never blocks them.
 */
export function choiceAction(choice: Choice, inputs: 'none' | 'auto' = 'none'): SubmitAction {
  return submit(plainTitle(choice.label, MAX_BUTTON_TITLE), choice.data, choice.style ? STYLE[choice.style] : undefined, { associatedInputs: inputs });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One card input per Field (Teams merges its value into the submitted data under `id`), and its error. */
export function fieldElements(field: Field): CardElement[] {
  const label = plainTitle(field.note ? `${field.label}（${field.note}）` : field.label, 120);
  const required = field.required ? { isRequired: true, errorMessage: '入力してください。' } : {};
  const value = field.value !== undefined ? inputValue(field.value, field.maxLength ?? 2000) : undefined;
  const id = inputValue(field.id, 100);
  let input: CardElement;
  switch (field.kind) {
    case 'text':
    case 'multiline':
      input = inputText(id, label, {
        ...required,
        ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.placeholder ? { placeholder: plainTitle(field.placeholder, 120) } : {}),
        ...(value ? { value } : {}),
      });
      break;
    case 'date':
      input = inputDate(id, label, { ...required, ...(value && ISO_DATE.test(value) ? { value } : {}) });
      break;
    case 'select':
    case 'multiselect': {
      const choices = (field.options ?? []).map((o) => ({ title: plainTitle(o.label, MAX_BUTTON_TITLE), value: inputValue(o.value, 100) }));
      const known = new Set(choices.map((c) => c.value));
      const kept = value
        ?.split(',')
        .filter((v) => known.has(v))
        .join(',');
      input = inputChoiceSet(id, label, choices, {
        ...required,
        ...(field.kind === 'multiselect' ? { isMultiSelect: true, style: 'expanded' as const } : { style: 'compact' as const }),
        ...(kept ? { value: kept } : {}),
      });
      break;
    }
  }
  const out: CardElement[] = [input];
  if (field.error) out.push(textBlock(userText(field.error, 200), { color: 'Attention', size: 'Small', spacing: 'None' }));
  return out;
}

/**
 * Verbatim clause quotes with their labels. `idPrefix` keeps element ids unique within a card; a long quote shows
 * its beginning and a 「全文を表示」 toggle.
 */
export function quoteElements(quotes: readonly Quote[], idPrefix: string): CardElement[] {
  const out: CardElement[] = [];
  quotes.forEach((q, i) => {
    const label = textBlock(userText(q.label, 80), { weight: 'Bolder', size: 'Small', color: 'Accent', ...(i > 0 ? { spacing: 'Medium' } : {}) });
    const chars = [...q.text];
    if (chars.length <= QUOTE_FOLD_AT) {
      out.push(container([label, textBlock(userText(q.text, MAX_QUOTE), { spacing: 'Small' })], { style: 'emphasis', ...(i > 0 ? { spacing: 'Small' } : {}) }));
      return;
    }
    const short = `${idPrefix}-q${i}-short`;
    const full = `${idPrefix}-q${i}-full`;
    const toggle: ToggleVisibilityAction = toggleVisibility(trusted('全文を表示 / 閉じる'), [short, full]);
    out.push(
      container(
        [
          label,
          textBlock(userText(q.text, QUOTE_FOLD_AT), { id: short, spacing: 'Small' }),
          textBlock(userText(q.text, MAX_QUOTE), { id: full, isVisible: false, spacing: 'Small' }),
          actionSet([toggle], { spacing: 'Small' }),
        ],
        { style: 'emphasis', ...(i > 0 ? { spacing: 'Small' } : {}) },
      ),
    );
  });
  return out;
}
