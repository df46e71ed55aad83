// The pages in headless Chromium inside a stand-in Teams host (support/teams-host.ts) that answers teams-js over
// postMessage, against the real bot server with credentials configured (SSO tokens signed by a local issuer):
// the tab lists requests from the server and an approver approves one with the keyboard; themes (light, dark,
// high contrast, and a theme change while open); outside Teams; framing by a non-Teams origin; SSO failures;
// the dialog's Japanese validation messages, a good submission through dialog.url.submit and the bot's task/submit
// creating the request. Screenshots go to test-artifacts/web/.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web';
import { loadEngine } from '../../bot/engine';
import { useTestDb } from '../../storage/testing';
import type { Approvals } from '../../approvals/service';
import { submissionRef } from '../../bot/web/carry-out';
import { launchChromium } from '../e2e/support/chromium';
import { message, post, USER } from '../support/teams';
import { APP_ID, carryOutDraft, openWorkflow, PEOPLE, startWebBot, TENANT, type Person, type WebBot } from './helpers';
import { BOT_ORIGIN, HOST_ORIGIN, teamsHost, type TeamsHost } from './support/teams-host';

jest.setTimeout(120_000);

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'web');
const OUTSIDE = 'このページは Microsoft Teams の中で開いてください。';

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the pages in a Teams host (headless Chromium)', () => {
  const t = useTestDb('sqlite');
  let assets: string;
  let web: WebBot;
  let ap: Approvals;
  let browser: Browser;
  let context: BrowserContext;
  let host: TeamsHost;
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    assets = mkdtempSync(join(tmpdir(), 'policy-bot-web-'));
    await buildWeb(assets);
    web = await startWebBot(t().db, {
      credentials: true,
      engine: loadEngine(), // the real policy: blocks quote their clauses verbatim
      env: { WEB_ASSETS_DIR: assets, TEAMS_APP_ID: '0f6e8d4c-2b1a-4c3d-9e8f-7a6b5c4d3e2f' },
    });
    ap = await openWorkflow(t().db);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    host = await teamsHost(context, web.bot.url);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await web?.close();
    if (assets) rmSync(assets, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close().catch(() => undefined);
  });

  async function openAs(person: Person, page: string, o: { theme?: string; frame?: 'content' | 'task'; token?: () => string | null } = {}) {
    const p = await host.open({
      page,
      oid: PEOPLE[person].userId,
      tid: TENANT,
      token: o.token ?? (() => web.token(person)),
      ...(o.theme ? { theme: o.theme } : {}),
      ...(o.frame ? { frame: o.frame } : {}),
    });
    pages.push(p);
    return { page: p, app: p.frameLocator('iframe') };
  }

  const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const theme = (app: FrameLocator) => app.locator('html').getAttribute('data-theme');

  it('tab: an approver sees the waiting request from the server and approves it with the keyboard', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const eventsBefore = host.events.length;
    const { page, app } = await openAs('megan', '/tab/requests');
    const waiting = app.getByRole('heading', { name: 'あなたの承認を待っている申請（1件）' });
    await waiting.waitFor();
    const item = app.getByRole('article', { name: /持ち出し申請：支給パソコン/ });
    await item.getByText('大分県庁 新館 会議室').waitFor();
    expect(await item.getByText('Alex Wilber').count()).toBeGreaterThan(0);
    expect(await item.locator('.badge').first().innerText()).toMatch(/承認待ち/);
    await shot(page, 'tab-approver-light');

    // teams-js talked to the host: initialised, read the context, asked for a token, registered for theme changes
    const funcs = host.events.slice(eventsBefore).map((e) => e.func);
    expect(funcs).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken', 'registerHandler']));
    expect(await theme(app)).toBe('default');

    // keyboard only: the comment field by its label, Tab to 承認, Enter
    await item.getByLabel('コメント（任意）').focus();
    await page.keyboard.type('研修資料のみ可とします');
    await page.keyboard.press('Tab');
    expect(await app.locator(':focus').innerText()).toBe('承認');
    await page.keyboard.press('Enter');
    const status = app.getByRole('status');
    await status.getByText('承認しました。申請者に通知します。').waitFor();
    expect(await app.locator(':focus').getAttribute('id')).toBe('status');
    await app.getByRole('heading', { name: /自分の申請（0件）/ }).waitFor();
    expect(await app.getByRole('heading', { name: /あなたの承認を待っている申請/ }).count()).toBe(0);
    await shot(page, 'tab-approver-after-approve');

    const rec = await ap.get(requestId);
    expect(rec?.state).toBe('approved');
    expect(rec?.assignments[0]?.decision).toMatchObject({ outcome: 'approved', comment: '研修資料のみ可とします', by: { userId: PEOPLE.megan.userId } });
  });

  it('tab: the requester sees state and history, in the dark theme, then high contrast when Teams switches', async () => {
    const { page, app } = await openAs('alex', '/tab/requests', { theme: 'dark' });
    await app.getByRole('heading', { name: /自分の申請（\d+件）/ }).waitFor();
    expect(await theme(app)).toBe('dark');
    const item = app.getByRole('article').filter({ hasText: '承認済み' }).first();
    await item.getByText(/履歴（2件）/).click();
    await item.getByText('承認（Megan Bowen）').waitFor();
    await item.getByText('コメント: 研修資料のみ可とします').waitFor();
    const colors = await app.locator('body').evaluate((b) => (globalThis as any).getComputedStyle(b).backgroundColor);
    expect(colors).toBe('rgb(31, 31, 31)');
    await shot(page, 'tab-requester-dark');

    await page.evaluate(() => (globalThis as unknown as { __setTheme(t: string): void }).__setTheme('contrast'));
    await app.locator('html[data-theme="contrast"]').waitFor({ state: 'attached' });
    expect(await app.locator('body').evaluate((b) => (globalThis as any).getComputedStyle(b).backgroundColor)).toBe('rgb(0, 0, 0)');
    await shot(page, 'tab-requester-contrast');

    await page.evaluate(() => (globalThis as unknown as { __setTheme(t: string): void }).__setTheme('default'));
    await app.locator('html[data-theme="default"]').waitFor({ state: 'attached' });
    await shot(page, 'tab-requester-light');
  });

  it('tab: 「持ち出し申請を作成」 opens the dialog for the bot (its result goes to the bot as task/submit)', async () => {
    const { page, app } = await openAs('alex', '/tab/requests');
    const before = host.events.length;
    await app.getByRole('button', { name: '持ち出し申請を作成' }).click();
    await until(() => host.events.slice(before).some((e) => e.func === 'tasks.startTask'));
    const [info] = host.events.slice(before).find((e) => e.func === 'tasks.startTask')!.args as [Record<string, unknown>];
    expect(info).toMatchObject({ url: `${BOT_ORIGIN}/dialog/carry-out`, title: '持ち出し申請', completionBotId: APP_ID, height: 'large', width: 'medium' });
    // Teams closes the dialog after the bot answered task/submit: the tab refreshes and says so
    await page.evaluate(() => (globalThis as unknown as { __completeTask(e: unknown, r: string): void }).__completeTask(null, '持ち出し申請を送信しました（受付番号 TEST0001）。'));
    await app.getByRole('status').getByText('持ち出し申請を送信しました（受付番号 TEST0001）。').waitFor();
  });

  it('tab: a stale page cannot decide; the server says so in Japanese and the list is refreshed', async () => {
    const { requestId } = await ap.submit(carryOutDraft('alex'));
    const { app } = await openAs('megan', '/tab/requests');
    const item = app.getByRole('article', { name: /持ち出し申請/ });
    await item.getByRole('button', { name: '却下' }).waitFor();
    await ap.cancel({ requestId, actor: PEOPLE.alex, version: 1 }); // the requester withdrew it meanwhile
    await item.getByRole('button', { name: '却下' }).click();
    await app.getByRole('status').getByText(/すでに更新されています/).waitFor();
    expect((await ap.get(requestId))?.state).toBe('cancelled');
  });

  it('outside Teams the pages say so in Japanese; the development identity does not exist with credentials', async () => {
    const p = await context.newPage();
    pages.push(p);
    for (const path of ['/tab/requests', '/tab/requests?devUser=megan', '/dialog/carry-out']) {
      await p.goto(`${BOT_ORIGIN}${path}`);
      await p.getByRole('alert').getByText(OUTSIDE).waitFor();
    }
    await shot(p, 'outside-teams');
    expect(await p.locator('meta[name="policy-bot-dev-identity"]').getAttribute('content')).toBe('refused');
  });

  it('only Teams may frame the pages (CSP frame-ancestors)', async () => {
    const res = await fetch(`${web.bot.url}/tab/requests`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft');
    expect(csp).toMatch(/script-src 'self'; style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*;/);

    // a page elsewhere that frames the tab: the browser refuses to render it, teams-js never starts
    const p = await context.newPage();
    pages.push(p);
    await context.route('https://evil.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><iframe src="${BOT_ORIGIN}/tab/requests"></iframe>` }),
    );
    const before = host.events.length;
    await p.goto('https://evil.example/frame');
    await p.waitForTimeout(1500);
    const frame = p.frames().find((f) => f !== p.mainFrame());
    expect(await frame?.evaluate(() => (globalThis as any).document.querySelector('main') !== null).catch(() => false)).toBe(false);
    expect(host.events.length).toBe(before);
  });

  it('SSO: no token from Teams → a Japanese explanation; a token the server refuses → no data, a Japanese message', async () => {
    const none = await openAs('alex', '/tab/requests', { token: () => null });
    await none.app.getByRole('alert').getByText(/サインインを確認できませんでした/).waitFor();
    const wrong = await openAs('alex', '/tab/requests', { token: () => web.token('alex', { aud: 'another-app' }) });
    await wrong.app.getByRole('status').getByText('サインインを確認できませんでした。Teams で開き直してください。').waitFor();
    expect(await wrong.app.getByRole('article').count()).toBe(0);
  });

  it('dialog: Japanese messages for bad input, then a good form submitted to the bot creates the request', async () => {
    const { page, app } = await openAs('alex', '/dialog/carry-out', { frame: 'task' });
    await app.getByRole('heading', { name: '持ち出し申請' }).waitFor();
    await shot(page, 'dialog-empty-light');

    // nothing filled in
    await app.getByRole('button', { name: '確認へ進む' }).click();
    const summary = app.getByRole('alert');
    await summary.getByText('入力内容を確認してください（1件）').waitFor();
    await summary.getByRole('link', { name: '持ち出すもの：入力してください。' }).waitFor();
    expect(await app.locator(':focus').getAttribute('id')).toBe('error-summary');

    // partly wrong: the period ends before it starts, the classification is missing
    await app.getByRole('group', { name: /持ち出すもの/ }).getByLabel('支給パソコン').check();
    await app.getByRole('group', { name: /持ち出すもの/ }).getByLabel('USBメモリ等の電磁的記録媒体').check();
    await app.getByLabel(/情報の内容/).fill('研修資料');
    const year = new Date().getFullYear() + 1;
    await app.getByLabel(/期間（始まりの日）/).fill(`${year}-04-12`);
    await app.getByLabel(/期間（終わりの日）/).fill(`${year}-04-10`);
    await app.getByRole('button', { name: '確認へ進む' }).click();
    await summary.getByText('入力内容を確認してください（2件）').waitFor();
    await summary.getByRole('link', { name: '機密性の分類：入力してください。' }).waitFor();
    await summary.getByText('期間（始まりの日）：終わりの日は始まりの日以降にしてください。').waitFor();
    expect(await app.getByRole('group', { name: /機密性の分類/ }).locator('#field-classification').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'dialog-errors-light');

    // conditional questions appear only when they apply
    const myNumber = app.getByRole('group', { name: /マイナンバー利用事務系のデータ/ });
    const measures = app.getByRole('group', { name: /保護の措置/ });
    expect(await myNumber.isVisible()).toBe(true);
    expect(await measures.isVisible()).toBe(false);
    await app.getByRole('group', { name: /機密性の分類/ }).getByLabel('機密性2').check();
    await measures.waitFor();
    await myNumber.getByLabel('いいえ').check();
    await measures.getByLabel('暗号化').check();
    await app.getByRole('group', { name: /私物機器の使用/ }).getByLabel('いいえ').check();
    await app.getByLabel(/持ち出し先/).fill('大分県庁 新館');
    await app.getByLabel(/^目的/).fill('市町村担当者研修での制度説明');
    await app.getByLabel(/期間（始まりの日）/).fill(`${year}-04-10`);
    await app.getByLabel(/期間（終わりの日）/).fill(`${year}-04-12`);
    await app.getByRole('button', { name: '確認へ進む' }).click();

    await app.getByRole('heading', { name: 'この内容で申請します。よろしいですか？' }).waitFor();
    await app.getByText('送信先：データ取扱責任者').waitFor();
    await shot(page, 'dialog-confirm-light');
    const before = host.events.length;
    await app.getByRole('button', { name: '申請する' }).click();
    await until(() => host.events.slice(before).some((e) => e.func === 'tasks.completeTask'));
    const [result, appIds] = host.events.slice(before).find((e) => e.func === 'tasks.completeTask')!.args as [any, string[]];
    expect(appIds).toEqual(['0f6e8d4c-2b1a-4c3d-9e8f-7a6b5c4d3e2f']);
    expect(result).toMatchObject({ dialog: 'carry-out', values: { items: ['pc', 'media'], classification: '2', myNumber: 'no', measures: ['encrypt'] } });

    // Teams posts the result to the bot as task/submit, with a Bot Framework token (the replies come back in the
    // HTTP response: expectReplies, so the authenticated bot needs no outgoing connector in this test)
    const activity = {
      ...message('', { serviceUrl: null, tenantId: TENANT, expectReplies: true }),
      type: 'invoke',
      name: 'task/submit',
      text: undefined,
      from: { ...USER, aadObjectId: PEOPLE.alex.userId, name: 'Alex Wilber' },
      value: { data: result, context: { theme: 'default' } },
    };
    const r = await post(web.bot.url, activity, { authorization: `Bearer ${web.botToken()}` });
    expect(r.status).toBe(200);
    const reply = r.body.activities.find((a: { type: string }) => a.type === 'invokeResponse');
    expect(reply.value.body.task.value).toMatch(/^持ち出し申請を送信しました（受付番号 /);
    const requestId = await ap.requestIdForRef(submissionRef(result.submissionId));
    const rec = await ap.get(requestId!);
    expect(rec).toMatchObject({ kind: 'carry-out', state: 'submitted', requester: { userId: PEOPLE.alex.userId }, period: { from: `${year}-04-10`, until: `${year}-04-12` } });

    // and the approver's tab shows it
    const megan = await openAs('megan', '/tab/requests');
    await megan.app.getByRole('article', { name: rec!.title }).waitFor();
  });

  it('dialog: a blocked combination shows the clause verbatim; the dark theme', async () => {
    const { page, app } = await openAs('alex', '/dialog/carry-out', { frame: 'task', theme: 'dark' });
    await app.getByRole('heading', { name: '持ち出し申請' }).waitFor();
    expect(await theme(app)).toBe('dark');
    const year = new Date().getFullYear() + 1;
    await app.getByRole('group', { name: /持ち出すもの/ }).getByLabel('USBメモリ等の電磁的記録媒体').check();
    await app.getByLabel(/情報の内容/).fill('資格データ');
    await app.getByRole('group', { name: /機密性の分類/ }).getByLabel('機密性3').check();
    await app.getByRole('group', { name: /マイナンバー利用事務系のデータ/ }).getByLabel('はい').check();
    await shot(page, 'dialog-filled-dark');
    await app.getByRole('group', { name: /私物機器の使用/ }).getByLabel('いいえ').check();
    await app.getByLabel(/持ち出し先/).fill('自宅');
    await app.getByLabel(/^目的/).fill('作業');
    await app.getByLabel(/期間（始まりの日）/).fill(`${year}-01-05`);
    await app.getByLabel(/期間（終わりの日）/).fill(`${year}-01-06`);
    await app.getByRole('button', { name: '確認へ進む' }).click();
    await app.getByRole('heading', { name: 'この内容では申請できません' }).waitFor();
    expect(await app.locator('figcaption').allInnerTexts()).toContain('第3章 5(1)②(イ)');
    expect((await app.locator('blockquote').first().innerText()).length).toBeGreaterThan(10);
    await shot(page, 'dialog-blocked-dark');
  });

  it('nothing was fetched from anywhere but the bot and the host, and no page logged an error', () => {
    expect(host.blocked).toEqual([]);
    // the only expected errors: the 401 of the refused token and the 409 of the stale decision (the browser logs
    // failed requests)
    const unexpected = host.errors.filter((e) => !/status of (401|409)/.test(e));
    expect(unexpected).toEqual([]);
    expect(HOST_ORIGIN).toBe('https://teams.microsoft.com');
  });
});
