// The server as a whole: /healthz, conversation state on the database across restarts, errors, extensions.

import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { ERROR_TEXT } from '../../bot/app';
import { onCardAction, type BotExtension } from '../../bot/routing';
import { procedureStartAction } from '../../bot/cards/actions';
import { loadConfig } from '../../bot/config';
import { silentLogger } from '../../bot/log';
import { createServer } from '../../bot/server';
import { startBot } from '../support/bot';
import { fixtureEngine } from '../support/engine';
import { cardSubmit, message, post } from '../support/teams';

const health = async (url: string) => {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: await res.text() };
};

describe('GET /healthz', () => {
  const t = useTestDb('sqlite');

  it('is 200 when the engine and the storage are up, 503 once the storage is gone', async () => {
    const db = await t().reopen();
    const bot = await startBot({ db });
    try {
      expect(await health(bot.url)).toEqual({ status: 200, body: '{"status":"ok"}' });
      await db.close();
      expect(await health(bot.url)).toEqual({ status: 503, body: '{"status":"unavailable"}' });
    } finally {
      await bot.close();
    }
  });

  it('is 503 when the engine has no clause index', async () => {
    const bot = await startBot({ db: t().db, engine: fixtureEngine({ clauses: 0 }) });
    try {
      expect(await health(bot.url)).toEqual({ status: 503, body: '{"status":"unavailable"}' });
    } finally {
      await bot.close();
    }
  });

  it('answers nothing but GET', async () => {
    const bot = await startBot({ db: t().db });
    try {
      expect((await fetch(`${bot.url}/healthz`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${bot.url}/nope`)).status).toBe(404);
    } finally {
      await bot.close();
    }
  });
});

describe('requests', () => {
  const t = useTestDb('sqlite');

  it('refuses bodies above MAX_BODY_BYTES and other content types', async () => {
    const bot = await startBot({ db: t().db, env: { MAX_BODY_BYTES: '2048' } });
    try {
      expect((await post(bot.url, message('あ'.repeat(2000), { expectReplies: true }))).status).toBe(413);
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(res.status).toBe(415);
    } finally {
      await bot.close();
    }
  });

  it('answers through a custom answerer when one is given (the seam for the LLM option)', async () => {
    const engine = fixtureEngine();
    const db = t().db;
    const config = loadConfig({ PORT: '0' }, { cwd: __dirname });
    const server = createServer(config, {
      db,
      engine,
      log: silentLogger,
      answerer: async (question, e) => ({ ...e.answer(question), verdict: 'prohibited' }),
    });
    const url = await server.listen();
    try {
      const res = await post(url, message('USBメモリ', { expectReplies: true }));
      expect(res.body.activities[0].text.startsWith('**禁止です。**')).toBe(true);
      expect(engine.questions).toEqual(['USBメモリ']);
    } finally {
      await server.close();
    }
  });
});

describe.each(TEST_DIALECTS)('state and failures on %s', (dialect) => {
  const t = useTestDb(dialect);

  /** An extension that counts turns in conversation state and user state (the SDK's TurnState on our Storage). */
  const counter: BotExtension = (app) => {
    app.onMessage('count', async (ctx, state) => {
      const conversation = (state.conversation as { turns?: number }).turns ?? 0;
      const user = (state.user as { turns?: number }).turns ?? 0;
      state.setValue('conversation.turns', conversation + 1);
      state.setValue('user.turns', user + 1);
      await ctx.sendActivity(`${conversation + 1}/${user + 1}`);
    });
  };

  it('keeps conversation and user state in the database across a restart', async () => {
    const o = { expectReplies: true, conversationId: `a:state-${dialect}` };
    let bot = await startBot({ db: t().db, extensions: [counter] });
    expect((await post(bot.url, message('count', o))).body.activities[0].text).toBe('1/1');
    expect((await post(bot.url, message('count', o))).body.activities[0].text).toBe('2/2');
    await bot.close();
    bot = await startBot({ db: await t().reopen(), extensions: [counter] });
    try {
      expect((await post(bot.url, message('count', o))).body.activities[0].text).toBe('3/3');
      // Another conversation of the same person: new conversation state, same user state.
      expect((await post(bot.url, message('count', { expectReplies: true }))).body.activities[0].text).toBe('1/4');
    } finally {
      await bot.close();
    }
  });

  it('apologises in Japanese when a turn fails, and lets the redelivery try again', async () => {
    const engine = fixtureEngine({ throwOn: 'こわれる' });
    const bot = await startBot({ db: t().db, engine });
    try {
      const activity = message('こわれる質問', { expectReplies: true });
      const first = await post(bot.url, activity);
      expect(first.status).toBe(200);
      expect(first.body.activities.map((a: any) => a.text)).toEqual([ERROR_TEXT]);
      const again = await post(bot.url, activity);
      expect(again.body.activities.map((a: any) => a.text)).toEqual([ERROR_TEXT]);
      expect(engine.questions.filter((q) => q === 'こわれる質問')).toHaveLength(2);
      expect(bot.lines.some((l) => l.event === 'turn.failed' && l.errorType === 'Error')).toBe(true);
    } finally {
      await bot.close();
    }
  });

  it('lets an extension take over a card action before the built-in placeholder', async () => {
    const started: string[] = [];
    const dialogs: BotExtension = (app) => {
      onCardAction(app, 'procedure.start', procedureStartAction, async (ctx, _state, data) => {
        started.push(data.procedure);
        await ctx.sendActivity('手続きを始めます。');
      });
    };
    const bot = await startBot({ db: t().db, extensions: [dialogs] });
    try {
      const res = await post(bot.url, cardSubmit({ action: 'procedure.start', procedure: 'infection' }, { expectReplies: true }));
      expect(res.body.activities[0].text).toBe('手続きを始めます。');
      expect(started).toEqual(['infection']);
    } finally {
      await bot.close();
    }
  });
});
