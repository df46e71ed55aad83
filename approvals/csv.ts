// CSV that Excel opens correctly: UTF-8 with BOM, CRLF, every cell quoted, and cells that Excel would read as a
// formula (= + - @, tab, CR, also full-width ＝＋－＠) neutralised with a leading apostrophe.

const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: string): string {
  let s = value.replace(/\r\n?/g, '\n');
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
