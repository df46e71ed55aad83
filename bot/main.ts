// `npm start`: configuration → server → listening, until SIGINT/SIGTERM.

import { DirectoryError } from '../approvals/directory-load';
import { ConfigError, loadConfig } from './config';
import { createLogger, errorFields } from './log';
import { createServer } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`policy-bot: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.log.level });
  if (!config.auth.enabled) {
    const bar = '!'.repeat(78);
    process.stderr.write(
      `${bar}\n!! LOCAL DEVELOPMENT MODE: no bot credentials are configured.\n` +
        `!! Requests to /api/messages are NOT authenticated; listening on ${config.server.host} only.\n` +
        `!! Set clientId, clientSecret and tenantId (see docs/bot.md) before exposing this bot.\n${bar}\n`,
    );
  }
  const server = createServer(config, { log });
  const url = await server.listen();
  process.stderr.write(`policy-bot: listening on ${url}/api/messages (health: ${url}/healthz)\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('server.close_failed', errorFields(err));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof DirectoryError) {
    process.stderr.write(`policy-bot: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`policy-bot: failed to start (${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'})\n`);
  process.exit(1);
});
