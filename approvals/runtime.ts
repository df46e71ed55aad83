// Starting the approvals inside the bot: load and check the directory, open the workflow (migrations, audit of
// configuration changes), create the outbox around the bot's deliver(), and start the background worker.
import type { Db } from '../storage/types';
import type { WorkflowConfigInput } from './config';
import type { Directory, DirectoryWarning } from './directory';
import { loadDirectory } from './directory-load';
import { silentLogger, type ApprovalsLogger } from './log';
import { Outbox, type Deliver, type OutboxOptions } from './outbox';
import { POLICY_ROLE_NAMES } from './policy-roles';
import { Approvals } from './service';
import { startWorker, type Worker } from './worker';

export interface StartApprovalsOptions {
  db: Db;
  /** A loaded directory, or the path of the directory file (ORG_DIRECTORY). */
  directory: Directory | string;
  deliver: Deliver;
  config?: WorkflowConfigInput;
  /** Role names the policy uses: policyRoleNames(engine.clauses); default POLICY_ROLE_NAMES. */
  policyRoles?: readonly string[];
  /** The bot's tenant, to warn when the directory names another. */
  tenantId?: string;
  log?: ApprovalsLogger;
  outbox?: Omit<OutboxOptions, 'db' | 'deliver' | 'log' | 'now'>;
  /** false: no background worker (tests, CLIs); default every 5 s. */
  worker?: false | { intervalMs?: number };
  now?: () => Date;
}

export interface ApprovalsRuntime {
  approvals: Approvals;
  outbox: Outbox;
  worker?: Worker;
  /** Start-up warnings (also logged): roles nobody holds, unknown role names, people Teams cannot reach. */
  warnings: DirectoryWarning[];
  stop(): Promise<void>;
}

/** Throws DirectoryError (every problem with its line) when the directory file is invalid. */
export async function startApprovals(o: StartApprovalsOptions): Promise<ApprovalsRuntime> {
  const log = o.log ?? silentLogger;
  const directory = typeof o.directory === 'string' ? loadDirectory(o.directory) : o.directory;
  const warnings = directory.warnings(o.policyRoles ?? POLICY_ROLE_NAMES, o.tenantId);
  for (const w of warnings) log.warn('approvals.directory', { code: w.code, role: w.role, person: w.personId });
  const approvals = await Approvals.open({ db: o.db, directory, log, ...(o.config ? { config: o.config } : {}), ...(o.now ? { now: o.now } : {}) });
  const outbox = new Outbox({ ...o.outbox, db: o.db, deliver: o.deliver, log, ...(o.now ? { now: o.now } : {}) });
  const worker = o.worker === false ? undefined : startWorker({ approvals, outbox, log, ...(o.worker?.intervalMs ? { intervalMs: o.worker.intervalMs } : {}) });
  log.info('approvals.started', { people: directory.people.length, warnings: warnings.length });
  return {
    approvals,
    outbox,
    ...(worker ? { worker } : {}),
    warnings,
    stop: async () => {
      await worker?.stop();
    },
  };
}
