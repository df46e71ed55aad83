// The approvals started with the bot: settings (validated, errors naming the variable), the directory and its
// start-up warnings, /healthz, the worker stopped on close, and the conversation references saved for proactive
// messages. Persistence on both backends.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryError } from '../../../approvals/directory-load';
import { POLICY_ROLE_NAMES } from '../../../approvals/policy-roles';
import { enginePolicyRoles, workflowSettings } from '../../../bot/approvals/setup';
import { ConfigError, type Env, loadConfig, sampleDirectoryPath } from '../../../bot/config';
import { createServer } from '../../../bot/server';
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import { memoryLogger } from '../../support/bot';
import { type CaptureServer, startCaptureServer } from '../../support/capture';
import { installationUpdate, message, post } from '../../support/teams';
import { BOT, PEOPLE, SAMPLE_DIRECTORY, approvalsBot, approvalsEngine, as, requestFromAnswer, say, useApprovalsBot } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'approvals-config-'));
const load = (env: Env) => loadConfig(env, { cwd: dir });

function errorOf(env: Env): ConfigError {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('approvals settings', () => {
  it('defaults to the shipped sample directory and the workflow defaults', () => {
    const c = load({});
    expect(c.directory.orgDirectory).toBe(SAMPLE_DIRECTORY);
    expect(sampleDirectoryPath()).toBe(SAMPLE_DIRECTORY);
    expect(c.approvals).toMatchObject({
      remindAfterMinutes: 1440,
      remindEveryMinutes: 1440,
      maxReminders: 3,
      escalateAfterMinutes: 30,
      expireAfterDays: 30,
      teamsServiceUrl: 'https://smba.trafficmanager.net/teams/',
      workerIntervalSeconds: 5,
      retryBaseSeconds: 2,
      maxAttempts: 15,
    });
    expect(c.approvals.urgentChannelId).toBeUndefined();
    expect(c.approvals.stopAccessWebhookUrl).toBeUndefined();
    expect(workflowSettings(c.approvals)).toEqual({
      remindAfterMs: 86_400_000,
      remindEveryMs: 86_400_000,
      maxReminders: 3,
      escalateAfterMs: 1_800_000,
      expireAfterMs: 30 * 86_400_000,
      urgentChannel: false,
      stopAccessWebhook: false,
    });
  });

  it('reads every APPROVAL_* setting, role lists with , or 、', () => {
    const c = load({
      APPROVAL_ESCALATION_CHAIN: '統括情報セキュリティ責任者、情報セキュリティ委員会, CISO',
      APPROVAL_REMIND_AFTER_MINUTES: '0',
      APPROVAL_ESCALATE_AFTER_MINUTES: '15',
      APPROVAL_EXPIRE_AFTER_DAYS: '7',
      APPROVAL_STOP_ACCESS_ROLES: '統括情報セキュリティ責任者',
      APPROVAL_EVALUATE_ROLES: 'CSIRT,CSIRT責任者',
      APPROVAL_URGENT_CHANNEL_ID: '19:abc@thread.tacv2',
      STOP_ACCESS_WEBHOOK_URL: 'https://idm.example.lg.jp/hooks/stop?token=x',
      APPROVAL_WORKER_INTERVAL_SECONDS: '1',
    });
    expect(workflowSettings(c.approvals)).toMatchObject({
      escalationChain: ['統括情報セキュリティ責任者', '情報セキュリティ委員会', 'CISO'],
      remindAfterMs: 0,
      escalateAfterMs: 900_000,
      expireAfterMs: 7 * 86_400_000,
      urgentChannel: true,
      stopAccessWebhook: true,
      stopAccessRoles: ['統括情報セキュリティ責任者'],
      evaluateRoles: ['CSIRT', 'CSIRT責任者'],
    });
  });

  it.each<[Env, string]>([
    [{ APPROVAL_REMIND_AFTER_MINUTES: 'abc' }, 'APPROVAL_REMIND_AFTER_MINUTES'],
    [{ APPROVAL_ESCALATE_AFTER_MINUTES: '0' }, 'APPROVAL_ESCALATE_AFTER_MINUTES'],
    [{ APPROVAL_EXPIRE_AFTER_DAYS: '1.5' }, 'APPROVAL_EXPIRE_AFTER_DAYS'],
    [{ APPROVAL_MAX_REMINDERS: '-1' }, 'APPROVAL_MAX_REMINDERS'],
    [{ APPROVAL_ESCALATION_CHAIN: ' , 、' }, 'APPROVAL_ESCALATION_CHAIN'],
    [{ APPROVAL_URGENT_CHANNEL_ID: '19 :bad id' }, 'APPROVAL_URGENT_CHANNEL_ID'],
    [{ STOP_ACCESS_WEBHOOK_URL: 'http://idm.example.lg.jp/hook?token=secret' }, 'STOP_ACCESS_WEBHOOK_URL'],
    [{ STOP_ACCESS_WEBHOOK_URL: 'ftp://x' }, 'STOP_ACCESS_WEBHOOK_URL'],
    [{ TEAMS_SERVICE_URL: 'smba' }, 'TEAMS_SERVICE_URL'],
    [{ APPROVAL_WORKER_INTERVAL_SECONDS: '0' }, 'APPROVAL_WORKER_INTERVAL_SECONDS'],
    [{ APPROVAL_MAX_ATTEMPTS: '0' }, 'APPROVAL_MAX_ATTEMPTS'],
  ])('with %j, names %s (and never echoes a webhook URL)', (env, setting) => {
    const err = errorOf(env);
    expect(err.setting).toBe(setting);
    expect(err.message).not.toContain('secret');
  });

  it('allows an http webhook only on this machine', () => {
    expect(load({ STOP_ACCESS_WEBHOOK_URL: 'http://127.0.0.1:8080/hook' }).approvals.stopAccessWebhookUrl).toBe('http://127.0.0.1:8080/hook');
  });

  it('takes the policy role names from the engine, the built-in list when it has none', () => {
    expect(enginePolicyRoles(approvalsEngine())).toEqual(POLICY_ROLE_NAMES);
    const engine = { ...approvalsEngine(), clauses: [{ label: 'x', facts: { roles: ['CISO', 'CSIRT'] } }] } as never;
    expect(enginePolicyRoles(engine)).toEqual(['CISO', 'CSIRT']);
  });
});

describe.each(TEST_DIALECTS)('started with the server, on %s', (dialect) => {
  const t = useTestDb(dialect);
  let capture: CaptureServer;

  beforeAll(async () => {
    capture = await startCaptureServer();
  });
  afterAll(async () => {
    await capture?.close();
  });

  it('logs the roles nobody holds at start-up, keeps /healthz as it was, and stops its worker on close', async () => {
    const bot = await approvalsBot(t().db, capture, { approvals: { worker: true }, env: { APPROVAL_WORKER_INTERVAL_SECONDS: '0.05' } });
    let closed = false;
    try {
      const unheld = bot.lines.filter((l) => l.event === 'approvals.directory' && l.code === 'role-unheld').map((l) => l.role);
      expect(unheld.sort()).toEqual(['データ保護管理者', '副CISO', '情報システム管理者', '情報セキュリティ管理者', '最高情報セキュリティアドバイザー'].sort());
      expect(bot.lines.find((l) => l.event === 'approvals.started')).toMatchObject({ level: 'info', people: 11 });
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      // The background worker delivers without being asked …
      await say(bot, PEOPLE.megan, 'こんにちは');
      capture.clear();
      await requestFromAnswer(bot, PEOPLE.alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: 'ワーカーの確認' });
      await capture.waitFor(1, 5000);
      // … and stops with the server: a notification queued afterwards stays in the outbox.
      const ap = bot.server.deps!.approvals.approvals;
      await bot.close();
      closed = true;
      capture.clear();
      const other = await approvalsBot(await t().reopen(), capture); // no worker, nothing nudged
      await other.server.deps!.approvals.approvals.submit({
        kind: 'permission',
        urgent: false,
        requester: { userId: PEOPLE.alex.aadObjectId },
        roles: ['データ取扱責任者'],
        clauses: [],
        title: '停止後の確認',
        details: {},
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(capture.received).toHaveLength(0);
      expect(ap).toBeDefined();
      await other.close();
    } finally {
      if (!closed) await bot.close();
    }
  });

  it('refuses to start with an invalid directory, naming the line and the person', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'people:\n  - id: kato\n    name: 加藤\n    department: nowhere\ndepartments: []\nroles: {}\n');
    const { log } = memoryLogger();
    const server = createServer(load({ PORT: '0', ORG_DIRECTORY: bad }), { db: await t().reopen(), engine: approvalsEngine(), log, approvals: { worker: false } });
    const err = await server.listen().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DirectoryError);
    expect((err as Error).message).toContain('bad.yaml:4:17 職員 kato: 部署「nowhere」は departments に定義されていません');
    await server.close();
  });
});

describe.each(TEST_DIALECTS)('conversation references, on %s', (dialect) => {
  const t = useTestDb(dialect);
  const { bot, capture } = useApprovalsBot(t);

  it('are saved from every activity, with the person\'s Teams id, and forgotten when the bot is removed', async () => {
    const refs = bot().server.deps!.approvals.refs;
    const { patti } = PEOPLE;
    // An install alone (no message yet) is enough.
    const o = { ...as(bot(), patti, { expectReplies: false }) };
    await post(bot().url, { ...installationUpdate('add', o), recipient: { id: BOT } });
    const ref = await refs.personal(patti.aadObjectId.toUpperCase());
    expect(ref).toMatchObject({ conversationId: bot().chat(patti), serviceUrl: capture().serviceUrl, botId: BOT, channelUserId: patti.id, tenantId: '00000000-0000-0000-0000-0000000000001' });
    expect((await refs.channelUserIds([patti.aadObjectId])).get(patti.aadObjectId)).toBe(patti.id);

    // A channel conversation is remembered for its connector, never as someone's 1:1 chat.
    await post(bot().url, { ...message('こんにちは', { ...o, conversationId: '19:general@thread.tacv2', conversationType: 'channel' }), recipient: { id: BOT } });
    expect((await refs.personal(patti.aadObjectId))?.conversationId).toBe(bot().chat(patti));
    expect((await refs.latest('00000000-0000-0000-0000-0000000000001'))?.conversationId).toBe('19:general@thread.tacv2');

    await post(bot().url, { ...installationUpdate('remove', o), recipient: { id: BOT } });
    expect(await refs.personal(patti.aadObjectId)).toBeUndefined();
  });

  it('ignore activities without a usable service URL or conversation, and keep no names', async () => {
    const refs = bot().server.deps!.approvals.refs;
    const { lynne } = PEOPLE;
    await post(bot().url, { ...message('こんにちは', { ...as(bot(), lynne), serviceUrl: null }), recipient: { id: BOT } });
    expect(await refs.personal(lynne.aadObjectId)).toBeUndefined();
    const rows = await t().db.all<Record<string, unknown>>('SELECT * FROM bot_conversation_refs');
    expect(JSON.stringify(rows)).not.toContain('Patti');
    expect(JSON.stringify(await t().db.all('SELECT * FROM bot_user_accounts'))).not.toContain('Fernandez');
  });
});
