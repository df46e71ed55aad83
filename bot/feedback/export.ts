// Feedback export formats: CSV (RFC 4180, UTF-8 with BOM so Excel reads Japanese) and JSON.

import type { FeedbackRow } from './store';

export type ExportFormat = 'csv' | 'json';

export const CSV_COLUMNS = [
  'feedback_at',
  'reaction',
  'comment',
  'question',
  'verdict',
  'labels',
  'roles',
  'procedure',
  'reply',
  'answered_at',
  'answer_id',
  'feedback_id',
] as const;

/** Quotes a CSV cell; cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function csvCell(value: string | null | undefined): string {
  let s = value ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: FeedbackRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.feedbackAt,
        r.reaction,
        r.comment,
        r.question,
        r.verdict,
        r.labels.join(' | '),
        r.roles.join(' | '),
        r.procedure,
        r.reply,
        r.answeredAt,
        r.answerId,
        r.feedbackId,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function toJson(rows: FeedbackRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function formatFeedback(rows: FeedbackRow[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(rows) : toJson(rows);
}
