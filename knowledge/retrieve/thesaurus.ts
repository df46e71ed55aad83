// The everyday-word → policy-term thesaurus (knowledge/data/thesaurus.yaml).
import { z } from 'zod';
import { readDataFile } from '../lexicon';
import { normalizeQuery } from './tokenize';

const ThesaurusFile = z.object({
  entries: z.array(
    z.object({
      words: z.array(z.string().min(1)).min(1),
      terms: z.array(z.string().min(1)).min(1),
      weight: z.number().positive().max(2).optional(),
    }),
  ),
});

export interface Expansion {
  word: string;
  terms: string[];
  weight: number;
}

const ASCII_WORD = /^[\x20-\x7e]+$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Thesaurus {
  private readonly matchers: { word: string; test: (q: string) => boolean; terms: string[]; weight: number }[] = [];

  constructor(file: z.infer<typeof ThesaurusFile>) {
    for (const e of file.entries) {
      for (const raw of e.words) {
        const word = normalizeQuery(raw);
        // ASCII words match whole words only (x is not the x in excel).
        const re = ASCII_WORD.test(word) ? new RegExp(`(?<![a-z0-9])${escape(word)}(?![a-z0-9])`) : null;
        this.matchers.push({ word, test: re ? (q) => re.test(q) : (q) => q.includes(word), terms: e.terms, weight: e.weight ?? 1 });
      }
    }
  }

  static load(dir?: string): Thesaurus {
    return new Thesaurus(readDataFile('thesaurus.yaml', ThesaurusFile, dir));
  }

  /** The policy terms a (normalised) question calls for. */
  expand(normalizedQuestion: string): Expansion[] {
    return this.matchers.filter((m) => m.test(normalizedQuestion)).map((m) => ({ word: m.word, terms: m.terms, weight: m.weight }));
  }
}
