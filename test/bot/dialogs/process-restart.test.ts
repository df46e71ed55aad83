// A restart in the middle of a procedure, for real: the bot runs as a separate node process on one SQLite file;
// it is stopped (SIGTERM) and a new process takes the conversation on at the same step.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { T0 } from './helpers/bot';
import { Chat, textsOf } from './helpers/chat';

describe('restart in a new process on the same SQLite file', () => {
  mkdirSync('test-artifacts', { recursive: true });
  // inside the repository, so the bundled bot finds the policy text and its knowledge files
  const dir = mkdtempSync(path.resolve('test-artifacts', 'dialogs-restart-'));
  const script = path.join(dir, 'bot-process.js');
  const children: ChildProcess[] = [];

  beforeAll(() => {
    buildSync({ entryPoints: ['test/bot/dialogs/fixtures/bot-process.ts'], bundle: true, platform: 'node', packages: 'external', outfile: script, logLevel: 'warning' });
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the bot process; resolves with its URL. */
  function startProcess(): Promise<{ url: string; stop: () => Promise<number | null> }> {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', script], {
      env: { ...process.env, DATA_DIR: path.join(dir, 'data'), FAKE_NOW: String(T0), ENV_FILE: '', DATABASE_URL: '', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) {
          resolve({
            url: line.trim(),
            stop: () =>
              new Promise((done) => {
                child.once('exit', (code) => done(code));
                child.kill('SIGTERM');
              }),
          });
        }
      });
      child.once('exit', (code) => reject(new Error(`bot process exited (${code}): ${err}`)));
    });
  }

  it('continues at the same step, with the earlier answers, after the process was replaced', async () => {
    const first = await startProcess();
    const c = new Chat(first.url);
    await c.say('ICカード紛失');
    await c.say('昨日の夕方');
    expect(textsOf(c.card)).toContain('どこで最後に確認しましたか？なくしたと思う場所があれば教えてください。');
    expect(await first.stop()).toBe(0);

    const second = await startProcess();
    try {
      c.url = second.url;
      await c.say('帰りのバスの中');
      expect(textsOf(c.card)).toContain('盗まれた可能性はありますか？');
      await c.click('ないと思う');
      expect(c.all).toContain('最後に確認した日時: 昨日の夕方');
      await c.click('通報する');
      expect(c.all).toContain('ICカード紛失: 送信しました');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
