// Scripted conversations at the runner level: say(), click(), submit(), and what came back.
import type { Answer } from '../../../knowledge/types';
import { DialogRunner, type DialogRunnerOptions, type DialogWho, type RunnerResult } from '../../../dialogs/runner';
import type { Choice, DialogInput, Effect, Output, Prompt } from '../../../dialogs/types';
import { MemoryKv } from './memory-kv';
import { quote } from './policy-quotes';

export const T0 = Date.parse('2026-04-08T09:00:00+09:00');

export class Clock {
  t = T0;
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export function fakeAnswer(question: string): Answer {
  return { verdict: 'needs_permission', roles: ['データ取扱責任者'], citations: [], reply: `回答: ${question.slice(0, 20)}`, procedure: null, inputNotice: null };
}

export interface World {
  store: MemoryKv;
  clock: Clock;
  delivered: Effect[];
  asked: string[];
  failDelivery: { on: boolean };
  runner: (extra?: Partial<DialogRunnerOptions>) => DialogRunner;
}

export function world(extra: Partial<DialogRunnerOptions> = {}): World {
  const store = new MemoryKv();
  const clock = new Clock();
  const delivered: Effect[] = [];
  const asked: string[] = [];
  const failDelivery = { on: false };
  let ids = 0;
  const w: World = {
    store,
    clock,
    delivered,
    asked,
    failDelivery,
    runner: (more = {}) =>
      new DialogRunner({
        store,
        quote,
        ask: (q) => {
          asked.push(q);
          return fakeAnswer(q);
        },
        deliver: async (e) => {
          if (failDelivery.on) throw new Error('approvals down');
          delivered.push(e);
        },
        now: clock.now,
        newId: () => `run-${++ids}`,
        ...extra,
        ...more,
      }),
  };
  return w;
}

const PROMPT_TYPES = new Set(['question', 'form', 'summary', 'blocked']);

export class Convo {
  last: RunnerResult = { outputs: [], handled: false, delivered: [], undelivered: [] };
  history: Output[][] = [];

  constructor(
    public runner: DialogRunner,
    readonly who: DialogWho = { conversationId: 'conv-1', requester: { userId: 'u-sato', name: '佐藤 花子' } },
  ) {}

  async send(input: DialogInput): Promise<Output[]> {
    this.last = await this.runner.handle(this.who, input);
    this.history.push(this.last.outputs);
    return this.last.outputs;
  }

  say(text: string): Promise<Output[]> {
    return this.send({ type: 'text', text });
  }

  get outputs(): Output[] {
    return this.last.outputs;
  }

  /** The prompt now waiting for an answer (the last prompt output of the last turn). */
  get prompt(): Prompt {
    const p = [...this.outputs].reverse().find((o) => PROMPT_TYPES.has(o.type));
    if (!p) throw new Error(`no prompt in ${JSON.stringify(this.outputs.map((o) => o.type))}`);
    return p as Prompt;
  }

  /** The step id of the current prompt. */
  get step(): string {
    const p = this.prompt;
    return p.type === 'form' ? 'form' : p.step;
  }

  of<T extends Output['type']>(type: T): Extract<Output, { type: T }>[] {
    return this.outputs.filter((o) => o.type === type) as Extract<Output, { type: T }>[];
  }

  /** Every button in the last outputs. */
  buttons(): Choice[] {
    const out: Choice[] = [];
    for (const o of this.outputs) {
      if ('choices' in o && o.choices) out.push(...o.choices);
      if ('actions' in o && o.actions) out.push(...o.actions);
      if ('submit' in o && o.submit) out.push(o.submit);
      if (o.type === 'parked') out.push(o.resume);
    }
    return out;
  }

  async click(label: string): Promise<Output[]> {
    const b = this.buttons().find((c) => c.label === label);
    if (!b) throw new Error(`no button 「${label}」 among ${this.buttons().map((c) => c.label).join(', ')}`);
    return this.send({ type: 'card', data: b.data });
  }

  /** Submits the current question card (or form) with input values merged in, as Teams does. */
  async submit(values: Record<string, unknown>): Promise<Output[]> {
    const p = this.prompt;
    const submit = p.type === 'question' || p.type === 'form' ? p.submit : undefined;
    if (!submit) throw new Error('no submit on the current prompt');
    return this.send({ type: 'card', data: { ...submit.data, ...values } });
  }

  texts(): string {
    return this.outputs.map((o) => ('text' in o ? o.text : o.type)).join('\n');
  }
}
