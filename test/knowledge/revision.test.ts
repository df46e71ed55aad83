// The parser follows a revised text without code changes, and policy:diff reports only real changes.
import { diffPolicies } from '../../knowledge/diff';
import { policyText, treeOf } from './helpers';

const original = policyText();

/** A revision: a new sub-item inserted in 第3章 7(4)ウ (the later ones renumbered), one clause reworded. */
function revise(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes('パスワードが流出したおそれがある場合には'));
  const end = lines.findIndex((l, i) => i > start && l.includes('8 技術的セキュリティ'));
  const letters = 'アイウエオカキクケコサ';
  for (let i = start + 1; i < end; i++) {
    lines[i] = lines[i]!.replace(/^(\s*-?\s*)\(([ア-ン])\)/, (_m, pre: string, k: string) => `${pre}(${letters[letters.indexOf(k) + 1]})`);
  }
  lines.splice(start + 1, 0, '- (オ) パスワードを記載したメモを、机上その他第三者の目に触れる場所に置いてはならない。');
  return lines
    .join('\n')
    .replace('職員等は、自動転送機能を用いて、電子メールを転送してはならない。', '職員等は、自動転送機能その他の方法により、電子メールを外部へ転送してはならない。');
}

describe('a revised policy text', () => {
  const revised = revise(original);
  const before = treeOf(original);
  const after = treeOf(revised);

  test('the tree follows the insertion and the renumbering', () => {
    expect(after.get('第3章 7(4)ウ(オ)')?.text).toBe('パスワードを記載したメモを、机上その他第三者の目に触れる場所に置いてはならない。');
    expect(after.get('第3章 7(4)ウ(カ)')?.text).toBe(before.get('第3章 7(4)ウ(オ)')?.text);
    expect(after.get('第3章 7(4)ウ(コ)')?.text).toBe(before.get('第3章 7(4)ウ(ケ)')?.text);
    expect(before.get('第3章 7(4)ウ(コ)')).toBeUndefined();
    expect(after.clauses.length).toBe(before.clauses.length + 1);
    expect(after.get('第3章 7(4)ウ(オ)')?.facts.modalities).toContain('prohibition');
    expect(after.get('第3章 8(1)ソ(ア)')?.text).toContain('外部へ転送');
  });

  test('policy:diff lists the added and the changed clause, not the renumbered ones', () => {
    const diff = diffPolicies(original, revised);
    expect(diff.changes.map((c) => [c.kind, c.label])).toEqual([
      ['added', '第3章 7(4)ウ(オ)'],
      ['changed', '第3章 8(1)ソ(ア)'],
    ]);
    expect(diff.renumbered).toContainEqual(['第3章 7(4)ウ(オ)', '第3章 7(4)ウ(カ)']);
    expect(diff.renumbered).toHaveLength(5);
  });

  test('a removed clause is reported under its old label', () => {
    const removed = original.replace(/^.*職員等間でパスワードを共有してはならない。.*$/m, '');
    const diff = diffPolicies(original, removed);
    expect(diff.changes).toEqual([{ kind: 'removed', label: '第3章 7(4)ウ(ケ)', oldText: '職員等間でパスワードを共有してはならない。' }]);
  });

  test('extraction noise alone is no change', () => {
    const noisy = original.replace(/CISO/g, 'C I S O').replace(/機密性2/g, '機密性 2');
    expect(diffPolicies(original, noisy).changes).toEqual([]);
  });
});
