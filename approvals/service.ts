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
import { DraftError, followUpRequestSchema, parseComment, parseDraft, refSchema, taskRequestSchema } from './draft';
import { writeChange } from './journal';
import { silentLogger, type ApprovalsLogger } from './log';
import { sweep, type SweepResult } from './sweep';
import { isReportKind, KIND_LABELS, receiptNumber, recipientsOf, stateLabel, type ActorRecord, type RequestRecord, type TaskRecord } from './model';
import { buildTask, defaultTasks, TASK_KIND_IDS } from './tasks';
import { toPerson, type Notification, type NotificationDraft } from './notification';
import { readEvents, readRequest, readRequests, type StoredEvent, type Timers } from './request-store';
import { requesterInfo, route, type RequesterInfo } from './routing';
import { migrateApprovals } from './schema';
import { periodEndMs } from './time';
import { addTask, apply, followUp, permittedActions, type Action, type ActionType, type FollowUp, type Transition } from './transitions';
import type { FollowUpRequest, RequestDraft, TaskRequest } from './types';

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

/** applied: changed; duplicate: this ref was applied before (nothing changed); the others: refused, nothing changed. */
export type ActOutcome = 'applied' | 'duplicate' | 'stale' | 'forbidden' | 'illegal' | 'not-found' | 'invalid';

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
  /** True when a request with this ref was stored before: nothing new was stored or sent. */
  duplicate: boolean;
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
    task: z.string().max(64).optional(),
    returnedOn: z.iso.date().optional(),
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
  async submit(input: RequestDraft, opts: { ref?: string } = {}): Promise<SubmitResult> {
    const draft = parseDraft(input);
    const parsedRef = opts.ref === undefined ? undefined : refSchema.safeParse(opts.ref);
    if (parsedRef && !parsedRef.success) throw new DraftError([{ path: 'ref', message: 'ref は1〜200文字にしてください' }]);
    const ref = parsedRef?.data;
    if (ref) {
      const existing = await this.submitted(ref, draft);
      if (existing) return existing;
    }
    const at = this.now();
    const now = at.toISOString();
    if (draft.period && periodEndMs(draft.period.until) <= at.getTime())
      throw new DraftError([{ path: 'period.until', message: '期間がすでに終わっています' }]);
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
    let result: Awaited<ReturnType<typeof writeChange>>;
    try {
      result = await this.db.tx(async (tx) => {
        if (ref) await tx.run('INSERT INTO approval_refs (ref, request_id, kind, at) VALUES ($1, $2, $3, $4)', [ref, record.id, 'submit', now]);
        return writeChange(tx, { record, timers, event: { type: 'submitted', actor: this.actorOf(draft.requester), data: ref ? { ref } : {} }, notify, at: now });
      });
    } catch (err) {
      // The same ref submitted concurrently: the other one won.
      const existing = ref ? await this.submitted(ref, draft) : undefined;
      if (existing) return existing;
      throw err;
    }
    if (!result.ok) throw new Error('a new request collided with an existing id');
    this.log.info('approvals.submitted', { request: record.id, kind: record.kind, recipients: notify.length });
    return { requestId: record.id, duplicate: false, card: cardState(record, this.actorOf(draft.requester)), notifications: result.notifications };
  }

  /** The request a submit ref created, as a duplicate submit result. */
  private async submitted(ref: string, draft: RequestDraft): Promise<SubmitResult | undefined> {
    const id = await this.requestIdForRef(ref);
    const rec = id ? await this.get(id) : undefined;
    if (!rec) return undefined;
    return { requestId: rec.id, duplicate: true, card: cardState(rec, this.actorOf(draft.requester)), notifications: [] };
  }

  /** The request an effect ref belongs to (a submit ref, or a task / follow-up ref). */
  async requestIdForRef(ref: string): Promise<string | undefined> {
    if (typeof ref !== 'string' || ref.length > 200) return undefined;
    const row = await this.db.get<{ request_id: string }>('SELECT request_id FROM approval_refs WHERE ref = $1', [ref]);
    return row?.request_id;
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
  /** 「停止しました」 on a lost-card report, or the done button of another task (`task`: its id). */
  completeTask(i: { requestId: string; actor: ActorInput; version: number; task?: string; comment?: string }): Promise<ActResult> {
    const action: Action = withComment({ type: 'complete-task' }, i.comment);
    if (i.task !== undefined) action.task = i.task;
    return this.act({ requestId: i.requestId, actor: i.actor, version: i.version, action });
  }
  /** The CSIRT's evaluation of an infection report (第3章 7(3)ウ(ア)). */
  evaluate(i: { requestId: string; actor: ActorInput; version: number; incident: boolean; comment?: string }): Promise<ActResult> {
    return this.act({ requestId: i.requestId, actor: i.actor, version: i.version, action: withComment({ type: 'evaluate', incident: i.incident }, i.comment) });
  }
  close(i: { requestId: string; actor: ActorInput; version: number; comment?: string }): Promise<ActResult> {
    return this.act({ ...i, action: withComment({ type: 'close' }, i.comment) });
  }
  /** 持ち込み: the carried-out items are back (returnedOn: YYYY-MM-DD, default the day it is recorded). */
  markReturned(i: { requestId: string; actor: ActorInput; version: number; returnedOn?: string; comment?: string }): Promise<ActResult> {
    const action: Action = withComment({ type: 'return' }, i.comment);
    if (i.returnedOn !== undefined) action.returnedOn = i.returnedOn;
    return this.act({ requestId: i.requestId, actor: i.actor, version: i.version, action });
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
    const a = parsed.data.action;
    const action: Action = { type: a.type };
    if (comment) action.comment = comment;
    if (a.incident !== undefined) action.incident = a.incident;
    if (a.task !== undefined) action.task = a.task;
    if (a.returnedOn !== undefined) action.returnedOn = a.returnedOn;
    const result = await this.change(requestId, actor, undefined, (rec, at) => {
      if (version !== rec.version) {
        const noun = isReportKind(rec.kind) ? '報告' : '申請';
        return { outcome: 'stale', message: `この${noun}はすでに更新されています（現在: ${stateLabel(rec)}）。最新の内容を表示します。`, card: cardState(rec, actor) };
      }
      return apply(rec, action, actor, { now: at, resolveRole: (role) => this.orgHolders(role) });
    });
    if (result.outcome === 'applied') {
      if (result.event === 'approval-recorded') result.message = '承認を記録しました。ほかの承認者の判断を待っています。';
      else if (action.type === 'evaluate' && action.incident) result.message = '評価を記録しました。CISO に報告します。';
      else result.message = APPLIED[action.type];
    }
    this.log.info(result.outcome === 'applied' ? 'approvals.action' : 'approvals.action-refused', { request: requestId, action: action.type, outcome: result.outcome });
    return strip(result);
  }

  /**
   * A task a procedure asks for on a submitted report (dialogs' `task` effect). Idempotent by `ref`; a
   * stop-card-access task maps onto the stop-access task every lost-card report already carries.
   */
  async addTask(i: { requestId?: string; requestRef?: string; ref?: string; actor?: ActorInput; task: TaskRequest }): Promise<ActResult> {
    const task = taskRequestSchema.safeParse(i.task);
    const ref = i.ref === undefined ? undefined : refSchema.safeParse(i.ref);
    if (!task.success || (ref && !ref.success)) return { outcome: 'invalid', message: '依頼の内容を読み取れませんでした。' };
    const requestId = await this.resolveRequest(i);
    if (!requestId) return { outcome: 'not-found', message: '申請が見つかりません。' };
    const t = task.data;
    const id = TASK_KIND_IDS[t.kind] ?? t.kind;
    const result = await this.change(requestId, undefined, ref?.data, (rec, at) => {
      const actor = i.actor ? this.actorOf(i.actor) : { userId: rec.requester.userId, ...(rec.requester.personId ? { personId: rec.requester.personId } : {}) };
      if (rec.tasks.some((x) => x.id === id)) return { outcome: 'duplicate', message: 'この対応はすでに依頼されています。', card: cardState(rec, actor), recordRef: true };
      const spec = { id, label: t.title, doneLabel: t.doneLabel, clauses: t.clauses, roles: t.roles, ...(t.details ? { details: t.details } : {}) };
      let built: TaskRecord;
      try {
        built = buildTask(this.dir, rec.requester, spec, this.config.escalationChain);
      } catch {
        return { outcome: 'illegal', message: 'この対応を受け持つ人が名簿にいません。', card: cardState(rec, actor) };
      }
      return { transition: addTask(rec, built, actor, at), actor };
    });
    return strip(result);
  }

  /** Something the requester reports later (dialogs' `followUp` effect): 持ち込み, card found, card replaced. */
  async followUp(i: { requestId?: string; requestRef?: string; ref?: string; actor: ActorInput; event: FollowUpRequest & { comment?: string } }): Promise<ActResult> {
    const ev = followUpRequestSchema.safeParse(i.event);
    const ref = i.ref === undefined ? undefined : refSchema.safeParse(i.ref);
    const who = z.object({ userId: z.string().trim().min(1).max(200), name: z.string().max(200).optional() }).safeParse(i.actor);
    if (!ev.success || !who.success || (ref && !ref.success)) return { outcome: 'invalid', message: '報告の内容を読み取れませんでした。' };
    const requestId = await this.resolveRequest(i);
    if (!requestId) return { outcome: 'not-found', message: '申請が見つかりません。' };
    const actor = this.actorOf(who.data);
    const e = ev.data;
    const f: FollowUp =
      e.kind === 'carry-out.returned'
        ? { kind: e.kind, returnedOn: e.returnedOn, ...(e.comment ? { comment: e.comment } : {}) }
        : e.kind === 'lost-card.found'
          ? { kind: e.kind, ...(e.details ? { details: e.details } : {}) }
          : { kind: e.kind, oldCard: e.oldCard, ...(e.details ? { details: e.details } : {}) };
    const result = await this.change(requestId, actor, ref?.data, (rec, at) => followUp(rec, f, actor, { now: at, resolveRole: (role) => this.orgHolders(role) }));
    if (result.outcome === 'applied') result.message = f.kind === 'carry-out.returned' ? APPLIED.return : '報告を記録しました。担当者に知らせます。';
    return strip(result);
  }

  private async resolveRequest(i: { requestId?: string; requestRef?: string }): Promise<string | undefined> {
    if (typeof i.requestId === 'string' && i.requestId.length <= 64) return i.requestId;
    if (typeof i.requestRef === 'string') return this.requestIdForRef(i.requestRef);
    return undefined;
  }

  /**
   * Reads and locks the request, lets `compute` decide, and writes the change in the same transaction
   * (retrying if the row moved in between). With `ref`, a ref seen before makes it a 'duplicate'.
   */
  private async change(
    requestId: string,
    viewer: ActorRecord | undefined,
    ref: string | undefined,
    compute: (rec: RequestRecord, at: string) => Transition | { transition: Transition; actor: ActorRecord } | (ActResult & { recordRef?: boolean }),
  ): Promise<ActResult & { event?: string }> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const at = this.now().toISOString();
      const result = await this.db.tx(async (tx): Promise<(ActResult & { event?: string }) | 'retry'> => {
        const stored = await readRequest(tx, requestId, true);
        if (!stored) return { outcome: 'not-found', message: '申請が見つかりません。' };
        const rec = stored.record;
        const requester: ActorRecord = { userId: rec.requester.userId, ...(rec.requester.personId ? { personId: rec.requester.personId } : {}) };
        if (ref) {
          const seen = await tx.get<{ request_id: string }>('SELECT request_id FROM approval_refs WHERE ref = $1', [ref]);
          if (seen) return { outcome: 'duplicate', message: 'すでに記録されています。', card: cardState(rec, viewer ?? requester) };
        }
        const c = compute(rec, at);
        const t = 'transition' in c ? c.transition : 'ok' in c ? c : undefined;
        const actor = 'transition' in c ? c.actor : (viewer ?? requester);
        if (!t) {
          const r = c as ActResult & { recordRef?: boolean };
          if (r.recordRef && ref) await tx.run('INSERT INTO approval_refs (ref, request_id, kind, at) VALUES ($1, $2, $3, $4)', [ref, requestId, 'effect', at]);
          const { recordRef: _r, ...rest } = r;
          return rest;
        }
        if (!t.ok) return { outcome: t.reason, message: t.message, card: cardState(rec, actor) };
        const timers = this.timersAfter(stored.timers, t.record);
        const w = await writeChange(tx, { prev: stored, record: t.record, timers, event: t.event, notify: t.notify, at });
        if (!w.ok) return 'retry';
        if (ref) await tx.run('INSERT INTO approval_refs (ref, request_id, kind, at) VALUES ($1, $2, $3, $4)', [ref, requestId, 'effect', at]);
        return { outcome: 'applied', message: '記録しました。', card: cardState(t.record, actor), notifications: w.notifications, event: t.event.type };
      });
      if (result !== 'retry') return result;
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
    return defaultTasks(kind, { stopAccess: this.config.stopAccessRoles, evaluate: this.config.evaluateRoles }).map((spec) =>
      buildTask(this.dir, requester, spec, this.config.escalationChain),
    );
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
      this.log.info('approvals.config-changed', { config: name });
      return true;
    });
  }
}

function strip(r: ActResult & { event?: string }): ActResult {
  const { event: _e, ...rest } = r;
  return rest;
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
    shortId: receiptNumber(r.id),
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
