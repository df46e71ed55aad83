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

interface Indexed {
  id: string;
  tf: Map<string, number>;
  length: number;
}

export class Bm25 {
  private readonly docs: Indexed[] = [];
  private readonly df = new Map<string, number>();
  private avgLength = 1;

  constructor(docs: Doc[], private readonly k1 = 1.2, private readonly b = 0.5) {
    for (const d of docs) {
      const tf = new Map<string, number>();
      let length = 0;
      for (const f of d.fields) {
        for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight);
        length += f.terms.length * f.weight;
      }
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.docs.push({ id: d.id, tf, length });
    }
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /** Scores of every document with a positive score, best first. */
  search(query: QueryTerm[]): { id: string; score: number }[] {
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, Math.max(merged.get(q.term) ?? 0, q.weight));
    const out: { id: string; score: number }[] = [];
    for (const d of this.docs) {
      let score = 0;
      for (const [term, weight] of merged) {
        const f = d.tf.get(term);
        if (!f) continue;
        const norm = f + this.k1 * (1 - this.b + (this.b * d.length) / this.avgLength);
        score += weight * this.idf(term) * ((f * (this.k1 + 1)) / norm);
      }
      if (score > 0) out.push({ id: d.id, score });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Whether a document contains a term (any field). */
  has(id: string, term: string): boolean {
    return this.docs.find((d) => d.id === id)?.tf.has(term) ?? false;
  }
}
