// End to end, the Playground walk-through of docs/approvals.md: one bot, two Agents Playgrounds — Alex Wilber (the
// requester, the Playground's default user) and Megan Bowen (`--as megan`, 総務課のデータ取扱責任者) — in headless
// Chromium. Alex asks, presses 「許可を申請する」, sends the form; Megan's chat receives the card, she approves with a
// comment; Alex's chat receives the decision. Screenshots go to test-artifacts/e2e/.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger } from '../../bot/log';
import { type LocalBot, startLocalBot } from '../../bot/playground/local-bot';
import { type RunningPlayground, repoRoot, startPlayground } from '../../bot/playground/playground';
import { launchChromium, loopbackContext } from './support/chromium';

jest.setTimeout(240_000);

const ARTIFACTS = join(repoRoot(), 'test-artifacts', 'e2e');
const STEP_MS = 60_000;
const QUESTION = 'USBメモリを家に持ち帰ってもいいですか';

describe('the approvals walk-through in two Agents Playgrounds (Alex requests, Megan approves)', () => {
  let dataDir: string;
  let bot: LocalBot | undefined;
  let alexPlayground: RunningPlayground | undefined;
  let meganPlayground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let alex: Page;
  let megan: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'policy-bot-e2e-approvals-'));
    bot = await startLocalBot(
      { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', APPROVAL_WORKER_INTERVAL_SECONDS: '0.5' },
      { cwd: dataDir, log: createLogger({ level: 'error' }) },
    );
    alexPlayground = await startPlayground({ endpoint: bot.endpoint, logFile: join(dataDir, 'playground', 'alex.log') });
    meganPlayground = await startPlayground({ endpoint: bot.endpoint, logFile: join(dataDir, 'playground', 'megan.log'), user: 'megan' });
    browser = await launchChromium();
    ({ context } = await loopbackContext(browser));
    alex = await context.newPage();
    megan = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await alexPlayground?.stop().catch(() => undefined);
    await meganPlayground?.stop().catch(() => undefined);
    await bot?.close().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('Megan opens her chat with the bot (as herself)', async () => {
    await megan.goto(meganPlayground!.url, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await megan.getByText('Connected.', { exact: true }).waitFor({ timeout: STEP_MS });
    await botMessages(megan).filter({ hasText: '情報セキュリティポリシー案内ボット' }).first().waitFor({ timeout: STEP_MS });
  });

  test('Alex asks, presses 許可を申請する, fills the form and is told 送信しました', async () => {
    await alex.goto(alexPlayground!.url, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await alex.getByText('Connected.', { exact: true }).waitFor({ timeout: STEP_MS });
    await botMessages(alex).filter({ hasText: '情報セキュリティポリシー案内ボット' }).first().waitFor({ timeout: STEP_MS });
    await alex.getByRole('textbox').first().click({ timeout: STEP_MS });
    await alex.keyboard.insertText(QUESTION);
    await alex.keyboard.press('Enter');
    await alex.getByRole('button', { name: '許可を申請する' }).last().click({ timeout: STEP_MS });
    const what = alex.getByLabel('申請の内容（何をしたいか）').last();
    await what.waitFor({ timeout: STEP_MS });
    await what.fill('研修会場での説明用にUSBメモリを持ち帰る');
    await alex.getByLabel('理由').last().fill('市町村担当者研修の準備');
    await alex.getByRole('button', { name: '送信する' }).last().click({ timeout: STEP_MS });
    await botMessages(alex).filter({ hasText: '送信しました' }).last().waitFor({ timeout: STEP_MS });
    await alex.screenshot({ path: join(ARTIFACTS, 'approvals-alex-sent.png') });
  });

  test('Megan receives the card in her chat and approves it with a comment', async () => {
    const card = botMessages(megan).filter({ hasText: '研修会場での説明用にUSBメモリを持ち帰る' }).last();
    await card.waitFor({ timeout: STEP_MS });
    await megan.screenshot({ path: join(ARTIFACTS, 'approvals-megan-card.png') });
    await card.getByLabel('コメント（任意）').fill('承認します。持ち帰り後は施錠保管してください。');
    await card.getByRole('button', { name: '承認', exact: true }).click({ timeout: STEP_MS });
    await botMessages(megan).filter({ hasText: '承認しました。申請者に通知します。' }).last().waitFor({ timeout: STEP_MS });
    await megan.screenshot({ path: join(ARTIFACTS, 'approvals-megan-approved.png') });
  });

  test('Alex is told the decision with the comment', async () => {
    const told = botMessages(alex).filter({ hasText: 'は承認されました' }).last();
    await told.waitFor({ timeout: STEP_MS });
    expect(await told.innerText()).toContain('承認します。持ち帰り後は施錠保管してください。');
    await alex.screenshot({ path: join(ARTIFACTS, 'approvals-alex-decision.png') });
  });
});

function botMessages(page: Page) {
  return page.locator('.fai-OutputCard');
}
