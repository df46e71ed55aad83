// The background loop each bot instance runs: due timers (expiry, reminders, escalations), then the outbox.
// Runs never overlap within an instance; across instances the row claims keep every job single.
import { silentLogger, type ApprovalsLogger } from './log';
import type { DeliveryRun, Outbox } from './outbox';
import type { Approvals } from './service';
import type { SweepResult } from './sweep';

export interface WorkerOptions {
  approvals: Approvals;
  outbox: Outbox;
  /** Pause between runs (ms, default 5000). */
  intervalMs?: number;
  log?: ApprovalsLogger;
}

export interface Worker {
  /** One run now (also what the timer calls). */
  runOnce(): Promise<{ sweep: SweepResult; delivery: DeliveryRun }>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startWorker(o: WorkerOptions): Worker {
  const log = o.log ?? silentLogger;
  const interval = o.intervalMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  const runOnce = async () => {
    const sweep = await o.approvals.sweep();
    const delivery = await o.outbox.drain();
    return { sweep, delivery };
  };

  const tick = () => {
    running = runOnce()
      .catch((err: unknown) => log.warn('approvals.worker.error', { error: err instanceof Error ? err.name : 'unknown' }))
      .finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, interval);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
