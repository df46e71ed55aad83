// `npm start` builds the pages with everything else and serves them from dist/web (local development mode:
// the development identity is allowed, the API answers it).

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('npm start serves the pages', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-bot-web-start-'));

  afterAll(() => {
    if (child && child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GET /tab/requests and /dialog/carry-out with their assets, from dist/web', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', DATA_DIR: dataDir, ENV_FILE: '/dev/null', LOG_LEVEL: 'warn' };
    child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout!.resume();
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in time:\n${stderr}`)), 60_000);
      child!.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString('utf8');
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child!.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${stderr}`)));
    });
    expect(existsSync(join(ROOT, 'dist', 'web', 'requests.html'))).toBe(true);
    expect(stderr).not.toContain('web.assets.missing');

    for (const path of ['/tab/requests', '/dialog/carry-out']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://teams.microsoft.com');
      const html = await res.text();
      expect(html).toContain('<meta name="policy-bot-dev-identity" content="allowed">');
      const script = /src="(\/web\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      const js = await fetch(`${url}${script}`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    }
    const api = await fetch(`${url}/api/web/requests`, { headers: { 'x-dev-user': '00000000-0000-0000-0000-0000000000021' } });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ user: { development: true }, mine: [], waiting: [] });

    const exited = new Promise<void>((resolve) => child!.stdout!.on('close', () => resolve()));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });
});
