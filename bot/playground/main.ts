// `npm run playground`: the bot and the Microsoft 365 Agents Playground together, both on 127.0.0.1.
//
//   npm run playground                      # starts the bot (as npm start would) unless one already answers
//                                           #   on http://127.0.0.1:$PORT (default 3978), then the Playground
//   npm run playground -- --endpoint URL    # only the Playground, against a bot you run yourself
//   npm run playground -- --port 56150 --open
//
// Ctrl+C stops what this command started.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log';
import { type LocalBot, startLocalBot } from './local-bot';
import { PortTakenError, type RunningPlayground, startPlayground } from './playground';
import { LOOPBACK } from './ports';
import { PLAYGROUND_USERS, PLAYGROUND_USER_KEYS, type PlaygroundUserKey } from './users';

const DEFAULT_PLAYGROUND_PORT = 56150;

const argsSchema = z.object({
  endpoint: z
    .url({ protocol: /^https?$/, error: '--endpoint must be an http(s) URL such as http://127.0.0.1:3978/api/messages' })
    .optional(),
  port: z.coerce
    .number({ error: '--port must be a port number (1-65535)' })
    .int('--port must be a port number (1-65535)')
    .min(1, '--port must be a port number (1-65535)')
    .max(65535, '--port must be a port number (1-65535)')
    .optional(),
  open: z.boolean().default(false),
  as: z.enum(PLAYGROUND_USER_KEYS as [PlaygroundUserKey, ...PlaygroundUserKey[]], { error: `--as must be one of ${PLAYGROUND_USER_KEYS.join(', ')}` }).optional(),
  help: z.boolean().default(false),
});

const USAGE = `usage: npm run playground [-- --endpoint URL] [--port N] [--open] [--as USER]
  --endpoint URL  the bot's messaging endpoint; when given, no bot is started
  --port N        the Playground's port on 127.0.0.1 (default ${DEFAULT_PLAYGROUND_PORT}, another free one if taken)
  --open          open the Playground page in the system browser
  --as USER       the person using this Playground: ${PLAYGROUND_USER_KEYS.join(', ')} (default alex, Alex Wilber);
                  run a second Playground with --as megan to approve what Alex requested`;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function isHealthy(healthUrl: string): Promise<boolean> {
  try {
    const res = await fetch(healthUrl, { signal: AbortSignal.timeout(1500) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        endpoint: { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    say(`playground: ${err instanceof Error ? err.message : 'invalid arguments'}\n${USAGE}`);
    return 2;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    say(`playground: ${parsed.error.issues[0]?.message ?? 'invalid arguments'}\n${USAGE}`);
    return 2;
  }
  const args = parsed.data;
  if (args.help) {
    say(USAGE);
    return 0;
  }

  const config = loadConfig();
  let bot: LocalBot | undefined;
  let endpoint = args.endpoint;
  if (!endpoint) {
    const base = `http://${LOOPBACK}:${config.server.port}`;
    if (await isHealthy(`${base}/healthz`)) {
      say(`playground: using the bot already running at ${base}`);
      endpoint = `${base}/api/messages`;
    } else {
      bot = await startLocalBot(process.env, { log: createLogger({ level: config.log.level }) });
      endpoint = bot.endpoint;
      say(`playground: started the bot (local development mode) at ${endpoint}`);
    }
  }

  const logFile = join(config.storage.dataDir, 'playground', 'm365agentsplayground.log');
  let playground: RunningPlayground;
  try {
    const common = { endpoint, logFile, openBrowser: args.open, ...(args.as ? { user: args.as } : {}) };
    playground = await startPlayground({ ...common, port: args.port ?? DEFAULT_PLAYGROUND_PORT }).catch((err: unknown) => {
      if (args.port !== undefined || !(err instanceof PortTakenError)) throw err;
      return startPlayground(common); // the default port is taken: any free one
    });
  } catch (err) {
    await bot?.close();
    throw err;
  }
  say(
    `\n  Microsoft 365 Agents Playground: ${playground.url}\n` +
      `  bot endpoint: ${endpoint}\n` +
      `  You are ${PLAYGROUND_USERS[args.as ?? 'alex'].name} on this page. Open it, choose "Personal Chat" and ask, e.g. 「USBメモリを家に持ち帰ってもいいですか」.\n` +
      (args.as && args.as !== 'alex' ? '' : `  To approve as another person, run in a second terminal: npm run playground -- --as megan\n`) +
      `  The Playground's own log: ${logFile}\n  Ctrl+C stops ${bot ? 'the bot and ' : ''}the Playground.\n`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (code: number): void => {
      if (stopping) return;
      stopping = true;
      void Promise.allSettled([playground.stop(), bot?.close()]).then(() => resolve(code));
    };
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
    void playground.exited.then((code) => {
      if (!stopping) say(`playground: the Playground exited (code ${code})`);
      stop(code === 0 || code === null ? 0 : 1);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) say(`playground: ${err.message}`);
    else say(`playground: ${err instanceof Error ? err.message : 'failed'}`);
    process.exit(1);
  },
);
