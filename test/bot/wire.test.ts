// Wire-level: Teams-shaped activities POSTed to /api/messages, replies read from the HTTP response
// (deliveryMode expectReplies) or from a local capture server standing in for the Bot Connector (serviceUrl).

import { TEST_DIALECTS, useTestDb } from '../../storage/testing';
import { HELP_LINES } from '../../bot/cards/help';
import { CITATION_ABSTRACT_MAX, CITATION_NAME_MAX } from '../../bot/reply/citations';
import { type CaptureServer, startCaptureServer } from '../support/capture';
import { startBot, type TestBot } from '../support/bot';
import { fixtureEngine } from '../support/engine';
import { BOT_ID, USER, cardSubmit, feedbackInvoke, installationUpdate, membersAdded, message, post } from '../support/teams';

const AI_ENTITY = 'https://schema.org/Message';

describe.each(TEST_DIALECTS)('wire level on %s', (dialect) => {
  const testDb = useTestDb(dialect);
  let bot: TestBot;
  let capture: CaptureServer;
  const engine = fixtureEngine();

  beforeAll(async () => {
    capture = await startCaptureServer();
    bot = await startBot({ db: testDb().db, engine });
  });
  afterAll(async () => {
    await bot?.close();
    await capture?.close();
  });
  beforeEach(() => capture.clear());

  describe('a question, replies in the HTTP response (expectReplies)', () => {
    let reply: Record<string, any>;

    beforeAll(async () => {
      const res = await post(bot.url, message('USBメモリを家に持ち帰ってもいいですか', { expectReplies: true }));
      expect(res.status).toBe(200);
      expect(res.body.activities).toHaveLength(1);
      reply = res.body.activities[0];
    });

    it('starts with the verdict, then who to ask, then the quote with its label', () => {
      const text: string = reply.text;
      expect(text.startsWith('**許可が必要です。**')).toBe(true);
      const roles = text.indexOf('許可を得る相手: データ取扱責任者');
      const quote = text.indexOf('「職員等は、広域連合のモバイル端末');
      const label = text.indexOf('（第3章 7(4)ア(ウ)b）[1]');
      expect(roles).toBeGreaterThan(0);
      expect(quote).toBeGreaterThan(roles);
      expect(label).toBeGreaterThan(quote);
      expect(text).toContain('関連: 第3章 7(4)ア(オ) [2]');
    });

    it("carries Teams' AI-generated label and one citation per cited clause", () => {
      const ai = reply.entities.find((e: any) => e.type === AI_ENTITY);
      expect(ai.additionalType).toEqual(['AIGeneratedContent']);
      expect(ai.citation).toHaveLength(2);
      const [first, second] = ai.citation;
      expect(first.position).toBe(1);
      expect(first.appearance.name).toBe('第3章 7(4)ア(ウ)b');
      expect(first.appearance.abstract).toContain('データ取扱責任者の許可を得なければならない');
      expect(second.position).toBe(2);
      for (const c of ai.citation) {
        expect(c.appearance.name.length).toBeGreaterThan(0);
        expect(c.appearance.name.length).toBeLessThanOrEqual(CITATION_NAME_MAX);
        expect(c.appearance.abstract.length).toBeLessThanOrEqual(CITATION_ABSTRACT_MAX);
      }
    });

    it('enables the feedback buttons and offers the procedure', () => {
      expect(reply.channelData.feedbackLoopEnabled).toBe(true);
      const card = reply.attachments[0].content;
      expect(card.version).toBe('1.5');
      expect(card.actions[0].data).toEqual({ action: 'procedure.start', procedure: 'carry-out' });
      expect(card.actions[0].title).toBe('持ち出し申請を始める');
    });

    it('keeps an id on the reply so feedback can refer to it, and stores the answer', async () => {
      expect(typeof reply.id).toBe('string');
      const stored = await bot.server.deps!.feedback.answer(reply.id);
      expect(stored?.verdict).toBe('needs_permission');
      expect(stored?.question).toBe('USBメモリを家に持ち帰ってもいいですか');
      expect(stored?.labels).toEqual(['第3章 7(4)ア(ウ)b', '第3章 7(4)ア(オ)']);
    });
  });

  it('answers a question through the serviceUrl, as a reply to the question', async () => {
    const activity = message('パスワードを同僚に教えてもいいですか', { serviceUrl: capture.serviceUrl });
    const res = await post(bot.url, activity);
    expect(res.status).toBe(200);
    const [sent] = await capture.waitFor(1);
    expect(sent!.conversationId).toBe(activity.conversation.id);
    expect(sent!.replyToId).toBe(activity.id);
    expect(sent!.activity.text.startsWith('**禁止です。**')).toBe(true);
    expect(sent!.activity.entities.find((e: any) => e.type === AI_ENTITY).citation[0].appearance.name).toBe('第3章 7(2)イ(イ)');
    expect(sent!.activity.channelData.feedbackLoopEnabled).toBe(true);
    expect(sent!.activity.attachments ?? []).toHaveLength(0);
    // The answer is findable by the id the channel gave the message.
    const stored = await bot.server.deps!.feedback.answerForMessage(activity.conversation.id, sent!.messageId);
    expect(stored?.verdict).toBe('prohibited');
  });

  it('says so when the policy has nothing on the question', async () => {
    const res = await post(bot.url, message('社員食堂のメニューは？', { expectReplies: true }));
    const text: string = res.body.activities[0].text;
    expect(text.startsWith('**規程に定めがありません。**')).toBe(true);
    // Labelled like every answer; nothing to cite here (this engine stub's answer has no citation).
    const ai = (res.body.activities[0].entities ?? []).find((e: any) => e.type === AI_ENTITY);
    expect(ai.additionalType).toEqual(['AIGeneratedContent']);
    expect(ai.citation).toBeUndefined();
  });

  it('welcomes once when installed, though Teams sends conversationUpdate and installationUpdate', async () => {
    const o = { serviceUrl: capture.serviceUrl, conversationId: `a:welcome-${dialect}` };
    expect((await post(bot.url, membersAdded([BOT_ID, USER.id], o))).status).toBe(200);
    expect((await post(bot.url, installationUpdate('add', o))).status).toBe(200);
    const [welcome] = await capture.waitFor(1);
    const card = welcome!.activity.attachments[0].content;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    const texts = card.body.map((b: any) => b.text);
    expect(texts[0]).toContain('大分 花子さん');
    expect(texts.slice(1)).toEqual([...HELP_LINES]);
    expect(card.actions.map((a: any) => a.data)).toEqual([
      { action: 'procedure.start', procedure: 'carry-out' },
      { action: 'procedure.start', procedure: 'lost-card' },
      { action: 'procedure.start', procedure: 'infection' },
      { action: 'requests.list' },
    ]);
    // Each POST returns after its turn (and its outgoing replies) finished: nothing else was sent.
    expect(capture.received).toHaveLength(1);
  });

  it('welcomes again after the bot was removed and installed again', async () => {
    const o = { expectReplies: true, conversationId: `a:reinstall-${dialect}` };
    expect((await post(bot.url, installationUpdate('add', o))).body.activities).toHaveLength(1);
    expect((await post(bot.url, installationUpdate('add', o))).body.activities).toHaveLength(0);
    await post(bot.url, installationUpdate('remove', o));
    expect((await post(bot.url, installationUpdate('add', o))).body.activities).toHaveLength(1);
  });

  it('does not welcome when someone else joins a conversation', async () => {
    const res = await post(bot.url, membersAdded(['29:someone-else'], { expectReplies: true }));
    expect(res.body.activities).toHaveLength(0);
  });

  it('escapes the name Teams reports in the welcome card', async () => {
    const activity = installationUpdate('add', { expectReplies: true });
    activity.from.name = '[クリック](https://evil.example) **太字** {{DATE(2026-01-01T00:00:00Z)}}';
    const res = await post(bot.url, activity);
    const heading: string = res.body.activities[0].attachments[0].content.body[0].text;
    expect(heading).toContain('\\[クリック\\](https://evil.example) \\*\\*太字\\*\\*');
    expect(heading).not.toContain('{{');
  });

  it.each(['ヘルプ', 'へるぷ', 'help', 'ヘルプ！', 'ＨＥＬＰ'])('answers %s with the three lines and the procedure buttons', async (word) => {
    const res = await post(bot.url, message(word, { expectReplies: true }));
    const card = res.body.activities[0].attachments[0].content;
    expect(card.body.slice(1).map((b: any) => b.text)).toEqual([...HELP_LINES]);
    expect(card.actions).toHaveLength(4);
    expect(engine.questions).not.toContain(word);
  });

  it('starts the procedures from their buttons; the request list button shows 申請状況', async () => {
    const res = await post(bot.url, cardSubmit({ action: 'procedure.start', procedure: 'lost-card' }, { expectReplies: true }));
    expect(res.body.activities[0].text).toContain('**ICカードをなくしたときは、すぐに統括情報セキュリティ責任者と端末装置管理責任者への通報が必要です。');
    expect(res.body.activities.at(-1).attachments[0].content.body.map((b: any) => b.text)).toContain('最後にカードを確認したのはいつですか？');
    const list = await post(bot.url, cardSubmit({ action: 'requests.list' }, { expectReplies: true }));
    expect(list.body.activities[0].attachments[0].content.body[0].text).toBe('申請状況');
  });

  it('refuses card data it does not know, politely', async () => {
    const bad = await post(bot.url, cardSubmit({ action: 'procedure.start', procedure: 'rm -rf' }, { expectReplies: true }));
    expect(bad.body.activities[0].text).toContain('対応していません');
    const unknown = await post(bot.url, cardSubmit({ action: 'nope' }, { expectReplies: true }));
    expect(unknown.body.activities[0].text).toContain('対応していません');
  });

  it('processes a redelivered activity once', async () => {
    const activity = message('USBを持ち出してもいいですか', { serviceUrl: capture.serviceUrl });
    const asked = engine.questions.length;
    const [a, b] = await Promise.all([post(bot.url, activity), post(bot.url, activity)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await post(bot.url, activity)).status).toBe(200);
    expect(capture.received).toHaveLength(1);
    expect(engine.questions.length).toBe(asked + 1);
  });

  it('stores 👍/👎 feedback with the answer it rates', async () => {
    const activity = message('USBメモリを貸したい', { serviceUrl: capture.serviceUrl, conversationId: `a:fb-${dialect}` });
    await post(bot.url, activity);
    const [sent] = await capture.waitFor(1);
    const invoke = feedbackInvoke(sent!.messageId, 'dislike', '条文が違う気がします', { conversationId: activity.conversation.id });
    const res = await post(bot.url, invoke);
    expect(res.status).toBe(200);
    // A redelivered feedback invoke is acknowledged but stored once.
    expect((await post(bot.url, invoke)).status).toBe(200);
    const rows = (await bot.server.deps!.feedback.export()).filter((r) => r.comment === '条文が違う気がします');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reaction: 'dislike', question: 'USBメモリを貸したい', verdict: 'needs_permission' });
    expect(rows[0]!.labels[0]).toBe('第3章 7(4)ア(ウ)b');
  });

  it('answers malformed feedback with 400 and stores nothing', async () => {
    const before = (await bot.server.deps!.feedback.export()).length;
    const invoke = feedbackInvoke('x', 'like', undefined, { expectReplies: false });
    invoke.value = { actionName: 'feedback', actionValue: { reaction: 'love' } };
    const res = await post(bot.url, invoke);
    expect(res.status).toBe(400);
    expect((await bot.server.deps!.feedback.export()).length).toBe(before);
  });

  it('rejects bodies that are not activities', async () => {
    expect((await post(bot.url, '{not json')).status).toBe(400);
    expect((await post(bot.url, [1, 2])).status).toBe(400);
    expect((await post(bot.url, { type: 'message' })).status).toBe(400);
    expect((await post(bot.url, { type: 12, conversation: { id: 'c' } })).status).toBe(400);
  });

  it('never logs message text or names', () => {
    const all = JSON.stringify(bot.lines);
    expect(all).not.toContain('USBメモリ');
    expect(all).not.toContain('大分 花子');
    expect(all).not.toContain('条文が違う');
    expect(bot.lines.some((l) => l.event === 'answer.sent' && typeof l.answerId === 'string')).toBe(true);
  });
});
