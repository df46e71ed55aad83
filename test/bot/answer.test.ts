import type { Answer, Verdict } from '../../knowledge/types';
import { answerActivity, answerText, QUOTE_IN_TEXT_MAX } from '../../bot/reply/answer';
import {
  CITATION_ABSTRACT_MAX,
  CITATION_KEYWORD_MAX,
  CITATION_KEYWORDS_MAX,
  CITATION_NAME_MAX,
  MAX_CITATIONS,
  clientCitation,
} from '../../bot/reply/citations';
import { verdictText } from '../../bot/reply/verdict';
import { withProcedureOffer } from '../../bot/dialogs/offer';
import { carryOutCitation, fixtures } from '../support/engine';

const answer = (over: Partial<Answer>): Answer => ({
  verdict: 'allowed',
  roles: [],
  citations: [carryOutCitation],
  reply: '',
  procedure: null,
  inputNotice: null,
  ...over,
});

const aiEntity = (a: ReturnType<typeof answerActivity>) => a.entities!.find((e) => e.type === 'https://schema.org/Message') as any;

describe('answer text', () => {
  it.each<[Verdict, string]>([
    ['prohibited', '禁止です'],
    ['needs_permission', '許可が必要です'],
    ['must_report', '報告が必要です'],
    ['required', '義務です'],
    ['allowed', '問題ありません'],
    ['not_covered', '規程に定めがありません'],
  ])('starts with the verdict for %s', (verdict, words) => {
    expect(verdictText[verdict]).toBe(words);
    expect(answerText(answer({ verdict })).split('\n')[0]).toBe(`**${words}。**`);
  });

  it('names whom to ask for permission and whom to report to', () => {
    expect(answerText(answer({ verdict: 'needs_permission', roles: ['データ取扱責任者'] }))).toContain('許可を得る相手: データ取扱責任者');
    expect(answerText(answer({ verdict: 'must_report', roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'] }))).toContain(
      '報告先: 統括情報セキュリティ責任者、端末装置管理責任者',
    );
    expect(answerText(answer({ verdict: 'prohibited', roles: ['CISO'] }))).not.toContain('CISO');
  });

  it('quotes the first clause with its label and refers to the others by label and number', () => {
    const text = answerText(fixtures.USB!);
    expect(text).toContain(`「${carryOutCitation.quote}」（第3章 7(4)ア(ウ)b）[1]`);
    expect(text).toContain('関連: 第3章 7(4)ア(オ) [2]');
  });

  it('shortens a long quote in the text', () => {
    const long = 'あ'.repeat(500);
    const line = answerText(answer({ citations: [{ label: 'L', headings: [], quote: long }] })).split('\n\n')[1]!;
    expect(line).toContain(`${'あ'.repeat(QUOTE_IN_TEXT_MAX - 1)}…`);
    expect(line).not.toContain('あ'.repeat(QUOTE_IN_TEXT_MAX));
  });

  it('escapes markup in quotes so it cannot fake citations or HTML', () => {
    const text = answerText(answer({ citations: [{ label: 'L', headings: [], quote: '<ul style="x"> ・対策 [2] *重要*' }] }));
    expect(text).toContain('&lt;ul style="x"&gt; ・対策 \\[2\\] \\*重要\\*');
  });

  it('explains a not-covered answer, with or without a clause to consult', () => {
    const withClause = answerText(answer({ verdict: 'not_covered' })).split('\n\n');
    expect(withClause[1]).toBe('ポリシーに直接の定めは見つかりませんでした。不明な点は、次の定めのとおりご相談ください。');
    expect(withClause[2]).toContain('[1]');
    const without = answerText(answer({ verdict: 'not_covered', citations: [] })).split('\n\n');
    expect(without).toHaveLength(2);
    expect(without[1]).toContain('該当する定めが見つかりませんでした');
  });

  it('adds a note when the question was cut', () => {
    expect(answerText(answer({ inputNotice: 'truncated' }))).toContain('先頭の部分だけで判断しました');
  });
});

describe('answer activity', () => {
  it("is a markdown message with the feedback loop, Teams' AI-generated label and the citations", () => {
    const a = answerActivity(fixtures.USB!, { answerId: 'ans-1' });
    expect(a.type).toBe('message');
    expect(a.textFormat).toBe('markdown');
    expect(a.id).toBe('ans-1');
    expect(a.channelData).toEqual({ feedbackLoopEnabled: true });
    expect(aiEntity(a)).toMatchObject({ '@type': 'Message', '@context': 'https://schema.org', '@id': '' });
    expect(aiEntity(a).additionalType).toEqual(['AIGeneratedContent']);
    expect(aiEntity(a).citation).toHaveLength(2);
  });

  it('puts a verified model answer\'s explanation, escaped, under the verdict and roles', () => {
    const a = answerActivity(fixtures.USB!, { answerId: 'ans-2', fromModel: true, explanation: '家で作業するには *事前に* 許可を得てください。\n[リンク](http://x)' });
    expect(aiEntity(a)).toMatchObject({ '@type': 'Message', additionalType: ['AIGeneratedContent'] });
    expect(aiEntity(a).citation).toHaveLength(2);
    const parts = a.text!.split('\n\n');
    expect(parts[0]).toBe('**許可が必要です。**');
    expect(parts[1]).toBe('許可を得る相手: データ取扱責任者');
    expect(parts[2]).toBe('家で作業するには \\*事前に\\* 許可を得てください。 \\[リンク\\](http://x)');
    expect(parts[3]).toMatch(/^「職員等は、/);
    // The same answer not from a model shows no explanation.
    expect(answerActivity(fixtures.USB!, { answerId: 'ans-3', explanation: 'x' }).text).toBe(answerText(fixtures.USB!));
  });

  it('has the label and no citation list when there is nothing to cite', () => {
    const offline = answerActivity(answer({ verdict: 'not_covered', citations: [] }), { answerId: 'a' });
    expect(aiEntity(offline)).toMatchObject({ additionalType: ['AIGeneratedContent'] });
    expect(aiEntity(offline).citation).toBeUndefined();
    const ai = answerActivity(answer({ verdict: 'not_covered', citations: [] }), { answerId: 'a', fromModel: true, explanation: 'ありません。' });
    expect(aiEntity(ai)).toMatchObject({ additionalType: ['AIGeneratedContent'] });
    expect(aiEntity(ai).citation).toBeUndefined();
  });

  it('offers the procedure only when the answer names one', () => {
    const withProcedure = answerActivity(fixtures.USB!, { answerId: 'a' });
    expect((withProcedure.attachments![0]!.content as any).actions[0].data).toEqual({ action: 'procedure.start', procedure: 'carry-out' });
    expect(answerActivity(answer({}), { answerId: 'b' }).attachments).toBeUndefined();
  });

  it(`cites at most ${MAX_CITATIONS} clauses, numbered like the text`, () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ label: `第3章 ${i + 1}`, headings: [], quote: `q${i}` }));
    const a = answerActivity(answer({ citations: many }), { answerId: 'a' });
    expect(aiEntity(a).citation.map((c: any) => c.position)).toEqual([1, 2, 3]);
    expect(a.text).toContain('[3]');
    expect(a.text).not.toContain('[4]');
  });
});

describe('Teams citation limits', () => {
  it('keeps names, abstracts and keywords within Teams limits', () => {
    const c = clientCitation(
      { label: 'L'.repeat(200), headings: ['見出し'.repeat(20), 'b', 'c', 'd'], quote: 'Q'.repeat(1000) },
      1,
    );
    expect(c.appearance.name.length).toBeLessThanOrEqual(CITATION_NAME_MAX);
    expect(c.appearance.abstract.length).toBeLessThanOrEqual(CITATION_ABSTRACT_MAX);
    expect(c.appearance.keywords!.length).toBeLessThanOrEqual(CITATION_KEYWORDS_MAX);
    for (const k of c.appearance.keywords!) expect(k.length).toBeLessThanOrEqual(CITATION_KEYWORD_MAX);
  });

  it('never has an empty title or abstract', () => {
    const c = clientCitation({ label: '  ', headings: [], quote: '' }, 1);
    expect(c.appearance.name).toBe('情報セキュリティポリシー');
    expect(c.appearance.abstract.length).toBeGreaterThan(0);
  });

  it('puts the whole quote in the pop-up card', () => {
    const quote = 'あ'.repeat(400);
    const card = JSON.parse(clientCitation({ label: 'L', headings: ['H'], quote }, 1).appearance.text!);
    expect(card.version).toBe('1.5');
    expect(card.body.some((b: any) => b.text === quote)).toBe(true);
  });
});

describe('replies to a shared (cached) answer', () => {
  it('reuse its text and citations, each with its own answer id on the request button', () => {
    const shared = fixtures.USB!;
    const first = answerActivity(shared, { answerId: 'a-1', offerRequest: true });
    const second = answerActivity(shared, { answerId: 'a-2', offerRequest: true });
    expect(second.text).toBe(first.text);
    expect(aiEntity(second).citation).toEqual(aiEntity(first).citation);
    expect([first.id, second.id]).toEqual(['a-1', 'a-2']);
    const offerData = (a: typeof first) => JSON.stringify(a.attachments?.[0]?.content);
    expect(offerData(first)).toContain('"answerId":"a-1"');
    expect(offerData(second)).toContain('"answerId":"a-2"');
    expect(offerData(second)).not.toContain('a-1');
  });

  it('offer the procedure a question names through one derived answer per procedure', () => {
    const plain = answer({ verdict: 'needs_permission', roles: ['データ取扱責任者'] });
    const offered = withProcedureOffer(plain, 'USBメモリを家に持ち帰ってもいいですか');
    expect(offered.procedure).toBe('carry-out');
    expect(plain.procedure).toBeNull();
    expect(withProcedureOffer(plain, 'USBメモリを家に持ち帰ってもいいですか')).toBe(offered);
    expect(withProcedureOffer(plain, '今日の天気は？')).toBe(plain);
  });
});
