// The approvals workflow as the bot uses it: submit a request, act on it (approve, reject, acknowledge, …),
// read its card, list requests. Every change is one transaction (row, event, audit entry, notifications).
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../storage/types';
import { appendAudit } from './audit';
import { canonicalJson } from './canonical-json';
import { cardState, type CardState } from './card-state';
import { workflowConfig, type WorkflowConfig, type WorkflowConfigInput } from './config';
import { personRef, type Directory } from './directory';
import { parseComment, parseDraft } from './draft';
import { writeChange } from './journal';
import { silentLogger, type ApprovalsLogger } from './log';
import { sweep, type SweepResult } from './sweep';
import { isReportKind, KIND_LABELS, recipientsOf, stateLabel, type ActorRecord, type RequestRecord, type TaskRecord } from './model';
import { toPerson, type Notification, type NotificationDraft } from './notification';
import { readEvents, readRequest, readRequests, type StoredEvent, type Timers } from './request-store';
import { assign, requesterInfo, route, type RequesterInfo } from './routing';
import { migrateApprovals } from './schema';
import { periodEndMs } from './time';
import { apply, permittedActions, type Action, type ActionType } from './transitions';
import type { RequestDraft } from './types';

/** Who acts, as the bot knows them: Teams `from.aadObjectId` (else `from.id`) and display name. */
export interface ActorInput {
  userId: string;
  name?: string;
}

export interface ActInput {
  requestId: string;
  actor: ActorInput;
  /** The card version the person saw (from the Action.Execute data). */
  version: number;
  action: Action;
}

export type ActOutcome = 'applied' | 'stale' | 'forbidden' | 'illegal' | 'not-found' | 'invalid';

export interface ActResult {
  outcome: ActOutcome;
  /** A short Japanese sentence for the person who acted. */
  message: string;
  /** The current card for the actor (after the change when applied); absent when the request does not exist. */
  card?: CardState;
  /** The notifications queued by an applied change. */
  notifications?: Notification[];
}

export interface SubmitResult {
  requestId: string;
  /** The requester's card (state 承認待ち / 確認待ち, routing notices). */
  card: CardState;
  notifications: Notification[];
}

export interface RequestSummary {
  requestId: string;
  shortId: string;
  version: number;
  kind: RequestRecord['kind'];
  kindLabel: string;
  title: string;
  state: RequestRecord['state'];
  stateLabel: string;
  urgent: boolean;
  createdAt: string;
  updatedAt: string;
  requesterName?: string;
  /** What the person listing may do now (buttons). */
  actions: ActionType[];
}

export interface ApprovalsOptions {
  db: Db;
  directory: Directory;
  config?: WorkflowConfigInput;
  now?: () => Date;
  log?: ApprovalsLogger;
}

const actSchema = z.object({
  requestId: z.string().min(1).max(64),
  actor: z.object({ userId: z.string().trim().min(1).max(200), name: z.string().max(200).optional() }),
  version: z.number().int().min(1).max(1_000_000),
  action: z.object({
    type: z.enum(['approve', 'reject', 'cancel', 'acknowledge', 'complete-task', 'evaluate', 'close', 'return']),
    comment: z.unknown().optional(),
    incident: z.boolean().optional(),
  }),
});

const APPLIED: Record<ActionType, string> = {
  approve: '承認しました。申請者に通知します。',
  reject: '却下しました。申請者に通知します。',
  cancel: '取り下げました。',
  acknowledge: '確認済みにしました。',
  'complete-task': 'アクセスの停止を記録しました。',
  evaluate: '評価を記録しました。',
  close: '完了にしました。',
  return: '返却（持ち込み）を記録しました。',
};

const MAX_RETRIES = 5;

export class Approvals {
  readonly db: Db;
  readonly config: WorkflowConfig;
  private dir: Directory;
  private readonly now: () => Date;
  private readonly log: ApprovalsLogger;

  private constructor(o: ApprovalsOptions) {
    this.db = o.db;
    this.dir = o.directory;
    this.config = workflowConfig(o.config);
    this.now = o.now ?? (() => new Date());
    this.log = o.log ?? silentLogger;
  }

  /** Applies the migrations and records the directory and settings in the audit log when they changed. */
  static async open(o: ApprovalsOptions): Promise<Approvals> {
    const a = new Approvals(o);
    await migrateApprovals(a.db);
    await a.recordConfig('workflow', a.config, {});
    await a.recordDirectory(a.dir);
    return a;
  }

  get directory(): Directory {
    return this.dir;
  }

  /** Replaces the directory (reload); stored requests keep the recipients they were routed to. */
  async setDirectory(directory: Directory): Promise<void> {
    this.dir = directory;
    await this.recordDirectory(directory);
  }

  /**
   * Validates, routes and stores a request with its notifications. When this resolves the request is committed
   * (the bot may then say 「送信しました」). Throws DraftError (invalid draft) or NoRecipientError (nobody can
   * receive it, even up the escalation chain).
   */
  async submit(input: RequestDraft): Promise<SubmitResult> {
    const draft = parseDraft(input);
    const at = this.now();
    const now = at.toISOString();
    const requester = requesterInfo(this.dir, draft.requester);
    const chain = this.config.escalationChain;
    const assignments = route(this.dir, requester, draft.roles, chain);
    const tasks = this.tasksFor(draft.kind, requester);
    const record: RequestRecord = {
      id: randomUUID(),
      kind: draft.kind,
      urgent: draft.urgent,
      state: 'submitted',
      version: 1,
      requester,
      title: draft.title,
      roles: draft.roles,
      clauses: draft.clauses,
      details: draft.details,
      assignments,
      tasks,
      escalations: [],
      createdAt: now,
      updatedAt: now,
    };
    if (draft.question) record.question = draft.question;
    if (draft.period) record.period = draft.period;

    const report = isReportKind(draft.kind);
    const who = requester.name ? `${requester.name}さんから` : '';
    const what = `${KIND_LABELS[draft.kind]}「${draft.title}」`;
    const notify: NotificationDraft[] = recipientsOf(record).map((p) => ({
      type: report ? 'report' : 'approval-request',
      recipient: toPerson(p),
      text: `${draft.urgent ? '【至急】' : ''}${who}${what}が届きました。${report ? '内容をご確認ください。' : '承認または却下をお願いします。'}`,
    }));
    if (draft.urgent && this.config.urgentChannel)
      notify.push({ type: 'urgent-channel', recipient: { kind: 'channel' }, text: `【至急】${what}が届きました。` });
    if (draft.kind === 'lost-card' && this.config.stopAccessWebhook)
      notify.push({ type: 'stop-access-hook', recipient: { kind: 'webhook', hook: 'stop-access' }, text: `紛失した ICカード等によるアクセスの停止依頼（${what}）` });

    const timers = this.initialTimers(record, at.getTime());
    const result = await this.db.tx(async (tx) =>
      writeChange(tx, { record, timers, event: { type: 'submitted', actor: this.actorOf(draft.requester), data: {} }, notify, at: now }),
    );
    if (!result.ok) throw new Error('a new request collided with an existing id');
    this.log.info('approvals.submitted', { request: record.id, kind: record.kind, recipients: notify.length });
    return { requestId: record.id, card: cardState(record, this.actorOf(draft.requester)), notifications: result.notifications };
  }

  decide(i: { requestId: string; actor: ActorInput; version: number; decision: 'approve' | 'reject'; comment?: string }): Promise<ActResult> {
    return this.act({ requestId: i.requestId, actor: i.actor, version: i.version, action: withComment({ type: i.decision }, i.comment) });
  }
  cancel(i: { requestId: string; actor: ActorInput; version: number; comment?: string }): Promise<ActResult> {
    return this.act({ ...i, action: withComment({ type: 'cancel' }, i.comment) });
  }
  acknowledge(i: { requestId: string; actor: ActorInput; version: number; comment?: string }): Promise<ActResult> {
    return this.act({ ...i, action: withComment({ type: 'acknowledge' }, i.comment) });
  }
  /** 「停止しました」 on a lost-card report. */
  completeStopAccess(i: { requestId: string; actor: ActorInput; version: number; comment?: string }): Promise<ActResult> {
    return this.act({ ...i, action: withComment({ type: 'complete-task' }, i.comment) });
  }
  /** The CSIRT's evaluation of an infection report (第3章 7(3)ウ(ア)). */
  evaluate(i: { requestId: string; actor: ActorInput; version: number; incident: boolean; comment?: string }): Promise<ActResult> {
    return this.act({ requestId: i.requestId, actor: i.actor, version: i.version, action: withComment({ type: 'evaluate', incident: i.incident }, i.comment) });
  }
  close(i: { requestId: string; actor: ActorInput; version: number; comment?: string }): Promise<ActResult> {
    return this.act({ ...i, action: withComment({ type: 'close' }, i.comment) });
  }
  /** 持ち込み: the carried-out items are back. */
  markReturned(i: { requestId: string; actor: ActorInput; version: number; comment?: string }): Promise<ActResult> {
    return this.act({ ...i, action: withComment({ type: 'return' }, i.comment) });
  }

  /**
   * Applies one action if the version is current and the actor may take it. Never throws for bad input:
   * a stale, replayed, forbidden or illegal action changes nothing and returns the current card.
   */
  async act(input: ActInput): Promise<ActResult> {
    const parsed = actSchema.safeParse(input);
    if (!parsed.success) return { outcome: 'invalid', message: '操作の内容を読み取れませんでした。' };
    let comment: string | undefined;
    try {
      comment = parseComment(parsed.data.action.comment);
    } catch {
      return { outcome: 'invalid', message: 'コメントは1000文字以内にしてください。' };
    }
    const { requestId, version } = parsed.data;
    const actor = this.actorOf(parsed.data.actor);
    const action: Action = { type: parsed.data.action.type };
    if (comment) action.comment = comment;
    if (parsed.data.action.incident !== undefined) action.incident = parsed.data.action.incident;

    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const at = this.now().toISOString();
      const result = await this.db.tx(async (tx): Promise<ActResult | 'retry'> => {
        const stored = await readRequest(tx, requestId, true);
        if (!stored) return { outcome: 'not-found', message: '申請が見つかりません。' };
        const rec = stored.record;
        const noun = isReportKind(rec.kind) ? '報告' : '申請';
        if (version !== rec.version)
          return {
            outcome: 'stale',
            message: `この${noun}はすでに更新されています（現在: ${stateLabel(rec)}）。最新の内容を表示します。`,
            card: cardState(rec, actor),
          };
        const t = apply(rec, action, actor, { now: at, resolveRole: (role) => this.orgHolders(role) });
        if (!t.ok) return { outcome: t.reason, message: t.message, card: cardState(rec, actor) };
        const timers = this.timersAfter(stored.timers, t.record);
        const w = await writeChange(tx, { prev: stored, record: t.record, timers, event: t.event, notify: t.notify, at });
        if (!w.ok) return 'retry';
        let message = APPLIED[action.type];
        if (t.event.type === 'approval-recorded') message = '承認を記録しました。ほかの承認者の判断を待っています。';
        if (action.type === 'evaluate' && action.incident) message = '評価を記録しました。CISO に報告します。';
        return { outcome: 'applied', message, card: cardState(t.record, actor), notifications: w.notifications };
      });
      if (result !== 'retry') {
        if (result.outcome !== 'applied') this.log.info('approvals.action-refused', { request: requestId, action: action.type, outcome: result.outcome });
        else this.log.info('approvals.action', { request: requestId, action: action.type });
        return result;
      }
    }
    throw new Error(`request ${requestId} kept changing; gave up after ${MAX_RETRIES} attempts`);
  }

  /** Expiry, reminders and escalations that are due (call periodically; safe on several instances at once). */
  sweep(batch = 100): Promise<SweepResult> {
    return sweep({ db: this.db, config: this.config, directory: this.dir, now: this.now, log: this.log }, batch);
  }

  async get(requestId: string): Promise<RequestRecord | undefined> {
    if (typeof requestId !== 'string' || requestId.length > 64) return undefined;
    return (await readRequest(this.db, requestId))?.record;
  }

  /** The card as this viewer sees it now (for Action.Execute refresh), or undefined when there is no such request. */
  async card(requestId: string, viewer: ActorInput): Promise<CardState | undefined> {
    const rec = await this.get(requestId);
    return rec ? cardState(rec, this.actorOf(viewer)) : undefined;
  }

  async events(requestId: string): Promise<StoredEvent[]> {
    return readEvents(this.db, requestId);
  }

  /** 申請状況: the person's own requests, newest first. */
  async listMine(user: ActorInput, opts: { limit?: number; openOnly?: boolean } = {}): Promise<RequestSummary[]> {
    const actor = this.actorOf(user);
    const limit = clampLimit(opts.limit);
    const records = await readRequests(
      this.db,
      `SELECT record FROM approval_requests WHERE requester_id = $1 OR (requester_person IS NOT NULL AND requester_person = $2)
       ORDER BY created_at DESC, id LIMIT $3`,
      [actor.userId.toLowerCase(), actor.personId ?? '', opts.openOnly ? 500 : limit],
    );
    const rows = opts.openOnly ? records.filter((r) => cardState(r, actor).open) : records;
    return rows.slice(0, limit).map((r) => summary(r, actor));
  }

  /** 申請状況 for approvers and recipients: what waits for this person's action, oldest first. */
  async listWaiting(user: ActorInput, opts: { limit?: number } = {}): Promise<RequestSummary[]> {
    const actor = this.actorOf(user);
    const limit = clampLimit(opts.limit);
    const records = await readRequests(
      this.db,
      `SELECT r.record FROM approval_requests r
       WHERE r.state IN ('submitted', 'acknowledged') AND r.id IN (
         SELECT p.request_id FROM approval_participants p WHERE p.person_id = $1 OR p.aad_object_id = $2)
       ORDER BY r.created_at, r.id LIMIT 500`,
      [actor.personId ?? actor.userId, actor.userId.toLowerCase()],
    );
    return records
      .map((r) => summary(r, actor))
      .filter((s) => s.actions.some((a) => a !== 'return'))
      .slice(0, limit);
  }

  /** Organisation holders of a role, for notifications outside a request's routing (the CISO on incidents). */
  orgHolders(role: string) {
    return this.dir.holders(role)?.people.map(personRef) ?? [];
  }

  actorOf(user: ActorInput): ActorRecord {
    const person = this.dir.person(user.userId);
    const actor: ActorRecord = { userId: user.userId };
    if (person) actor.personId = person.id;
    const name = person?.name ?? user.name;
    if (name) actor.name = name;
    return actor;
  }

  private tasksFor(kind: RequestDraft['kind'], requester: RequesterInfo): TaskRecord[] {
    const chain = this.config.escalationChain;
    if (kind === 'lost-card')
      return [{ id: 'stop-access', label: '紛失した ICカード等によるアクセスの停止', clause: '第3章 7(4)ア(イ)', ...assign(this.dir, requester, this.config.stopAccessRole, chain) }];
    if (kind === 'infection')
      return [{ id: 'evaluate', label: '情報セキュリティインシデントかどうかの評価', clause: '第3章 7(3)ウ(ア)', ...assign(this.dir, requester, this.config.evaluateRole, chain) }];
    return [];
  }

  private initialTimers(rec: RequestRecord, nowMs: number): Timers {
    const c = this.config;
    const iso = (ms: number) => new Date(ms).toISOString();
    let expireAt: string | null = null;
    if (!isReportKind(rec.kind)) {
      let end = nowMs + c.expireAfterMs;
      if (rec.period) end = Math.min(end, periodEndMs(rec.period.until));
      expireAt = iso(Math.max(end, nowMs));
    }
    return {
      remindAt: c.remindAfterMs > 0 && c.maxReminders > 0 ? iso(nowMs + c.remindAfterMs) : null,
      remindersSent: 0,
      escalateAt: rec.urgent && isReportKind(rec.kind) ? iso(nowMs + c.escalateAfterMs) : null,
      escalationLevel: 0,
      expireAt,
    };
  }

  /** Timers stop once a request no longer waits for its recipients. */
  private timersAfter(t: Timers, rec: RequestRecord): Timers {
    if (rec.state === 'submitted') return t;
    return { ...t, remindAt: null, escalateAt: null, expireAt: null };
  }

  private async recordDirectory(d: Directory): Promise<void> {
    await this.recordConfig('directory', { hash: d.hash }, { source: d.source, people: d.people.length, departments: d.data.departments.length });
  }

  /** Appends config.changed to the audit log when the named configuration's hash differs from the last one. */
  async recordConfig(name: string, value: unknown, extra: Record<string, unknown>): Promise<boolean> {
    const hash = createHash('sha256').update(canonicalJson(value)).digest('hex');
    const at = this.now().toISOString();
    return this.db.tx(async (tx) => {
      const row = await tx.get<{ hash: string }>('SELECT hash FROM approval_config WHERE name = $1', [name]);
      if (row?.hash === hash) return false;
      await tx.run(
        'INSERT INTO approval_config (name, hash, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at',
        [name, hash, at],
      );
      await appendAudit(tx, { kind: 'config.changed', subject: name, at, data: { hash, previousHash: row?.hash ?? null, ...extra } });
      this.log.info('approvals.config-changed', { name });
      return true;
    });
  }
}

function withComment(a: Action, comment: string | undefined): Action {
  return comment === undefined ? a : { ...a, comment };
}

function clampLimit(n: number | undefined): number {
  return Math.max(1, Math.min(100, Number.isInteger(n) ? (n as number) : 20));
}

function summary(r: RequestRecord, actor: ActorRecord): RequestSummary {
  const s: RequestSummary = {
    requestId: r.id,
    shortId: r.id.slice(0, 8).toUpperCase(),
    version: r.version,
    kind: r.kind,
    kindLabel: KIND_LABELS[r.kind],
    title: r.title,
    state: r.state,
    stateLabel: stateLabel(r),
    urgent: r.urgent,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    actions: permittedActions(r, actor),
  };
  if (r.requester.name) s.requesterName = r.requester.name;
  return s;
}
