// WAL checkpoints on a worker thread. SQLite copies the write-ahead log back into the database file (and fsyncs
// both) in whichever connection commits when the log passes `wal_autocheckpoint` pages: with better-sqlite3 that is
// the event loop's only thread, which then serves nothing for the milliseconds a checkpoint takes. Here a second
// connection on a worker thread checkpoints every `intervalMs` in PASSIVE mode (it never waits for, nor blocks,
// readers or writers), so commits on the main thread only append to the log. The main connection keeps a large
// automatic checkpoint as a backstop (if the worker falls behind or fails), and goes back to SQLite's default
// when the worker cannot run at all. Durability is unchanged: a commit is in the log before it returns, as before.

import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** The database file (it exists and is in WAL mode). */
  file: string;
  /** The main connection's `synchronous` setting; checkpoints sync the same way. */
  synchronous: 'NORMAL' | 'FULL';
  /** Time between checkpoints (ms). */
  intervalMs: number;
  /** Called once when the worker fails or stops unasked (the main connection takes the checkpoints back). */
  onFailure: (err: unknown) => void;
  /** better-sqlite3's entry file (default: resolved from here). */
  driver?: string;
}

/** The result of the last checkpoint, as SQLite reports it (frames in the log, frames copied). */
export interface CheckpointStats {
  runs: number;
  busy: number;
  logFrames: number;
  checkpointedFrames: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = () => {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  return { busy: r.busy, logFrames: r.log, checkpointedFrames: r.checkpointed };
};
const timer = setInterval(() => parentPort.postMessage({ type: 'checkpointed', ...checkpoint() }), workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m.type === 'now') parentPort.postMessage({ type: 'checkpointed', id: m.id, ...checkpoint() });
  if (m.type === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;

interface Message {
  type: 'ready' | 'checkpointed' | 'closed';
  id?: number;
  busy?: number;
  logFrames?: number;
  checkpointedFrames?: number;
}

export class Checkpointer {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (stats: CheckpointStats) => void>();
  private nextId = 0;
  private stopping = false;
  private failed = false;
  readonly stats: CheckpointStats = { runs: 0, busy: 0, logFrames: 0, checkpointedFrames: 0 };
  private readonly exited: Promise<void>;

  constructor(private readonly options: CheckpointerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: options.file,
        synchronous: options.synchronous,
        intervalMs: options.intervalMs,
        driver: options.driver ?? require.resolve('better-sqlite3'),
      },
    });
    // A server's database stays open until it stops; the checkpoints must not keep a finished process alive.
    this.worker.unref();
    this.worker.on('message', (m: Message) => this.received(m));
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        if (!this.stopping) this.fail(new Error(`the checkpoint worker stopped (exit code ${code})`));
        for (const done of this.waiting.values()) done(this.stats);
        this.waiting.clear();
        resolve();
      });
    });
  }

  /** True until the worker failed or was stopped. */
  get running(): boolean {
    return !this.failed && !this.stopping;
  }

  /** Checkpoints now (for tests and tools); resolves with the totals so far. */
  now(): Promise<CheckpointStats> {
    if (!this.running) return Promise.resolve(this.stats);
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ type: 'now', id });
    });
  }

  /** Closes the worker's connection and ends the worker. */
  async stop(): Promise<void> {
    if (this.stopping) return this.exited;
    this.stopping = true;
    if (!this.failed) this.worker.postMessage({ type: 'close' });
    else await this.worker.terminate();
    const timer = setTimeout(() => void this.worker.terminate(), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  private received(m: Message): void {
    if (m.type !== 'checkpointed') return;
    this.stats.runs++;
    this.stats.busy = m.busy ?? 0;
    this.stats.logFrames = m.logFrames ?? 0;
    this.stats.checkpointedFrames = m.checkpointedFrames ?? 0;
    if (m.id !== undefined) {
      this.waiting.get(m.id)?.(this.stats);
      this.waiting.delete(m.id);
    }
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    if (!this.stopping) this.options.onFailure(err);
  }
}
