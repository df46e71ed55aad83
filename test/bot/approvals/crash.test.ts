// The bot process killed between storing a request and telling the requester 「送信しました」: the request is in the
// database; Teams redelivers the same activity to a new instance, which acknowledges it with the stored request
// (no second one), and the approver's card goes out once. On SQLite and PostgreSQL.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { testDatabaseUrl, TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { type CaptureServer, startCaptureServer } from '../../support/capture';
import { cardSubmit, message, post } from '../../support/teams';
import { BOT, PEOPLE, SAMPLE_DIRECTORY, actionsOf, approvalsBot, as, cardOf, type ApprovalsBot } from './helpers';

const ROOT = path.join(__dirname, '../../..');
let bundleDir = '';
let bundle = '';

beforeAll(() => {
  // Inside the repository (dist/ is not tracked): the bundled code finds the project's files from its own folder.
  mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  bundleDir = mkdtempSync(path.join(ROOT, 'dist', 'crash-test-'));
  bundle = path.join(bundleDir, 'bot-then-crash.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'fixtures/bot-then-crash.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
});

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Starts the child bot; resolves with its URL and a promise of the id it printed as STORED (then it is killed). */
function startChild(args: string[]): Promise<{ url: string; stored: Promise<string>; exited: Promise<NodeJS.Signals | null>; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let storedResolve: (id: string) => void = () => undefined;
    const stored = new Promise<string>((r) => (storedResolve = r));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const listening = /LISTENING (\S+)/.exec(out);
      if (listening) resolve({ url: listening[1]!, stored, exited, child });
      const m = /STORED (\S+)/.exec(out);
      if (m) {
        child.kill('SIGKILL');
        storedResolve(m[1]!);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    void exited.then(() => {
      if (!/LISTENING/.test(out)) reject(new Error(`child exited before listening: ${err}`));
    });
  });
}

describe.each(TEST_DIALECTS)('killed between storing a request and acknowledging it, on %s', (dialect) => {
  const t = useTestDb(dialect);
  let capture: CaptureServer;
  let bot: ApprovalsBot | undefined;

  beforeAll(async () => {
    capture = await startCaptureServer();
  });
  afterAll(async () => {
    await bot?.close();
    await capture?.close();
  });

  it('keeps the request; the redelivered activity is acknowledged with it and nothing is stored twice', async () => {
    const { alex, megan } = PEOPLE;
    const args = dialect === 'sqlite' ? ['sqlite', t().location, SAMPLE_DIRECTORY] : ['postgres', t().location, SAMPLE_DIRECTORY, testDatabaseUrl()];
    const child = await startChild(args);
    // The conversation up to the form happens on the child (the person talks to "the bot").
    const proxy = { chat: (p: { id: string }) => `a:crash-${p.id}-${dialect}`, capture } as unknown as ApprovalsBot;
    const o = (p: (typeof PEOPLE)[keyof typeof PEOPLE]) => as(proxy, p);
    const withBot = (a: Record<string, any>) => ({ ...a, recipient: { id: BOT, name: 'policy-bot' } });
    await post(child.url, withBot(message('こんにちは', o(megan)))); // Megan's chat is known to the bot
    const asked = await post(child.url, withBot(message('クラウドのストレージに業務データを置いてもいいですか', o(alex))));
    const offer = actionsOf(cardOf(asked.body.activities[0])).find((a) => a.data?.action === 'approvals.offer');
    const form = await post(child.url, withBot(cardSubmit(offer.data, o(alex))));
    const send = actionsOf(cardOf(form.body.activities[0])).find((a) => a.data?.action === 'approvals.submit');
    const submitActivity = withBot(cardSubmit({ ...send.data, what: 'クラッシュ試験の申請' }, o(alex)));

    // The submit: stored, then the process dies before answering.
    const answered = post(child.url, submitActivity).then(
      () => 'answered',
      () => 'connection lost',
    );
    const requestId = await child.stored;
    expect(await child.exited).toBe('SIGKILL');
    expect(await answered).toBe('connection lost');

    // The request is there.
    const rows = await t().db.all<{ id: string; state: string }>('SELECT id, state FROM approval_requests');
    expect(rows).toEqual([{ id: requestId, state: 'submitted' }]);

    // Teams redelivers the same activity (same id) to another instance: acknowledged with the stored request.
    bot = await approvalsBot(await t().reopen(), capture);
    const res = await post(bot.url, submitActivity);
    expect(res.status).toBe(200);
    const [ack] = res.body.activities;
    expect(ack.text).toBe(`この申請はすでに送信しています（受付番号 ${requestId.slice(0, 8).toUpperCase()}）。`);
    expect(cardOf(ack).refresh.action.data).toEqual({ requestId });
    expect(await t().db.all('SELECT id FROM approval_requests')).toHaveLength(1);

    // The approver's card was queued with the request and goes out once.
    await bot.deliver();
    await bot.deliver();
    const toMegan = capture.received.filter((r) => r.conversationId === proxy.chat(megan));
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]!.activity.text).toContain('「クラッシュ試験の申請」が届きました');
  });
});
