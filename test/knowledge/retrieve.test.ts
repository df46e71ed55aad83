// Retrieval internals that exist for speed must find exactly what the plain computation finds.
import { Bm25 } from '../../knowledge/retrieve/bm25';
import { Thesaurus, withoutParticles } from '../../knowledge/retrieve/thesaurus';
import { normalizeQuery } from '../../knowledge/retrieve/tokenize';
import { shortNames } from '../../knowledge/retrieve/index';
import { blankOut } from '../../knowledge/blank';
import { evalSetPaths, readEvalSet } from '../../knowledge/cli/eval-set';

type Matcher = { word: string; test: (q: string, whole: string) => boolean };

describe('Thesaurus.expand', () => {
  test('finds, in the thesaurus order, exactly the words a scan of every word finds', () => {
    const thesaurus = Thesaurus.load();
    const { matchers, stop } = thesaurus as unknown as { matchers: Matcher[]; stop: string[] };
    const questions = evalSetPaths().flatMap(readEvalSet).map((q) => normalizeQuery(q.q));
    expect(questions.length).toBeGreaterThan(100);
    for (const question of questions) {
      const q = blankOut(question, stop);
      expect(thesaurus.expand(question).map((e) => e.word)).toEqual(matchers.filter((m) => m.test(q, question)).map((m) => m.word));
    }
  });

  test('words of one character, 「A+B」 words, ASCII and katakana words are found by their start', () => {
    const thesaurus = new Thesaurus({
      stop: ['usb扇風機'],
      entries: [
        { words: ['家'], terms: ['自宅'] },
        { words: ['更新+止め'], terms: ['更新プログラム'] },
        { words: ['USB'], terms: ['USBメモリ'] },
        { words: ['ライン'], terms: ['LINE'] },
      ],
    });
    const words = (q: string) => thesaurus.expand(normalizeQuery(q)).map((e) => e.word);
    expect(words('家で使う')).toEqual(['家']);
    expect(words('家族に見せる')).toEqual([]);
    expect(words('止めたい、更新を')).toEqual(['更新+止め']);
    expect(words('ＵＳＢに入れる')).toEqual(['usb']);
    expect(words('USB扇風機')).toEqual([]);
    expect(words('オフラインで使う')).toEqual([]);
    expect(words('ラインで送る')).toEqual(['ライン']);
  });

  test('a phrase with a particle also matches with that particle dropped, as chat writes it', () => {
    expect(withoutParticles('監査が入')).toEqual(['監査入']);
    expect(withoutParticles('usbを家に持')).toEqual(['usb家に持', 'usbを家持']);
    expect(withoutParticles('席を外')).toEqual([]);
    expect(withoutParticles('持ち帰')).toEqual([]);
    const thesaurus = new Thesaurus({ entries: [{ words: ['監査が入'], terms: ['監査'] }, { words: ['コピー'], terms: ['複製'] }] });
    const words = (q: string) => thesaurus.expand(normalizeQuery(q)).map((e) => e.word);
    expect(words('監査入るらしい')).toEqual(['監査入']);
    expect(words('監査が入るらしい')).toEqual(['監査が入']);
    expect(words('監査に入る')).toEqual([]);
  });

  test('an entry does not apply to a question holding one of its unless phrases', () => {
    const thesaurus = new Thesaurus({
      entries: [
        { words: ['vpn'], terms: ['外部から内部のネットワーク'], unless: ['業者のネットワーク'] },
        { words: ['業者のネットワーク'], terms: ['外部ネットワークと接続'] },
      ],
    });
    const words = (q: string) => thesaurus.expand(normalizeQuery(q)).map((e) => e.word);
    expect(words('家からVPNでつなぎたい')).toEqual(['vpn']);
    expect(words('業者のネットワークとVPNでつなぎたい')).toEqual(['業者のネットワーク']);
    // A part of the question read apart (the rest without its reason) is still beside the phrase in the whole.
    const whole = normalizeQuery('業者のネットワークが遅いので、VPNでつなぎたい');
    expect(thesaurus.expand(normalizeQuery('VPNでつなぎたい'), whole).map((e) => e.word)).toEqual([]);
  });
});

describe('blankOut', () => {
  test('every occurrence of each phrase, in the order given, is replaced by the mark', () => {
    expect(blankOut('許可は取って、許可は取ってます', ['許可は取って'])).toBe(' 、 ます');
    expect(blankOut('家族の家', ['家族'], '＿')).toBe('＿の家');
    // Longer phrases first when given first: 業務用PC is taken whole before PC.
    expect(blankOut('業務用PCとPC', ['業務用PC', 'PC'])).toBe(' と ');
  });
});

describe('shortNames', () => {
  test('the policy is searched with the short names it defines for the names that hold them', () => {
    const shorten = shortNames(['大分県後期高齢者医療広域連合(以下「広域連合」という。)が取り扱う情報', '職員、非常勤職員及び臨時職員（以下「職員等」という。）は']);
    expect(shorten('大分県後期高齢者医療広域連合情報公開条例(平成19年条例第26号)')).toBe('広域連合情報公開条例(平成19年条例第26号)');
    // A definition whose short name is not part of the full one (職員等) is no abbreviation.
    expect(shorten('臨時職員は')).toBe('臨時職員は');
  });
});

describe('normalizeQuery', () => {
  test('a dash typed after katakana for the long vowel mark becomes the mark; other dashes stay', () => {
    expect(normalizeQuery('プロダクトキ−')).toBe('プロダクトキー');
    expect(normalizeQuery('サーバ‐ルーム')).toBe('サーバールーム');
    expect(normalizeQuery('2026−11')).toBe('2026−11');
  });
});

describe('Bm25.scoreDocs', () => {
  const docs = [
    { id: 'a', fields: [{ terms: ['usb', 'メモリ', '持ち出し'], weight: 1 }, { terms: ['媒体'], weight: 0.8 }] },
    { id: 'b', fields: [{ terms: ['パスワード', '変更', '変更'], weight: 1 }] },
    { id: 'c', fields: [{ terms: ['usb', 'メモリ', '持ち出し'], weight: 1 }, { terms: ['媒体'], weight: 0.8 }] },
    { id: 'd', fields: [{ terms: ['メモリ', '媒体', '廃棄'], weight: 1 }] },
    { id: 'e', fields: [{ terms: ['ウイルス', 'メモリ'], weight: 1 }] },
  ];

  /** Okapi BM25 written out plainly, terms counted once at their highest weight. */
  function reference(query: { term: string; weight: number }[], k1 = 1.2, b = 0.75) {
    const lengths = docs.map((d) => d.fields.reduce((s, f) => s + f.terms.length * f.weight, 0));
    const avg = lengths.reduce((s, l) => s + l, 0) / docs.length;
    const weights = new Map<string, number>();
    for (const q of query) weights.set(q.term, Math.max(weights.get(q.term) ?? 0, q.weight));
    return docs
      .map((d, i) => {
        let score = 0;
        for (const [term, weight] of weights) {
          const f = d.fields.reduce((s, fl) => s + fl.terms.filter((t) => t === term).length * fl.weight, 0);
          const n = docs.filter((x) => x.fields.some((fl) => fl.terms.includes(term))).length;
          if (!f || n > docs.length * 0.6) continue;
          const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
          score += weight * idf * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[i]!) / avg)));
        }
        return { id: d.id, score };
      })
      .filter((r) => r.score > 0);
  }

  /** The documents with a positive score, best first, by id. */
  const searchOf = (bm25: Bm25) => (query: { term: string; weight: number }[]) => {
    const { docs: found, scores } = bm25.scoreDocs(query);
    return found.map((doc) => ({ id: docs[doc]!.id, score: scores[doc]! }));
  };

  test('scores every matching document as Okapi BM25 does, best first, equal scores in document order', () => {
    const search = searchOf(new Bm25(docs));
    const query = [
      { term: 'usb', weight: 1 },
      { term: '媒体', weight: 0.4 },
      { term: '廃棄', weight: 1 },
      { term: 'usb', weight: 0.5 },
      { term: '変更', weight: 0.8 },
    ];
    const got = search(query);
    const want = reference(query);
    expect(got.map((r) => r.id)).toEqual([...want].sort((x, y) => y.score - x.score).map((r) => r.id));
    expect(got.map((r) => r.id)).toEqual(['d', 'b', 'a', 'c']);
    for (const r of got) expect(r.score).toBeCloseTo(want.find((w) => w.id === r.id)!.score, 12);
  });

  test('a term in more than 60 % of the documents is skipped, an unknown term scores nothing', () => {
    const bm25 = new Bm25(docs);
    const search = searchOf(bm25);
    expect(search([{ term: 'メモリ', weight: 1 }])).toEqual([]);
    expect(search([{ term: '存在しない', weight: 1 }])).toEqual([]);
    expect(bm25.idf('ウイルス')).toBeCloseTo(Math.log(1 + 4.5 / 1.5), 12);
  });
});
