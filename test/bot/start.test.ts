// `npm start`: builds (prestart), runs the compiled bot from dist/, local development mode, stops on SIGTERM.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { message, post } from '../support/teams';

const ROOT = join(__dirname, '..', '..');

describe('npm start', () => {
  let child: ChildProcess | undefined;
  let stderr = '';
  let stdout = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-bot-start-'));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('serves a working bot with no credentials, loudly in local development mode', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', DATA_DIR: dataDir, ENV_FILE: '/dev/null' };
    child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
    });
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString('utf8');
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in time:\n${stderr}`)), 25_000);
      const check = () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child!.stderr!.on('data', check);
      child!.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${stderr}`)));
    });

    expect(stderr).toContain('LOCAL DEVELOPMENT MODE');
    expect(existsSync(join(ROOT, 'dist', 'bot', 'main.js'))).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const res = await post(url, message('USBメモリを家に持ち帰ってもいいですか', { expectReplies: true }));
    expect(res.status).toBe(200);
    expect(res.body.activities[0].text).toMatch(/^\*\*(禁止です|許可が必要です|報告が必要です|義務です|問題ありません|規程に定めがありません)。\*\*/);
    expect(existsSync(join(dataDir, 'policy-bot.db'))).toBe(true);

    // SIGTERM to the process group (npm and the bot): the bot closes its server and storage.
    // The pipe closes when its last writer (the bot, not npm) has exited.
    const exited = new Promise<void>((resolve) => child!.stdout!.on('close', () => resolve()));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    const events = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l).event);
    expect(events).toEqual(expect.arrayContaining(['server.listening', 'answer.sent', 'server.stopping', 'server.closed']));
  });
});
