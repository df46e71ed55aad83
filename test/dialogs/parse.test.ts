// Dates and answers as people type them.
import { formatJa, parseDate, parsePeriod, todayIn } from '../../dialogs/dates';
import { optionsIn, parseCardValue, parseTyped, validate } from '../../dialogs/parse';
import { NO, UNKNOWN, YES, type StepSpec } from '../../dialogs/procedure';
import { stepSpecs } from '../../dialogs/forms';
import { PROCEDURES } from '../../dialogs/procedures';
import { commandOf, looksLikeQuestion } from '../../dialogs/commands';

const TODAY = '2026-04-08';

describe('dates', () => {
  test('today is computed in Asia/Tokyo, not the server zone', () => {
    expect(todayIn(new Date('2026-04-07T15:30:00Z'))).toBe('2026-04-08');
    expect(todayIn(new Date('2026-04-07T14:59:00Z'))).toBe('2026-04-07');
    // remembered per second: the last second of a day and the first of the next still differ
    expect(todayIn(new Date('2026-04-07T14:59:59.999Z'))).toBe('2026-04-07');
    expect(todayIn(new Date('2026-04-07T15:00:00.000Z'))).toBe('2026-04-08');
    expect(todayIn(new Date('2026-04-07T15:00:00.000Z'), 'UTC')).toBe('2026-04-07');
    expect(todayIn(new Date('2026-04-07T15:00:00.500Z'))).toBe('2026-04-08');
  });

  test.each([
    ['今日', '2026-04-08'],
    ['明日', '2026-04-09'],
    ['あさって', '2026-04-10'],
    ['昨日', '2026-04-07'],
    ['4月10日', '2026-04-10'],
    ['４/１０', '2026-04-10'],
    ['2026-05-01', '2026-05-01'],
    ['2026年5月1日(金)', '2026-05-01'],
    ['10日', '2026-04-10'],
    ['1月5日', '2026-01-05'],
    ['12月20日', '2025-12-20'],
    ['2月30日', null],
    ['いつか', null],
  ])('parseDate(%s)', (text, iso) => {
    expect(parseDate(text, TODAY)).toBe(iso);
  });

  test.each([
    ['4月10日〜4月12日', { from: '2026-04-10', until: '2026-04-12' }],
    ['4月10日から12日まで', { from: '2026-04-10', until: '2026-04-12' }],
    ['4/28-5/2', { from: '2026-04-28', until: '2026-05-02' }],
    ['4月28日〜3日', { from: '2026-04-28', until: '2026-05-03' }],
    ['明日', { from: '2026-04-09', until: '2026-04-09' }],
    ['12月28日〜1月5日', { from: '2025-12-28', until: '2026-01-05' }],
    ['4月12日〜4月10日', { from: '2026-04-12', until: '2026-04-10' }],
    ['明日から', null],
    ['そのうち', null],
  ])('parsePeriod(%s)', (text, period) => {
    expect(parsePeriod(text, TODAY)).toEqual(period);
  });

  test('formatJa', () => {
    expect(formatJa('2026-04-10')).toBe('2026年4月10日(金)');
  });
});

describe('answers', () => {
  const yn: StepSpec = { title: 't', question: 'q', input: { kind: 'choice', options: [YES, NO, UNKNOWN] }, schema: { safeParse: (v: unknown) => ({ success: true, data: v }) } as never, clauses: [] };

  test.each([
    ['はい', 'yes'],
    ['いいえ', 'no'],
    ['わからない', 'unknown'],
    ['使いません', 'no'],
    ['2', 'no'],
    ['Ｙｅｓ', 'yes'],
  ])('choice 「%s」 → %s', (text, value) => {
    expect(parseTyped(yn, text, TODAY)).toEqual({ ok: true, value });
  });

  test('"わからない" is not read as "ない"', () => {
    expect(optionsIn([YES, NO, UNKNOWN], 'ちょっとわからないです').map((o) => o.value)).toEqual(['unknown']);
  });

  test('two choices in one answer ask for one', () => {
    const r = parseTyped(yn, 'はいといいえ', TODAY);
    expect(r.ok).toBe(false);
  });

  const carry = stepSpecs(PROCEDURES['carry-out']);
  const items = carry.get('items') as StepSpec;
  const classification = carry.get('classification') as StepSpec;
  const information = carry.get('information') as StepSpec;

  test('multi choice reads every item mentioned, in order', () => {
    expect(parseTyped(items, 'ノートパソコンと書類とUSBメモリー', TODAY)).toEqual({ ok: true, value: ['pc', 'paper', 'media'] });
    expect(parseTyped(items, '1と3', TODAY)).toEqual({ ok: true, value: ['pc', 'media'] });
  });

  test('classification digits are the classes, not option numbers', () => {
    expect(parseTyped(classification, '1', TODAY)).toEqual({ ok: true, value: '1' });
    expect(parseTyped(classification, '機密性３です', TODAY)).toEqual({ ok: true, value: '3' });
  });

  test('text length is limited with a count', () => {
    const r = parseTyped(information, 'あ'.repeat(201), TODAY);
    expect(r).toEqual({ ok: false, error: '200字以内で入力してください（いまは201字です）。' });
  });

  test('card values: multi as comma list or array; unknown values are rejected', () => {
    expect(parseCardValue(items, { value: 'pc,paper' }, TODAY)).toEqual({ ok: true, value: ['pc', 'paper'] });
    expect(parseCardValue(items, { value: ['media'] }, TODAY)).toEqual({ ok: true, value: ['media'] });
    const bad = parseCardValue(items, { value: 'rocket' }, TODAY);
    expect(bad.ok).toBe(false);
  });

  test('validate applies the zod schema with Japanese messages', () => {
    const measures = carry.get('measures') as StepSpec;
    expect(validate(measures, [], { given: {}, sealed: null, today: TODAY })).toEqual({ ok: false, error: '少なくとも1つ選んでください。' });
    expect(validate(items, ['pc', 'pc2'], { given: {}, sealed: null, today: TODAY }).ok).toBe(false);
  });
});

describe('commands and questions', () => {
  test.each([
    ['キャンセル', 'cancel'],
    ['やめる', 'cancel'],
    ['戻る', 'back'],
    ['なぜ？', 'why'],
    ['なぜ?', 'why'],
    ['ﾅｾﾞ', 'why'],
    ['分類の定義', 'info'],
    ['再送', 'retry'],
    ['キャンセル料はいくら', null],
  ])('commandOf(%s)', (text, cmd) => {
    expect(commandOf(text)).toBe(cmd);
  });

  test.each([
    ['私物のUSBを使ってもいいですか', true],
    ['誰に報告すればいい？', true],
    ['自宅', false],
    ['昨日の夕方かな', false],
    ['会議資料', false],
  ])('looksLikeQuestion(%s) = %s', (text, q) => {
    expect(looksLikeQuestion(text)).toBe(q);
  });
});
