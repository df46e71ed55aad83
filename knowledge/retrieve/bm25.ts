// Okapi BM25 over weighted fields (the clause's text, its own heading, its ancestors' headings).

export interface Field {
  terms: string[];
  weight: number;
}

export interface Doc {
  id: string;
  fields: Field[];
}

export interface QueryTerm {
  term: string;
  weight: number;
}

export class Bm25 {
  private readonly ids: string[] = [];
  private readonly lengths: number[] = [];
  /** term → [document index, weighted term frequency] */
  private readonly postings = new Map<string, [number, number][]>();
  private avgLength = 1;

  constructor(docs: Doc[], private readonly k1 = 1.2, private readonly b = 0.75) {
    docs.forEach((d, i) => {
      const tf = new Map<string, number>();
      let length = 0;
      for (const f of d.fields) {
        for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight);
        length += f.terms.length * f.weight;
      }
      for (const [t, n] of tf) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push([i, n]);
      }
      this.ids.push(d.id);
      this.lengths.push(length);
    });
    this.avgLength = this.lengths.reduce((s, l) => s + l, 0) / Math.max(1, this.ids.length);
  }

  get size(): number {
    return this.ids.length;
  }

  idf(term: string): number {
    const n = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.ids.length - n + 0.5) / (n + 0.5));
  }

  /** Scores of every document with a positive score, best first. */
  search(query: QueryTerm[]): { id: string; score: number }[] {
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, Math.max(merged.get(q.term) ?? 0, q.weight));
    const scores = new Map<number, number>();
    for (const [term, weight] of merged) {
      const list = this.postings.get(term);
      // Terms in nearly every clause (情報, 職員…) move no ranking but cost the most: skipped.
      if (!list || list.length > this.ids.length * 0.6) continue;
      const idf = this.idf(term);
      for (const [doc, f] of list) {
        const norm = f + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / this.avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + weight * idf * ((f * (this.k1 + 1)) / norm));
      }
    }
    return [...scores]
      .filter(([, s]) => s > 0)
      .map(([doc, score]) => ({ id: this.ids[doc]!, score }))
      .sort((a, b) => b.score - a.score);
  }
}
