// Okapi BM25 over weighted fields (the clause's text, its own heading, its ancestors' headings).

export interface Field {
  terms: string[];
  weight: number;
}

export interface Doc {
  fields: Field[];
}

export interface QueryTerm {
  term: string;
  weight: number;
}

export class Bm25 {
  private readonly lengths: number[] = [];
  /**
   * term → the documents holding it and, for each, the term-frequency part of its score:
   * f · (k1 + 1) / (f + k1 · (1 − b + b · length / average length)), f the weighted term frequency.
   */
  private readonly postings = new Map<string, { docs: Int32Array; parts: Float64Array }>();
  private readonly avgLength: number;
  private readonly idfs = new Map<string, number>();

  constructor(docs: Doc[], private readonly k1 = 1.2, private readonly b = 0.75) {
    const lists = new Map<string, [number, number][]>();
    docs.forEach((d, i) => {
      const tf = new Map<string, number>();
      let length = 0;
      for (const f of d.fields) {
        for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight);
        length += f.terms.length * f.weight;
      }
      for (const [t, n] of tf) {
        let list = lists.get(t);
        if (!list) lists.set(t, (list = []));
        list.push([i, n]);
      }
      this.lengths.push(length);
    });
    this.avgLength = this.lengths.reduce((s, l) => s + l, 0) / Math.max(1, this.lengths.length);
    for (const [t, list] of lists) {
      const parts = list.map(([doc, f]) => (f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / this.avgLength)));
      this.postings.set(t, { docs: Int32Array.from(list, ([doc]) => doc), parts: Float64Array.from(parts) });
    }
  }

  get size(): number {
    return this.lengths.length;
  }

  idf(term: string): number {
    let v = this.idfs.get(term);
    if (v === undefined) {
      const n = this.postings.get(term)?.docs.length ?? 0;
      v = Math.log(1 + (this.lengths.length - n + 0.5) / (n + 0.5));
      if (this.idfs.size >= 50000) this.idfs.clear();
      this.idfs.set(term, v);
    }
    return v;
  }

  /**
   * The indexes (in construction order) of every document with a positive score, best first (ties in the
   * order first scored), and the scores by document index.
   */
  scoreDocs(query: QueryTerm[]): { docs: number[]; scores: Float64Array } {
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, Math.max(merged.get(q.term) ?? 0, q.weight));
    const scores = new Float64Array(this.lengths.length);
    const seen = new Uint8Array(this.lengths.length);
    const touched: number[] = [];
    for (const [term, weight] of merged) {
      const posting = this.postings.get(term);
      // Terms in nearly every clause (情報, 職員…) move no ranking but cost the most: skipped.
      if (!posting || posting.docs.length > this.lengths.length * 0.6) continue;
      const w = weight * this.idf(term);
      const { docs, parts } = posting;
      for (let j = 0; j < docs.length; j++) {
        const doc = docs[j]!;
        if (!seen[doc]) {
          seen[doc] = 1;
          touched.push(doc);
        }
        scores[doc] = scores[doc]! + w * parts[j]!;
      }
    }
    const docs = touched.filter((doc) => scores[doc]! > 0).sort((a, b) => scores[b]! - scores[a]!);
    return { docs, scores };
  }
}
