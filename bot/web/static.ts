// The pages (built by `npm run build` into dist/web, see scripts/build-web.ts), served by the bot's restify server:
//
//   GET /tab/requests          personal tab 「申請」
//   GET /dialog/carry-out      持ち出し申請 dialog (task module)
//   GET /web/assets/<file>     bundled scripts and styles (content-hashed names, cached for a year)
//
// Only files found in the assets directory at start-up are served (no path from a request reaches the file
// system). The HTML gets three values at start-up: the bot's app id, the Teams app id (dialog.url.submit's appIds)
// and whether the development identity is allowed.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { step } from '../http';
import type { Logger } from '../log';
import { securityHeaders } from './headers';

export const PAGES = {
  '/tab/requests': 'requests.html',
  '/dialog/carry-out': 'carry-out.html',
} as const;

export const ASSET_PREFIX = '/web/assets/';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|css|svg|png)$/;

const NOT_BUILT = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>準備中</title><p>画面を準備できていません。管理者の方は npm run build を実行してください。</p></html>`;

export interface PageOptions {
  assetsDir: string;
  frameAncestors: readonly string[];
  botAppId?: string;
  teamsAppId?: string;
  devIdentity: boolean;
  log: Logger;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function registerPages(server: Server, o: PageOptions): void {
  const pages = new Map<string, Buffer>();
  for (const [path, file] of Object.entries(PAGES)) {
    const full = join(o.assetsDir, file);
    if (!existsSync(full)) continue;
    const html = readFileSync(full, 'utf8')
      .replaceAll('%BOT_APP_ID%', escapeAttr(o.botAppId ?? ''))
      .replaceAll('%TEAMS_APP_ID%', escapeAttr(o.teamsAppId ?? ''))
      .replaceAll('%DEV_IDENTITY%', o.devIdentity ? 'allowed' : 'refused');
    pages.set(path, Buffer.from(html));
  }
  const assets = new Map<string, Buffer>();
  const dir = join(o.assetsDir, 'assets');
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (ASSET_NAME.test(name)) assets.set(name, readFileSync(join(dir, name)));
    }
  }
  if (pages.size < Object.keys(PAGES).length) o.log.warn('web.assets.missing', { dir: o.assetsDir, pages: pages.size });

  for (const path of Object.keys(PAGES)) {
    server.get(path, step(async (_req: Request, res: Response) => {
      securityHeaders(res, { json: false, frameAncestors: o.frameAncestors });
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-cache');
      const page = pages.get(path);
      res.statusCode = page ? 200 : 503;
      res.end(page ?? NOT_BUILT);
      return false;
    }));
  }

  server.get(`${ASSET_PREFIX}:name`, step(async (req: Request, res: Response) => {
    const name = String(req.params?.name ?? '');
    const body = assets.get(name);
    securityHeaders(res, { json: false, frameAncestors: o.frameAncestors });
    if (!body) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('not found');
      return false;
    }
    res.setHeader('content-type', TYPES[extname(name)] ?? 'application/octet-stream');
    res.setHeader('cache-control', /-[A-Z0-9]{8,}\./.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.end(body);
    return false;
  }));
}
