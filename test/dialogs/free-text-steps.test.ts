// Free-text steps: an urgent incident typed there is not taken as the answer, and text without letters or digits
// (emoji, punctuation) is re-asked.
import { Convo, world } from './helpers/convo';

async function toPlace(c: Convo): Promise<void> {
  await c.send({ type: 'start', procedure: 'carry-out' });
  for (const a of ['紙の書類', '会議資料', '機密性1', 'いいえ']) await c.say(a);
  expect(c.step).toBe('place');
}

describe('free-text steps', () => {
  test.each([
    ['PCがウイルスに感染したかも', 'infection'],
    ['ICカードをなくしました', 'lost-card'],
  ])('「%s」 at a free-text step: the urgent first words and one question to switch', async (text, procedure) => {
    const c = new Convo(world().runner());
    await toPlace(c);
    await c.say(text);
    expect(c.outputs.map((o) => o.type)).toEqual(['message', 'confirmStart']);
    expect(c.outputs[0]).toMatchObject({ type: 'message', style: 'urgent' });
    expect(c.of('confirmStart')[0]).toMatchObject({ procedure, text: expect.stringContaining('いまの「持ち出し申請」は中断します。') });
    await c.say('いいえ');
    expect(c.step).toBe('place');
    await c.say('自宅');
    expect(c.step).toBe('purpose');
  });

  test('a non-urgent procedure named at a free-text step is just the answer', async () => {
    const c = new Convo(world().runner());
    await c.send({ type: 'start', procedure: 'infection' });
    for (const a of ['その他の機器', 'その他・わからない']) await c.say(a);
    expect(c.step).toBe('detail');
    await c.say('USBメモリを持ち出したい');
    expect(c.step).toBe('when');
  });

  test.each(['🙂', '🙂🙂🙂', '。。。', '!!', '…'])('「%s」 is re-asked with a hint', async (text) => {
    const c = new Convo(world().runner());
    await toPlace(c);
    await c.say(text);
    expect(c.step).toBe('place');
    const q = c.prompt;
    expect(q.type === 'question' && q.error).toBe('文字で入力してください。');
  });

  test('text with at least one letter or digit is accepted', async () => {
    const c = new Convo(world().runner());
    await toPlace(c);
    await c.say('🏠 自宅');
    expect(c.step).toBe('purpose');
  });
});

describe('storage writes', () => {
  test('a question from someone with nothing going on writes nothing; a procedure turn writes once', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('パスワードは何文字以上にすべき？');
    expect(c.last.handled).toBe(false);
    expect(w.store.writes).toBe(0);
    await c.send({ type: 'start', procedure: 'carry-out' });
    expect(w.store.writes).toBe(1);
    await c.say('なぜ？');
    expect(w.store.writes).toBe(1);
    await c.say('紙の書類');
    expect(w.store.writes).toBe(2);
  });
});

describe('after a start confirmation', () => {
  test('a new question is not taken as いいえ (or はい) because it contains one', async () => {
    const w = world();
    const c = new Convo(w.runner());
    await c.say('ICカードをなくしました');
    expect(c.of('confirmStart')).toHaveLength(1);
    await c.say('非常勤さんのPCはネットもメールも使いません。一応使えるようにしておくべきですか？');
    expect(c.last.handled).toBe(false);
    expect(c.of('notice')).toEqual([]);
    expect((await c.runner.status(c.who)).pendingStart).toBeNull();
    await c.say('ICカードをなくしました');
    await c.say('いいえ、結構です');
    expect(c.of('notice')[0]).toMatchObject({ kind: 'declined' });
    await c.say('ICカードをなくしました');
    await c.say('はい、お願いします');
    expect(c.step).toBe('lastSeenWhen');
  });
});
