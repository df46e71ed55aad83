// A stand-in for the Teams client in headless Chromium: a page at https://teams.microsoft.com (served by Playwright,
// never fetched) that frames one of the bot's pages and answers @microsoft/teams-js over postMessage the way the
// host does (read from node_modules/@microsoft/teams-js: requests are { id, uuidAsString, func, args }, answers
// { id, uuidAsString, args }, host events { func, args }):
//
//   initialize                      → [frameContext, 'web', runtimeConfig (JSON, apiVersion 4), sdkVersion]
//   getContext                      → [legacy context: theme, locale, userObjectId, tid, entityId, frameContext]
//   authentication.getAuthToken     → [true, token]  (the test signs the token for the user in the address)
//   registerHandler ['themeChange'] → remembered; setTheme(t) then sends { func: 'themeChange', args: [t] }
//   tasks.completeTask [result, appIds] → recorded (dialog.url.submit)
//   tasks.startTask [dialogInfo]    → recorded (dialog.url.bot.open); completeTask(err, result) answers it later
//
// The bot's pages are at https://bot.example.lg.jp, proxied by Playwright to the real server on 127.0.0.1, so the
// browser applies the real response headers (CSP frame-ancestors) to real origins. Anything else is aborted.

import type { BrowserContext, Page } from 'playwright-core';

export const HOST_ORIGIN = 'https://teams.microsoft.com';
export const BOT_ORIGIN = 'https://bot.example.lg.jp';

export interface HostEvent {
  func: string;
  args: unknown[];
}

const HOST_PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Teams (test host)</title>
<style>html,body{margin:0;height:100%;background:#fff}iframe{border:0;width:100%;height:100%;display:block}</style></head>
<body><script>
(() => {
  const q = new URLSearchParams(location.search);
  const target = ${JSON.stringify(BOT_ORIGIN)} + q.get('page');
  const frameContext = q.get('frame') || 'content';
  let theme = q.get('theme') || 'default';
  const frame = document.createElement('iframe');
  frame.title = 'app';
  frame.src = target;
  document.body.appendChild(frame);
  const appOrigin = new URL(target).origin;
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: {
      appInitialization: {},
      authentication: {},
      dialog: { url: { bot: {} }, update: {} },
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teamsCore: {},
    },
  };
  const handlers = new Set();
  let started = null;
  window.__completeTask = (err, result) => {
    if (started) frame.contentWindow.postMessage({ id: started.id, uuidAsString: started.uuidAsString, args: [err, result] }, appOrigin);
    started = null;
  };
  window.__setTheme = (t) => {
    theme = t;
    if (handlers.has('themeChange')) frame.contentWindow.postMessage({ func: 'themeChange', args: [t] }, appOrigin);
  };
  window.addEventListener('message', async (e) => {
    if (e.source !== frame.contentWindow || e.origin !== appOrigin) return;
    const m = e.data;
    if (!m || typeof m.func !== 'string') return;
    const reply = (args) => frame.contentWindow.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, appOrigin);
    window.__hostEvent(m.func, m.args || []);
    switch (m.func) {
      case 'initialize':
        return reply([frameContext, 'web', JSON.stringify(runtime), '2.58.0']);
      case 'getContext':
        return reply([{
          theme, locale: 'ja-jp', entityId: q.get('entity') || 'requests', frameContext,
          userObjectId: q.get('oid'), tid: q.get('tid'), hostClientType: 'web', hostName: 'Teams', appSessionId: 'test-session',
        }]);
      case 'authentication.getAuthToken': {
        const token = await window.__hostToken();
        return token ? reply([true, token]) : reply([false, 'resourceRequiresConsent']);
      }
      case 'registerHandler':
        handlers.add(m.args && m.args[0]);
        return;
      case 'tasks.startTask':
        started = m;
        return;
      default:
        return;
    }
  });
})();
</script></body></html>`;

export interface TeamsHost {
  events: HostEvent[];
  /** Origins the pages tried to reach that are neither the host nor the bot (aborted). */
  blocked: string[];
  /** Console errors and page errors inside the frame and the host. */
  errors: string[];
  open(o: { page: string; frame?: 'content' | 'task'; theme?: string; oid: string; tid: string; token: () => string | null }): Promise<Page>;
}

export async function teamsHost(context: BrowserContext, botUrl: string): Promise<TeamsHost> {
  const events: HostEvent[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === HOST_ORIGIN && url.pathname === '/_test/host') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOST_PAGE });
    }
    if (url.origin === BOT_ORIGIN) {
      const response = await route.fetch({ url: `${botUrl}${url.pathname}${url.search}` });
      return route.fulfill({ response });
    }
    if (url.protocol === 'data:') return route.continue();
    blocked.push(url.origin);
    return route.abort('blockedbyclient');
  });
  let token: () => string | null = () => null;
  await context.exposeFunction('__hostEvent', (func: string, args: unknown[]) => {
    events.push({ func, args });
  });
  await context.exposeFunction('__hostToken', () => token());
  return {
    events,
    blocked,
    errors,
    async open(o) {
      token = o.token;
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const q = new URLSearchParams({ page: o.page, frame: o.frame ?? 'content', theme: o.theme ?? 'default', oid: o.oid, tid: o.tid });
      await page.goto(`${HOST_ORIGIN}/_test/host?${q}`);
      return page;
    },
  };
}
