// The everyday-word → policy-term thesaurus (knowledge/data/thesaurus.yaml).
import { z } from 'zod';
import { readDataFile } from '../lexicon';
import { normalizeQuery } from './tokenize';
import { escapeRegExp } from '../regexp';
import { blankOut } from '../blank';

const ThesaurusFile = z.object({
  /** Phrases blanked before matching: an entry's word inside them means something else (USB扇風機). */
  stop: z.array(z.string().min(1)).optional(),
  entries: z.array(
    z.object({
      words: z.array(z.string().min(1)).min(1),
      terms: z.array(z.string().min(1)).min(1),
      weight: z.number().positive().max(2).optional(),
      weak: z.boolean().optional(),
      /** Phrases beside which the entry's words mean something else: the entry does not apply to such a question. */
      unless: z.array(z.string().min(1)).optional(),
    }),
  ),
});

export interface Expansion {
  word: string;
  terms: string[];
  weight: number;
  /** An everyday word that alone does not make a question one the policy addresses. */
  weak: boolean;
}

const ASCII_WORD = /^[\x20-\x7e]+$/;
const KATAKANA_WORD = /^[\u30a0-\u30ffー]+$/;

interface Matcher {
  word: string;
  /** Whether the text holds the word; `whole` is the whole question, for the entry's `unless` phrases. */
  test: (q: string, whole: string) => boolean;
  terms: string[];
  weight: number;
  weak: boolean;
}

/** A particle between two words that are not hiragana: 監査[が]入, usb[を]家, 自宅[で]作業. */
const DROPPABLE_PARTICLE = /(?<=[^\u3040-\u309f])[がをにでへ](?=[^\u3040-\u309f])/g;

/** The phrase without one of its particles, for each particle it has (at least three characters left). */
export function withoutParticles(word: string): string[] {
  const out: string[] = [];
  for (const m of word.matchAll(DROPPABLE_PARTICLE)) {
    const variant = word.slice(0, m.index) + word.slice(m.index! + 1);
    if (variant.length >= 3) out.push(variant);
  }
  return out;
}

export class Thesaurus {
  private readonly matchers: Matcher[] = [];

  private readonly stop: string[];

  /**
   * Matcher indexes by the first two characters of their word (of its first part for 「A+B」; one for a word
   * of one character): a word can only match a question holding those characters.
   */
  private readonly byStart = new Map<string, number[]>();

  constructor(file: z.infer<typeof ThesaurusFile>) {
    this.stop = (file.stop ?? []).map((w) => normalizeQuery(w));
    for (const e of file.entries) {
      const expands = { terms: e.terms, weight: e.weight ?? 1, weak: e.weak ?? false };
      const unless = (e.unless ?? []).map((w) => normalizeQuery(w));
      // Every matcher of the entry is skipped beside its `unless` phrases, anywhere in the question (a reason or a
      // quote read apart from the rest is still beside it).
      const unlessBeside = (test: (q: string) => boolean) =>
        unless.length ? (q: string, whole: string) => test(q) && !unless.some((u) => whole.includes(u)) : test;
      for (const raw of e.words) {
        const word = normalizeQuery(raw);
        // 「更新+止め」: every part somewhere in the question, in any order (「更新プログラム、自分で止めて」).
        if (word.includes('+')) {
          const parts = word.split('+').map((p) => p.trim()).filter(Boolean);
          this.add({ word, test: unlessBeside((q) => parts.every((p) => q.includes(p))), ...expands }, parts[0]);
          continue;
        }
        // ASCII and katakana words match whole words only: x is not the x in excel, ライン (LINE) is not
        // the ライン in オフライン.
        const re = ASCII_WORD.test(word)
          ? new RegExp(`(?<![a-z0-9])${escapeRegExp(word)}(?![a-z0-9])`)
          : KATAKANA_WORD.test(word)
            ? new RegExp(`(?<![\u30a0-\u30ffー])${escapeRegExp(word)}(?![\u30a0-\u30ffー])`)
            : word.length === 1
              ? // A single kanji is a word on its own only: 車 is not the 車 in 駐車場, 家 not the 家 in 家族.
                new RegExp(`(?<![\u4e00-\u9fff々])${escapeRegExp(word)}(?![\u4e00-\u9fff々])`)
              : null;
        this.add({ word, test: unlessBeside(re ? (q) => re.test(q) : (q) => q.includes(word)), ...expands }, word);
        // Chat drops particles (「監査入るらしい」 for 監査が入る): the phrase without each particle matches too.
        if (!re) {
          for (const variant of withoutParticles(word)) {
            this.add({ word: variant, test: unlessBeside((q) => q.includes(variant)), ...expands }, variant);
          }
        }
      }
    }
  }

  /** Keeps a matcher, indexed by the start of the text the question must hold for it to match. */
  private add(matcher: Matcher, mustHold: string | undefined): void {
    const i = this.matchers.push(matcher) - 1;
    if (!mustHold) return;
    const start = mustHold.slice(0, 2);
    let list = this.byStart.get(start);
    if (!list) this.byStart.set(start, (list = []));
    list.push(i);
  }

  static load(dir?: string): Thesaurus {
    return new Thesaurus(readDataFile('thesaurus.yaml', ThesaurusFile, dir));
  }

  /** Every everyday word and policy term the thesaurus knows (for {@link KanaFolder}). */
  words(): string[] {
    return [...new Set(this.matchers.flatMap((m) => [m.word, ...m.terms]))];
  }

  /** The policy terms a (normalised) question, or a part of it (`whole` being all of it), calls for. */
  expand(normalizedQuestion: string, whole = normalizedQuestion): Expansion[] {
    const q = blankOut(normalizedQuestion, this.stop);
    // Only the matchers whose start the question holds, in the thesaurus's order.
    const starts = new Set<string>();
    for (let i = 0; i < q.length; i++) {
      starts.add(q[i]!);
      if (i + 1 < q.length) starts.add(q.slice(i, i + 2));
    }
    const candidates: number[] = [];
    for (const start of starts) {
      const list = this.byStart.get(start);
      if (list) for (const i of list) candidates.push(i);
    }
    candidates.sort((a, b) => a - b);
    const out: Expansion[] = [];
    for (const i of candidates) {
      const m = this.matchers[i]!;
      if (m.test(q, whole)) out.push({ word: m.word, terms: m.terms, weight: m.weight, weak: m.weak });
    }
    return out;
  }
}
