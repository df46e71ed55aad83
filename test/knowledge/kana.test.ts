// KanaFolder: hiragana spellings of known katakana words become the katakana words, and nothing else changes.
import { KanaFolder } from '../../knowledge/retrieve/kana';

describe('KanaFolder', () => {
  const folder = new KanaFolder(['パスワードとウイルス対策ソフトウェア', 'ファイルサーバ', 'ログ']);

  test('known words spelt in hiragana become katakana, the longest first', () => {
    expect(folder.fold('ぱすわーどを忘れた')).toBe('パスワードを忘れた');
    expect(folder.fold('うぃるすじゃなくてういるす')).toBe('うぃるすじゃなくてウイルス');
    expect(folder.fold('ふぁいるさーばに置く')).toBe('ファイルサーバに置く');
  });

  test('ordinary hiragana, unknown and short words are left alone', () => {
    expect(folder.fold('ろぐを見てもいいですか')).toBe('ろぐを見てもいいですか');
    expect(folder.fold('持ち帰ってもいいですか')).toBe('持ち帰ってもいいですか');
    expect(folder.fold('')).toBe('');
  });

  test('other words typed in hiragana read as written, when given', () => {
    const withVerbs = new KanaFolder(['ファイル'], { もちかえ: '持ち帰', もってかえ: '持って帰' });
    expect(withVerbs.fold('ふぁいるをもってかえっていい？')).toBe('ファイルを持って帰っていい？');
    expect(withVerbs.fold('もちかえりはだめ')).toBe('持ち帰りはだめ');
    expect(folder.fold('もってかえっていい？')).toBe('もってかえっていい？');
  });
});
