// The outbox delivering through the SDK's connector, at the wire: the connector failing with 5xx and recovering
// (nothing lost, nothing sent twice), a worker dying after sending, several instances on one database, the urgent
// channel and the stop-access webhook, permanent refusals and chats that disappeared. Both backends.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestDraft } from '../../../approvals/types';
import { TEST_DIALECTS, useTestDb } from '../../../storage/testing';
import {
  Clock,
  PEOPLE,
  actionsOf,
  approvalsBot,
  cardOf,
  execute,
  executeData,
  invokeCard,
  requestFromAnswer,
  textsOf,
  useApprovalsBot,
  type ApprovalsBot,
} from './helpers';

const { alex, megan, adele } = PEOPLE;

interface Hook {
  url: string;
  calls: Array<{ body: any; headers: IncomingHttpHeaders }>;
  status: number;
  close(): Promise<void>;
}

async function startHook(): Promise<Hook> {
  const hook: Partial<Hook> & { calls: Hook['calls']; status: number } = { calls: [], status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hook.calls.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'), headers: req.headers });
      res.statusCode = hook.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stop-access?token=secret-token`;
  hook.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return hook as Hook;
}

function lostCard(): RequestDraft {
  return {
    kind: 'lost-card',
    urgent: true,
    requester: { userId: alex.aadObjectId, name: alex.name },
    roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
    clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'],
    title: 'ICカードを紛失しました',
    details: { summary: [{ label: 'なくしたもの', value: '職員証 ICカード' }, { label: '最後に確認した場所', value: 'バスの車内' }] },
  };
}

async function outbox(bot: ApprovalsBot): Promise<Array<{ type: string; status: string; attempts: number; last_error: string | null }>> {
  return bot.server.deps!.db.all('SELECT type, status, attempts, last_error FROM approval_outbox ORDER BY created_at, id');
}

describe.each(TEST_DIALECTS)('delivering through the connector, on %s', (dialect) => {
  const t = useTestDb(dialect);
  let hook: Hook;
  const clock = new Clock();

  beforeAll(async () => {
    hook = await startHook();
  });
  const { bot, capture } = useApprovalsBot(t, {
    options: () => ({ clock, env: { APPROVAL_URGENT_CHANNEL_ID: '19:urgent@thread.tacv2', STOP_ACCESS_WEBHOOK_URL: hook.url } }),
    greet: [alex, megan],
  });
  afterAll(async () => {
    await hook?.close();
  });
  beforeEach(async () => {
    await bot().deliver();
    capture().clear();
    capture().recover();
    hook.calls.length = 0;
    hook.status = 200;
  });

  it('keeps a notification while the connector answers 503, retries with backoff, and sends it once when it recovers', async () => {
    capture().fail(503);
    const { replies } = await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '障害時の確認' });
    expect(replies[0].text).toMatch(/^送信しました/); // the request is stored whatever the connector does
    await bot().deliver();
    expect(capture().refused).toBeGreaterThan(0);
    expect(capture().received).toHaveLength(0);
    let rows = (await outbox(bot())).filter((r) => r.type === 'approval-request' && r.status === 'pending');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempts: 1, last_error: 'the Bot Connector answered 503' });

    // Not due yet: nothing is tried before the backoff (1 s for the first retry here).
    const refused = capture().refused;
    await bot().deliver();
    expect(capture().refused).toBe(refused);
    clock.advance(1100);
    await bot().deliver(); // still failing: second attempt, next retry after 2 s
    expect(capture().refused).toBe(refused + 1);
    rows = (await outbox(bot())).filter((r) => r.type === 'approval-request' && r.status === 'pending');
    expect(rows[0]!.attempts).toBe(2);

    capture().recover();
    clock.advance(2100);
    await bot().deliver();
    await bot().deliver();
    const toMegan = bot().inbox(megan);
    expect(toMegan).toHaveLength(1);
    expect(toMegan[0]!.activity.text).toContain('「障害時の確認」が届きました');
    expect((await outbox(bot())).filter((r) => r.type === 'approval-request').every((r) => r.status === 'sent')).toBe(true);
  });

  it('creates a chat once even when creating it failed first', async () => {
    capture().fail(502, 1); // the first call (POST /v3/conversations for Adele, or Megan's message) fails
    await requestFromAnswer(bot(), alex, '業務でフリーソフトをインストールしてもいいですか', { what: 'チャット作成の再試行' });
    await bot().deliver();
    clock.advance(1100);
    await bot().deliver();
    expect(bot().inbox(adele)).toHaveLength(1);
    expect(bot().inbox(megan)).toHaveLength(1);
    expect(capture().created.filter((c) => c.parameters.members?.[0]?.aadObjectId === adele.aadObjectId)).toHaveLength(1);
    // Adele's chat is remembered: the next card goes into it without creating another.
    await requestFromAnswer(bot(), alex, '業務でフリーソフトをインストールしてもいいですか', { what: '二通目' });
    await bot().deliver();
    expect(bot().inbox(adele)).toHaveLength(2);
    expect(capture().created.filter((c) => c.parameters.members?.[0]?.aadObjectId === adele.aadObjectId)).toHaveLength(1);
  });

  it('does not send twice when a worker dies after sending and before the outbox noted it', async () => {
    // An instance whose worker "dies" right after its first successful send: the outbox never hears of it and hands
    // the notification out again after the lease; the second attempt finds it delivered and drops it.
    let died = false;
    const crashing = await approvalsBot(await t().reopen(), capture(), {
      approvals: {
        wrapDeliver: (deliver) => async (n) => {
          await deliver(n);
          if (!died) {
            died = true;
            throw new Error('worker died after sending');
          }
        },
      },
    });
    try {
      await requestFromAnswer(crashing, alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '送信後の停止' });
      await crashing.deliver();
      expect(died).toBe(true);
      const row = await crashing.server.deps!.db.get<{ id: string; status: string; attempts: number }>(
        "SELECT id, status, attempts FROM approval_outbox WHERE type = 'approval-request' ORDER BY created_at DESC LIMIT 1",
      );
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      await crashing.server.deps!.db.run('UPDATE approval_outbox SET available_at = $1 WHERE id = $2', ['2000-01-01T00:00:00.000Z', row!.id]);
      await crashing.deliver();
      const texts = capture().received.map((r) => r.activity.text).filter((x) => x.includes('「送信後の停止」が届きました'));
      expect(texts).toHaveLength(1);
      expect(crashing.lines.some((l) => l.event === 'approvals.delivery.duplicate' && l.notificationId === row!.id)).toBe(true);
      expect(await crashing.server.deps!.db.get('SELECT status FROM approval_outbox WHERE id = $1', [row!.id])).toEqual({ status: 'sent' });
    } finally {
      await crashing.close();
    }
  });

  it('sends each notification once with several instances delivering from one database (background workers)', async () => {
    // Three instances on one clock (real time): two with background workers every 50 ms, one nudging after each submit.
    const instances = await Promise.all(
      [true, true, false].map(async (worker) =>
        approvalsBot(await t().reopen(), capture(), { approvals: { worker }, env: { APPROVAL_WORKER_INTERVAL_SECONDS: '0.05' } }),
      ),
    );
    try {
      const front = instances[2]!;
      for (let i = 0; i < 6; i++) await requestFromAnswer(front, alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: `多重配信の確認 ${i}` });
      const deadline = Date.now() + 15_000;
      const pending = async () => (await front.server.deps!.db.all("SELECT id FROM approval_outbox WHERE status = 'pending'")).length;
      while ((await pending()) > 0 && Date.now() < deadline) await front.deliver();
      expect(await pending()).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      const texts = capture().received.map((m) => m.activity.text);
      for (let i = 0; i < 6; i++) expect(texts.filter((x) => x.includes(`「多重配信の確認 ${i}」が届きました`))).toHaveLength(1);
    } finally {
      await Promise.all(instances.map((o) => o.close()));
    }
  });

  it('posts urgent reports to the channel (no details), calls the stop-access webhook, and 停止しました works', async () => {
    const ap = bot().server.deps!.approvals.approvals;
    const { requestId } = await ap.submit(lostCard());
    await bot().deliver();
    const inChannel = capture().received.filter((r) => r.conversationId === '19:urgent@thread.tacv2');
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.activity.text).toContain('【至急】ICカード等の紛失「ICカードを紛失しました」が届きました。');
    const channelCard = cardOf(inChannel[0]!.activity);
    expect(textsOf(channelCard).join('\n')).not.toContain('バスの車内');
    expect(actionsOf(channelCard).filter((a) => a.type === 'Action.Execute')).toHaveLength(0);

    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]!.body).toMatchObject({ type: 'stop-access', requestId, requester: { personId: 'alex' }, clauses: ['第3章 7(4)ア(イ)'] });
    expect(hook.calls[0]!.headers['idempotency-key']).toBe(hook.calls[0]!.body.notificationId);

    // The recipients get the report with 確認しました and the task button 停止しました (7(4)ア(イ)).
    const toMegan = bot().inbox(megan).find((m) => m.activity.text.includes('ICカードを紛失しました'))!;
    const card = cardOf(toMegan.activity);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['停止しました', '確認しました']);
    const done = invokeCard((await execute(bot(), megan, 'approvals.act', { ...executeData(card, '停止しました'), comment: 'ID管理システムで停止済み' })).body);
    expect(textsOf(done)[0]).toBe('アクセスの停止を記録しました。');
    expect(textsOf(done).join('\n')).toMatch(/紛失した ICカード等によるアクセスの停止（.*）: 済（Megan Bowen、/);
    await bot().deliver();
    expect(bot().inbox(alex).map((m) => m.activity.text)).toContain('「紛失した ICカード等によるアクセスの停止」が完了しました（ICカード等の紛失「ICカードを紛失しました」）。');
  });

  it('retries the webhook on 5xx, keeps a 4xx as dead, and never logs its URL', async () => {
    const ap = bot().server.deps!.approvals.approvals;
    hook.status = 500;
    await ap.submit(lostCard());
    await bot().deliver();
    expect(hook.calls).toHaveLength(1);
    hook.status = 200;
    clock.advance(1100);
    await bot().deliver();
    expect(hook.calls).toHaveLength(2);
    expect(hook.calls[1]!.body.notificationId).toBe(hook.calls[0]!.body.notificationId);

    hook.status = 400;
    await ap.submit(lostCard());
    await bot().deliver();
    const dead = (await outbox(bot())).filter((r) => r.status === 'dead');
    expect(dead.map((r) => r.type)).toEqual(['stop-access-hook']);
    expect(dead[0]!.last_error).toBe('webhook answered 400');
    expect(JSON.stringify(bot().lines)).not.toContain('secret-token');
    await bot().server.deps!.approvals.runtime.outbox.requeueDead();
    hook.status = 200;
    await bot().deliver();
    expect((await outbox(bot())).filter((r) => r.status === 'dead')).toHaveLength(0);
  });

  it('gives up at once when Teams refuses for good (403), and opens a new chat when the old one is gone (404)', async () => {
    capture().fail(403, 1);
    await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: 'ブロックされた場合' });
    await bot().deliver();
    const dead = (await outbox(bot())).filter((r) => r.status === 'dead');
    expect(dead.map((r) => [r.type, r.attempts, r.last_error])).toEqual([['approval-request', 1, 'the Bot Connector answered 403']]);
    await bot().server.deps!.approvals.runtime.outbox.requeueDead();
    await bot().deliver();
    capture().clear();

    capture().fail(404, 1); // Megan's saved chat no longer exists
    await requestFromAnswer(bot(), alex, 'クラウドのストレージに業務データを置いてもいいですか', { what: '消えたチャット' });
    await bot().deliver();
    const created = capture().created.filter((c) => c.parameters.members?.[0]?.id === megan.id);
    expect(created).toHaveLength(1); // her Teams id (user-id-1) is known from her earlier messages
    expect(bot().inbox(megan).map((m) => m.conversationId)).toEqual([created[0]!.conversationId]);
    expect((await bot().server.deps!.approvals.refs.personal(megan.aadObjectId))?.conversationId).toBe(created[0]!.conversationId);
  });
});
