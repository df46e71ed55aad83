import { cachedAnswerer } from '../../bot/answer-cache';
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
