// Clause retrieval: BM25 over the clause tree, with questions expanded through the thesaurus.
import type { Clause, Retrieved } from '../types';
import type { ClauseTree } from '../tree';
import { Bm25, type Doc, type QueryTerm } from './bm25';
import type { Expansion, Thesaurus } from './thesaurus';
import { normalizeQuery, tinySegmenterTokenizer, type Tokenizer } from './tokenize';
import { DEFINED_AS } from '../regexp';

/** A name written in kanji or katakana and the term the policy defines for it right after. */
const NAME_DEFINED = new RegExp(`([\u4e00-\u9fff\u30a0-\u30ffー]+)${DEFINED_AS.source}`, 'g');

export interface RetrievalWeights {
  title: number;
  headings: number;
  /** Chapters 1 and 2 state principles; the rules a question asks about are in 第3章. */
  principles: number;
  expansion: number;
  bigram: number;
  /** An expanded policy term counts at most this many bigrams' worth (電磁的記録媒体 has six). */
  maxBigramsPerTerm: number;
  /** Search clauses of several paragraphs paragraph by paragraph. */
  passages: boolean;
}

export const DEFAULT_WEIGHTS: RetrievalWeights = { title: 0.8, headings: 0.3, principles: 0.6, expansion: 0.8, bigram: 0.5, maxBigramsPerTerm: 3, passages: true };

export interface Query {
  normalized: string;
  /** The question without its context spans: what it is about. */
  subject: string;
  terms: QueryTerm[];
  /** Thesaurus entries the question called for. */
  expansions: Expansion[];
}

/**
 * The policy's own short names for the names it abbreviates (「大分県後期高齢者医療広域連合(以下「広域連合」という。)」),
 * as one function that writes the short name for the full one. Searched so, an ordinance named after the body
 * (大分県後期高齢者医療広域連合情報公開条例) does not match every question that names the body's field of work.
 */
export function shortNames(texts: readonly string[]): (text: string) => string {
  const pairs: [string, string][] = [];
  for (const text of texts) {
    for (const m of text.matchAll(NAME_DEFINED)) {
      const [full, short] = [m[1]!, m[2]!];
      if (full !== short && full.includes(short) && !pairs.some(([f]) => f === full)) pairs.push([full, short]);
    }
  }
  return (text) => pairs.reduce((t, [full, short]) => (t.includes(full) ? t.split(full).join(short) : t), text);
}

/** How much more the words of what a "may I" asks to do count. */
const FOCUS = 1.1;

export class ClauseIndex {
  private readonly bm25: Bm25;
  /** The policy's short names for the full ones, in the clauses and in questions alike. */
  private readonly shorten: (text: string) => string;
  private readonly lastChapter: number;
  /** The clause of each searched document (a clause, or one paragraph of it). */
  private readonly clauseOf: Clause[] = [];

  constructor(
    private readonly tree: ClauseTree,
    private readonly thesaurus: Thesaurus,
    private readonly weights: RetrievalWeights = DEFAULT_WEIGHTS,
    readonly tokenizer: Tokenizer = tinySegmenterTokenizer(),
  ) {
    const shorten = (this.shorten = shortNames(tree.clauses.map((c) => c.text)));
    const terms = (t: string) => tokenizer.terms(shorten(t));
    const docs: Doc[] = [];
    for (const c of tree.clauses) {
      if (!c.text) continue;
      const inherited = c.headings.slice(1, c.title ? -1 : undefined).join(' ');
      // A clause of several paragraphs (tables, bullet lists) is searched paragraph by paragraph, so a
      // long clause is found by the paragraph that matches, not drowned by its length.
      const passages = weights.passages ? c.text.split('\n').filter((p) => p.trim()) : [c.text];
      passages.forEach((passage) => {
        this.clauseOf.push(c);
        docs.push({
          fields: [
            { terms: terms(passage), weight: 1 },
            { terms: terms(c.title), weight: weights.title },
            { terms: terms(inherited), weight: weights.headings },
          ],
        });
      });
    }
    this.bm25 = new Bm25(docs);
    this.lastChapter = Math.max(...tree.clauses.map((c) => c.chapter));
  }

  /**
   * The search terms of a question. Spans listed in `context` (e.g. someone else's words quoted in the
   * question) count half; the terms of the `focus` spans (what a "may I" asks to do), FOCUS times more.
   */
  query(question: string, context: string[] = [], implied: string[] = [], focus: string[] = []): Query {
    const normalized = normalizeQuery(question);
    const terms = (t: string) => this.tokenizer.terms(this.shorten(t));
    const weightOf = (t: string, w: number) => (t.startsWith('#') ? w * this.weights.bigram : w);
    let main = normalized;
    for (const span of context) main = main.replace(span, ' ');
    // 「上司から「USBで持って帰っていい」と言われたんですが本当？」: the quote is all the question is about.
    if (!/[\u4e00-\u9fff\u30a0-\u30ff]{2}/.test(main.replace(/[「」『』]/g, ''))) {
      main = normalized;
      context = [];
    }
    const out: QueryTerm[] = [
      ...terms(main).map((t) => ({ term: t, weight: weightOf(t, 1) })),
      ...context.flatMap((span) => terms(span).map((t) => ({ term: t, weight: weightOf(t, 0.5) }))),
    ];
    const expansions: Expansion[] = [];
    const expand = (text: string, factor: number) => {
      for (const e of this.thesaurus.expand(text, normalized)) {
        expansions.push(e);
        for (const phrase of e.terms) {
          const ts = terms(phrase);
          // A long policy term (電磁的記録媒体) must not outweigh a short one through its many bigrams.
          const grams = ts.filter((t) => t.startsWith('#')).length;
          const share = grams > this.weights.maxBigramsPerTerm ? this.weights.maxBigramsPerTerm / grams : 1;
          for (const t of ts) {
            out.push({ term: t, weight: weightOf(t, e.weight * this.weights.expansion * factor) * (t.startsWith('#') ? share : 1) });
          }
        }
      }
    };
    expand(main, 1);
    // Policy terms the way the question is asked implies (a violation seen → 違反行為を発見).
    for (const phrase of implied) for (const t of terms(phrase)) out.push({ term: t, weight: weightOf(t, 0.8) });
    for (const span of context) expand(span, 0.5);
    // What a "may I" asks to do (its words and the policy terms they call for) counts more.
    if (focus.length) {
      const focused = new Set(focus.flatMap((span) => [...terms(span), ...this.thesaurus.expand(span, normalized).flatMap((e) => e.terms.flatMap(terms))]));
      for (const t of out) if (focused.has(t.term)) t.weight *= FOCUS;
    }
    return { normalized, subject: main, terms: out, expansions };
  }

  search(query: Query, k = 10): Retrieved[] {
    // Documents come best first, so a clause's first passage is its best one.
    const { docs, scores } = this.bm25.scoreDocs(query.terms);
    const seen = new Set<Clause>();
    const hits: Retrieved[] = [];
    for (const doc of docs) {
      const clause = this.clauseOf[doc]!;
      if (seen.has(clause)) continue;
      seen.add(clause);
      const score = scores[doc]!;
      hits.push({ clause, score: clause.chapter < this.lastChapter ? score * this.weights.principles : score });
    }
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
