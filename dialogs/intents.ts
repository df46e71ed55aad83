// Recognising from free text that a guided procedure fits. The vocabulary is data (intent-vocabulary.ts);
// the bot asks once before starting (the runner's confirmStart), so a near miss costs one tap.

import { INTENT_VOCABULARY, THIRD_PARTY_CUES, URGENCY_ORDER, type IntentVocabulary } from './intent-vocabulary';
import { memoLast } from './memo';
import { matchKey } from './normalize';
import { PROCEDURE_IDS, type ProcedureId } from './types';

export interface IntentMatch {
  procedure: ProcedureId;
  /** 0..1; 1 for a phrase or subject + event, less for weaker evidence. */
  score: number;
  /** The vocabulary entries that matched. */
  cues: string[];
}

/** Below this a match is not offered. */
export const INTENT_THRESHOLD = 0.5;

const keys = (list: readonly string[]) => list.map(matchKey).filter((k) => k !== '');

interface Compiled {
  commands: Set<string>;
  phrases: string[];
  subjects: string[];
  events: string[];
  strongEvents: string[];
  masks: string[];
  excludes: string[];
  followUps: string[];
}

function compile(v: IntentVocabulary): Compiled {
  return {
    commands: new Set(keys(v.commands)),
    phrases: keys(v.phrases),
    subjects: keys(v.subjects),
    events: keys(v.events),
    strongEvents: keys(v.strongEvents),
    // longest first, so ウイルス対策ソフト is removed before ウイルス対策
    masks: keys(v.masks).sort((a, b) => b.length - a.length),
    excludes: keys(v.excludes),
    followUps: keys(v.followUps),
  };
}

const COMPILED = Object.fromEntries(PROCEDURE_IDS.map((id) => [id, compile(INTENT_VOCABULARY[id])])) as Record<ProcedureId, Compiled>;
const THIRD_PARTY = keys(THIRD_PARTY_CUES);

/** The procedure a whole message names as a command (持ち出し申請, ICカード紛失, 感染の疑い), or null. */
export function startCommand(text: string): ProcedureId | null {
  const key = matchKey(text);
  for (const id of PROCEDURE_IDS) if (COMPILED[id].commands.has(key)) return id;
  return null;
}

function masked(key: string, masks: readonly string[]): string {
  let out = key;
  for (const m of masks) if (out.includes(m)) out = out.split(m).join('□');
  return out;
}

function scoreFor(id: ProcedureId, key: string): IntentMatch | null {
  const c = COMPILED[id];
  if (c.excludes.some((x) => key.includes(x))) return null;
  const k = masked(key, c.masks);
  const cues: string[] = [];
  let score = 0;
  const phrase = c.phrases.find((p) => k.includes(p));
  if (phrase) {
    cues.push(phrase);
    score = 1;
  }
  const subject = c.subjects.find((s) => k.includes(s));
  const event = c.events.find((e) => k.includes(e));
  const strong = c.strongEvents.find((e) => k.includes(e));
  if (subject && event) {
    cues.push(subject, event);
    score = Math.max(score, 1);
  } else if (strong) {
    cues.push(strong);
    score = Math.max(score, 0.8);
  } else if (event) {
    cues.push(event);
    score = Math.max(score, 0.3);
  }
  if (score === 0) return null;
  if (THIRD_PARTY.some((t) => k.includes(t))) score *= 0.3;
  return { procedure: id, score, cues: [...new Set(cues)] };
}

/**
 * The procedure the text most likely asks for, or null when none fits well enough. Remembered for the last few
 * texts (the bot asks several times per message), so the result is frozen: copy it to change it.
 */
export const recognize: (text: string) => Readonly<IntentMatch> | null = memoLast((text) => {
  const found = recognizeOnce(text);
  if (found) Object.freeze(found.cues);
  return found ? Object.freeze(found) : null;
});

function recognizeOnce(text: string): IntentMatch | null {
  const key = matchKey(text);
  if (key === '') return null;
  const command = startCommand(text);
  if (command) return { procedure: command, score: 1, cues: [key] };
  let best: IntentMatch | null = null;
  for (const id of URGENCY_ORDER) {
    const m = scoreFor(id, key);
    if (m && m.score >= INTENT_THRESHOLD && (best === null || m.score > best.score)) best = m;
  }
  return best;
}

/** The procedure whose follow-up report the text announces (持ち込み報告, カードが見つかった), or null. */
export function followUpOf(text: string): ProcedureId | null {
  const key = matchKey(text);
  if (key === '') return null;
  for (const id of PROCEDURE_IDS) {
    if (COMPILED[id].followUps.some((f) => key.includes(f))) return id;
  }
  return null;
}
