// The 「許可を申請する」 / 「報告する」 form as submitted: validated with zod, dates as calendar days in Japan Standard
// Time. Problems come back per field in Japanese, to show on the form again.

import { z } from 'zod';
import { cleanText } from '../../approvals/draft';
import { JST_OFFSET_MS } from '../../approvals/time';
import { MAX_WHAT, MAX_WHY, type OfferKind } from '../cards/request-form';

export interface RequestForm {
  what: string;
  why?: string;
  from?: string;
  until?: string;
}

export interface FormProblem {
  field: 'what' | 'why' | 'from' | 'until' | '';
  message: string;
}

/** Today's date in Japan (YYYY-MM-DD). */
export function jstToday(now: Date): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A longest period a single permission may cover. */
export const MAX_PERIOD_DAYS = 366;

const text = (max: number, tooLong: string) =>
  z.preprocess((v) => (typeof v === 'string' ? cleanText(v) : v === undefined || v === null ? '' : v), z.string({ error: '文字で入力してください。' }).max(max, tooLong));

/** An Input.Date value: YYYY-MM-DD of an existing day, or empty. */
const day = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v),
    z
      .string({ error: `${label}は日付で入力してください。` })
      .refine((s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), `${label}は正しい日付で入力してください。`),
  );

function schema(kind: OfferKind, today: string) {
  return z
    .object({
      what: text(MAX_WHAT, `内容は${MAX_WHAT}文字以内にしてください。`).refine((s) => s.length > 0, '内容を入力してください。'),
      why: text(MAX_WHY, `${kind === 'permission' ? '理由' : '詳しい状況'}は${MAX_WHY}文字以内にしてください。`),
      from: day('開始日'),
      until: day('終了日'),
    })
    .superRefine((f, ctx) => {
      if (kind === 'report') return;
      if ((f.from === '') !== (f.until === '')) {
        ctx.addIssue({ code: 'custom', path: [f.from === '' ? 'from' : 'until'], message: '期間は開始日と終了日の両方を入力してください。' });
        return;
      }
      if (f.from === '' || f.until === '') return;
      if (f.from < today) ctx.addIssue({ code: 'custom', path: ['from'], message: '開始日は今日以降の日付にしてください（日本時間）。' });
      if (f.until < f.from) ctx.addIssue({ code: 'custom', path: ['until'], message: '終了日は開始日以降の日付にしてください。' });
      else if ((Date.parse(f.until) - Date.parse(f.from)) / 86_400_000 >= MAX_PERIOD_DAYS)
        ctx.addIssue({ code: 'custom', path: ['until'], message: '期間は1年以内にしてください。' });
    });
}

/** The form's values, or the problems to show. Input is untrusted (anything may arrive in the card's data). */
export function parseRequestForm(kind: OfferKind, input: Record<string, unknown>, now: Date): { ok: true; form: RequestForm } | { ok: false; problems: FormProblem[]; values: Record<string, string> } {
  const r = schema(kind, jstToday(now)).safeParse({ what: input['what'], why: input['why'], from: input['from'], until: input['until'] });
  if (!r.success) {
    const problems = r.error.issues.map((i) => ({ field: (String(i.path[0] ?? '') as FormProblem['field']), message: i.message }));
    const values: Record<string, string> = {};
    for (const k of ['what', 'why', 'from', 'until'] as const) if (typeof input[k] === 'string') values[k] = input[k] as string;
    return { ok: false, problems, values };
  }
  const f = r.data;
  const form: RequestForm = { what: f.what };
  if (f.why) form.why = f.why;
  if (kind === 'permission' && f.from && f.until) {
    form.from = f.from;
    form.until = f.until;
  }
  return { ok: true, form };
}
