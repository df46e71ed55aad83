// 「許可を申請する」 / 「報告する」: the short form under an answer — what, why, and (for a permission) from when until
// when — with the question it came from, the roles it goes to and the clauses that ask for it.

import { type SubmitFormAction } from './approval-data';
import {
  type AdaptiveCard,
  type CardElement,
  adaptiveCard,
  container,
  factSet,
  inputDate,
  inputText,
  inputValue,
  submit,
  textBlock,
  trusted,
  userText,
} from './adaptive';

export type OfferKind = 'permission' | 'report';

export const MAX_WHAT = 200;
export const MAX_WHY = 1000;

export interface RequestFormInput {
  kind: OfferKind;
  answerId: string;
  /** Identifies this form: submitting it twice (double click, redelivery) stores one request. */
  formId: string;
  question: string;
  roles: string[];
  clauses: string[];
  /** Prefills (what the person typed before, or the question). */
  values?: { what?: string; why?: string; from?: string; until?: string };
  /** Problems to show, by field (what, why, from, until) or '' for the form. */
  errors?: Array<{ field: string; message: string }>;
}

export const OFFER_TITLES: Record<OfferKind, string> = { permission: '許可を申請する', report: '報告する' };

export function requestFormCard(f: RequestFormInput): AdaptiveCard {
  const permission = f.kind === 'permission';
  const body: CardElement[] = [
    textBlock(trusted(OFFER_TITLES[f.kind]), { size: 'Medium', weight: 'Bolder' }),
    factSet([
      { title: trusted('質問'), value: userText(f.question, 200) },
      { title: trusted(permission ? '申請先' : '報告先'), value: userText(f.roles.join('、'), 200) },
      ...(f.clauses.length > 0 ? [{ title: trusted('根拠条項'), value: userText(f.clauses.join('、'), 200) }] : []),
    ]),
  ];
  const errors = f.errors ?? [];
  if (errors.length > 0) {
    body.push(
      container(
        errors.map((e) => textBlock(trusted(userText(e.message, 200)), { spacing: 'None' })),
        { style: 'attention', spacing: 'Medium' },
      ),
    );
  }
  const v = f.values ?? {};
  const required = { isRequired: true, errorMessage: '入力してください。' };
  body.push(
    inputText('what', trusted(permission ? '申請の内容（何をしたいか）' : '報告の内容（何があったか）'), {
      ...required,
      maxLength: MAX_WHAT,
      spacing: 'Medium',
      ...(v.what ? { value: inputValue(v.what, MAX_WHAT) } : {}),
    }),
    inputText('why', trusted(permission ? '理由' : '詳しい状況'), {
      isMultiline: true,
      maxLength: MAX_WHY,
      ...(v.why ? { value: inputValue(v.why, MAX_WHY) } : {}),
    }),
  );
  if (permission) {
    body.push(
      inputDate('from', trusted('開始日'), v.from ? { value: inputValue(v.from, 10) } : {}),
      inputDate('until', trusted('終了日'), v.until ? { value: inputValue(v.until, 10) } : {}),
      textBlock(trusted('期間がある場合は開始日と終了日の両方を入れてください（日本時間）。'), { isSubtle: true, size: 'Small', spacing: 'Small' }),
    );
  }
  return adaptiveCard(body, [
    submit<SubmitFormAction>(trusted('送信する'), { action: 'approvals.submit', answerId: f.answerId, formId: f.formId }, 'positive'),
  ]);
}
