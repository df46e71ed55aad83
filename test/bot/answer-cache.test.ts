import { AnswerCache, cachedAnswerer } from '../../bot/answer-cache';
import { fixtureEngine } from '../support/engine';

describe('answer cache', () => {
  it('asks the engine once per distinct question and returns the same answer', async () => {
    const engine = fixtureEngine();
    const answer = cachedAnswerer((q) => engine.answer(q), 10);
    const a = await answer('USBメモリ');
    const b = await answer('USBメモリ');
    expect(b).toBe(a);
    expect(engine.questions).toEqual(['USBメモリ']);
    expect([answer.hits, answer.misses, answer.size]).toEqual([1, 1, 1]);
  });

  it('forgets the least recently used question beyond its capacity', async () => {
    const engine = fixtureEngine();
    const answer = cachedAnswerer((q) => engine.answer(q), 2);
    await answer('a');
    await answer('b');
    await answer('a'); // a is now the most recent
    await answer('c'); // evicts b
    await answer('a');
    await answer('b');
    expect(engine.questions).toEqual(['a', 'b', 'c', 'b']);
    expect(answer.size).toBe(2);
  });

  it('is off with capacity 0', async () => {
    const engine = fixtureEngine();
    const answer = cachedAnswerer((q) => engine.answer(q), 0);
    await answer('a');
    await answer('a');
    expect(engine.questions).toEqual(['a', 'a']);
  });
});

describe('answers keyed by mode', () => {
  const engine = fixtureEngine();
  const offline = engine.answer('USBメモリ');
  const model = { ...offline, reply: 'model' };

  it('never gives an answer of one mode for another', () => {
    const cache = new AnswerCache(10);
    cache.set('offline', 'q', { answer: offline });
    expect(cache.get('llm:compatible:m', 'q')).toBeUndefined();
    cache.set('llm:compatible:m', 'q', { answer: model, explanation: 'e' });
    expect(cache.get('offline', 'q')!.answer).toBe(offline);
    expect(cache.get('llm:compatible:m', 'q')).toEqual({ answer: model, explanation: 'e' });
    // Another model is another mode.
    expect(cache.get('llm:compatible:other', 'q')).toBeUndefined();
    expect(cache.get('llm:openai:m', 'q')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('shares one capacity between the modes', () => {
    const cache = new AnswerCache(2);
    cache.set('offline', 'a', { answer: offline });
    cache.set('llm:openai:m', 'a', { answer: model });
    cache.set('offline', 'b', { answer: offline });
    expect(cache.size).toBe(2);
    expect(cache.get('offline', 'a')).toBeUndefined();
  });

  it('the offline answerer reads and writes the offline mode only', async () => {
    const cache = new AnswerCache(10);
    cache.set('llm:openai:m', 'USBメモリ', { answer: model });
    const answer = cachedAnswerer((q) => engine.answer(q), 10, cache);
    expect(await answer('USBメモリ')).not.toBe(model);
    expect(cache.get('offline', 'USBメモリ')).toBeDefined();
  });
});
