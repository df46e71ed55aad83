// Recognising that a procedure fits free text; the vocabulary is data.
import { followUpOf, recognize, startCommand } from '../../dialogs/intents';
import { INTENT_VOCABULARY } from '../../dialogs/intent-vocabulary';

describe('recognize()', () => {
  test.each([
    ['ICカードをなくしました', 'lost-card'],
    ['ICカードなくした', 'lost-card'],
    ['職員証が見当たりません', 'lost-card'],
    ['IDカードを落としたかもしれない', 'lost-card'],
    ['ｉｃカード　紛失', 'lost-card'],
    ['PCがウイルスに感染したかも', 'infection'],
    ['PCの動きが急におかしい。ウイルスかも…まず何をすればいい？', 'infection'],
    ['怪しいメールの添付ファイルを開いてしまった', 'infection'],
    ['スマホがマルウェアに', 'infection'],
    ['ノートPCを持ち出したい', 'carry-out'],
    ['USBメモリに住民データを入れて家で作業してもいいですか', 'carry-out'],
    ['資料を持って帰りたいのですが', 'carry-out'],
  ])('「%s」 → %s', (text, procedure) => {
    expect(recognize(text)?.procedure).toBe(procedure);
  });

  test.each([
    'ICカードを家に忘れた…隣の人のカード借りてログインしてもいい？',
    '住民データの入ったUSBメモリが見当たらない。たぶんなくした。誰に言えばいい？',
    'ウイルス対策ソフトのスキャンでPCが重すぎる。リアルタイム保護をオフにしていい？',
    'データ取扱責任者です。部下から「PCがウイルスに感染したかもしれない」と報告を受けました。私は次に誰に報告すればいいですか？',
    '隣の席の人が、住民データをUSBにコピーして持ち帰ってるのを見ちゃった。許可は取ってなさそう。どうすれば？',
    'SDカードをなくした',
    'パスワードは何文字以上にすべき？',
    'インフルエンザに感染したので休みます',
    // something carried out was lost or stolen: an incident, not a carry-out request
    '持ち帰りの許可をもらっていた書類が入ったカバンを、帰りのバスに置き忘れてしまいました',
    '外で作業する許可はもらってたんですが、カフェで公用のノートPCを置き引きされました',
    '',
    '   ',
  ])('「%s」 → nothing', (text) => {
    expect(recognize(text)).toBeNull();
  });

  test('the more urgent procedure wins a tie', () => {
    expect(recognize('ICカードをなくして、PCもウイルスに感染したかも')?.procedure).toBe('infection');
  });

  test('matches carry a score and the cues that matched', () => {
    const m = recognize('ICカードをなくしました');
    expect(m?.score).toBe(1);
    expect(m?.cues.length).toBeGreaterThan(0);
  });
});

describe('commands and follow-ups', () => {
  test.each([
    ['持ち出し申請', 'carry-out'],
    ['ICカード紛失', 'lost-card'],
    ['感染の疑い', 'infection'],
    ['「感染の疑い」', 'infection'],
    ['ＩＣカード紛失', 'lost-card'],
  ])('「%s」 is the command for %s', (text, id) => {
    expect(startCommand(text)).toBe(id);
  });

  test('a sentence is not a command', () => {
    expect(startCommand('持ち出し申請の書き方を教えて')).toBeNull();
  });

  test.each([
    ['持ち込み報告', 'carry-out'],
    ['返却しました', 'carry-out'],
    ['カードが見つかりました', 'lost-card'],
    ['新しいカードを受け取った', 'lost-card'],
    ['こんにちは', null],
  ])('follow-up 「%s」 → %s', (text, id) => {
    expect(followUpOf(text)).toBe(id);
  });

  test('the vocabulary is plain data for every procedure', () => {
    for (const v of Object.values(INTENT_VOCABULARY)) {
      expect(v.commands.length).toBeGreaterThan(0);
      expect(v.subjects.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    }
  });
});
