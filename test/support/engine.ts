// A knowledge engine for bot tests: fixed answers chosen by a keyword, so tests do not depend on retrieval.

import type { Answer, Citation, Clause, KnowledgeEngine } from '../../knowledge/types';

export const carryOutCitation: Citation = {
  label: '第3章 7(4)ア(ウ)b',
  headings: ['第3章 情報セキュリティ対策基準', '7 人的セキュリティ', '(4) 職員等の遵守事項'],
  quote: '職員等は、広域連合のモバイル端末、電磁的記録媒体、情報資産及びソフトウェアを外部に持ち出す場合には、データ取扱責任者の許可を得なければならない。',
};

export const fixtures: Record<string, Answer> = {
  USB: {
    verdict: 'needs_permission',
    roles: ['データ取扱責任者'],
    citations: [
      carryOutCitation,
      { label: '第3章 7(4)ア(オ)', headings: ['持ち出し及び持ち込みの記録'], quote: 'データ取扱責任者は、端末等の持ち出し及び持ち込みについて、記録を作成し、保管しなければならない。' },
    ],
    reply: '',
    procedure: 'carry-out',
    inputNotice: null,
  },
  パスワード: {
    verdict: 'prohibited',
    roles: [],
    citations: [{ label: '第3章 7(2)イ(イ)', headings: [], quote: 'パスワードを他者に知られないように管理しなければならない。' }],
    reply: '',
    procedure: null,
    inputNotice: null,
  },
};

const notCovered: Answer = { verdict: 'not_covered', roles: [], citations: [], reply: '', procedure: null, inputNotice: null };

export function fixtureEngine(options: { clauses?: number; throwOn?: string } = {}): KnowledgeEngine & { questions: string[] } {
  const questions: string[] = [];
  const clause = { label: carryOutCitation.label } as Clause;
  return {
    questions,
    answer(question: string): Answer {
      questions.push(question);
      if (options.throwOn && question.includes(options.throwOn)) throw new Error('engine failure');
      const key = Object.keys(fixtures).find((k) => question.includes(k));
      return key ? fixtures[key]! : notCovered;
    },
    retrieve: () => [],
    clause: (label) => (label === clause.label ? clause : undefined),
    clauses: Array.from({ length: options.clauses ?? 1 }, () => clause),
  };
}
