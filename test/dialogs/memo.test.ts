// The text functions a turn calls several times remember their last results.
import { recognize } from '../../dialogs/intents';
import { memoLast } from '../../dialogs/memo';
import { kana, matchKey } from '../../dialogs/normalize';

describe('memoLast', () => {
  it('computes once per recent text and forgets the oldest beyond its size', () => {
    const seen: string[] = [];
    const upper = memoLast((t) => {
      seen.push(t);
      return t.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(seen).toEqual(['a', 'b']);
    upper('c'); // forgets a (the oldest)
    expect(upper('b')).toBe('B');
    expect(upper('a')).toBe('A');
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });

  it('remembers null and empty results too', () => {
    let calls = 0;
    const none = memoLast(() => {
      calls++;
      return null;
    });
    expect([none('x'), none('x')]).toEqual([null, null]);
    expect(calls).toBe(1);
  });
});

describe('remembered text functions', () => {
  it('give the same answers as before, and recognize hands out a frozen result', () => {
    expect(matchKey('  ＩＣカードを なくしました。 ')).toBe(matchKey('ICカードをなくしました'));
    const first = recognize('ICカードをなくしてしまいました');
    expect(first?.procedure).toBe('lost-card');
    expect(recognize('ICカードをなくしてしまいました')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.cues)).toBe(true);
    expect(recognize('今日の天気は？')).toBeNull();
  });
});

describe('kana', () => {
  it('turns hiragana into katakana and leaves everything else', () => {
    expect(kana('なくしたICカード、ぁゖ・ゔ')).toBe('ナクシタICカード、ァヶ・ヴ');
    expect(kana('ABC漢字')).toBe('ABC漢字');
    expect(kana('')).toBe('');
    const long = 'あ'.repeat(20_000);
    expect(kana(long)).toBe('ア'.repeat(20_000));
  });
});
