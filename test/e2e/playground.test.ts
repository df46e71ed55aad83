// End to end, like a user: the real bot (local development mode, real knowledge engine) and the Microsoft 365
// Agents Playground on loopback, driven in headless Chromium. Asks 「USBメモリを家に持ち帰ってもいいですか」 and
// expects the verdict, the roles and the clause label with its quote in the chat, and Teams' citation pop-up;
// saves screenshots to test-artifacts/e2e/.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Answer } from '../../knowledge/types';
import { createLogger } from '../../bot/log';
import { type LocalBot, startLocalBot } from '../../bot/playground/local-bot';
import { type RunningPlayground, repoRoot, startPlayground } from '../../bot/playground/playground';
import { verdictText } from '../../bot/reply/verdict';
import { launchChromium, loopbackContext } from './support/chromium';
import { listeningAddresses } from './support/listening';

jest.setTimeout(180_000);

const QUESTION = 'USBメモリを家に持ち帰ってもいいですか';
/** A canonical clause label: 第3章 7(4)ア(ウ)b and the like. */
const LABEL = /第\d+章 \d+(\(\d+\))?[ア-ン]?(\([ア-ン]\))?[a-z]?/;
const ARTIFACTS = join(repoRoot(), 'test-artifacts', 'e2e');
const STEP_MS = 60_000;

let bot: LocalBot | undefined;

describe('the bot in the Microsoft 365 Agents Playground', () => {
  let dataDir: string;
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

  test('answers the USB question: verdict first, then who to ask and the quoted clause with its label', async () => {
    // What the page must show is what the bot's knowledge engine decides (its correctness is tested in
    // test/knowledge); here we check that all of it reaches the chat as a person sees it.
    const expected = engineAnswer();
    expect(expected.citations.length).toBeGreaterThan(0);
    const cited = expected.citations[0]!;
    expect(cited.label).toMatch(LABEL);

    await page.getByRole('textbox').click({ timeout: STEP_MS });
    await page.keyboard.insertText(QUESTION);
    await page.keyboard.press('Enter');

    const answer = botMessages(page).filter({ hasText: cited.label }).last();
    await answer.waitFor({ timeout: STEP_MS });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-usb.png') });

    const text = await answer.innerText();
    expect(text.trimStart().startsWith(verdictText[expected.verdict])).toBe(true);
    for (const role of expected.roles) expect(text).toContain(role);
    expect(text).toContain(`（${cited.label}）`);
    expect(text).toContain(`「${oneLine(cited.quote).slice(0, 20)}`);
  });

  test('shows the clause as a Teams citation whose pop-up holds the label and the quote', async () => {
    const cited = engineAnswer().citations[0]!;
    const answer = botMessages(page).filter({ hasText: cited.label }).last();
    // Like Teams, the Playground opens the citation's pop-up when the pointer rests on the [1] marker.
    await answer.locator('.fai-Citation').first().hover({ timeout: STEP_MS });
    const popup = page.getByRole('dialog').filter({ hasText: cited.label }).first();
    await popup.waitFor({ timeout: STEP_MS });
    expect(oneLine(await popup.innerText())).toContain(oneLine(cited.quote).slice(0, 40));
    // Let the pop-up's fade-in finish so the screenshot shows it crisp.
    await popup.evaluate((el) => Promise.all((el as unknown as Animatable).getAnimations({ subtree: true }).map((a) => a.finished)));
    await page.screenshot({ path: join(ARTIFACTS, 'playground-usb-citation.png') });
  });

  test('the page reached nothing but 127.0.0.1', () => {
    // The Playground's stylesheet asks a CDN for Segoe UI; that request is refused and the page falls back to
    // local fonts (IPA Gothic for Japanese). Nothing else may leave the machine.
    const elsewhere = [...new Set(blocked)].filter((origin) => origin !== 'https://res-1.cdn.office.net');
    expect(elsewhere).toEqual([]);
  });
});

/** The part of the DOM's Element the test uses in the page (the project compiles without DOM types). */
interface Animatable {
  getAnimations(options: { subtree: boolean }): Array<{ finished: Promise<unknown> }>;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The answer of the engine the running bot uses. */
function engineAnswer(): Answer {
  const engine = bot?.server.deps?.engine;
  if (!engine) throw new Error('the bot is not running');
  return engine.answer(QUESTION);
}

/** The bot's messages: the Playground renders each one in a Fluent AI output card. */
function botMessages(page: Page) {
  return page.locator('.fai-OutputCard');
}
