// The real knowledge engine behind the bot (loaded by the server itself, as `npm start` does).

import { useTestDb } from '../../storage/testing';
import { loadConfig } from '../../bot/config';
import { createServer } from '../../bot/server';
import { memoryLogger } from '../support/bot';
import { message, post } from '../support/teams';

const VERDICT_LINE = /^\*\*(禁止です|許可が必要です|報告が必要です|義務です|問題ありません|規程に定めがありません)。\*\*/;

describe('the bot with the real knowledge engine', () => {
  const t = useTestDb('sqlite');
  let bot: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0' }, { cwd: __dirname });
    const server = createServer(config, { db: t().db, log: memoryLogger().log });
    const url = await server.listen();
    bot = { url, close: () => server.close() };
  });
  afterAll(() => bot?.close());

  it('answers 「USBメモリを家に持ち帰ってもいいですか」 with a verdict, a quoted clause and Teams citations', async () => {
    const res = await post(bot.url, message('USBメモリを家に持ち帰ってもいいですか', { expectReplies: true }));
    expect(res.status).toBe(200);
    const reply = res.body.activities[0];
    expect(reply.text).toMatch(VERDICT_LINE);
    expect(reply.text).not.toMatch(/^\*\*規程に定めがありません/);
    const label = /（(第\d+章[^）]*)）\[1\]/.exec(reply.text)?.[1];
    expect(label).toBeDefined();
    const ai = reply.entities.find((e: any) => e.type === 'https://schema.org/Message');
    expect(ai.citation[0].appearance.name).toBe(label);
    expect(ai.citation[0].appearance.abstract.length).toBeGreaterThan(0);
    expect(reply.channelData.feedbackLoopEnabled).toBe(true);
  });

  it('is ready for /healthz', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
