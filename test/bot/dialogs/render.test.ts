// Rendering every output kind of the runner as a Teams message or an Adaptive Card 1.5: buttons keep the runner's
// data, inputs come from Fields, quotes are verbatim (long ones folded), and everything people typed is escaped.
import { renderOutput, textActivity, urgentActivity } from '../../../bot/dialogs/render';
import { QUOTE_FOLD_AT } from '../../../bot/cards/dialog-parts';
import type { Choice, Output, Quote } from '../../../dialogs/types';
import { buttonsOf, inputsOf, realEngine, textsOf } from './helpers/chat';

const run = 'run-1';
const back: Choice = { label: '戻る', data: { dialog: 'command', run, command: 'back' } };
const cancel: Choice = { label: 'キャンセル', style: 'destructive', data: { dialog: 'command', run, command: 'cancel' } };
const long4_1 = (): Quote => ({ label: '第3章 4(1)', text: realEngine().clause('第3章 4(1)')!.text });
const short = (): Quote => ({ label: '第3章 7(1)ア(ウ)d', text: realEngine().clause('第3章 7(1)ア(ウ)d')!.text });

const card = (o: Output): any => {
  const a = renderOutput(o);
  expect(a?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const c = a!.attachments![0]!.content as any;
  expect(c).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  return c;
};

/** Every element id in a card (they must be unique). */
function ids(c: any): string[] {
  const out: string[] = [];
  const walk = (items: any[] = []) => {
    for (const el of items) {
      if (el.id) out.push(el.id);
      if (el.items) walk(el.items);
    }
  };
  walk(c.body);
  return out;
}

const ALL: Output[] = [
  { type: 'message', style: 'urgent', text: 'パソコンなら今すぐLANケーブルを抜く\nスマホ・タブレットなら直ちに使用をやめ通信をオフにする' },
  { type: 'message', style: 'plain', text: '持ち出し申請を始めます。' },
  { type: 'notice', kind: 'cancelled', text: '中止しました。' },
  { type: 'question', procedure: 'carry-out', run, step: 'classification', index: 3, text: '分類は？', choices: [{ label: '機密性3', data: { dialog: 'answer', run, step: 'classification', value: '3' } }], actions: [back, cancel] },
  { type: 'form', procedure: 'carry-out', run, title: '持ち出し申請', text: 'まとめて', fields: [{ id: 'place', label: '持ち出し先', kind: 'text', required: true }], errors: {}, submit: { label: '確認へ進む', style: 'primary', data: { dialog: 'form', run } }, actions: [cancel] },
  { type: 'summary', procedure: 'lost-card', run, step: 'confirm', title: '報告', text: '通報します。', rows: [{ label: '場所', value: '駅' }], roles: ['統括情報セキュリティ責任者'], clauses: ['第3章 7(4)ア(ア)c'], choices: [{ label: '通報する', style: 'primary', data: { dialog: 'answer', run, step: 'confirm', value: 'submit' } }], actions: [back, cancel] },
  { type: 'blocked', procedure: 'carry-out', run, step: 'blockedPrivateSecret3', text: '進めません。', quotes: [short()], actions: [back, cancel] },
  { type: 'why', procedure: 'carry-out', step: 'place', title: 'この質問の根拠', quotes: [short()] },
  { type: 'confirmStart', procedure: 'lost-card', text: '始めますか？', choices: [{ label: 'はい、始めます', style: 'primary', data: { dialog: 'confirmStart', procedure: 'lost-card', accept: true } }] },
  { type: 'pickRun', procedure: 'carry-out', text: 'どれですか？', choices: [{ label: '持ち出し申請（4月8日送信）', data: { dialog: 'resume', run } }] },
  {
    type: 'submitted',
    procedure: 'lost-card',
    ref: run,
    text: '送信しました。',
    draft: { kind: 'lost-card', urgent: true, requester: { userId: 'u' }, roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'], clauses: [], title: 'ICカード紛失の報告', details: {} },
    tasks: [{ kind: 'stop-card-access', roles: ['統括情報セキュリティ責任者'], clauses: [], urgent: true, title: 'ICカードの利用停止', doneLabel: '停止しました', details: {} }],
  },
  { type: 'followUp', procedure: 'carry-out', ref: `${run}/returned`, requestRef: run, event: { kind: 'carry-out.returned', clauses: [], returnedOn: '2026-04-08', details: {} }, text: '持ち込みを報告しました。' },
  { type: 'parked', procedure: 'carry-out', run, text: '戻したら報告してください。', resume: { label: '持ち込みを報告する', data: { dialog: 'resume', run } } },
];

describe('rendering the runner outputs', () => {
  it('renders every output kind except answers (the answer path sends those) as one message', () => {
    for (const o of ALL) {
      const a = renderOutput(o);
      expect(a).not.toBeNull();
      expect(a!.type).toBe('message');
      expect(Boolean(a!.text) !== Boolean(a!.attachments?.length)).toBe(true);
      // small enough for a chat window and far below Teams' 28 KB message limit
      expect(JSON.stringify(a).length).toBeLessThan(8000);
    }
    expect(renderOutput({ type: 'answer', answer: { verdict: 'allowed', roles: [], citations: [], reply: '', procedure: null, inputNotice: null } })).toBeNull();
  });

  it('urgent words: each line bold, alone, with a Teams notification; plain text is escaped markdown', () => {
    const u = urgentActivity('パソコンなら今すぐLANケーブルを抜く\nスマホ・タブレットなら直ちに使用をやめ通信をオフにする');
    expect(u.text).toBe('**パソコンなら今すぐLANケーブルを抜く**\n\n**スマホ・タブレットなら直ちに使用をやめ通信をオフにする**');
    expect(u.channelData).toEqual({ notification: { alert: true } });
    expect(u.summary).toBe('パソコンなら今すぐLANケーブルを抜く');
    expect(textActivity('**太字** [リンク](https://e.example) <b>x</b>\n# 見出し\n1. 番号').text).toBe(
      '\\*\\*太字\\*\\* \\[リンク\\](https://e.example) &lt;b&gt;x&lt;/b&gt;\n\n\\# 見出し\n\n1\\. 番号',
    );
    expect(textActivity('あ'.repeat(5000)).text!.length).toBeLessThanOrEqual(800);
    expect(textActivity('制御\u0000\u202e文字').text).toBe('制御文字');
  });

  it('question: error above the question, the earlier answer, choices with their data unchanged and descriptions', () => {
    const choice: Choice = { label: '機密性3', description: '秘密文書に相当', data: { dialog: 'answer', run, step: 'classification', value: '3' } };
    const c = card({ type: 'question', procedure: 'carry-out', run, step: 'classification', index: 3, text: '分類は？', hint: 'ヒント', error: '選んでください。', previous: '機密性2', choices: [choice], actions: [back, cancel] });
    expect(c.body[0]).toMatchObject({ text: '持ち出し申請・質問3', isSubtle: true });
    expect(c.body[1]).toMatchObject({ text: '選んでください。', color: 'Attention' });
    expect(c.body[2]).toMatchObject({ text: '分類は？', weight: 'Bolder' });
    expect(textsOf(c)).toEqual(['持ち出し申請・質問3', '選んでください。', '分類は？', 'ヒント', '前回の回答: 機密性2', '機密性3: 秘密文書に相当']);
    const buttons = buttonsOf(c);
    expect(buttons[0]).toEqual({ type: 'Action.Submit', title: '機密性3', data: choice.data, associatedInputs: 'none' });
    expect(buttons.slice(1).map((b) => [b.title, b.style, b.associatedInputs])).toEqual([
      ['戻る', undefined, 'none'],
      ['キャンセル', 'destructive', 'none'],
    ]);
  });

  it('question with inputs: each Field kind, prefill checked, errors under the field, 次へ sends the inputs', () => {
    const c = card({
      type: 'question',
      procedure: 'carry-out',
      run,
      step: 'period',
      index: 8,
      text: 'いつ？',
      hint: '例: 明日',
      fields: [
        { id: 'from', label: '期間（始まりの日）', kind: 'date', required: true, value: 'not-a-date', error: '日付が読み取れません。' },
        { id: 'until', label: '期間（終わりの日）', kind: 'date', required: true, value: '2026-04-12' },
        { id: 'items', label: '持ち出すもの', kind: 'multiselect', required: true, options: [{ value: 'pc', label: '支給パソコン' }, { value: 'paper', label: '紙の文書' }], value: 'pc,evil,paper' },
        { id: 'c', label: '分類', kind: 'select', required: false, note: '機密性2以上の場合', options: [{ value: '2', label: '機密性2' }], value: '9' },
        { id: 'information', label: '情報', kind: 'multiline', required: true, maxLength: 200, placeholder: '例: 明日', value: '**そのまま**\u0000' },
      ],
      submit: { label: '次へ', style: 'primary', data: { dialog: 'answer', run, step: 'period' } },
      choices: [{ label: '今日', data: { dialog: 'answer', run, step: 'period', value: '今日' } }],
      actions: [cancel],
    });
    const inputs = inputsOf(c);
    expect(inputs[0]).toEqual({ type: 'Input.Date', id: 'from', label: '期間（始まりの日）', isRequired: true, errorMessage: '入力してください。' });
    expect(inputs[1]).toMatchObject({ type: 'Input.Date', id: 'until', value: '2026-04-12' });
    expect(inputs[2]).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded', value: 'pc,paper' });
    expect(inputs[3]).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', label: '分類（機密性2以上の場合）' });
    expect(inputs[3].value).toBeUndefined();
    expect(inputs[3].isRequired).toBeUndefined();
    // an input shows its value literally: not markdown-escaped, only cleaned
    expect(inputs[4]).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 200, placeholder: '例: 明日', value: '**そのまま**' });
    // the error right under its input; the hint shown once (as the placeholder)
    const i = c.body.findIndex((b: any) => b.id === 'from');
    expect(c.body[i + 1]).toMatchObject({ type: 'TextBlock', text: '日付が読み取れません。', color: 'Attention' });
    expect(textsOf(c).filter((x) => x === '例: 明日')).toHaveLength(0);
    const buttons = buttonsOf(c);
    expect(buttons.map((b) => [b.title, b.associatedInputs])).toEqual([
      ['次へ', 'auto'],
      ['今日', 'none'],
      ['キャンセル', 'none'],
    ]);
  });

  it('summary: rows escaped, where it goes, the clause labels, the primary button first', () => {
    const c = card({
      type: 'summary',
      procedure: 'carry-out',
      run,
      step: 'confirm',
      title: '持ち出し申請の内容',
      text: 'この内容で申請します。',
      rows: [{ label: '持ち出し先', value: '[自宅](https://evil.example) _x_' }],
      roles: ['データ取扱責任者', '統括情報セキュリティ責任者'],
      clauses: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)d'],
      choices: [{ label: '申請する', style: 'primary', data: { dialog: 'answer', run, step: 'confirm', value: 'submit' } }],
      actions: [back, cancel],
    });
    expect(textsOf(c)).toEqual([
      '持ち出し申請',
      '持ち出し申請の内容',
      'この内容で申請します。',
      '持ち出し先: \\[自宅\\](https://evil.example) \\_x\\_',
      '送信先: データ取扱責任者、統括情報セキュリティ責任者',
      '根拠: 第3章 7(1)ア(ウ)b、第3章 7(1)ア(ウ)d',
    ]);
    expect(buttonsOf(c).map((b) => [b.title, b.style])).toEqual([
      ['申請する', 'positive'],
      ['戻る', undefined],
      ['キャンセル', 'destructive'],
    ]);
  });

  it('quotes: verbatim with their labels; a long one folded with a toggle, ids unique in the card', () => {
    const c = card({ type: 'blocked', procedure: 'carry-out', run, step: 'b', text: '進めません。', quotes: [short(), long4_1()], actions: [back, cancel] });
    expect(c.body[1]).toMatchObject({ type: 'Container', style: 'attention' });
    const [, , first, second] = c.body;
    expect(first.items.map((x: any) => x.text)).toEqual(['第3章 7(1)ア(ウ)d', short().text]);
    expect(second.items[0].text).toBe('第3章 4(1)');
    expect(second.items[1].text).toBe(`${[...long4_1().text].slice(0, QUOTE_FOLD_AT).join('')}…`);
    expect(second.items[2]).toMatchObject({ text: long4_1().text, isVisible: false });
    expect(second.items[3].actions[0]).toEqual({ type: 'Action.ToggleVisibility', title: '全文を表示 / 閉じる', targetElements: [second.items[1].id, second.items[2].id] });
    expect(new Set(ids(c)).size).toBe(ids(c).length);
    const w = card({ type: 'why', procedure: 'carry-out', step: 's', title: '分類の定義', quotes: [long4_1()] });
    expect(textsOf(w)[0]).toBe('分類の定義');
    expect(textsOf(w)).toContain(long4_1().text);
  });

  it('submitted: what was sent, to whom, urgent, and the tasks sent with it', () => {
    const c = card(ALL.find((o) => o.type === 'submitted')!);
    expect(textsOf(c)).toEqual([
      'ICカード紛失: 送信しました',
      '内容: ICカード紛失の報告',
      '送信先: 統括情報セキュリティ責任者、端末装置管理責任者',
      '扱い: 至急',
      'あわせて依頼: ICカードの利用停止（統括情報セキュリティ責任者）',
      '送信しました。',
    ]);
  });

  it('parked, confirmStart and pickRun: their buttons carry the runner data as is; long captions are cut', () => {
    const p = card(ALL.find((o) => o.type === 'parked')!);
    expect(buttonsOf(p)).toEqual([{ type: 'Action.Submit', title: '持ち込みを報告する', data: { dialog: 'resume', run }, style: 'positive', associatedInputs: 'none' }]);
    const pick = card({ type: 'pickRun', procedure: 'carry-out', text: 'どれ？', choices: [{ label: 'あ'.repeat(200), data: { dialog: 'resume', run } }] });
    expect([...buttonsOf(pick)[0]!.title]).toHaveLength(60);
    const confirm = card(ALL.find((o) => o.type === 'confirmStart')!);
    expect(buttonsOf(confirm)[0]).toMatchObject({ title: 'はい、始めます', style: 'positive', data: { dialog: 'confirmStart', procedure: 'lost-card', accept: true } });
  });
});
