// A small KnowledgeEngine for the LLM tests, made of real clauses copied from the policy text
// (a test checks they are verbatim). Facts are written by hand the way the engine derives them.
// Retrieval and offline answers are keyword tables: predictable, which is what these tests need.
import type { Answer, Clause, ClauseFacts, KnowledgeEngine, Modality, Retrieved, Verdict } from '../../../knowledge/types';

interface Spec {
  label: string;
  headings: string[];
  text: string;
  modalities: Modality[];
  roles?: string[];
  grantors?: string[];
  reportTo?: string[];
}

const H7 = ['情報セキュリティ対策基準', '人的セキュリティ'];
const SPECS: Spec[] = [
  {
    label: '第3章 7(1)ア(ウ)a', headings: [...H7, 'モバイル端末や電磁的記録媒体等の持ち出し及び外部における情報処理作業の制限'],
    text: 'C I S Oは、機密性2以上、可用性2、完全性2の情報資産を外部で処理する場合における安全管理措置を定めなければならない。',
    modalities: ['obligation'], roles: ['CISO'],
  },
  {
    label: '第3章 7(1)ア(ウ)b', headings: [...H7, 'モバイル端末や電磁的記録媒体等の持ち出し及び外部における情報処理作業の制限'],
    text: '職員等は、広域連合のモバイル端末、電磁的記録媒体、情報資産及びソフトウェアを外部に持ち出す場合には、データ取扱責任者の許可を得なければならない。',
    modalities: ['permission', 'obligation'], roles: ['データ取扱責任者'], grantors: ['データ取扱責任者'],
  },
  {
    label: '第3章 7(1)ア(ウ)c', headings: [...H7, 'モバイル端末や電磁的記録媒体等の持ち出し及び外部における情報処理作業の制限'],
    text: '職員等は、外部で情報処理業務を行う場合には、データ取扱責任者の許可を得なければならない。',
    modalities: ['permission', 'obligation'], roles: ['データ取扱責任者'], grantors: ['データ取扱責任者'],
  },
  {
    label: '第3章 7(1)ア(ウ)d', headings: [...H7, 'モバイル端末や電磁的記録媒体等の持ち出し及び外部における情報処理作業の制限'],
    text: '職員等は、外部で情報処理作業を行う際、私物パソコンを用いる場合には、統括情報セキュリティ責任者の許可を得た上で、安全管理措置を遵守しなければならない。また、機密性3の情報資産については、私物パソコンによる情報処理を行ってはならない。',
    modalities: ['permission', 'obligation', 'prohibition'], roles: ['統括情報セキュリティ責任者'], grantors: ['統括情報セキュリティ責任者'],
  },
  {
    label: '第3章 7(1)ア(カ)', headings: [...H7, 'パソコンやモバイル端末におけるセキュリティ設定変更の禁止'],
    text: '職員等は、パソコンやモバイル端末のソフトウェアに関するセキュリティ機能の設定をデータ取扱責任者の許可なく変更してはならない。',
    modalities: ['prohibition', 'permission'], roles: ['データ取扱責任者'], grantors: ['データ取扱責任者'],
  },
  {
    label: '第3章 6(2)イ(ウ)', headings: ['情報セキュリティ対策基準', '物理的セキュリティ', '管理区域の入退室管理等'],
    text: '端末装置管理責任者は、外部からの訪問者が管理区域に入る場合には、必要に応じて立ち入り区域を制限した上で、管理区域への入退室を許可された職員を立ち合わせなければならない。',
    modalities: ['obligation'], roles: ['端末装置管理責任者'],
  },
  {
    label: '第3章 7(2)エ', headings: [...H7, '研修・訓練への参加'],
    text: '幹部を含めた全ての職員等は、定められた研修・訓練に参加しなければならない。',
    modalities: ['obligation'],
  },
  {
    label: '第3章 7(3)ア(ア)', headings: [...H7, '職員等からの情報セキュリティインシデントの報告'],
    text: '職員等は、情報セキュリティインシデントを認知した場合、速やかにデータ取扱責任者及び情報セキュリティに関する統一的な窓口で報告しなければならない。',
    modalities: ['report', 'obligation'], roles: ['データ取扱責任者', '統一的な窓口'], reportTo: ['データ取扱責任者', '統一的な窓口'],
  },
  {
    label: '第3章 7(3)ア(イ)', headings: [...H7, '職員等からの情報セキュリティインシデントの報告'],
    text: '報告を受けたデータ取扱責任者は、速やかに統括情報セキュリティ責任者及び情報システム管理者に報告しなければならない。',
    modalities: ['report', 'obligation'], roles: ['データ取扱責任者', '統括情報セキュリティ責任者', '情報システム管理者'],
    reportTo: ['統括情報セキュリティ責任者', '情報システム管理者'],
  },
  {
    label: '第3章 7(4)ア(ア)', headings: [...H7, 'ICカード等の取扱い'],
    text: '職員等は、自己の管理する I C カード等に関し、次の事項を遵守しなければならない。',
    modalities: ['obligation'],
  },
  {
    label: '第3章 7(4)ア(ア)a', headings: [...H7, 'ICカード等の取扱い'],
    text: '認証に用いる I C カード等を、職員等間で共有してはならない。',
    modalities: ['prohibition'],
  },
  {
    label: '第3章 7(4)ア(ア)c', headings: [...H7, 'ICカード等の取扱い'],
    text: 'I C カード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し、指示に従わなければならない。',
    modalities: ['report', 'obligation'], roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
    reportTo: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
  },
  {
    label: '第3章 7(4)ウ(ク)', headings: [...H7, 'パスワードの取扱い'],
    text: 'パソコン等の端末にパスワードを記憶させてはならない。',
    modalities: ['prohibition'],
  },
  {
    label: '第3章 7(4)ウ(ケ)', headings: [...H7, 'パスワードの取扱い'],
    text: '職員等間でパスワードを共有してはならない。',
    modalities: ['prohibition'],
  },
  {
    label: '第3章 8(1)ト(ア)', headings: ['情報セキュリティ対策基準', '技術的セキュリティ', '業務以外の目的でのウェブ閲覧の禁止'],
    text: '職員等は、業務以外の目的でウェブを閲覧してはならない。',
    modalities: ['prohibition'],
  },
  {
    label: '第3章 5(1)①', headings: ['情報セキュリティ対策基準', '情報システム全体の強靱性の向上', 'マイナンバー利用事務系と他の領域との分離'],
    text: 'マイナンバー利用事務系と他の領域を通信できないようにしなければならない。マイナンバー利用事務系と外部との通信をする必要がある場合は、通信経路の限定（MACアドレス、IPアドレス）及びアプリケーションプロトコル（ポート番号）のレベルでの限定を行わなければならない。また、その外部接続先についてもインターネット等と接続してはならない。ただし、国等の公的機関が構築したシステム等、十分に安全性が確保された外部接続先については、この限りではなく、セキュリティソフト付USBメモリの保管されたデータを、標準システム接続系とマイナンバー利用事務系とのデータの移送を可能とする。',
    modalities: ['obligation', 'prohibition', 'exception'],
  },
];

function toClause(spec: Spec): Clause {
  const m = /^第(\d+)章 (.*)$/.exec(spec.label)!;
  const segments = m[2]!.match(/\(\d+\)|\d+|\([ァ-ヶ]+\)|[ァ-ヶ]|[①-⑳]|[a-z]/g) ?? [];
  const facts: ClauseFacts = {
    modalities: spec.modalities,
    roles: spec.roles ?? [],
    actor: null,
    actors: [],
    grantors: spec.grantors ?? [],
    reportTo: spec.reportTo ?? [],
    conditions: [],
  };
  return {
    label: spec.label,
    chapter: Number(m[1]),
    segments,
    kind: segments.length >= 5 ? 'point' : segments.length === 4 ? 'subitem' : 'item',
    title: spec.headings[spec.headings.length - 1] ?? '',
    headings: spec.headings,
    text: spec.text,
    parent: null,
    children: [],
    facts,
  };
}

export const FAKE_CLAUSES: readonly Clause[] = SPECS.map(toClause);
const byLabel = new Map(FAKE_CLAUSES.map((c) => [c.label, c]));
export const clauseOf = (label: string): Clause => {
  const c = byLabel.get(label);
  if (!c) throw new Error(`no fake clause ${label}`);
  return c;
};

interface Topic {
  pattern: RegExp;
  retrieve: string[];
  answer: { verdict: Verdict; roles: string[]; cite: string[] };
}

/** Questions the fake engine understands: what retrieval finds and what the offline answer is. */
const TOPICS: Topic[] = [
  { pattern: /マイナンバー/, retrieve: ['第3章 5(1)①', '第3章 7(1)ア(ウ)b'],
    answer: { verdict: 'allowed', roles: [], cite: ['第3章 5(1)①'] } },
  { pattern: /USB|持ち出|持ち帰|家で作業/, retrieve: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)c', '第3章 7(1)ア(ウ)a', '第3章 7(1)ア(ウ)d', '第3章 5(1)①'],
    answer: { verdict: 'needs_permission', roles: ['データ取扱責任者'], cite: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)c'] } },
  { pattern: /ICカード.*(なくし|紛失|失くし|落とし)/, retrieve: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(ア)', '第3章 7(4)ア(ア)a', '第3章 7(3)ア(ア)'],
    answer: { verdict: 'must_report', roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'], cite: ['第3章 7(4)ア(ア)c'] } },
  { pattern: /ウイルス|感染/, retrieve: ['第3章 7(3)ア(イ)', '第3章 7(3)ア(ア)'],
    answer: { verdict: 'must_report', roles: ['統括情報セキュリティ責任者', '情報システム管理者'], cite: ['第3章 7(3)ア(イ)'] } },
  { pattern: /パスワード/, retrieve: ['第3章 7(4)ウ(ケ)', '第3章 7(4)ウ(ク)', '第3章 7(4)ア(ア)a'],
    answer: { verdict: 'prohibited', roles: [], cite: ['第3章 7(4)ウ(ケ)'] } },
  { pattern: /ネット検索|YouTube|ウェブ/, retrieve: ['第3章 8(1)ト(ア)', '第3章 7(1)ア(カ)'],
    answer: { verdict: 'prohibited', roles: [], cite: ['第3章 8(1)ト(ア)'] } },
  { pattern: /研修/, retrieve: ['第3章 7(2)エ'],
    answer: { verdict: 'required', roles: [], cite: ['第3章 7(2)エ'] } },
  { pattern: /設定/, retrieve: ['第3章 7(1)ア(カ)'],
    answer: { verdict: 'needs_permission', roles: ['データ取扱責任者'], cite: ['第3章 7(1)ア(カ)'] } },
  { pattern: /会議室|ランチ|昼ご飯/, retrieve: ['第3章 7(2)エ'],
    answer: { verdict: 'not_covered', roles: [], cite: [] } },
];

export const OFFLINE_MARK = '（オフライン回答）';

export function createFakeEngine(): KnowledgeEngine & { answerCalls: number; retrieveCalls: number } {
  const engine = {
    answerCalls: 0,
    retrieveCalls: 0,
    clauses: FAKE_CLAUSES,
    clause: (label: string) => byLabel.get(label),
    answer(question: string): Answer {
      engine.answerCalls++;
      const q = question.trim();
      if (!q) {
        return { verdict: 'not_covered', roles: [], citations: [], reply: `質問を入力してください。${OFFLINE_MARK}`, procedure: null, inputNotice: 'empty' };
      }
      const topic = TOPICS.find((t) => t.pattern.test(q));
      const a = topic?.answer ?? { verdict: 'not_covered' as const, roles: [], cite: [] };
      const citations = a.cite.map((label) => ({ label, quote: clauseOf(label).text, headings: clauseOf(label).headings }));
      return {
        verdict: a.verdict,
        roles: [...a.roles],
        citations,
        reply: `${a.verdict} ${citations.map((c) => c.label).join(' ')}${OFFLINE_MARK}`,
        procedure: /ICカード/.test(q) ? 'lost-card' : null,
        inputNotice: null,
      };
    },
    retrieve(question: string, k = 8): Retrieved[] {
      engine.retrieveCalls++;
      const topic = TOPICS.find((t) => t.pattern.test(question));
      if (!topic) return [];
      return topic.retrieve.slice(0, k).map((label, i) => ({ clause: clauseOf(label), score: 10 - i }));
    },
  };
  return engine;
}
