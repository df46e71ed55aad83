// A stand-in for the knowledge engine until knowledge/engine.ts lands on main: a few hand-written rules
// with verbatim policy quotes, and 規程に定めがありません for everything else. Replaced by the real engine.

import type { Answer, Citation, Clause, KnowledgeEngine, Retrieved } from '../knowledge/types';

interface Rule {
  words: RegExp;
  answer: Omit<Answer, 'reply' | 'inputNotice'>;
}

const cite = (label: string, headings: string[], quote: string): Citation => ({ label, headings, quote });

const RULES: Rule[] = [
  {
    words: /持ち出|持ち帰|持って帰|USB|ＵＳＢ|外部に持/i,
    answer: {
      verdict: 'needs_permission',
      roles: ['データ取扱責任者'],
      procedure: 'carry-out',
      citations: [
        cite(
          '第3章 7(4)ア(ウ)b',
          ['第3章 情報セキュリティ対策基準', '7 人的セキュリティ', 'モバイル端末や電磁的記録媒体等の持ち出し及び外部における情報処理作業の制限'],
          '職員等は、広域連合のモバイル端末、電磁的記録媒体、情報資産及びソフトウェアを外部に持ち出す場合には、データ取扱責任者の許可を得なければならない。',
        ),
      ],
    },
  },
  {
    words: /ICカード|ＩＣカード|IC カード|紛失|なくし|無くし/i,
    answer: {
      verdict: 'must_report',
      roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
      procedure: 'lost-card',
      citations: [
        cite(
          '第3章 7(4)イ(ア)c',
          ['第3章 情報セキュリティ対策基準', '7 人的セキュリティ', 'ICカード等の取扱い'],
          'I C カード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し、指示に従わなければならない。',
        ),
      ],
    },
  },
  {
    words: /ウイルス|ウィルス|感染|マルウェア/i,
    answer: {
      verdict: 'required',
      roles: [],
      procedure: 'infection',
      citations: [
        cite(
          '第3章 8(4)ウ(キ)a',
          ['第3章 情報セキュリティ対策基準', '8 技術的セキュリティ', '不正プログラム対策'],
          'LANケーブルの即時取り外しを行わなければならない。',
        ),
      ],
    },
  },
];

function clauseOf(c: Citation): Clause {
  return {
    label: c.label,
    chapter: 3,
    segments: [],
    kind: 'point',
    title: c.headings.at(-1) ?? '',
    headings: c.headings,
    text: c.quote,
    parent: null,
    children: [],
    facts: { modalities: [], roles: [], actor: null, grantors: [], reportTo: [], conditions: [] },
  };
}

export function loadStubEngine(): KnowledgeEngine {
  const clauses = RULES.flatMap((r) => r.answer.citations.map(clauseOf));
  return {
    answer(question: string): Answer {
      const q = question.normalize('NFKC').trim();
      if (q === '') {
        return { verdict: 'not_covered', roles: [], citations: [], reply: '', procedure: null, inputNotice: 'empty' };
      }
      const rule = RULES.find((r) => r.words.test(q));
      const base = rule?.answer ?? { verdict: 'not_covered' as const, roles: [], citations: [], procedure: null };
      return { ...base, reply: '', inputNotice: null };
    },
    retrieve(): Retrieved[] {
      return [];
    },
    clause(label: string): Clause | undefined {
      return clauses.find((c) => c.label === label);
    },
    clauses,
  };
}
