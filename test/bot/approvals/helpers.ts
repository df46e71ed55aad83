// The bot with its approvals for wire-level tests: the sample directory's people (the Agents Playground's users) chat
// with it over HTTP as Teams does, a local capture connector stands in for the Bot Connector (proactive messages,
// created chats, failures), and a test clock drives reminders and retries.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApprovalsOptions } from '../../../bot/approvals/setup';
import type { DialogOptions } from '../../../bot/dialogs/setup';
import type { Answer, Citation, Clause, KnowledgeEngine } from '../../../knowledge/types';
import type { TestDb } from '../../../storage/testing';
import type { Db } from '../../../storage/types';
import { startBot, type TestBot } from '../../support/bot';
import { type CaptureServer, type CapturedActivity, startCaptureServer } from '../../support/capture';
import { cardSubmit, message, post, type TeamsOptions } from '../../support/teams';

export const SAMPLE_DIRECTORY = path.join(__dirname, '../../../approvals/sample-directory.yaml');

/** The Playground's users as Teams sends them (from.id, aadObjectId) and their names. */
export const PEOPLE = {
  alex: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  megan: { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  adele: { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' },
  isaiah: { id: 'user-id-3', name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' },
  patti: { id: 'user-id-4', name: 'Patti Fernandez', aadObjectId: '00000000-0000-0000-0000-0000000000024' },
  lynne: { id: 'user-id-5', name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025' },
  nakamura: { id: '29:nakamura', name: '中村 健太', aadObjectId: '3f1c2a9e-5b7d-4e21-9c0a-6d8e4b2f1a01' },
  stranger: { id: '29:stranger', name: '部外者', aadObjectId: 'ffffffff-0000-0000-0000-000000000000' },
} as const;
export type PersonKey = keyof typeof PEOPLE;
export type Person = (typeof PEOPLE)[PersonKey];

export const TENANT = '00000000-0000-0000-0000-0000000000001';
export const BOT = '28:policy-bot-test';

const cite = (label: string, quote: string): Citation => ({ label, headings: [], quote });

/** Fixed answers by keyword (deterministic; the real engine is tested in test/knowledge and once below). */
export const ANSWERS: Record<string, Answer> = {
  インストール: {
    verdict: 'needs_permission',
    roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'],
    citations: [cite('第3章 8(1)チ(イ)', '職員等は、業務上の必要がある場合は、統括情報セキュリティ責任者及びデータ取扱責任者の許可を得て、ソフトウェアを導入することができる。')],
    reply: '',
    procedure: null,
    inputNotice: null,
  },
  クラウド: {
    verdict: 'needs_permission',
    roles: ['データ取扱責任者'],
    citations: [cite('第3章 7(1)ア(ウ)b', '…データ取扱責任者の許可を得なければならない。')],
    reply: '',
    procedure: null,
    inputNotice: null,
  },
  不審なメール: {
    verdict: 'must_report',
    roles: ['統一的な窓口'],
    citations: [cite('第3章 7(3)ア(ア)', '職員等は、情報セキュリティインシデントを認知した場合には、速やかに統一的な窓口に報告しなければならない。')],
    reply: '',
    procedure: null,
    inputNotice: null,
  },
  パスワード: {
    verdict: 'prohibited',
    roles: [],
    citations: [cite('第3章 7(2)イ(イ)', 'パスワードを他者に知られないように管理しなければならない。')],
    reply: '',
    procedure: null,
    inputNotice: null,
  },
};

export function approvalsEngine(): KnowledgeEngine {
  const notCovered: Answer = { verdict: 'not_covered', roles: [], citations: [], reply: '', procedure: null, inputNotice: null };
  const clause = { label: '第3章 8(1)チ(イ)', text: '', facts: { roles: [] } } as unknown as Clause;
  return {
    answer: (q: string) => ANSWERS[Object.keys(ANSWERS).find((k) => q.includes(k)) ?? ''] ?? notCovered,
    retrieve: () => [],
    clause: (label) => (label === clause.label ? clause : undefined),
    clauses: [clause],
  };
}

/** The sample directory with a second データ取扱責任者 in 総務課 (nakamura), for two approvers of one role. */
export function twoApproverDirectory(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'approvals-dir-'));
  const file = path.join(dir, 'directory.yaml');
  const text = readFileSync(SAMPLE_DIRECTORY, 'utf8').replace('      データ取扱責任者: [megan]', '      データ取扱責任者: [megan, nakamura]');
  writeFileSync(file, text);
  return file;
}

/** 2026-04-08 09:00 JST. */
export const T0 = Date.parse('2026-04-08T09:00:00+09:00');

export class Clock {
  t = T0;
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface ApprovalsBot extends TestBot {
  capture: CaptureServer;
  /** Each person's 1:1 chat with the bot (unique per capture connector, shared by the instances using it). */
  chat(p: Person): string;
  /** Delivers the outbox now (the background worker is off in tests). */
  deliver(): Promise<void>;
  /** What the capture connector received in a person's chat (their 1:1, or one the bot created for them). */
  inbox(p: Person): CapturedActivity[];
}

export interface ApprovalsBotOptions {
  env?: Record<string, string>;
  approvals?: ApprovalsOptions;
  engine?: KnowledgeEngine;
  clock?: Clock;
  dialogs?: DialogOptions;
}

let runs = 0;
const chats = new WeakMap<CaptureServer, string>();

export async function approvalsBot(db: Db, capture: CaptureServer, options: ApprovalsBotOptions = {}): Promise<ApprovalsBot> {
  // One chat per person and connector: instances sharing a database and a connector see the same chats, as in Teams.
  const run = chats.get(capture) ?? `${process.pid}-${++runs}-${randomUUID().slice(0, 6)}`;
  chats.set(capture, run);
  const clock = options.clock;
  const bot = await startBot({
    db,
    engine: options.engine ?? approvalsEngine(),
    env: { ORG_DIRECTORY: SAMPLE_DIRECTORY, ...options.env },
    ...(options.dialogs || clock ? { dialogs: { ...(clock ? { now: clock.now } : {}), ...options.dialogs } } : {}),
    approvals: {
      worker: false,
      outbox: { baseDelayMs: 1000, jitter: 0, deliveryTimeoutMs: 5000, leaseMs: 10_000 },
      ...(clock ? { now: clock.now } : {}),
      ...options.approvals,
    },
  });
  const chat = (p: Person) => `a:chat-${p.id}-${run}`;
  return {
    ...bot,
    capture,
    chat,
    deliver: () => bot.server.deps!.approvals.deliverNow(),
    inbox: (p) => {
      const created = new Set(
        capture.created.filter((c) => c.parameters.members?.some((m: any) => m.id === p.id || m.id === p.aadObjectId)).map((c) => c.conversationId),
      );
      return capture.received.filter((r) => r.conversationId === chat(p) || created.has(r.conversationId));
    },
  };
}

/**
 * For a describe block, like useTestDb: before its tests, starts a capture connector and an approvals bot on the test
 * database (`options` is read then, so it may use what earlier hooks set up), and the `greet`ed people say こんにちは
 * so that their 1:1 chats are known; after its tests, closes both. Call the returned accessors inside tests or hooks.
 */
export function useApprovalsBot(
  t: () => TestDb,
  setup: { options?: () => ApprovalsBotOptions; greet?: readonly Person[] } = {},
): { bot: () => ApprovalsBot; capture: () => CaptureServer } {
  let capture: CaptureServer | undefined;
  let bot: ApprovalsBot | undefined;
  beforeAll(async () => {
    capture = await startCaptureServer();
    bot = await approvalsBot(t().db, capture, setup.options?.());
    for (const p of setup.greet ?? []) await say(bot, p, 'こんにちは');
  });
  afterAll(async () => {
    await bot?.close();
    await capture?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('useApprovalsBot: the bot starts in beforeAll; use it inside tests or hooks');
    return value;
  };
  return { bot: () => started(bot), capture: () => started(capture) };
}

/** Activity options for a person in their own 1:1 chat, replies returned in the HTTP response. */
export function as(bot: ApprovalsBot, p: Person, over: TeamsOptions = {}): TeamsOptions {
  return {
    from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
    conversationId: bot.chat(p),
    serviceUrl: bot.capture.serviceUrl,
    tenantId: TENANT,
    expectReplies: true,
    ...over,
  };
}

function withBot(activity: Record<string, any>): Record<string, any> {
  return { ...activity, recipient: { id: BOT, name: 'policy-bot' } };
}

export async function say(bot: ApprovalsBot, p: Person, text: string, over: TeamsOptions = {}): Promise<any[]> {
  const res = await post(bot.url, withBot(message(text, as(bot, p, over))));
  if (res.status !== 200) throw new Error(`message answered ${res.status}: ${res.text}`);
  return res.body?.activities ?? [];
}

export async function press(bot: ApprovalsBot, p: Person, value: Record<string, unknown>, over: TeamsOptions = {}): Promise<any[]> {
  const res = await post(bot.url, withBot(cardSubmit(value, as(bot, p, over))));
  if (res.status !== 200) throw new Error(`card submit answered ${res.status}: ${res.text}`);
  return res.body?.activities ?? [];
}

/** The invoke Teams sends for an Action.Execute (or a card refresh); returns the HTTP status and body. */
export function executeActivity(bot: ApprovalsBot, p: Person, verb: string, data: Record<string, unknown>, over: TeamsOptions & { trigger?: 'manual' | 'automatic' } = {}): Record<string, any> {
  const base = message('', as(bot, p, { ...over, expectReplies: false }));
  const { text: _t, textFormat: _f, deliveryMode: _d, ...rest } = base;
  return withBot({ ...rest, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: over.trigger ?? 'manual' } });
}

export async function execute(
  bot: ApprovalsBot,
  p: Person,
  verb: string,
  data: Record<string, unknown>,
  over: TeamsOptions & { trigger?: 'manual' | 'automatic' } = {},
): Promise<{ status: number; body: any }> {
  const res = await post(bot.url, executeActivity(bot, p, verb, data, over));
  return { status: res.status, body: res.body };
}

export async function postActivity(bot: ApprovalsBot, activity: Record<string, any>): Promise<{ status: number; body: any }> {
  const res = await post(bot.url, activity);
  return { status: res.status, body: res.body };
}

/** Every action (Action.Submit and Action.Execute) of a card, body and card level. */
export function actionsOf(card: any): any[] {
  const out: any[] = [];
  const walk = (items: any[] | undefined): void => {
    for (const el of items ?? []) {
      if (el.type === 'ActionSet') out.push(...el.actions);
      if (el.type === 'Container') walk(el.items);
    }
  };
  walk(card?.body);
  out.push(...(card?.actions ?? []));
  return out;
}

/** Texts of a card's TextBlocks and FactSets ('title: value'), nested containers too. */
export function textsOf(card: any): string[] {
  const out: string[] = [];
  const walk = (items: any[] | undefined): void => {
    for (const el of items ?? []) {
      if (el.type === 'TextBlock') out.push(el.text);
      if (el.type === 'FactSet') out.push(...el.facts.map((f: any) => `${f.title}: ${f.value}`));
      if (el.type === 'Container') walk(el.items);
    }
  };
  walk(card?.body);
  return out;
}

export function cardOf(activity: any): any {
  return activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** The card an adaptiveCard/action invoke answered with. */
export function invokeCard(body: any): any {
  expect(body?.statusCode).toBe(200);
  expect(body?.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

/** The Action.Execute data of a card's button with this title. */
export function executeData(card: any, title: string): Record<string, unknown> {
  const a = actionsOf(card).find((x) => x.type === 'Action.Execute' && x.title === title);
  if (!a) throw new Error(`no Action.Execute 「${title}」 on the card (has: ${actionsOf(card).map((x) => x.title).join(', ')})`);
  expect(a.verb).toBe('approvals.act');
  return a.data;
}

/** Asks a question, presses 「許可を申請する」/「報告する」, fills the form and sends it; returns the replies. */
export async function requestFromAnswer(
  bot: ApprovalsBot,
  p: Person,
  question: string,
  form: { what?: string; why?: string; from?: string; until?: string },
): Promise<{ answer: any; formCard: any; replies: any[] }> {
  const [answer] = await say(bot, p, question);
  const offer = actionsOf(cardOf(answer)).find((a) => a.data?.action === 'approvals.offer');
  if (!offer) throw new Error('the answer offers no request');
  const [formActivity] = await press(bot, p, offer.data);
  const formCard = cardOf(formActivity);
  const send = actionsOf(formCard).find((a) => a.data?.action === 'approvals.submit');
  const replies = await press(bot, p, { ...send.data, ...form });
  return { answer, formCard, replies };
}
