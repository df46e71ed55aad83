// From the raw extracted text to logical lines: front matter and table of contents dropped, bullets and
// indentation removed, sentences broken across pages joined again, page-break debris removed, tables flattened.
import { readMarker } from './markers';
import { joinBroken } from './normalize';
import { flattenTable, isTableRow } from './tables';

export interface SourceLine {
  /** 1-based line number in the source text (of the line's first part). */
  line: number;
  text: string;
  table?: boolean;
}

export interface FrontMatter {
  title: string;
  /** e.g. 令和8年4月1日改定 */
  revision: string;
}

const SENTENCE_END = /[。：:]$/;
/** A line at least this long that stops mid-sentence continues on the next (the page broke it). */
const MIN_BROKEN_LINE = 30;
/** Longest heading a numbered line can carry. */
const MAX_HEADING = 40;
const APPENDIX = /^[〈<]\s*(参考文献|附則|別表|別紙)\s*[〉>]/;

function stripBullet(raw: string): string {
  return raw.replace(/^[\s\u3000]*(?:[-*•][\s\u3000]+)?/, '').replace(/[\s\u3000]+$/, '');
}

/** Splits the source into its front matter and the body's logical lines. */
export function readLines(source: string): { front: FrontMatter; lines: SourceLine[] } {
  const raw = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const front: FrontMatter = { title: '', revision: '' };

  // The body starts at the first chapter heading that is not a table-of-contents entry (those carry tabs).
  let start = raw.findIndex((l) => {
    const t = stripBullet(l);
    return !l.includes('\t') && readMarker(t)?.type === 'chapter';
  });
  if (start < 0) start = 0;
  for (const l of raw.slice(0, start)) {
    const t = l.trim();
    if (!t) continue;
    if (!front.title && !t.includes('\t') && !/目\s*次/.test(t)) front.title = t.replace(/\s+/g, ' ');
    const rev = /[(（]?\s*([^()（）]*?改定)\s*[)）]?$/.exec(t);
    if (rev && !front.revision) front.revision = rev[1]!.replace(/\s+/g, '');
  }

  const out: SourceLine[] = [];
  let blankBefore = false;
  let tableRows: { line: number; cells: string[]; blankBefore: boolean }[] = [];
  const flushTable = () => {
    if (tableRows.length) out.push(...flattenTable(tableRows));
    tableRows = [];
  };

  for (let i = start; i < raw.length; i++) {
    const rawLine = raw[i]!;
    if (!rawLine.trim()) {
      blankBefore = true;
      continue;
    }
    const text = stripBullet(rawLine);
    if (APPENDIX.test(text)) break;
    if (isTableRow(rawLine)) {
      tableRows.push({ line: i + 1, cells: rawLine.split('\t'), blankBefore });
      blankBefore = false;
      continue;
    }
    flushTable();
    const prev = out[out.length - 1];
    const marker = readMarker(text);
    if (prev && !prev.table && !marker && !text.startsWith('・')) {
      // Debris: a scrap that repeats the end of the previous line (a page break printed it twice).
      if (text.length <= 4 && SENTENCE_END.test(prev.text) && prev.text.endsWith(text)) {
        blankBefore = false;
        continue;
      }
      // A sentence broken by a page: join it back, dropping characters the break printed twice.
      // A short numbered line that is not a sentence ("…は、", ending in a comma) is a heading.
      const prevMarker = readMarker(prev.text);
      const heading = prevMarker !== null && prevMarker.rest.length <= MAX_HEADING && !/は、|[、，]$/.test(prevMarker.rest);
      if (!heading && !SENTENCE_END.test(prev.text) && prev.text.length >= MIN_BROKEN_LINE) {
        prev.text = joinBroken(prev.text, text);
        blankBefore = false;
        continue;
      }
    }
    out.push({ line: i + 1, text });
    blankBefore = false;
  }
  flushTable();
  return { front, lines: out };
}
