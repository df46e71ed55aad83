// Katakana words typed in hiragana (「ぱすわーど」「うぃるす」, an IME left in hiragana mode) read as the
// katakana words the policy and the thesaurus know; a few verbs typed in hiragana (もってかえって) as written in kanji.

const KATAKANA_RUN = /[\u30a1-\u30faー]{3,}/g;
const HIRAGANA = /[\u3041-\u3096]/;

/** ア → あ: the hiragana spelling of a katakana word (ー stays; ヴ and the small ヵヶ have no hiragana). */
function toHiragana(katakana: string): string | null {
  if (/[ヴヵヶヷ-ヺ]/.test(katakana)) return null;
  return katakana.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export class KanaFolder {
  /** By first hiragana character: [hiragana spelling, katakana word], longest first. */
  private readonly byFirst = new Map<string, [string, string][]>();

  /**
   * @param words katakana words (3 characters or more are used); texts to collect them from.
   * @param spellings other words typed in hiragana, and how the policy writes them (もちかえ → 持ち帰).
   */
  constructor(words: Iterable<string>, spellings: Record<string, string> = {}) {
    const seen = new Set<string>();
    for (const text of words) {
      for (const m of text.normalize('NFKC').matchAll(KATAKANA_RUN)) {
        const word = m[0];
        // A word that is mostly ー, or starts with it, is not a word (ーー).
        if (seen.has(word) || word.startsWith('ー')) continue;
        seen.add(word);
        const hira = toHiragana(word);
        if (!hira) continue;
        const list = this.byFirst.get(hira[0]!) ?? [];
        list.push([hira, word]);
        this.byFirst.set(hira[0]!, list);
      }
    }
    for (const [hira, word] of Object.entries(spellings)) {
      if (!hira) continue;
      const list = this.byFirst.get(hira[0]!) ?? [];
      list.push([hira, word]);
      this.byFirst.set(hira[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  }

  /** The text with every known katakana word spelt in hiragana turned back into katakana. */
  fold(text: string): string {
    if (!HIRAGANA.test(text)) return text;
    let out = '';
    for (let i = 0; i < text.length; ) {
      const hit = this.byFirst.get(text[i]!)?.find(([hira]) => text.startsWith(hira, i));
      if (hit) {
        out += hit[1];
        i += hit[0].length;
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  }
}
