// Small typed builders for Adaptive Cards (schema 1.5). Cards are assembled from these, never from pasted JSON.
// Text that comes from people (names, questions, comments) goes through userText(), which escapes it.

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export type TextSize = 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
export type TextWeight = 'Lighter' | 'Default' | 'Bolder';
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: Spacing;
  separator?: boolean;
}

export interface SubmitAction<D extends object = object> {
  type: 'Action.Submit';
  title: string;
  data: D;
  style?: 'default' | 'positive' | 'destructive';
}

export type CardAction = SubmitAction;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export type CardElement = TextBlock | FactSet | Container | ActionSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
}

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

/** Text that is safe to put into a card: trusted (written by us or quoted from the policy) or escaped. */
declare const safe: unique symbol;
export type CardText = string & { readonly [safe]: true };

/** Marks text we wrote ourselves (or took from the policy) as safe for a card. */
export const trusted = (text: string): CardText => text as CardText;

/** Longest piece of user text shown in a card; the rest is cut with an ellipsis. */
export const MAX_USER_TEXT = 300;

/**
 * Escapes text typed by a person so that a card shows it literally: no markdown (links, emphasis, lists,
 * headings), no {{DATE()}}/{{TIME()}} functions, no control characters, bounded length.
 */
export function userText(input: unknown, max = MAX_USER_TEXT): CardText {
  let s = typeof input === 'string' ? input : '';
  // eslint-disable-next-line no-control-regex
  s = s.normalize('NFC').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '');
  s = s.replace(/\r\n?/g, '\n');
  if ([...s].length > max) s = `${[...s].slice(0, max).join('')}…`;
  // Inline markdown: emphasis, code, links and images.
  s = s.replace(/[\\`*_~[\]]/g, (c) => `\\${c}`);
  // Block markdown at a line start: headings, quotes, bullet and ordered lists.
  s = s.replace(/^(\s*)([#>+-])/gm, '$1\\$2');
  s = s.replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
  // Template functions: break up the opening braces.
  s = s.replace(/\{\{/g, '{\u200b{');
  return s as CardText;
}

export function textBlock(text: CardText, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function factSet(facts: Array<{ title: CardText; value: CardText }>, options: Omit<FactSet, 'type' | 'facts'> = {}): FactSet {
  return { type: 'FactSet', facts, ...options };
}

export function container(items: CardElement[], options: Omit<Container, 'type' | 'items'> = {}): Container {
  return { type: 'Container', items, ...options };
}

export function submit<D extends object>(title: CardText, data: D, style?: SubmitAction['style']): SubmitAction<D> {
  return style ? { type: 'Action.Submit', title, data, style } : { type: 'Action.Submit', title, data };
}

export function actionSet(actions: CardAction[], options: Omit<ActionSet, 'type' | 'actions'> = {}): ActionSet {
  return { type: 'ActionSet', actions, ...options };
}

export function adaptiveCard(body: CardElement[], actions?: CardAction[]): AdaptiveCard {
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', body };
  if (actions && actions.length > 0) card.actions = actions;
  return card;
}

export function cardAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
