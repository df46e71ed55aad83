// End to end, like a user: the real bot (local development mode) and the Microsoft 365 Agents Playground on
// loopback, driven in headless Chromium. Asks 「USBメモリを家に持ち帰ってもいいですか」 and expects the verdict,
// the approver and a clause label in the chat, with Teams' citation; saves screenshots to test-artifacts/e2e/.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger } from '../../bot/log';
import { type LocalBot, startLocalBot } from '../../bot/playground/local-bot';
import { type RunningPlayground, repoRoot, startPlayground } from '../../bot/playground/playground';
import { launchChromium, loopbackContext } from './support/chromium';
import { listeningAddresses } from './support/listening';

jest.setTimeout(180_000);

const QUESTION = 'USBメモリを家に持ち帰ってもいいですか';
/** A canonical clause label: 第3章 7(4)ア(ウ)b and the like. */
const LABEL = /第\d+章 \d+(\(\d+\))?[ア-ン]?(\([ア-ン]\))?[a-z]?/;
const ARTIFACTS = join(repoRoot(), 'test-artifacts', 'e2e');
const STEP_MS = 60_000;

describe('the bot in the Microsoft 365 Agents Playground', () => {
  let dataDir: string;
  let bot: LocalBot | undefined;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let blocked: string[] = [];
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'policy-bot-e2e-'));
    bot = await startLocalBot(
      { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
      { cwd: dataDir, log: createLogger({ level: 'error' }) },
    );
    playground = await startPlayground({ endpoint: bot.endpoint, logFile: join(ARTIFACTS, 'm365agentsplayground.log') });
    browser = await launchChromium();
    ({ context, blocked } = await loopbackContext(browser));
    page = await context.newPage();
  });

  afterAll(async () => {
    // Each step runs even if an earlier one fails, so no process outlives the suite.
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await playground?.stop().catch(() => undefined);
    await bot?.close().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the Playground listens on 127.0.0.1 only', () => {
    const addresses = listeningAddresses(playground!.port);
    expect(addresses.length).toBeGreaterThan(0);
    expect(new Set(addresses)).toEqual(new Set(['127.0.0.1']));
  });

  test('connects to the bot and receives its welcome', async () => {
    await page.goto(playground!.url, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    // The Playground's log panel says "Connected." once it has reached the bot's endpoint.
    await page.getByText('Connected.', { exact: true }).waitFor({ timeout: STEP_MS });
    await botMessages(page).filter({ hasText: '情報セキュリティポリシー案内ボット' }).first().waitFor({ timeout: STEP_MS });
  });

  test('answers the USB question with the verdict, the approver and the clause label', async () => {
    const box = page.getByRole('textbox');
    await box.click({ timeout: STEP_MS });
    await page.keyboard.insertText(QUESTION);
    await page.keyboard.press('Enter');

    // Our question appears in the chat, then the bot's answer (a message that cites a clause).
    await page.getByText(QUESTION, { exact: true }).last().waitFor({ timeout: STEP_MS });
    const answer = botMessages(page).filter({ hasText: LABEL }).last();
    await answer.waitFor({ timeout: STEP_MS });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-usb.png') });

    const text = await answer.innerText();
    expect(text.trimStart().startsWith('許可が必要です')).toBe(true);
    expect(text).toContain('データ取扱責任者');
    expect(text).toMatch(LABEL);
    expect(text).toContain('「職員等は、');
  });

  test('shows the clause as a Teams citation whose pop-up holds the label and the quote', async () => {
    const answer = botMessages(page).filter({ hasText: LABEL }).last();
    const label = LABEL.exec(await answer.innerText())?.[0] ?? '';
    // Like Teams, the Playground opens the citation's pop-up when the pointer rests on the [1] marker.
    await answer.locator('.fai-Citation').first().hover({ timeout: STEP_MS });
    const popup = page.getByRole('dialog').filter({ hasText: label });
    await popup.first().waitFor({ timeout: STEP_MS });
    expect(await popup.first().innerText()).toContain('データ取扱責任者の許可を得なければならない');
    await page.screenshot({ path: join(ARTIFACTS, 'playground-usb-citation.png') });
  });

  test('the page reached nothing but 127.0.0.1', () => {
    // The Playground's stylesheet asks a CDN for Segoe UI; that request is refused and the page falls back to
    // local fonts (IPA Gothic for Japanese). Nothing else may leave the machine.
    const elsewhere = [...new Set(blocked)].filter((origin) => origin !== 'https://res-1.cdn.office.net');
    expect(elsewhere).toEqual([]);
  });
});

/** The bot's messages: the Playground renders each one in a Fluent AI output card. */
function botMessages(page: Page) {
  return page.locator('.fai-OutputCard');
}
