// The approvals workflow inside the bot: the organisation directory, the workflow (policy roles from the knowledge
// engine, settings from the bot's configuration), the outbox delivering through the SDK's connector, the background
// worker, and the conversation references proactive messages need.

import type { CloudAdapter } from '@microsoft/agents-hosting';
import type { Directory } from '../../approvals/directory';
import type { Deliver, OutboxOptions } from '../../approvals/outbox';
import { POLICY_ROLE_NAMES, policyRoleNames } from '../../approvals/policy-roles';
import { type ApprovalsRuntime, startApprovals } from '../../approvals/runtime';
import type { Approvals } from '../../approvals/service';
import type { WorkflowConfigInput } from '../../approvals/config';
import type { KnowledgeEngine } from '../../knowledge/types';
import type { Db } from '../../storage/types';
import type { Claims } from '../claims';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { RequestRecord } from '../../approvals/model';
import { TeamsDelivery } from './delivery';
import { type ProcedureSettler, ProcedureRuns } from './procedure-runs';
import { ConversationRefs } from './refs';

export interface ApprovalsOptions {
  /** A loaded directory instead of ORG_DIRECTORY (tests). */
  directory?: Directory | string;
  /** Clock (tests). */
  now?: () => Date;
  /** false: no background worker (tests drive deliveries with `deliverNow()`); default: one every APPROVAL_WORKER_INTERVAL_SECONDS. */
  worker?: boolean;
  /** Outbox tuning (tests: shorter retries, lease). */
  outbox?: Omit<OutboxOptions, 'db' | 'deliver' | 'log' | 'now'>;
  /** Wraps the Teams delivery (tests: count calls, fail on purpose). */
  wrapDeliver?: (deliver: Deliver) => Deliver;
}

export interface BotApprovals {
  readonly approvals: Approvals;
  readonly runtime: ApprovalsRuntime;
  readonly refs: ConversationRefs;
  readonly delivery: TeamsDelivery;
  /** Delivers due notifications soon, in the background (right after a change, instead of at the next tick). */
  nudge(): void;
  /** Delivers due notifications now; resolves when done (also waits for a nudge in progress). */
  deliverNow(): Promise<void>;
  /** The workflow's clock (dates typed in forms are checked against it). */
  now(): Date;
  /** Which procedure submitted which request. */
  readonly procedures: ProcedureRuns;
  /** A request from a procedure ended without approval: the procedure stops waiting; returns its notice. */
  settleProcedure(record: RequestRecord): Promise<string | undefined>;
  /** Set once the procedures run (the server does it). */
  setProcedureSettler(settler: ProcedureSettler): void;
  stop(): Promise<void>;
}

/** The policy's role names from the engine's clause facts; the fallback list when the engine has none. */
export function enginePolicyRoles(engine: KnowledgeEngine): readonly string[] {
  const names = policyRoleNames(engine.clauses.filter((c) => c && Array.isArray(c.facts?.roles)));
  return names.length > 0 ? names : POLICY_ROLE_NAMES;
}

export function workflowSettings(c: Config['approvals']): WorkflowConfigInput {
  return {
    ...(c.escalationChain ? { escalationChain: c.escalationChain } : {}),
    remindAfterMs: c.remindAfterMinutes * 60_000,
    remindEveryMs: c.remindEveryMinutes * 60_000,
    maxReminders: c.maxReminders,
    escalateAfterMs: c.escalateAfterMinutes * 60_000,
    expireAfterMs: c.expireAfterDays * 86_400_000,
    urgentChannel: c.urgentChannelId !== undefined,
    stopAccessWebhook: c.stopAccessWebhookUrl !== undefined,
    ...(c.stopAccessRoles ? { stopAccessRoles: c.stopAccessRoles } : {}),
    ...(c.evaluateRoles ? { evaluateRoles: c.evaluateRoles } : {}),
  };
}

export async function startBotApprovals(
  deps: { config: Config; engine: KnowledgeEngine; db: Db; claims: Claims; log: Logger },
  adapter: CloudAdapter,
  options: ApprovalsOptions = {},
): Promise<BotApprovals> {
  const { config, log } = deps;
  const refs = await ConversationRefs.open(deps.db, options.now ? { now: options.now } : {});
  const procedures = await ProcedureRuns.open(deps.db);
  let settler: ProcedureSettler | undefined;
  const settleProcedure = async (record: RequestRecord): Promise<string | undefined> => {
    try {
      return settler ? await settler(record) : undefined;
    } catch (err) {
      // The decision still reaches the person; the procedure's own idle limit ends its wait later.
      log.warn('approvals.procedure.settle_failed', { requestId: record.id, errorType: err instanceof Error ? err.name : typeof err });
      return undefined;
    }
  };
  let approvals: Approvals | undefined;
  const delivery = new TeamsDelivery({
    adapter,
    ...(config.auth.enabled && config.auth.clientId ? { appId: config.auth.clientId } : {}),
    ...(config.auth.tenantId && /^[0-9a-f-]{36}$/i.test(config.auth.tenantId) ? { tenantId: config.auth.tenantId } : {}),
    refs,
    claims: deps.claims,
    approvals: () => {
      if (!approvals) throw new Error('approvals not started');
      return approvals;
    },
    config: config.approvals,
    log,
    settleProcedure,
  });
  const deliver = options.wrapDeliver ? options.wrapDeliver(delivery.deliver) : delivery.deliver;
  const runtime = await startApprovals({
    db: deps.db,
    directory: options.directory ?? config.directory.orgDirectory,
    deliver,
    config: workflowSettings(config.approvals),
    policyRoles: enginePolicyRoles(deps.engine),
    ...(config.auth.tenantId ? { tenantId: config.auth.tenantId } : {}),
    log,
    outbox: {
      baseDelayMs: config.approvals.retryBaseSeconds * 1000,
      maxAttempts: config.approvals.maxAttempts,
      ...options.outbox,
    },
    worker: options.worker === false ? false : { intervalMs: Math.round(config.approvals.workerIntervalSeconds * 1000) },
    ...(options.now ? { now: options.now } : {}),
  });
  approvals = runtime.approvals;

  // Drains run one after another; a call joins a drain that has not started yet, so every call is answered by a
  // drain that began after it (nothing committed before the call is left behind).
  let current: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let stopped = false;
  const deliverNow = (): Promise<void> => {
    if (queued) return queued;
    const before = current ?? Promise.resolve();
    const next: Promise<void> = before
      .catch(() => undefined)
      .then(async () => {
        queued = undefined;
        current = next;
        try {
          if (!stopped) await runtime.outbox.drain();
        } finally {
          if (current === next) current = undefined;
        }
      });
    queued = next;
    return next;
  };

  return {
    approvals: runtime.approvals,
    runtime,
    refs,
    delivery,
    nudge: () => {
      if (stopped) return;
      deliverNow().catch((err: unknown) => log.warn('approvals.nudge.failed', { errorType: err instanceof Error ? err.name : typeof err }));
    },
    deliverNow,
    now: options.now ?? (() => new Date()),
    procedures,
    settleProcedure,
    setProcedureSettler: (s) => {
      settler = s;
    },
    stop: async () => {
      stopped = true;
      await runtime.stop();
      await (queued ?? current)?.catch(() => undefined);
    },
  };
}
