// The bot for conversation tests: the real knowledge engine, a fake clock for the procedures, readable run ids,
// and the stored effects (dialog_effects) to check what would go to the approvals workflow.
import { StoredEffects, type StoredEffect } from '../../../../bot/dialogs/effect-store';
import type { DialogOptions } from '../../../../bot/dialogs/setup';
import type { Db } from '../../../../storage/types';
import { startBot, type TestBot } from '../../../support/bot';
import { realEngine } from './chat';

/** 2026-04-08 (Wed) 09:00 in Tokyo. */
export const T0 = Date.parse('2026-04-08T09:00:00+09:00');
export const HOUR = 3_600_000;

export class Clock {
  t = T0;
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Run ids run-1, run-2, … (one counter can be shared by two instances so ids stay unique). */
export function ids(prefix = 'run'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export interface DialogBot extends TestBot {
  clock: Clock;
  effects(): Promise<StoredEffect[]>;
}

let suites = 0;

/**
 * A bot on `db`. Its run ids are `<prefix>-1`, `<prefix>-2`, … (a fresh prefix by default) and `effects()` reads the
 * stored effects of those runs only, so tests sharing a database do not see each other's.
 */
export async function dialogBot(
  db: Db,
  options: { clock?: Clock; prefix?: string; newId?: () => string; env?: Record<string, string>; dialogs?: DialogOptions } = {},
): Promise<DialogBot> {
  const clock = options.clock ?? new Clock();
  const prefix = options.prefix ?? `r${process.pid}x${++suites}`;
  // The effects are kept as data (dialog_effects) to check what the procedures submit; the bot's own sink, the
  // approvals workflow, is tested in test/bot/approvals/procedures.test.ts.
  const store = await StoredEffects.open(db);
  const bot = await startBot({
    db,
    engine: realEngine(),
    ...(options.env ? { env: options.env } : {}),
    dialogs: { now: clock.now, newId: options.newId ?? ids(prefix), effects: store, ...options.dialogs },
  });
  return {
    ...bot,
    clock,
    effects: async () => {
      const rows = await db.all<{ ref: string }>('SELECT ref FROM dialog_effects WHERE request_ref LIKE $1 ORDER BY seq', [`${prefix}-%`]);
      const out: StoredEffect[] = [];
      for (const r of rows) {
        const e = await store.get(r.ref);
        if (e) out.push(e);
      }
      return out;
    },
  };
}
