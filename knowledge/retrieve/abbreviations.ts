// Short forms staff type (ノーパソ, ケータイ) written out as the vocabulary writes them, before anything else reads
// the question. A katakana short form is replaced only as a whole word: ノーパソ, not the start of a longer word.

import { escapeRegExp } from '../regexp';

const KATAKANA = '\\u30a1-\\u30faー';

export class Abbreviations {
  private readonly pattern: RegExp | null;
  private readonly full = new Map<string, string>();

  /** @param forms short form → what it stands for (compared after NFKC normalisation and lower-casing). */
  constructor(forms: Record<string, string>) {
    for (const [short, long] of Object.entries(forms)) {
      const key = short.normalize('NFKC').toLowerCase();
      if (key) this.full.set(key, long);
    }
    const keys = [...this.full.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = keys.length ? new RegExp(`(?<![${KATAKANA}])(?:${keys.join('|')})(?![${KATAKANA}])`, 'gi') : null;
  }

  /**
   * The text with each short form written out; the text itself when it holds none. A short form found only once
   * the text is NFKC-normalised (half-width ﾉｰﾊﾟｿ) is written out in the normalised text.
   */
  expand(text: string): string {
    if (!this.pattern) return text;
    for (const form of [text, text.normalize('NFKC')]) {
      this.pattern.lastIndex = 0;
      if (this.pattern.test(form)) return form.replace(this.pattern, (m) => this.full.get(m.toLowerCase()) ?? m);
    }
    return text;
  }
}
