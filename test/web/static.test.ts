// Serving the built pages: only files found at start-up, with the pages' security headers, the values the HTML
// needs filled in, a Japanese 503 when the pages were never built — and the real build's output.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb, type WebBuild } from '../../scripts/build-web';
import { useTestDb } from '../../storage/testing';
import { startWebBot, type WebBot } from './helpers';

describe('static pages', () => {
  const t = useTestDb('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'policy-bot-assets-'));
  let web: WebBot;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    const page = '<meta name="a" content="%BOT_APP_ID%"><meta name="t" content="%TEAMS_APP_ID%"><meta name="d" content="%DEV_IDENTITY%">';
    writeFileSync(join(dir, 'requests.html'), `<!doctype html>${page}<p>tab</p>`);
    writeFileSync(join(dir, 'carry-out.html'), `<!doctype html>${page}<p>dialog</p>`);
    writeFileSync(join(dir, 'assets', 'requests-ABCDEFGH.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(dir, 'assets', 'notes.txt'), 'secret notes');
    writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
    web = await startWebBot(t().db, {
      credentials: true,
      env: { WEB_ASSETS_DIR: dir, TEAMS_APP_ID: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', WEB_FRAME_ANCESTORS: 'https://teams.microsoft.com,https://*.cloud.microsoft' },
    });
  });
  afterAll(async () => {
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages: HTML with the ids filled in and a strict CSP that lets only the configured hosts frame them', async () => {
    const r = await web.api('/tab/requests');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<meta name="a" content="9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d">');
    expect(r.body).toContain('<meta name="t" content="aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee">');
    expect(r.body).toContain('<meta name="d" content="refused">');
    const csp = r.headers.get('content-security-policy');
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'; frame-ancestors https://teams.microsoft.com https://*.cloud.microsoft",
    );
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect((await web.api('/dialog/carry-out')).body).toContain('<p>dialog</p>');
  });

  it('assets: hashed names cached for a year, others revalidated; nothing outside the list', async () => {
    const js = await web.api('/web/assets/requests-ABCDEFGH.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await web.api('/web/assets/app.css')).headers.get('cache-control')).toBe('no-cache');
    for (const path of [
      '/web/assets/notes.txt',
      '/web/assets/..%2Fsecret.json',
      '/web/assets/%2e%2e%2fsecret.json',
      '/web/assets/../secret.json',
      '/web/assets/nope.js',
      '/web/secret.json',
      '/secret.json',
      '/requests.html',
    ]) {
      const r = await web.api(path);
      expect([404, 400, 405]).toContain(r.status);
      expect(String(r.body)).not.toContain('secret');
    }
  });
});

describe('pages that were never built', () => {
  const t = useTestDb('sqlite');
  it('answer 503 with a Japanese note and log it once at start-up', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'policy-bot-empty-'));
    const web = await startWebBot(t().db, { credentials: false, env: { WEB_ASSETS_DIR: empty } });
    try {
      const r = await web.api('/tab/requests');
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build');
      expect(web.bot.lines.filter((l) => l.event === 'web.assets.missing')).toHaveLength(1);
    } finally {
      await web.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the build (scripts/build-web.ts)', () => {
  const out = mkdtempSync(join(tmpdir(), 'policy-bot-build-'));
  let b: WebBuild;
  beforeAll(async () => {
    b = await buildWeb(out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes both pages naming their hashed bundles, and nothing that loads from elsewhere', () => {
    for (const page of ['requests.html', 'carry-out.html']) {
      const html = readFileSync(join(out, page), 'utf8');
      const { script, style } = b.pages[page]!;
      expect(script).toMatch(/-[A-Z0-9]{8}\.js$/);
      expect(html).toContain(`<script type="module" src="/web/assets/${script}"></script>`);
      expect(html).toContain(`<link rel="stylesheet" href="/web/assets/${style}">`);
      expect(html).not.toMatch(/<script>|style=|https?:\/\//);
      expect(html).toContain('lang="ja"');
    }
    expect(readdirSync(join(out, 'assets')).every((f) => /\.(js|css)$/.test(f))).toBe(true);
  });

  it('bundles teams-js without its CDN request and without eval; the dialog carries the procedure', () => {
    const js = readdirSync(join(out, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(out, 'assets', f), 'utf8'))
      .join('\n');
    // (booleans, so a failure does not print the bundles)
    expect(js.includes('valid origins: bundled list only')).toBe(true);
    expect(/\bfetch\([A-Za-z_$][\w$]*,\{signal:[A-Za-z_$][\w$]*\.signal\}\)/.test(js)).toBe(false);
    expect(/\beval\(/.test(js)).toBe(false);
    expect(/node:crypto|require\(/.test(js)).toBe(false);
    const dialog = readFileSync(join(out, 'assets', b.pages['carry-out.html']!.script), 'utf8');
    expect(dialog.includes('機密性の分類')).toBe(true);
    expect(dialog.includes('終わりの日は始まりの日以降にしてください。')).toBe(true);
    const total = Object.values(b.assets).reduce((s, n) => s + n, 0);
    process.stdout.write(`web assets: ${Object.entries(b.assets).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KiB`).join(', ')}; total ${(total / 1024).toFixed(0)} KiB\n`);
  });
});
