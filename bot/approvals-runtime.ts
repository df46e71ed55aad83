// The approvals workflow inside the bot server: opened with the server, stopped with it.
//
// Interim module (web branch): the tab and the 持ち出し申請 dialog need the workflow before the approvals-bot
// integration exists. It starts the workflow WITHOUT its delivery worker, so notifications are stored in
// approval_outbox and wait there (nothing is lost) until the approvals-bot integration replaces this module
// with one that passes its deliver() (Teams messages) and starts the worker. Nothing else depends on more than
// `startBotApprovals(deps) → ApprovalsRuntime`.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ApprovalsRuntime, policyRoleNames, startApprovals } from '../approvals';
import type { Logger } from './log';
import type { BotDeps } from './routing';

function sampleDirectoryPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'approvals', 'sample-directory.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('approvals/sample-directory.yaml not found; set ORG_DIRECTORY');
}

export async function startBotApprovals(deps: Pick<BotDeps, 'config' | 'db' | 'engine'>, log: Logger): Promise<ApprovalsRuntime> {
  const roles = policyRoleNames(deps.engine.clauses.filter((c) => Array.isArray(c.facts?.roles)));
  return startApprovals({
    db: deps.db,
    directory: deps.config.directory.orgDirectory ?? sampleDirectoryPath(),
    deliver: async () => {
      throw new Error('approvals delivery is not wired yet');
    },
    ...(roles.length > 0 ? { policyRoles: roles } : {}),
    ...(deps.config.auth.tenantId ? { tenantId: deps.config.auth.tenantId } : {}),
    log,
    worker: false,
  });
}
