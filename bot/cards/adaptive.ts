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
  id?: string;
  isVisible?: boolean;
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
  /** 'none': the button sends its data only (no input values, no required-input check). */
  associatedInputs?: 'auto' | 'none';
}

/** Shows or hides elements by id on the client (e.g. the full text of a long quote). */
export interface ToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: string[];
}

/**
 * A universal action (Adaptive Cards 1.5): Teams sends the invoke `adaptiveCard/action` with `verb` and `data` (plus
 * the card's inputs) and shows the card the bot answers with, in place.
 */
export interface ExecuteAction<D extends object = object> {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: D;
  style?: 'default' | 'positive' | 'destructive';
  /** 'none': the button sends its data only (no input values, no required-input check). */
  associatedInputs?: 'auto' | 'none';
}

export type CardAction = SubmitAction | ToggleVisibilityAction | ExecuteAction;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

interface InputBase {
  id: string;
  /** Shown above the input (Adaptive Cards 1.3+). */
  label?: string;
  isRequired?: boolean;
  /** Shown by the client when a required input is empty. */
  errorMessage?: string;
  spacing?: Spacing;
}

export interface InputText extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  maxLength?: number;
  isMultiline?: boolean;
}

export interface InputDate extends InputBase {
  type: 'Input.Date';
  /** YYYY-MM-DD */
  value?: string;
}

export interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Array<{ title: string; value: string }>;
  /** Multi-select values are joined with ','. */
  value?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded';
}

export type CardInput = InputText | InputDate | InputChoiceSet;

export type CardElement = TextBlock | FactSet | Container | ActionSet | CardInput;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
  /** Universal actions: the clients of these users ask the bot for the current card when they show it. */
  refresh?: { action: ExecuteAction; userIds: string[] };
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

/**
 * A value for an input's prefill or a choice's value: shown literally by the client (no markdown), so it is not
 * escaped, only cleaned of control and bidi characters and bounded.
 */
export function inputValue(input: unknown, max = 2000): string {
  let s = typeof input === 'string' ? input : '';
  // eslint-disable-next-line no-control-regex
  s = s.normalize('NFC').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '');
  s = s.replace(/\r\n?/g, '\n');
  return [...s].length > max ? [...s].slice(0, max).join('') : s;
}

/**
 * Text for surfaces that show it literally (button titles, input labels, choice titles): cleaned and bounded,
 * not markdown-escaped (a backslash would show).
 */
export function plainTitle(input: unknown, max = 100): CardText {
  const s = inputValue(input, Number.MAX_SAFE_INTEGER).replace(/\s+/g, ' ').trim();
  const chars = [...s];
  return (chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s) as CardText;
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

export function submit<D extends object>(
  title: CardText,
  data: D,
  style?: SubmitAction['style'],
  options: { associatedInputs?: 'auto' | 'none' } = {},
): SubmitAction<D> {
  const action: SubmitAction<D> = style ? { type: 'Action.Submit', title, data, style } : { type: 'Action.Submit', title, data };
  if (options.associatedInputs) action.associatedInputs = options.associatedInputs;
  return action;
}

export function execute<D extends object>(
  title: CardText,
  verb: string,
  data: D,
  style?: ExecuteAction['style'],
  options: { associatedInputs?: 'auto' | 'none' } = {},
): ExecuteAction<D> {
  const action: ExecuteAction<D> = { type: 'Action.Execute', title, verb, data };
  if (style) action.style = style;
  if (options.associatedInputs) action.associatedInputs = options.associatedInputs;
  return action;
}

export function toggleVisibility(title: CardText, targetElements: string[]): ToggleVisibilityAction {
  return { type: 'Action.ToggleVisibility', title, targetElements };
}

type InputOptions<I> = Omit<I, 'type' | 'id' | 'label'>;

export function inputText(id: string, label: CardText, options: InputOptions<InputText> = {}): InputText {
  return { type: 'Input.Text', id, label, ...options };
}

export function inputDate(id: string, label: CardText, options: InputOptions<InputDate> = {}): InputDate {
  return { type: 'Input.Date', id, label, ...options };
}

export function inputChoiceSet(
  id: string,
  label: CardText,
  choices: Array<{ title: CardText; value: string }>,
  options: Omit<InputOptions<InputChoiceSet>, 'choices'> = {},
): InputChoiceSet {
  return { type: 'Input.ChoiceSet', id, label, choices, ...options };
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
