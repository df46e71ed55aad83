// 「許可を申請する」 / 「報告する」 under an answer: the request draft built from the knowledge engine's answer and the
// short form the person filled in (what, why, from when until when). Routed to exactly the roles the answer named.
import { z } from 'zod';
import type { Answer } from '../knowledge/types';
import { cleanText, DraftError } from './draft';
import type { RequestDraft, Requester } from './types';

export const answerRequestFormSchema = z.object({
  /** What the person wants to do / what happened (one line). */
  what: z.string().transform(cleanText).pipe(z.string().min(1, '内容を入力してください').max(200)),
  /** Why (permission) / details (report). */
  why: z.string().transform(cleanText).pipe(z.string().max(1000)).optional(),
  from: z.iso.date().optional(),
  until: z.iso.date().optional(),
});

export type AnswerRequestForm = z.input<typeof answerRequestFormSchema>;

/** Whether an answer offers a request button, and which. */
export function requestOffer(answer: Pick<Answer, 'verdict' | 'roles'>): 'permission' | 'report' | null {
  if (answer.roles.length === 0) return null;
  if (answer.verdict === 'needs_permission') return 'permission';
  if (answer.verdict === 'must_report') return 'report';
  return null;
}

/** Throws DraftError when the form is invalid or the answer offers no request. */
export function draftFromAnswer(answer: Pick<Answer, 'verdict' | 'roles' | 'citations'>, question: string, requester: Requester, form: unknown): RequestDraft {
  const kind = requestOffer(answer);
  if (!kind) throw new DraftError([{ path: 'answer', message: 'この回答からは申請・報告できません' }]);
  const f = answerRequestFormSchema.safeParse(form);
  if (!f.success) throw new DraftError(f.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  const { what, why, from, until } = f.data;
  if ((from === undefined) !== (until === undefined)) throw new DraftError([{ path: 'until', message: '期間は開始日と終了日の両方を入力してください' }]);
  if (from !== undefined && until !== undefined && from > until) throw new DraftError([{ path: 'until', message: '終了日が開始日より前です' }]);
  const summary = [
    { label: kind === 'permission' ? '申請の内容' : '報告の内容', value: what },
    ...(why ? [{ label: kind === 'permission' ? '理由' : '詳細', value: why }] : []),
    ...(from && until ? [{ label: '期間', value: `${from}〜${until}` }] : []),
  ];
  const draft: RequestDraft = {
    kind,
    urgent: false,
    requester,
    roles: [...new Set(answer.roles)],
    clauses: answer.citations.slice(0, 5).map((c) => c.label),
    title: what,
    details: { what, ...(why ? { why } : {}), summary },
    question: cleanText(question).slice(0, 2000),
  };
  if (from && until) draft.period = { from, until };
  return draft;
}
