import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, cardAttachment, factSet, submit, textBlock, trusted, userText } from '../../bot/cards/adaptive';
import { HELP_LINES, helpCard } from '../../bot/cards/help';

describe('Adaptive Card builders', () => {
  it('build schema 1.5 cards', () => {
    const card = adaptiveCard([textBlock(trusted('見出し'), { weight: 'Bolder' }), factSet([{ title: trusted('a'), value: trusted('b') }])], [
      submit(trusted('押す'), { action: 'help' }),
    ]);
    expect(card).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: '見出し', wrap: true, weight: 'Bolder' },
        { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
      ],
      actions: [{ type: 'Action.Submit', title: '押す', data: { action: 'help' } }],
    });
    expect(cardAttachment(card).contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(adaptiveCard([]).actions).toBeUndefined();
  });
});

describe('userText', () => {
  it.each([
    ['[リンク](https://evil.example)', '\\[リンク\\](https://evil.example)'],
    ['**太字** _斜体_ ~~取消~~ `code`', '\\*\\*太字\\*\\* \\_斜体\\_ \\~\\~取消\\~\\~ \\`code\\`'],
    ['# 見出し', '\\# 見出し'],
    ['- 箇条書き\n> 引用\n+ 項目', '\\- 箇条書き\n\\> 引用\n\\+ 項目'],
    ['1. 番号', '1\\. 番号'],
    ['{{DATE(2026-01-01T00:00:00Z)}}', '{\u200b{DATE(2026-01-01T00:00:00Z)}}'],
    ['a\\b', 'a\\\\b'],
    ['制御\u0000文字\u202e', '制御文字'],
    ['普通の文です。USB-メモリ 3-2', '普通の文です。USB-メモリ 3-2'],
  ])('escapes %j', (input, expected) => {
    expect(userText(input)).toBe(expected);
  });

  it('bounds the length', () => {
    expect(userText('あ'.repeat(500), 10)).toBe(`${'あ'.repeat(10)}…`);
  });

  it('turns anything that is not a string into empty text', () => {
    expect(userText(undefined)).toBe('');
    expect(userText({ toString: () => '**' })).toBe('');
  });
});

describe('help card', () => {
  it('says in three lines what the bot does, with a button per procedure and for the request status', () => {
    const card = helpCard();
    expect(card.body.slice(1).map((b) => (b as { text: string }).text)).toEqual([...HELP_LINES]);
    expect(HELP_LINES).toHaveLength(3);
    expect(card.actions?.map((a) => [a.title, 'data' in a ? a.data : null])).toEqual([
      ['持ち出し申請', { action: 'procedure.start', procedure: 'carry-out' }],
      ['ICカード紛失', { action: 'procedure.start', procedure: 'lost-card' }],
      ['感染の疑い', { action: 'procedure.start', procedure: 'infection' }],
      ['申請状況', { action: 'requests.list' }],
    ]);
  });

  it('greets by name, escaped', () => {
    const heading = (helpCard({ welcomeName: '*山田*' }).body[0] as { text: string }).text;
    expect(heading).toBe('\\*山田\\*さん、情報セキュリティポリシー案内ボットです。');
    expect((helpCard({ welcomeName: '  ' }).body[0] as { text: string }).text).toBe('情報セキュリティポリシー案内ボットです。');
  });
});
