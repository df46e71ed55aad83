// The real bot, started in this process for the Playground, the end-to-end test and the benchmark: the same
// configuration and server as `npm start`, in local development mode (no credentials, 127.0.0.1 only).

import { type Env, loadConfig } from '../config';
import type { Logger } from '../log';
import { type BotServer, createServer } from '../server';

export interface LocalBot {
  /** http://127.0.0.1:<port>/api/messages */
  readonly endpoint: string;
  readonly port: number;
  readonly server: BotServer;
  close(): Promise<void>;
}

export class CredentialsConfiguredError extends Error {
  constructor() {
    super(
      'Bot credentials are configured, but the Playground sends activities without Bot Framework tokens. ' +
        'Run the Playground against the bot in local development mode (unset clientId/clientSecret/tenantId).',
    );
    this.name = 'CredentialsConfiguredError';
  }
}

/** Starts the bot from an environment (as `npm start` reads it). Refuses a configuration with credentials. */
export async function startLocalBot(env: Env, options: { cwd?: string; log?: Logger } = {}): Promise<LocalBot> {
  const config = loadConfig(env, options.cwd === undefined ? {} : { cwd: options.cwd });
  if (config.auth.enabled) throw new CredentialsConfiguredError();
  const server = createServer(config, options.log ? { log: options.log } : {});
  const url = await server.listen();
  return { endpoint: `${url}/api/messages`, port: server.port, server, close: () => server.close() };
}
