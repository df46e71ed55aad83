// Reading an answer for a step, from typed text or from a card submission, then validating it with the step's
// zod schema and check. Every failure becomes a short Japanese hint; nothing here throws on input.

import { parseDate, parsePeriod } from './dates';
import { clean, matchKey } from './normalize';
import type { CheckEnv, Option, StepSpec } from './procedure';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const fail = (error: string): Parsed => ({ ok: false, error });

interface Hit {
  option: Option;
  start: number;
  end: number;
}

function terms(o: Option): string[] {
  return [o.label, o.value, ...(o.synonyms ?? [])].map(matchKey).filter((t) => t !== '');
}

/** Options named in the text: exact match first, then the longest non-overlapping mentions. */
export function optionsIn(options: readonly Option[], text: string): Option[] {
  const key = matchKey(text);
  if (key === '') return [];
  const exact = options.filter((o) => terms(o).includes(key));
  if (exact.length > 0) return exact.slice(0, 1);
  // "2" or "2番" or "1,3": option numbers, when no option uses the digit as a word
  const spaced = key.replace(/番目?|[,、・&/ト]|and|及ビ/g, ' ').trim();
  if (/^\d{1,2}( +\d{1,2})*$/.test(spaced)) {
    const picked = spaced.split(/ +/).map((n) => options[Number(n) - 1]).filter((o): o is Option => o !== undefined);
    if (picked.length > 0) return [...new Set(picked)];
  }
  const hits: Hit[] = [];
  for (const o of options) {
    for (const t of terms(o)) {
      if (t.length < 2) continue;
      let i = key.indexOf(t);
      while (i >= 0) {
        hits.push({ option: o, start: i, end: i + t.length });
        i = key.indexOf(t, i + 1);
      }
    }
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Hit[] = [];
  for (const h of hits) {
    if (taken.some((t) => h.start < t.end && t.start < h.end)) continue;
    taken.push(h);
  }
  taken.sort((a, b) => a.start - b.start);
  return [...new Set(taken.map((h) => h.option))];
}

/** True when the whole text is exactly an option (or a confirm word): "わからない？" is an answer, not a question. */
export function isExactAnswer(spec: StepSpec, text: string): boolean {
  const key = matchKey(text);
  const input = spec.input;
  if (input.kind === 'choice' || input.kind === 'multi') return input.options.some((o) => terms(o).includes(key));
  if (input.kind === 'confirm') return key === matchKey(input.label) || CONFIRM_WORDS.includes(key);
  return false;
}

const CONFIRM_WORDS = ['はい', 'ok', 'okです', 'お願いします', 'おねがいします', 'よろしい', 'よろしいです', 'それでお願いします', '送信', '送信する', '申請', '申請する', '報告', '報告する', '通報', '通報する', 'yes', 'y', '確定'].map(matchKey);

function choicesHint(options: readonly Option[]): string {
  return `次から選んでください: ${options.map((o) => `「${o.label}」`).join('')}`;
}

/** Reads typed text as an answer to the step (before validation). */
export function parseTyped(spec: StepSpec, raw: string, today: string): Parsed {
  const text = clean(raw);
  const input = spec.input;
  switch (input.kind) {
    case 'choice': {
      const found = optionsIn(input.options, text);
      if (found.length === 1 && found[0]) return { ok: true, value: found[0].value };
      if (found.length > 1) return fail(`ひとつだけ選んでください。${choicesHint(input.options)}`);
      return fail(choicesHint(input.options));
    }
    case 'multi': {
      const key = matchKey(text);
      if ((input.none ?? []).map(matchKey).includes(key)) return { ok: true, value: [] };
      const found = optionsIn(input.options, text);
      if (found.length === 0) return fail(`${choicesHint(input.options)}（複数可）`);
      return { ok: true, value: found.map((o) => o.value) };
    }
    case 'text': {
      if (text === '') return fail('空のままでは進めません。ひとこと入力してください。');
      // emoji or punctuation alone say nothing a request could carry
      if (!/[\p{L}\p{N}]/u.test(text)) return fail('文字で入力してください。');
      if ([...text].length > input.maxLength) return fail(`${input.maxLength}字以内で入力してください（いまは${[...text].length}字です）。`);
      return { ok: true, value: text };
    }
    case 'period': {
      const p = parsePeriod(text, today);
      if (p === null) return fail('日付が読み取れませんでした。例:「4月10日〜4月12日」「明日」');
      return { ok: true, value: p };
    }
    case 'date': {
      const d = parseDate(text, today);
      if (d === null) return fail('日付が読み取れませんでした。例:「今日」「4月12日」');
      return { ok: true, value: d };
    }
    case 'confirm': {
      const key = matchKey(text);
      if (key === matchKey(input.label) || CONFIRM_WORDS.includes(key)) return { ok: true, value: 'submit' };
      return fail(`よければ「${input.label}」を押してください。直すときは「戻る」、やめるときは「キャンセル」です。`);
    }
  }
}

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * Reads a card submission as an answer. `raw` holds the card's input values: `value` for one-input cards,
 * `from` / `until` for a period. Values that are not option values are read like typed text.
 */
export function parseCardValue(spec: StepSpec, raw: { value?: unknown; from?: unknown; until?: unknown }, today: string): Parsed {
  const input = spec.input;
  switch (input.kind) {
    case 'choice': {
      const v = asString(raw.value);
      if (v === null) return fail(choicesHint(input.options));
      return input.options.some((o) => o.value === v) ? { ok: true, value: v } : parseTyped(spec, v, today);
    }
    case 'multi': {
      const list = Array.isArray(raw.value) ? raw.value.map(asString) : (asString(raw.value) ?? '').split(',');
      const values = list.filter((v): v is string => v !== null).map((v) => v.trim()).filter((v) => v !== '');
      if (values.length === 0) return { ok: true, value: [] };
      if (values.every((v) => input.options.some((o) => o.value === v))) return { ok: true, value: [...new Set(values)] };
      return parseTyped(spec, values.join('、'), today);
    }
    case 'period': {
      const from = asString(raw.from);
      const until = asString(raw.until);
      if (from === null && until === null) {
        const v = asString(raw.value);
        return v === null ? fail('始まりの日と終わりの日を入力してください。') : parseTyped(spec, v, today);
      }
      const f = from === null || from.trim() === '' ? null : parseDate(from, today);
      if (f === null) return fail('始まりの日を入力してください。');
      const u = until === null || until.trim() === '' ? f : parseDate(until, today, f);
      if (u === null) return fail('終わりの日が読み取れませんでした。');
      return { ok: true, value: { from: f, until: u } };
    }
    case 'text':
    case 'date':
    case 'confirm': {
      const v = asString(raw.value);
      if (input.kind === 'confirm' && v === 'submit') return { ok: true, value: 'submit' };
      return parseTyped(spec, v ?? '', today);
    }
  }
}

function hasJapanese(s: string): boolean {
  return /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
}

function schemaHint(spec: StepSpec): string {
  switch (spec.input.kind) {
    case 'choice':
      return choicesHint(spec.input.options);
    case 'multi':
      return `${choicesHint(spec.input.options)}（複数可）`;
    case 'period':
    case 'date':
      return '日付を確かめてください。';
    case 'text':
      return `${spec.input.maxLength}字以内で入力してください。`;
    case 'confirm':
      return `よければ「${spec.input.label}」を押してください。`;
  }
}

/** The step's schema, then its check; the value the machine receives. */
export function validate(spec: StepSpec, value: unknown, env: CheckEnv): Parsed {
  const r = spec.schema.safeParse(value);
  if (!r.success) {
    const msg = r.error.issues.map((i) => i.message).find(hasJapanese);
    return fail(msg ?? schemaHint(spec));
  }
  const problem = spec.check?.(r.data, env);
  return problem ? fail(problem) : { ok: true, value: r.data };
}
