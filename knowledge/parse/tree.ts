// Builds the clause tree from logical lines: every numbered level becomes a clause with its canonical label.
import type { Clause, ClauseKind } from '../types';
import { readLines, type FrontMatter } from './lines';
import { RANK, readMarker, type Marker, type MarkerType } from './markers';
import { cleanText } from './normalize';

/** A clause before facts are derived. */
export type ParsedClause = Omit<Clause, 'facts'> & { line: number };

export interface ParsedPolicy {
  front: FrontMatter;
  clauses: ParsedClause[];
}

interface Open {
  clause: ParsedClause;
  type: MarkerType;
  ordinal: number;
  /** Last ordinal used by each child type, to check numbering order. */
  lastChild: Map<MarkerType, number>;
  body: string[];
}

/** Longest heading a numbered line can carry; longer text after a mark is the clause's body. */
const MAX_TITLE = 40;

function kindOf(marker: Marker, parent: Open | undefined): ClauseKind {
  switch (marker.type) {
    case 'chapter': return 'chapter';
    case 'section': return 'section';
    case 'subsection': return 'subsection';
    case 'katakana': return 'item';
    case 'circled': return parent?.type === 'katakana' ? 'subitem' : 'item';
    case 'parenKatakana': return 'subitem';
    case 'latin': return 'point';
  }
}

function isTitle(rest: string): boolean {
  return !/。$/.test(rest) && (rest.length <= MAX_TITLE || /[)）]$/.test(rest));
}

export function parsePolicy(source: string): ParsedPolicy {
  const { front, lines } = readLines(source);
  const clauses: ParsedClause[] = [];
  const stack: Open[] = [];
  const byLabel = new Map<string, ParsedClause>();

  const close = (o: Open) => {
    const c = o.clause;
    c.text = o.body.join('\n');
    // A numbered line with neither body nor children is the clause's text, not its heading.
    if (!c.text && c.title && c.children.length === 0) {
      c.text = c.title;
      c.title = '';
      c.headings = c.headings.slice(0, -1);
    }
  };

  for (const { line, text: rawText, table } of lines) {
    const marker = table ? null : readMarker(rawText);
    const placed = marker ? place(marker, stack) : null;
    if (!marker || !placed) {
      const top = stack[stack.length - 1];
      const text = cleanText(rawText);
      if (top && text) top.body.push(text);
      continue;
    }
    const { parent } = placed;
    while (stack.length && stack[stack.length - 1] !== parent) close(stack.pop()!);

    const chapter = marker.type === 'chapter' ? marker.ordinal : parent!.clause.chapter;
    const segments = marker.type === 'chapter' ? [] : [...parent!.clause.segments, marker.segment];
    const label = segments.length ? `第${chapter}章 ${segments.join('')}` : `第${chapter}章`;
    const rest = cleanText(marker.rest);
    const title = isTitle(rest) ? rest : '';
    const clause: ParsedClause = {
      label,
      chapter,
      segments,
      kind: kindOf(marker, parent),
      title,
      headings: [...(parent ? parent.clause.headings : []), ...(title ? [title] : [])],
      text: '',
      parent: parent ? parent.clause.label : null,
      children: [],
      line,
    };
    if (byLabel.has(label)) {
      // The same number twice under one parent: keep the text with the first one rather than lose it.
      const top = stack[stack.length - 1];
      if (top) top.body.push(cleanText(rawText));
      continue;
    }
    byLabel.set(label, clause);
    clauses.push(clause);
    if (parent) {
      parent.clause.children.push(label);
      parent.lastChild.set(marker.type, marker.ordinal);
    }
    stack.push({ clause, type: marker.type, ordinal: marker.ordinal, lastChild: new Map(), body: title ? [] : [rest] });
  }
  while (stack.length) close(stack.pop()!);
  return { front, clauses };
}

/**
 * Where a numbered line belongs: under the nearest open clause of lower rank, and only if its number
 * continues that parent's sequence (1 first, then +1, tolerating one missing number). A mark that fits
 * nowhere is ordinary text.
 */
function place(marker: Marker, stack: Open[]): { parent: Open | undefined } | null {
  if (marker.type === 'chapter') {
    const chapters = stack.filter((o) => o.type === 'chapter');
    const last = chapters[chapters.length - 1]?.ordinal ?? 0;
    return marker.ordinal > last && marker.ordinal <= last + 2 ? { parent: undefined } : null;
  }
  const rank = RANK[marker.type];
  for (let i = stack.length - 1; i >= 0; i--) {
    const open = stack[i]!;
    if (RANK[open.type] >= rank) {
      // A sibling of the same type continues the sequence; a higher level may take it instead.
      continue;
    }
    const last = open.lastChild.get(marker.type) ?? 0;
    if (marker.ordinal > last && marker.ordinal <= last + 2) return { parent: open };
    return null;
  }
  return null;
}
