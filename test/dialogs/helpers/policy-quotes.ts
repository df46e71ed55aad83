// Verbatim clause text for tests, taken from the policy file itself (never typed here): each label maps to a
// phrase that occurs in the clause, and the quote is the whole line of the policy that contains it.
import { readFileSync } from 'node:fs';
import type { Quote } from '../../../dialogs/types';

export const POLICY_TEXT = readFileSync('knowledge/policy/oita-kouiki-security-policy.txt', 'utf8');

/** A phrase from each clause the procedures cite. */
export const CLAUSE_PHRASES: Record<string, string> = {
  '第3章 4(1)': '秘密文書に相当する機密性を要する情報資産',
  '第3章 4(2)イ': 'ラベル、文書の隅等に、情報資産の分類を表示し',
  '第3章 4(2)エ(ウ)': '入手した情報資産の分類が不明な場合、データ取扱責任者に判断を仰がなければならない',
  '第3章 4(2)ク': 'ク 情報資産の運搬',
  '第3章 4(2)ク(ア)': '車両等により機密性2以上の情報資産を運搬する者は',
  '第3章 4(2)ク(イ)': '機密性2以上の情報資産を運搬する者は、データ取扱責任者に許可を得なければならない',
  '第3章 5(1)②(イ)': 'USBメモリ等の電磁的記録媒体による端末からの情報持ち出しができないように設定しなければならない',
  '第3章 7(1)ア(イ)': '業務以外の目的で情報資産の外部への持ち出し',
  '第3章 7(1)ア(ウ)b': 'ソフトウェアを外部に持ち出す場合には、データ取扱責任者の許可を得なければならない',
  '第3章 7(1)ア(ウ)c': '外部で情報処理業務を行う場合には、データ取扱責任者の許可を得なければならない',
  '第3章 7(1)ア(ウ)d': '私物パソコンを用いる場合には、統括情報セキュリティ責任者の許可を得た上で',
  '第3章 7(1)ア(エ)': '(エ) 支給以外のパソコン、モバイル端末及び電磁的記録媒体等の業務利用',
  '第3章 7(1)ア(エ)a': '支給以外のパソコン、モバイル端末及び電磁的記録媒体等を原則業務に利用してはならない',
  '第3章 7(1)ア(エ)b': '支給以外のパソコン、モバイル端末及び電磁的記録媒体等を用いる場合には、データ取扱責任者の許可を得た上で',
  '第3章 7(1)ア(オ)': '端末等の持ち出し及び持ち込みについて、記録を作成し、保管しなければならない',
  '第3章 7(3)ア(ア)': '情報セキュリティインシデントを認知した場合、速やかにデータ取扱責任者及び情報セキュリティに関する統一的な窓口で報告しなければならない',
  '第3章 7(3)ウ': '情報セキュリティインシデント原因の究明・記録、再発防止等',
  '第3章 7(3)ウ(ア)': '報告された情報セキュリティインシデントの可能性について状況を確認し',
  '第3章 7(4)ア(ア)c': 'カード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し',
  '第3章 7(4)ア(イ)': 'カード等の紛失等の通報があり次第',
  '第3章 7(4)ア(ウ)': '切替え前のカードを回収し、破砕するなど復元不可能な処理を行った上で廃棄しなければならない',
  '第3章 8(4)ウ(キ)': 'コンピュータウイルス等の不正プログラムに感染した場合又は感染が疑われる場合は',
  '第3章 8(4)ウ(キ)a': 'LANケーブルの即時取り外しを行わなければならない',
  '第3章 8(4)ウ(キ)b': '直ちに利用を中止し、通信を行わない設定への変更を行わなければならない',
};

const LINES = POLICY_TEXT.split('\n');

/** The quote function the runner receives, backed by the real policy text. */
export function quote(label: string): Quote | undefined {
  const phrase = CLAUSE_PHRASES[label];
  if (!phrase) return undefined;
  const line = LINES.find((l) => l.includes(phrase));
  if (!line) return undefined;
  return { label, text: line.replace(/^\s*-\s*/, '').trim() };
}
