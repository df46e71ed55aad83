// Does the policy address the question at all? The share of the question's words (by idf) that the best
// clauses contain, directly or through the thesaurus. Questions about leave, expenses or spreadsheets
// share a word or two with the policy by chance, never their subject.
import type { Query } from '../retrieve/index';
import type { Tokenizer } from '../retrieve/tokenize';
import type { Candidate } from './rank';

export interface Coverage {
  /** Thesaurus words of the question whose policy terms the best clauses contain. */
  bridged: string[];
  /** The bridged words that are not everyday words (`weak` in the thesaurus). */
  strong: string[];
  /** Distinctive words of the question (policy vocabulary, not generic) found in the best clauses. */
  anchors: string[];
  /** 0 … 1: the idf-weighted share of the question's words found in the best clauses. */
  share: number;
  /** The best clause's score. */
  top: number;
  /** Words of the question found nowhere in the best clauses. */
  missing: string[];
}

const CONTENT = /^[\u4e00-\u9fff\u30a0-\u30ffー々a-z0-9]{2,}$/;
/**
 * A word that can carry the question's subject: kanji, katakana or letters, two characters or more, and not
 * one of the vocabulary's generic words (必要, 確認, 申請 … in cues.yaml).
 */
export function isContentWord(w: string, generic: ReadonlySet<string> = new Set()): boolean {
  return CONTENT.test(w) && !generic.has(w);
}

export function coverage(question: string, query: Query, best: Candidate[], idf: (t: string) => number, tokenizer: Tokenizer, generic: ReadonlySet<string> = new Set()): Coverage {
  const top = best[0]?.score ?? 0;
  const text = best.map((c) => `${c.clause.title}\n${c.clause.text}\n${c.clause.headings.join('\n')}`).join('\n').normalize('NFKC').toLowerCase();
  // Thesaurus words whose policy terms the best clauses contain.
  const bridging = query.expansions.filter((e) => e.terms.some((t) => text.includes(t.normalize('NFKC').toLowerCase())));
  const bridged = bridging.map((e) => e.word);
  const strong = [...new Set(bridging.filter((e) => !e.weak).map((e) => e.word))];
  let total = 0;
  let found = 0;
  const missing: string[] = [];
  const content = (w: string) => isContentWord(w, generic);
  for (const w of new Set(tokenizer.words(question).filter(content))) {
    // A word the policy never uses (idf of an unseen term is high) counts fully against the question.
    const weight = Math.min(idf(w), 6);
    total += weight;
    const grams = tokenizer.bigrams(w);
    const hit =
      text.includes(w) ||
      (grams.length > 0 && grams.filter((g) => text.includes(g.slice(1))).length / grams.length >= 0.5) ||
      bridged.some((m) => m.includes(w) || w.includes(m));
    if (hit) found += weight;
    else missing.push(w);
  }
  const anchors = [...new Set(tokenizer.words(question).filter(content))].filter((w) => text.includes(w) && idf(w) >= 3.5);
  return { share: total ? found / total : 0, top, missing, bridged, strong, anchors };
}

/**
 * Whether the policy addresses the question: a strong best clause, and either a thesaurus bridge that is
 * not an everyday word or distinctive policy words of the question found in the best clauses.
 */
export function addresses(c: Coverage, incident = false, howTo = false): boolean {
  // Something happened and the question names it in the policy's terms: it is to be reported.
  if (incident && c.strong.length > 0) return true;
  // 「Wordでヘッダーを入れる方法」: a how-to question needs a security subject, not just policy words.
  if (howTo && c.strong.length === 0) return false;
  // A short question can match little text and still name the policy's subject twice over (家で + 持ち帰).
  if (c.top < 10 && !(c.strong.length >= 2 && c.strong.length + c.anchors.length >= 3 && c.top >= 6)) return false;
  if (c.strong.length > 0 && c.top >= 15) return true;
  // Every content word of the question is in the best clauses (「緊急連絡網って私が作るの？」): it is their subject.
  if (!howTo && c.share >= 0.9 && c.top >= 17) return true;
  const evidence = c.strong.length + c.anchors.length;
  if (c.strong.length === 0 && c.anchors.length < 2 && c.top < 25) return false;
  if (c.share < 0.2 && evidence <= 1 && c.top < 20) return false;
  return true;
}
