// The one place the bot opens its persistence: SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL is set.

import { openDb, openKvStore } from '../storage';
import type { Db, KvStore } from '../storage/types';
import { Claims } from './claims';
import type { Config } from './config';
import { FeedbackStore } from './feedback/store';
import { type Logger, errorFields } from './log';

export interface BotStorage {
  db: Db;
  /** Conversation and user state (the SDK's Storage). */
  kv: KvStore;
  claims: Claims;
  feedback: FeedbackStore;
}

/** Prepares the bot's tables on a Db (idempotent). `log` hears of answer records that could not be written. */
export async function prepareStorage(db: Db, log?: Logger): Promise<BotStorage> {
  const kv = await openKvStore(db);
  const claims = await Claims.open(db);
  const feedback = await FeedbackStore.open(db, {
    onFlushError: (err, waiting) => log?.error('feedback.answers_write_failed', { ...errorFields(err), waitingCount: waiting }),
  });
  return { db, kv, claims, feedback };
}

export async function openStorage(config: Config['storage'], log?: Logger): Promise<BotStorage> {
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // A server: WAL checkpoints (and their fsyncs) on a worker thread, not between two turns on the event loop.
    sqlite: { checkpoint: 'background', onCheckpointError: (err) => log?.warn('storage.checkpoints_in_foreground', errorFields(err)) },
  });
  try {
    return await prepareStorage(db, log);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
