// Turning where a run stands (a View) into the outputs the bot renders: question, summary, block, form, why.

import { COMMAND_LABELS } from './commands';
import { formatAnswer, type ProcContext, type StepSpec } from './procedure';
import type { Procedure } from './procedures';
import type { View } from './session';
import type { Choice, CommandName, Field, FormOutput, Output, Quote, QuoteFn } from './types';

export function quotesFor(labels: readonly string[], quote: QuoteFn): Quote[] {
  const out: Quote[] = [];
  for (const label of labels) {
    try {
      const q = quote(label);
      if (q && typeof q.text === 'string' && q.text !== '') out.push({ label: q.label || label, text: q.text });
    } catch {
      // a failing lookup shows no quote rather than breaking the turn
    }
  }
  return out;
}

function command(run: string, name: CommandName, label?: string, style?: Choice['style']): Choice {
  return { label: label ?? COMMAND_LABELS[name], data: { dialog: 'command', run, command: name }, ...(style ? { style } : {}) };
}

function actionsFor(proc: Procedure, run: string, view: View, ctx: ProcContext): Choice[] {
  const actions: Choice[] = [];
  if (ctx.trail.length > 0) actions.push(command(run, 'back'));
  if (view.kind === 'step') {
    if (view.spec.clauses.length > 0) actions.push(command(run, 'why'));
    if (view.spec.help) actions.push(command(run, 'info', view.spec.help.label));
    const form = proc.info.form;
    if (form && ctx.sealed === null && form.steps.includes(view.id)) actions.push(command(run, 'form'));
  }
  actions.push(command(run, 'cancel', undefined, 'destructive'));
  return actions;
}

/** The field ids a step uses on a whole-form card. */
export function formFieldIds(id: string, spec: StepSpec): string[] {
  return spec.input.kind === 'period' ? [`${id}From`, `${id}Until`] : [id];
}

function asFieldValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(String).join(',');
  return String(v);
}

/** Card inputs for one step; `ids` are the input ids to use (value / from, until on a question card). */
function fieldsFor(spec: StepSpec, ids: string[], prefill: unknown, required: boolean, note?: string): Field[] {
  const input = spec.input;
  const base = { label: spec.title, required, ...(note ? { note } : {}) };
  const id = ids[0] ?? 'value';
  switch (input.kind) {
    case 'choice':
    case 'multi': {
      const value = asFieldValue(prefill);
      return [{ ...base, id, kind: input.kind === 'choice' ? 'select' : 'multiselect', options: input.options.map((o) => ({ value: o.value, label: o.label })), ...(value !== undefined ? { value } : {}) }];
    }
    case 'text': {
      const value = asFieldValue(prefill);
      return [{ ...base, id, kind: input.multiline ? 'multiline' : 'text', maxLength: input.maxLength, ...(spec.hint ? { placeholder: spec.hint } : {}), ...(value !== undefined ? { value } : {}) }];
    }
    case 'period': {
      const p = (prefill ?? {}) as { from?: string; until?: string };
      return [
        { ...base, id, label: `${spec.title}（始まりの日）`, kind: 'date', ...(p.from ? { value: p.from } : {}) },
        { ...base, id: ids[1] ?? 'until', label: `${spec.title}（終わりの日）`, kind: 'date', ...(p.until ? { value: p.until } : {}) },
      ];
    }
    case 'date': {
      const value = asFieldValue(prefill);
      return [{ ...base, id, kind: 'date', ...(value !== undefined ? { value } : {}) }];
    }
    case 'confirm':
      return [];
  }
}

export interface PresentOptions {
  error?: string;
  quote: QuoteFn;
}

/** The outputs that show a run's current state; for steps, the last one is the prompt to answer. */
export function present(proc: Procedure, run: string, view: View, ctx: ProcContext, opts: PresentOptions): Output[] {
  const procedure = proc.info.id;
  switch (view.kind) {
    case 'step': {
      const spec = view.spec;
      const input = spec.input;
      const actions = actionsFor(proc, run, view, ctx);
      if (input.kind === 'confirm') {
        const s = spec.summary?.(ctx) ?? { title: spec.title, text: spec.question, rows: [], roles: [], clauses: [...spec.clauses] };
        return [
          {
            type: 'summary',
            procedure,
            run,
            step: view.id,
            title: s.title,
            text: opts.error ? `${opts.error}` : s.text,
            rows: s.rows,
            roles: s.roles,
            clauses: s.clauses,
            choices: [{ label: input.label, style: 'primary', data: { dialog: 'answer', run, step: view.id, value: 'submit' } }],
            actions,
          },
        ];
      }
      const prev = ctx.answers[view.id];
      const submit: Choice = { label: '次へ', style: 'primary', data: { dialog: 'answer', run, step: view.id } };
      const q = {
        type: 'question' as const,
        procedure,
        run,
        step: view.id,
        index: ctx.trail.length + 1,
        text: spec.question,
        ...(spec.hint ? { hint: spec.hint } : {}),
        ...(opts.error ? { error: opts.error } : {}),
        ...(prev !== undefined ? { previous: formatAnswer(spec, prev) } : {}),
        actions,
      };
      if (input.kind === 'choice') {
        return [
          {
            ...q,
            choices: input.options.map((o) => ({
              label: o.label,
              data: { dialog: 'answer', run, step: view.id, value: o.value },
              ...(o.description ? { description: o.description } : {}),
            })),
          },
        ];
      }
      const ids = input.kind === 'period' ? ['from', 'until'] : ['value'];
      const fields = fieldsFor(spec, ids, prev, true);
      const quick: Choice[] | undefined =
        input.kind === 'date' ? [{ label: '今日', data: { dialog: 'answer', run, step: view.id, value: '今日' } }] : undefined;
      return [{ ...q, fields, submit, ...(quick ? { choices: quick } : {}) }];
    }
    case 'blocked':
      return [
        {
          type: 'blocked',
          procedure,
          run,
          step: view.id,
          text: view.block.text,
          quotes: quotesFor(view.block.clauses, opts.quote),
          actions: actionsFor(proc, run, view, ctx),
        },
      ];
    case 'parked':
      return [{ type: 'parked', procedure, run, text: view.park.text, resume: { label: view.park.resumeLabel, data: { dialog: 'resume', run } } }];
    case 'done':
      return [{ type: 'notice', kind: view.id === 'cancelled' ? 'cancelled' : 'done', procedure, text: view.text }];
  }
}

/** なぜ？ (or the step's own help): the verbatim clauses behind the current step or block. */
export function why(proc: Procedure, view: View, quote: QuoteFn, which: 'why' | 'info'): Output {
  let labels: readonly string[] = [];
  let title = 'この質問の根拠';
  if (view.kind === 'step') {
    if (which === 'info' && view.spec.help) {
      labels = view.spec.help.clauses;
      title = view.spec.help.label;
    } else {
      labels = view.spec.clauses;
    }
  } else if (view.kind === 'blocked') {
    labels = view.block.clauses;
    title = '進めない理由';
  }
  const quotes = quotesFor(labels, quote);
  if (quotes.length === 0) {
    return { type: 'notice', kind: 'help', procedure: proc.info.id, text: labels.length ? `根拠の条文（${labels.join('、')}）を表示できませんでした。` : 'この段階で示す条文はありません。' };
  }
  return { type: 'why', procedure: proc.info.id, step: view.id, title, quotes };
}

/** The whole form as one card, prefilled from earlier answers or the last submission. */
export function formOutput(
  proc: Procedure,
  run: string,
  specs: ReadonlyMap<string, StepSpec>,
  prefill: Readonly<Record<string, unknown>>,
  errors: Record<string, string>,
): FormOutput {
  const form = proc.info.form;
  const fields: Field[] = [];
  for (const id of form?.steps ?? []) {
    const spec = specs.get(id);
    if (!spec) continue;
    const note = form?.notes?.[id];
    const ids = formFieldIds(id, spec);
    const own = fieldsFor(spec, ids, prefill[id], note === undefined, note);
    for (const f of own) {
      const e = errors[f.id];
      fields.push(e ? { ...f, error: e } : f);
    }
  }
  return {
    type: 'form',
    procedure: proc.info.id,
    run,
    title: form?.title ?? proc.info.title,
    text: form?.text ?? '',
    fields,
    errors,
    submit: { label: '確認へ進む', style: 'primary', data: { dialog: 'form', run } },
    actions: [command(run, 'cancel', undefined, 'destructive')],
  };
}
