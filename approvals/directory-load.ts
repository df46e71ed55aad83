// Reads the organisation directory (JSON or YAML; YAML parses JSON too), validates it with zod and checks its
// cross-references. Every problem names its line and the person, department or role at fault.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { Directory } from './directory';
import { directorySchema } from './directory-schema';

export interface DirectoryProblem {
  /** 1-based line in the file (0 when unknown). */
  line: number;
  column: number;
  /** Where in the data, e.g. people[3].department. */
  path: string;
  /** Who is at fault: 職員 sato / 部署 jimu / 役割「CISO」 (empty when nobody in particular). */
  subject: string;
  message: string;
}

export class DirectoryError extends Error {
  constructor(readonly source: string, readonly problems: DirectoryProblem[]) {
    super(
      `組織名簿 ${source} に誤りがあります（${problems.length}件）:\n` +
        problems.map((p) => `  ${source}:${p.line}:${p.column} ${p.subject ? `${p.subject}: ` : ''}${p.message}`).join('\n'),
    );
    this.name = 'DirectoryError';
  }
}

export function loadDirectory(path: string): Directory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new DirectoryError(basename(path), [
      { line: 0, column: 0, path: '', subject: '', message: `ファイルを読めません（${code}）` },
    ]);
  }
  return parseDirectory(text, basename(path));
}

export function parseDirectory(text: string, source = 'directory'): Directory {
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new DirectoryError(
      source,
      doc.errors.map((e) => ({
        line: lc.linePos(e.pos[0]).line,
        column: lc.linePos(e.pos[0]).col,
        path: '',
        subject: '',
        message: `構文エラー（${e.code}）`,
      })),
    );
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = directorySchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => zodProblem(doc, lc, raw, i))),
    ...crossCheck(raw).map(({ path, message }) => problem(doc, lc, raw, path, message)),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  if (!parsed.success || problems.length > 0) throw new DirectoryError(source, problems);
  const data = parsed.data;
  const hash = createHash('sha256').update(canonicalJson(data)).digest('hex');
  return new Directory(data, hash, source);
}

type Path = (string | number)[];

/** Cross-references, checked on the raw data so they are reported together with the schema errors. */
function crossCheck(raw: unknown): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const root = obj(raw);
  const personIds = new Set<string>();
  const aadIds = new Map<string, string>();
  const deptIds = new Set<string>();
  list(root.departments).forEach((d, i) => {
    const id = str(obj(d).id);
    if (id === undefined) return;
    if (deptIds.has(id)) out.push({ path: ['departments', i, 'id'], message: `部署 id「${id}」が重複しています` });
    deptIds.add(id);
  });
  list(root.people).forEach((p, i) => {
    const person = obj(p);
    const id = str(person.id);
    if (id !== undefined) {
      if (personIds.has(id)) out.push({ path: ['people', i, 'id'], message: `職員 id「${id}」が重複しています` });
      personIds.add(id);
    }
    const aad = str(person.aadObjectId);
    if (aad !== undefined) {
      const other = aadIds.get(aad.toLowerCase());
      if (other !== undefined) out.push({ path: ['people', i, 'aadObjectId'], message: `aadObjectId が職員 ${other} と重複しています` });
      else aadIds.set(aad.toLowerCase(), id ?? `people[${i}]`);
    }
    const dept = str(person.department);
    if (dept !== undefined && !deptIds.has(dept))
      out.push({ path: ['people', i, 'department'], message: `部署「${dept}」は departments に定義されていません` });
  });
  const checkHolders = (ids: unknown, base: Path) =>
    list(ids).forEach((id, j) => {
      if (typeof id === 'string' && !personIds.has(id)) out.push({ path: [...base, j], message: `担当者「${id}」は people に定義されていません` });
    });
  list(root.departments).forEach((d, i) => {
    for (const [role, ids] of Object.entries(obj(obj(d).roles))) checkHolders(ids, ['departments', i, 'roles', role]);
  });
  for (const [role, ids] of Object.entries(obj(root.roles))) checkHolders(ids, ['roles', role]);
  return out;
}

function zodProblem(doc: Document, lc: LineCounter, raw: unknown, issue: z.core.$ZodIssue): DirectoryProblem {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const p = problem(doc, lc, raw, path, `不明な項目「${issue.keys.join('」「')}」があります`);
    const at = keyPosition(doc, lc, path, key);
    return at ? { ...p, ...at } : p;
  }
  return problem(doc, lc, raw, path, zodMessage(issue, valueAt(raw, path) === undefined));
}

function valueAt(raw: unknown, path: Path): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function zodMessage(issue: z.core.$ZodIssue, missing: boolean): string {
  const field = issue.path.length > 0 ? `「${String(issue.path[issue.path.length - 1])}」` : '';
  switch (issue.code) {
    case 'invalid_type':
      return missing ? `項目${field}がありません` : `項目${field}の型が違います（${issue.expected}が必要です）`;
    case 'too_small':
      return `項目${field}が短すぎるか空です`;
    case 'too_big':
      return `項目${field}が長すぎるか多すぎます`;
    case 'invalid_format':
    case 'custom':
      return `項目${field}: ${issue.message}`;
    default:
      return `項目${field}: ${issue.message}`;
  }
}

function problem(doc: Document, lc: LineCounter, raw: unknown, path: Path, message: string): DirectoryProblem {
  const pos = nodePosition(doc, lc, path);
  return { line: pos.line, column: pos.column, path: pathText(path), subject: subjectOf(raw, path), message };
}

/** The position of the deepest existing node on the path (a missing key points at its parent). */
function nodePosition(doc: Document, lc: LineCounter, path: Path): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const { line, col } = lc.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 0, column: 0 };
}

function keyPosition(doc: Document, lc: LineCounter, path: Path, key: string): { line: number; column: number } | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) {
      const { line, col } = lc.linePos(item.key.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

function pathText(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** 職員 sato / 部署 jimu の役割「…」 / 役割「CISO」, from the raw data so it works before validation. */
function subjectOf(raw: unknown, path: Path): string {
  const [top, index, field, role] = path;
  const at = (list: unknown, i: unknown): Record<string, unknown> | undefined => {
    if (!Array.isArray(list) || typeof i !== 'number') return undefined;
    const v: unknown = list[i];
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  };
  const root = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (top === 'people') {
    const p = at(root.people, index);
    return typeof p?.id === 'string' ? `職員 ${p.id}` : `職員（people[${String(index)}]）`;
  }
  if (top === 'departments') {
    const d = at(root.departments, index);
    const name = typeof d?.id === 'string' ? `部署 ${d.id}` : `部署（departments[${String(index)}]）`;
    return field === 'roles' && typeof role === 'string' ? `${name} の役割「${role}」` : name;
  }
  if (top === 'roles' && typeof index === 'string') return `役割「${index}」`;
  return '';
}
