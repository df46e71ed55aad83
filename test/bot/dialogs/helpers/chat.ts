// A person chatting with the bot over HTTP, as Teams does: typed messages and card submissions posted to
// /api/messages with deliveryMode "expectReplies"; the replies are what the person would see.
import { randomUUID } from 'node:crypto';
import { loadEngine } from '../../../../bot/engine';
import type { KnowledgeEngine } from '../../../../knowledge/types';
import { USER, cardSubmit, mentionMessage, message, post, type TeamsOptions } from '../../../support/teams';

let shared: KnowledgeEngine | undefined;
/** The real knowledge engine (quotes come from its clause tree), loaded once per test file. */
export function realEngine(): KnowledgeEngine {
  shared ??= loadEngine();
  return shared;
}

export interface Button {
  title: string;
  data: Record<string, unknown>;
  associatedInputs?: string;
  style?: string;
}

/** Every Action.Submit in a card, body (ActionSets, nested containers) and card-level actions. */
export function buttonsOf(card: any): Button[] {
  const out: Button[] = [];
  const walk = (items: any[] | undefined): void => {
    for (const el of items ?? []) {
      if (el.type === 'ActionSet') out.push(...el.actions.filter((a: any) => a.type === 'Action.Submit'));
      if (el.type === 'Container') walk(el.items);
    }
  };
  walk(card.body);
  out.push(...(card.actions ?? []).filter((a: any) => a.type === 'Action.Submit'));
  return out;
}

/** Every TextBlock text in a card (nested containers too) and FactSet facts as 'title: value'. */
export function textsOf(card: any): string[] {
  const out: string[] = [];
  const walk = (items: any[] | undefined): void => {
    for (const el of items ?? []) {
      if (el.type === 'TextBlock') out.push(el.text);
      if (el.type === 'FactSet') out.push(...el.facts.map((f: any) => `${f.title}: ${f.value}`));
      if (el.type === 'Container') walk(el.items);
    }
  };
  walk(card.body);
  return out;
}

/** Every input in a card. */
export function inputsOf(card: any): any[] {
  const out: any[] = [];
  const walk = (items: any[] | undefined): void => {
    for (const el of items ?? []) {
      if (typeof el.type === 'string' && el.type.startsWith('Input.')) out.push(el);
      if (el.type === 'Container') walk(el.items);
    }
  };
  walk(card.body);
  return out;
}

export class Chat {
  replies: any[] = [];
  readonly turns: any[][] = [];
  readonly conversationId: string;

  constructor(
    public url: string,
    readonly options: TeamsOptions & { mention?: boolean } = {},
  ) {
    this.conversationId = options.conversationId ?? `a:${randomUUID()}`;
  }

  private opts(): TeamsOptions {
    const { mention: _m, ...o } = this.options;
    // No serviceUrl unless given: replies come back in the HTTP response (expectReplies) either way.
    return { serviceUrl: null, ...o, conversationId: this.conversationId, expectReplies: true };
  }

  async post(activity: Record<string, any>): Promise<any[]> {
    const res = await post(this.url, activity);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}`);
    this.replies = res.body?.activities ?? [];
    this.turns.push(this.replies);
    return this.replies;
  }

  /** Types a message (with a leading @mention when the chat is a channel). */
  say(text: string): Promise<any[]> {
    return this.post(this.options.mention ? mentionMessage(text, this.opts()) : message(text, this.opts()));
  }

  /** Posts card data as Teams does for Action.Submit (the data, merged with the card's input values). */
  send(value: Record<string, unknown>): Promise<any[]> {
    return this.post(cardSubmit(value, this.opts()));
  }

  get cards(): any[] {
    return this.replies.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
  }

  /** The card of the last reply that has one. */
  get card(): any {
    const c = this.cards.at(-1);
    if (!c) throw new Error(`no card in the replies: ${JSON.stringify(this.texts)}`);
    return c;
  }

  /** The text of each reply: message text, or the card's text blocks joined. */
  get texts(): string[] {
    return this.replies.map((a) => a.text ?? (a.attachments ?? []).map((x: any) => textsOf(x.content).join(' / ')).join(' | '));
  }

  get all(): string {
    return this.texts.join('\n');
  }

  buttons(): Button[] {
    return this.cards.flatMap(buttonsOf);
  }

  button(title: string): Button {
    const b = this.buttons().find((x) => x.title === title);
    if (!b) throw new Error(`no button 「${title}」 among ${this.buttons().map((x) => x.title).join(', ')}`);
    return b;
  }

  /** Presses a button that sends its data only. */
  click(title: string): Promise<any[]> {
    const b = this.button(title);
    return this.send(b.data);
  }

  /** Fills the inputs of the last card and presses its button that sends them (次へ, 確認へ進む). */
  submit(values: Record<string, unknown>, title?: string): Promise<any[]> {
    const b = this.buttons().filter((x) => x.associatedInputs === 'auto' && (title === undefined || x.title === title)).at(-1);
    if (!b) throw new Error('no input-submitting button in the last card');
    return this.send({ ...b.data, ...values });
  }
}

export { USER };
