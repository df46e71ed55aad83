import { csvCell, toCsv } from '../../approvals/csv';

describe('Excel-safe CSV', () => {
  it('starts with a BOM, ends rows with CRLF and quotes every cell', () => {
    const csv = toCsv(['受付番号', '件名'], [['AB12', '持ち出し, "研修"']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF"受付番号","件名"\r\n"AB12","持ち出し, ""研修"""\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('neutralises cells Excel would run as formulas', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', ' =1', '\u3000=1', '＝1+1', '＠x']) {
      expect(csvCell(evil).startsWith(`"'`)).toBe(true);
    }
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('2026-04-01')).toBe('"2026-04-01"');
  });

  it('keeps line breaks inside a quoted cell, normalised', () => {
    expect(csvCell('一行目\r\n二行目\r三行目')).toBe('"一行目\n二行目\n三行目"');
  });
});
