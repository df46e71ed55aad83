// Where a question says a permission is already held (「許可はもらってます」), and what that permission is for.
import { normalizeQuery } from '../retrieve/tokenize';

/**
 * 「許可を取って」 not followed by a negation (「許可を取ってないみたい」「許可をもらっていません」) nor by what makes it
 * a supposition (「許可をもらったら」「許可を取った方がいい？」).
 */
const HELD_NEGATED = /^(?:い)?(?:ない|なかっ|ません|ず)|^せん|^ら|^(?:方|ほう)が/;

/** Where a permission-held phrase says the permission is held, or -1. */
export function heldAt(q: string, phrase: string): number {
  for (let at = q.indexOf(phrase); at >= 0; at = q.indexOf(phrase, at + 1)) {
    if (!HELD_NEGATED.test(q.slice(at + phrase.length))) return at;
  }
  return -1;
}

/**
 * 「許可はデータ取扱責任者からもらってます」「許可は課で取っています」 said the usual way round: 「データ取扱責任者の許可は
 * もらってます」.
 */
export function heldFromWhom(q: string): string {
  return q.replace(/(許可|承認|ok)は([^。、!?]{1,20}?)(?:から|で)(もらって|もらいま|もらった|得て|得ま|いただ|取って|取りま|取った)/g, '$2の$1は$3');
}

/**
 * 「…、許可は取って」: a held permission nothing qualifies (not 「在宅勤務の許可」「外で作業する許可」), or one
 * qualified only by the act the question is about (「メールで送ります（送る許可はもらってます）」).
 */
export function unqualifiedAt(q: string, phrase: string): boolean {
  const at = heldAt(q, phrase);
  if (at < 0) return false;
  if (at === 0 || /[、。,.!?！？\s(（「]/.test(q[at - 1]!)) return true;
  const act = /(?:^|[、。,.!?！？\s(（「])([\u4e00-\u9fff][ぁ-ん\u4e00-\u9fff]{0,3}[うくぐすつぬぶむる])(?:こと)?(?:自体)?(?:の)?$/.exec(q.slice(0, at));
  if (!act) return false;
  const stem = act[1]![0]!;
  return q.slice(0, at - act[0].length).includes(stem) || q.slice(at + phrase.length).includes(stem);
}

/** Whether what the person says they hold (QuestionCues.heldPermission) names this role's permission. */
export function holdsRole(heldPermission: string, role: string): boolean {
  return heldPermission.includes(normalizeQuery(role));
}
