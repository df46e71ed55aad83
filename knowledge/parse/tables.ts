// Tables in the extracted text (tab-separated cells, some with HTML lists) as readable lines.
import type { SourceLine } from './lines';
import { joinBroken } from './normalize';

/** A table row: tab-separated cells with text in at least two of them. */
export function isTableRow(raw: string): boolean {
  if (!raw.includes('\t')) return false;
  return raw.split('\t').filter((c) => c.trim()).length >= 2;
}

function cellText(cell: string): string {
  return cell
    .replace(/<[^>]*>/g, ' ')
    .split(/(?:^|\s)・/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join('、');
}

/**
 * Rows become sentences: "first cell：second cell。header：cell …". A row after a blank line whose first
 * cell is empty continues the previous row (a page broke it); without the blank line it is a new row that
 * shares the previous first cell.
 */
export function flattenTable(rows: { line: number; cells: string[]; blankBefore: boolean }[]): SourceLine[] {
  const [header, ...body] = rows;
  if (!header) return [];
  const names = header.cells.map((c) => c.replace(/\s+/g, ''));
  const merged: { line: number; cells: string[] }[] = [];
  for (const row of body) {
    const last = merged[merged.length - 1];
    if (last && row.blankBefore && !row.cells[0]?.trim()) {
      row.cells.forEach((c, i) => {
        last.cells[i] = joinBroken((last.cells[i] ?? '').replace(/\s+$/, ''), c.replace(/^\s+/, ''));
      });
      continue;
    }
    const cells = [...row.cells];
    if (last && !cells[0]?.trim()) cells[0] = last.cells[0] ?? '';
    merged.push({ line: row.line, cells });
  }
  return merged.map(({ line, cells }) => {
    const texts = cells.map(cellText);
    let text = texts[0] ?? '';
    if (texts[1]) text += `：${texts[1]}`;
    for (let i = 2; i < texts.length; i++) {
      if (texts[i]) text += `。${names[i] || ''}${names[i] ? '：' : ''}${texts[i]}`;
    }
    return { line, text, table: true };
  });
}
