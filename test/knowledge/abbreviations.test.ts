// Abbreviations: short forms typed in chat are written out, only as whole words, and nothing else changes.
import { Abbreviations } from '../../knowledge/retrieve/abbreviations';

describe('Abbreviations', () => {
  const forms = new Abbreviations({ ノーパソ: 'ノートパソコン', ケータイ: '携帯電話' });

  test('a short form becomes what it stands for, in any width', () => {
    expect(forms.expand('ノーパソ電車に置き忘れた')).toBe('ノートパソコン電車に置き忘れた');
    expect(forms.expand('ノーパソを家に持って帰っていい？')).toBe('ノートパソコンを家に持って帰っていい？');
    expect(forms.expand('ﾉｰﾊﾟｿを家に持って帰っていい')).toBe('ノートパソコンを家に持って帰っていい');
    expect(forms.expand('ケータイとノーパソ')).toBe('携帯電話とノートパソコン');
  });

  test('a short form inside a longer katakana word, and text without one, are left alone', () => {
    expect(forms.expand('ケータイショップに行く')).toBe('ケータイショップに行く');
    expect(forms.expand('ＵＳＢメモリを家に持ち帰ってもいいですか')).toBe('ＵＳＢメモリを家に持ち帰ってもいいですか');
    expect(new Abbreviations({}).expand('ノーパソ')).toBe('ノーパソ');
  });
});
