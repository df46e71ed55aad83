// Starts the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) as a child process, offline and on
// loopback only, pointed at a bot's messaging endpoint. The Playground has no option for its listen address (it
// binds every interface), so loopback-only.cjs is preloaded into it; telemetry is switched off; the browser is
// opened only on request.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LOOPBACK, freeLoopbackPort, waitForHttp } from './ports';
import { type PlaygroundUserKey, playgroundConfigYaml } from './users';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  endpoint: string;
  /** Port for the Playground's page and mock connector; 0 or unset picks a free loopback port. */
  port?: number;
  /** Where the Playground writes its own log (it would otherwise write ./devTools/m365agentsplayground.log). */
  logFile: string;
  /** Channel the Playground emulates (default msteams). */
  channelId?: 'msteams' | 'webchat' | 'emulator' | 'directline' | 'agents';
  /** Let the Playground open the system browser on its page (default false). */
  openBrowser?: boolean;
  /** How long to wait for the page to answer (default 60 s). */
  startTimeoutMs?: number;
  /**
   * The person using this Playground (default: its built-in current user, Alex Wilber). Another user gets a
   * configuration file next to the log, so two Playgrounds can be two people talking to the same bot.
   */
  user?: PlaygroundUserKey;
}

export interface RunningPlayground {
  /** The page to open, e.g. http://127.0.0.1:56150/ */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Resolves with the exit code when the Playground process ends. */
  readonly exited: Promise<number | null>;
  /** Ends the Playground process (SIGTERM, then SIGKILL after a grace period); safe to call twice. */
  stop(): Promise<void>;
}

/** The repository root: the nearest folder above this file holding package.json (works from bot/ and dist/bot/). */
export function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

/** The preload that pins every listen() of the Playground to 127.0.0.1. */
export function loopbackPreload(): string {
  return join(repoRoot(), 'bot', 'playground', 'loopback-only.cjs');
}

export function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

/** Starts the Playground; retries with another port if the chosen one was taken in the meantime. */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const fixed = options.port !== undefined && options.port > 0;
  for (let attempt = 1; ; attempt++) {
    const port = fixed ? (options.port as number) : await freeLoopbackPort();
    try {
      return await launch(options, port);
    } catch (err) {
      if (fixed || !(err instanceof PortTakenError) || attempt >= 3) throw err;
    }
  }
}

/** The Playground found its port taken and picked another one (so the service URL it was given is wrong). */
export class PortTakenError extends Error {}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/** If the parent dies without stopping us, take the Playground down with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

async function launch(options: PlaygroundOptions, port: number): Promise<RunningPlayground> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const serviceUrl = `http://${LOOPBACK}:${port}/_connector`;
  const args = [
    '--require',
    loopbackPreload(),
    playgroundCli(),
    '--app-endpoint',
    options.endpoint,
    '--channel-id',
    options.channelId ?? 'msteams',
    '--port',
    String(port),
    // The bot posts its replies here; an explicit 127.0.0.1 avoids localhost resolving to ::1.
    '--service-url',
    serviceUrl,
    '--disable-telemetry',
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  };
  if (options.user) {
    const configPath = join(dirname(options.logFile), `playground-${options.user}-${port}.yml`);
    writeFileSync(configPath, playgroundConfigYaml(options.user));
    env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = configPath;
  } else {
    delete env.M365_AGENTS_PLAYGROUND_CONFIG_PATH;
  }
  if (options.openBrowser) delete env.TEAMSAPPTESTER_BROWSER;
  else env.TEAMSAPPTESTER_BROWSER = 'none';

  const child = spawn(process.execPath, args, {
    cwd: dirname(options.logFile),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  installExitHook();
  children.add(child);
  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      children.delete(child);
      done(code);
    });
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const bound = await listeningPort(child, exited, () => stderr, options.startTimeoutMs ?? 60_000);
    if (bound !== port) throw new PortTakenError(`Playground port ${port} was taken (it chose ${bound})`);
    const url = `http://${LOOPBACK}:${port}/`;
    const abort = new AbortController();
    void exited.then(() => abort.abort());
    await waitForHttp(url, { timeoutMs: options.startTimeoutMs ?? 60_000, signal: abort.signal });
    if (!child.pid) throw new Error('Playground has no pid');
    return { url, port, pid: child.pid, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Reads "Listening on <port>" from the Playground's stdout (it prints it when stdout is not a terminal). */
function listeningPort(
  child: ChildProcess,
  exited: Promise<number | null>,
  stderr: () => string,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Playground did not start within ${timeoutMs} ms\n${stderr()}`)), timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out = (out + chunk).slice(-4000);
      const m = /Listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Playground exited (code ${code}) before listening\n${stderr()}`));
    });
  });
}
