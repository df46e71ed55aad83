// Which guided procedure (run, conversation, person) submitted which request, so that when the request ends without
// approval (rejected, withdrawn, expired) the procedure stops waiting for its follow-up (runner.settle) and the
// person is told so with the decision.

import type { RequestRecord } from '../../approvals/model';
import type { Db } from '../../storage/types';

export const PROCEDURE_REQUESTS_TABLE = 'bot_procedure_requests';

const MIGRATION = `CREATE TABLE ${PROCEDURE_REQUESTS_TABLE} (
  request_id TEXT PRIMARY KEY,
  run TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at TEXT NOT NULL
)`;

export interface ProcedureRun {
  run: string;
  conversationId: string;
  userId: string;
}

/** Closes a procedure's wait for a follow-up; returns the notice for the person (or nothing). */
export type ProcedureSettler = (record: RequestRecord) => Promise<string | undefined>;

export class ProcedureRuns {
  private constructor(private readonly db: Db) {}

  static async open(db: Db): Promise<ProcedureRuns> {
    await db.migrate('bot_procedure_requests_v1', MIGRATION);
    return new ProcedureRuns(db);
  }

  async record(requestId: string, run: ProcedureRun): Promise<void> {
    await this.db.run(
      `INSERT INTO ${PROCEDURE_REQUESTS_TABLE} (request_id, run, conversation_id, user_id, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (request_id) DO NOTHING`,
      [requestId, run.run.slice(0, 300), run.conversationId.slice(0, 512), run.userId.slice(0, 200), new Date().toISOString()],
    );
  }

  async find(requestId: string): Promise<ProcedureRun | undefined> {
    const row = await this.db.get<{ run: string; conversation_id: string; user_id: string }>(
      `SELECT run, conversation_id, user_id FROM ${PROCEDURE_REQUESTS_TABLE} WHERE request_id = $1`,
      [requestId],
    );
    return row && { run: row.run, conversationId: row.conversation_id, userId: row.user_id };
  }
}

const ENDED: Partial<Record<RequestRecord['state'], string>> = { rejected: '却下された', cancelled: '取り下げられた', expired: '期限切れになった' };

/** The reason phrase for a request that ended without approval, or undefined. */
export function endedReason(record: RequestRecord): string | undefined {
  return ENDED[record.state];
}

/** The settler the bot uses: the procedure that submitted the request stops waiting; its notice text comes back. */
export function procedureSettler(runs: ProcedureRuns, runner: { settle(who: { conversationId: string; requester: { userId: string } }, run: string, reason: string): Promise<Array<{ type: string; text?: string }>> }): ProcedureSettler {
  return async (record) => {
    const reason = endedReason(record);
    if (!reason) return undefined;
    const found = await runs.find(record.id);
    if (!found) return undefined;
    const outputs = await runner.settle({ conversationId: found.conversationId, requester: { userId: found.userId } }, found.run, reason);
    const text = outputs.flatMap((o) => (typeof o.text === 'string' && o.text ? [o.text] : [])).join('\n');
    return text || undefined;
  };
}
