// Clause retrieval: BM25 over the clause tree, with questions expanded through the thesaurus.
import type { Clause, Retrieved } from '../types';
import type { ClauseTree } from '../tree';
import { Bm25, type Doc, type QueryTerm } from './bm25';
import type { Expansion, Thesaurus } from './thesaurus';
import { normalizeQuery, terms } from './tokenize';

export interface RetrievalWeights {
  title: number;
  headings: number;
  /** Chapters 1 and 2 state principles; the rules a question asks about are in 第3章. */
  principles: number;
  expansion: number;
  bigram: number;
}

export const DEFAULT_WEIGHTS: RetrievalWeights = { title: 0.8, headings: 0.3, principles: 0.6, expansion: 0.8, bigram: 0.5 };

export interface Query {
  normalized: string;
  terms: QueryTerm[];
  /** Thesaurus entries the question called for. */
  expansions: Expansion[];
}

export class ClauseIndex {
  private readonly bm25: Bm25;
  private readonly lastChapter: number;

  constructor(
    private readonly tree: ClauseTree,
    private readonly thesaurus: Thesaurus,
    private readonly weights: RetrievalWeights = DEFAULT_WEIGHTS,
  ) {
    const docs: Doc[] = [];
    for (const c of tree.clauses) {
      if (!c.text) continue;
      const inherited = c.headings.slice(1, c.title ? -1 : undefined).join(' ');
      docs.push({
        id: c.label,
        fields: [
          { terms: terms(c.text), weight: 1 },
          { terms: terms(c.title), weight: weights.title },
          { terms: terms(inherited), weight: weights.headings },
        ],
      });
    }
    this.bm25 = new Bm25(docs);
    this.lastChapter = Math.max(...tree.clauses.map((c) => c.chapter));
  }

  query(question: string): Query {
    const normalized = normalizeQuery(question);
    const weightOf = (t: string, w: number) => (t.startsWith('#') ? w * this.weights.bigram : w);
    const out: QueryTerm[] = terms(normalized).map((t) => ({ term: t, weight: weightOf(t, 1) }));
    const expansions = this.thesaurus.expand(normalized);
    for (const e of expansions) {
      for (const phrase of e.terms) {
        for (const t of terms(phrase)) out.push({ term: t, weight: weightOf(t, e.weight * this.weights.expansion) });
      }
    }
    return { normalized, terms: out, expansions };
  }

  search(query: Query, k = 10): Retrieved[] {
    const hits = this.bm25.search(query.terms).map(({ id, score }) => {
      const clause = this.tree.get(id)!;
      return { clause, score: clause.chapter < this.lastChapter ? score * this.weights.principles : score };
    });
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  idf(term: string): number {
    return this.bm25.idf(term);
  }

  get size(): number {
    return this.bm25.size;
  }

  clause(label: string): Clause | undefined {
    return this.tree.get(label);
  }
}
