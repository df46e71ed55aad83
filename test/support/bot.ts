// Starts the bot for a test on 127.0.0.1:0 with a given environment, engine and database.

import type { KnowledgeEngine } from '../../knowledge/types';
import type { Db } from '../../storage/types';
import { type Config, type Env, loadConfig } from '../../bot/config';
import { type LogLevel, createLogger, type Logger } from '../../bot/log';
import type { ApprovalsOptions } from '../../bot/approvals/setup';
import type { DialogOptions } from '../../bot/dialogs/setup';
import type { BotExtension } from '../../bot/routing';
import { type BotServer, createServer } from '../../bot/server';
import { fixtureEngine } from './engine';

export interface TestBot {
  server: BotServer;
  url: string;
  config: Config;
  lines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A logger that keeps its JSON lines for assertions. */
export function memoryLogger(level: LogLevel = 'debug'): { log: Logger; lines: Array<Record<string, unknown>>; raw: string[] } {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const log = createLogger({
    level,
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { log, lines, raw };
}

export async function startBot(options: {
  db: Db;
  env?: Env;
  engine?: KnowledgeEngine;
  extensions?: BotExtension[];
  /** The guided procedures' clock, ids and effect sink. */
  dialogs?: DialogOptions;
  /** The approvals: directory, clock, worker (off by default here: tests deliver with deps.approvals.deliverNow()). */
  approvals?: ApprovalsOptions;
}): Promise<TestBot> {
  const config = loadConfig({ PORT: '0', DATA_DIR: '/nonexistent-unused', ENV_FILE: undefined, ...options.env }, { cwd: __dirname });
  const { log, lines } = memoryLogger();
  const server = createServer(config, {
    db: options.db,
    engine: options.engine ?? fixtureEngine(),
    log,
    extensions: options.extensions,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    approvals: { worker: false, ...options.approvals },
  });
  const url = await server.listen();
  return { server, url, config, lines, close: () => server.close() };
}
