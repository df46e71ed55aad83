// Validation of what is submitted (RequestDraft) and of the comments people add. Input is untrusted.
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import type { RequestDraft } from './types';

/** Control characters other than tab and newline are dropped; surrounding space trimmed. */
export function cleanText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, '').trim();
}

const text = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max));
const nonEmpty = (max: number) => z.string().transform(cleanText).pipe(z.string().min(1).max(max));

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'ISO 8601 の日付・日時で指定してください')
  .refine((s) => !Number.isNaN(Date.parse(s)), '存在しない日付です');

const MAX_DETAILS_CHARS = 16_000;

export const draftSchema = z.strictObject({
  kind: z.enum(['carry-out', 'lost-card', 'infection', 'permission', 'report']),
  urgent: z.boolean(),
  requester: z.strictObject({ userId: nonEmpty(200), name: text(100).optional() }),
  roles: z.array(nonEmpty(64)).min(1).max(10),
  clauses: z.array(nonEmpty(80)).max(20),
  title: nonEmpty(200),
  details: z
    .record(z.string().max(100), z.unknown())
    .refine((d) => {
      try {
        return canonicalJson(d).length <= MAX_DETAILS_CHARS;
      } catch {
        return false;
      }
    }, `details は JSON で ${MAX_DETAILS_CHARS} 文字以内にしてください`),
  question: text(2000).optional(),
  period: z
    .strictObject({ from: isoDate, until: isoDate })
    .refine((p) => Date.parse(p.from) <= Date.parse(p.until), '期間の終わりが始まりより前です')
    .optional(),
});

export class DraftError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid request draft: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'DraftError';
  }
}

export function parseDraft(input: unknown): RequestDraft {
  const r = draftSchema.safeParse(input);
  if (!r.success) throw new DraftError(r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  const d = r.data;
  const draft: RequestDraft = {
    kind: d.kind,
    urgent: d.urgent,
    requester: d.requester.name ? { userId: d.requester.userId, name: d.requester.name } : { userId: d.requester.userId },
    roles: d.roles,
    clauses: d.clauses,
    title: d.title,
    details: JSON.parse(canonicalJson(d.details)) as Record<string, unknown>,
  };
  if (d.question) draft.question = d.question;
  if (d.period) draft.period = d.period;
  return draft;
}

export const commentSchema = text(1000).optional();

/** A comment as stored: cleaned, at most 1000 characters, undefined when empty. */
export function parseComment(input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  const r = commentSchema.safeParse(typeof input === 'string' ? input : String(input));
  if (!r.success) throw new DraftError([{ path: 'comment', message: 'コメントは1000文字以内にしてください' }]);
  return r.data ? r.data : undefined;
}

/** Idempotency keys of procedures' effects (`ref`). */
export const refSchema = z.string().trim().min(1).max(200);

export const taskRequestSchema = z.object({
  kind: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/),
  roles: z.array(nonEmpty(64)).min(1).max(10),
  clauses: z.array(nonEmpty(80)).max(20).default([]),
  urgent: z.boolean().optional(),
  title: nonEmpty(200),
  doneLabel: nonEmpty(40),
  details: z.record(z.string().max(100), z.unknown()).optional(),
});

const details = z.record(z.string().max(100), z.unknown()).optional();

export const followUpRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('carry-out.returned'), clauses: z.array(z.string()).optional(), returnedOn: z.iso.date(), details, comment: text(1000).optional() }),
  z.object({ kind: z.literal('lost-card.found'), clauses: z.array(z.string()).optional(), details }),
  z.object({ kind: z.literal('lost-card.replaced'), clauses: z.array(z.string()).optional(), oldCard: z.enum(['handedOver', 'missing']), details }),
]);
