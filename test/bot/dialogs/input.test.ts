// Which messages go to the procedures: a question that names a procedure is answered first unless it is an urgent
// one told as an event or asking what to do now; a permission question never starts the LAN-cable instruction.
import { Activity } from '@microsoft/agents-activity';
import { commandProcedure, dialogText, isPermissionQuestion, questionFirst } from '../../../bot/dialogs/input';

describe('input decisions', () => {
  test.each([
    ['USBメモリを家に持ち帰ってもいいですか', 'carry-out'],
    ['ノートPCにソフトを勝手にインストールしてもいい？', 'infection'],
    ['出先で公用ノートPCをモバイルルーターにつなぐのは勝手にやっていい？', 'infection'],
    ['ICカードをなくしたらどうすればいいですか', null],
    ['公用スマホがウイルスに感染したかも。まず何をすればいい？', null],
    ['USBメモリを持ち出したい', null],
    ['PCがウイルスに感染したかも', null],
    ['パスワードを付箋に書いてもいいですか', null],
  ])('「%s」 answered first: %s', (text, expected) => {
    expect(questionFirst(text)).toBe(expected);
  });

  test.each([
    ['持ち帰ってもいいですか', true],
    ['使っていい？', true],
    ['やっても大丈夫でしょうか', true],
    ['出してもOK?', true],
    ['まず何をすればいい？', false],
    ['どうしたらいいですか', false],
    ['誰に言えばいい？', false],
  ])('「%s」 asks permission: %s', (text, expected) => {
    expect(isPermissionQuestion(text)).toBe(expected);
  });

  test('commands are the manifest titles, also full-width or padded', () => {
    expect(commandProcedure('持ち出し申請')).toBe('carry-out');
    expect(commandProcedure(' ICカード紛失 ')).toBe('lost-card');
    expect(commandProcedure('ＩＣカード紛失')).toBe('lost-card');
    expect(commandProcedure('感染の疑い')).toBe('infection');
    expect(commandProcedure('ヘルプ')).toBeNull();
    expect(commandProcedure('申請状況')).toBeNull();
  });

  test('leading @mentions are dropped outside a personal chat only', () => {
    const at = (conversationType: string, text: string) => dialogText(Activity.fromObject({ type: 'message', text, conversation: { id: 'c', conversationType } }));
    expect(at('channel', '<at>policy-bot</at>&nbsp;<at>Bot</at> 感染の疑い')).toBe('感染の疑い');
    expect(at('groupChat', '<at>policy-bot</at> 持ち出し申請')).toBe('持ち出し申請');
    expect(at('personal', '<at>佐藤</at> さんに渡した')).toBe('佐藤 さんに渡した');
    expect([...at('personal', 'あ'.repeat(5000))]).toHaveLength(2000);
  });
});
