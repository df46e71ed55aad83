import { devSet, policyText, treeOf } from './helpers';

const tree = treeOf(policyText());

describe('clause tree of the shipped policy', () => {
  test('reads the front matter', () => {
    expect(tree.front.title).toContain('情報セキュリティポリシー');
    expect(tree.front.revision).toBe('令和8年4月1日改定');
  });

  test('every label in the dev set resolves to a clause', () => {
    const labels = new Set(devSet().flatMap((q) => q.clauses));
    const missing = [...labels].filter((l) => !tree.get(l));
    expect(missing).toEqual([]);
    expect(labels.size).toBeGreaterThan(50);
  });

  test('labels are unique and every parent exists and lists its child', () => {
    const labels = tree.clauses.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const c of tree.clauses) {
      if (c.parent === null) {
        expect(c.kind).toBe('chapter');
        continue;
      }
      const parent = tree.get(c.parent);
      expect(parent).toBeDefined();
      expect(parent!.children).toContain(c.label);
      expect(c.label.startsWith(parent!.label === `第${c.chapter}章` ? `第${c.chapter}章 ` : parent!.label)).toBe(true);
    }
  });

  test('has the three chapters, every section and the levels the policy skips', () => {
    expect(tree.clauses.filter((c) => c.kind === 'chapter').map((c) => c.label)).toEqual(['第1章', '第2章', '第3章']);
    expect(tree.get('第3章 11')?.title).toBe('評価・見直し');
    expect(tree.get('第3章 9(1)(ア)')?.kind).toBe('subitem');
    expect(tree.get('第3章 10(2)(イ)')?.text).toBe('機密性2以上の情報はソーシャルメディアサービスで発信してはならない。');
    expect(tree.get('第3章 5(1)②(イ)')?.title).toBe('情報の持ち出し不可設定');
    expect(tree.get('第2章 6(3)①')?.kind).toBe('item');
    expect(tree.get('第3章 7(2)イ②')?.kind).toBe('subitem');
  });

  test('repairs the extraction slips', () => {
    // "4)" for "(4)" in 第3章 6, "(1 2)" for "(12)" in 第2章 2, spaced letters.
    expect(tree.get('第3章 6(4)')?.title).toBe('職員等の端末や電磁的記録媒体等の管理');
    expect(tree.get('第2章 2(12)')?.title).toBe('無害化通信');
    expect(tree.get('第3章 7(4)')?.title).toBe('ID及びパスワード等の管理');
    expect(tree.get('第3章 7(4)ア(ア)c')?.text).toBe(
      'ICカード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し、指示に従わなければならない。',
    );
    expect(tree.get('第3章 7(3)ウ(イ)')?.text).toContain('CSIRTは、情報セキュリティインシデントであると評価した場合、CISOに速やかに報告');
    // A sentence broken across pages, with the characters the break printed twice kept once.
    expect(tree.get('第3章 7(1)ア(エ)a')?.text).toContain('統括情報セキュリティ責任者の定める実施手順に従い');
    expect(tree.get('第3章 4(2)オ(イ)')?.text).toBe('情報資産を利用する者は、情報資産の分類に応じ、適切な取扱いをしなければならない。');
    expect(tree.get('第2章 6(9)')?.text).toContain('必要に応じて情報セキュリティ監査');
    // Page-break debris ("い。") dropped.
    expect(tree.get('第3章 9(3)ア')?.text.endsWith('適切に対処しなければならない。')).toBe(true);
    // A heading is not glued to the body that follows it.
    expect(tree.get('第3章 7(1)ア(カ)')?.title).toBe('パソコンやモバイル端末におけるセキュリティ設定変更の禁止');
    expect(tree.get('第3章 7(1)ア(カ)')?.text.startsWith('職員等は、')).toBe(true);
    for (const c of tree.clauses) {
      expect(c.text).not.toMatch(/[A-Z] [A-Z] /);
      expect(c.text).not.toMatch(/<[a-z]+/);
    }
  });

  test('gives each clause its heading chain', () => {
    expect(tree.get('第3章 7(4)ア(ア)c')?.headings).toEqual([
      '情報セキュリティ対策基準', '人的セキュリティ', 'ID及びパスワード等の管理', 'ICカード等の取扱い',
    ]);
  });

  test('flattens the classification tables of 第3章 4(1) into readable rows', () => {
    const text = tree.get('第3章 4(1)')!.text;
    expect(text).toContain('機密性3：広域連合の業務で取り扱う情報資産のうち、秘密文書に相当する機密性を要する情報資産');
    expect(text).toContain('可用性2：広域連合の業務で取り扱う情報資産のうち、滅失');
    expect(text).toContain('指定する時間以内の復旧');
    expect(text).toContain('情報資産の運搬・提供時における暗号化・パスワード設定');
  });

  test('stops before the bibliography', () => {
    expect(tree.clauses.some((c) => c.text.includes('総務省策定'))).toBe(false);
  });
});

describe('facts derived from the wording', () => {
  test('permission with its grantors', () => {
    const f = tree.get('第3章 8(1)チ(イ)')!.facts;
    expect(f.modalities).toContain('permission');
    expect(f.grantors).toEqual(['統括情報セキュリティ責任者', 'データ取扱責任者']);
    expect(f.actor).toBe('職員等');
  });

  test('report with every recipient of a list', () => {
    expect(tree.get('第3章 7(4)ア(ア)c')!.facts.reportTo).toEqual(['統括情報セキュリティ責任者', '端末装置管理責任者']);
    expect(tree.get('第3章 7(3)ア(ア)')!.facts.reportTo).toEqual(['データ取扱責任者', '統一的な窓口']);
    // The one who received the report is the actor, not a recipient.
    expect(tree.get('第3章 7(3)ア(イ)')!.facts.reportTo).toEqual(['統括情報セキュリティ責任者', '情報システム管理者']);
    expect(tree.get('第3章 7(3)ア(イ)')!.facts.actor).toBe('データ取扱責任者');
  });

  test('a report verb that is a noun in a list (監視、通知、外部連絡窓口…) reports to no one', () => {
    const f = tree.get('第3章 8(5)ア(オ)')!.facts;
    expect(f.reportTo).toEqual([]);
    expect(f.modalities).toEqual(['obligation']);
  });

  test('a recipient told only by importance, and both roles of 「…が指名し、…が認めた者」', () => {
    const clause = tree.get('第3章 10(1)ウ')!;
    expect(clause.facts.reportTo).toEqual(['統括情報セキュリティ責任者']);
    const report = tree.sentences(clause).find((s) => s.facts.reportTo.length)!;
    expect(report.facts.reportToWhenSerious).toEqual(['最高データ取扱責任者']);
    expect(tree.get('第3章 8(2)ア(ウ)b')!.facts.grantors).toEqual(['統括情報セキュリティ責任者', '最高データ取扱責任者']);
  });

  test('a role only consulted (相談し、指示を仰ぐ) is a recipient of nothing reported', () => {
    const consult = tree.sentences(tree.get('第3章 7(1)ア(ア)')!).find((s) => s.facts.reportTo.length)!;
    expect(consult.facts.reportTo).toEqual(['データ取扱責任者']);
    expect(consult.facts.consultOnly).toBe(true);
    const report = tree.sentences(tree.get('第3章 7(3)ア(ア)')!).find((s) => s.facts.reportTo.length)!;
    expect(report.facts.consultOnly).toBe(false);
  });

  test('prohibition, exception and conditions', () => {
    const d = tree.get('第3章 7(1)ア(ウ)d')!.facts;
    expect(d.modalities).toEqual(expect.arrayContaining(['permission', 'prohibition']));
    expect(d.conditions).toEqual(expect.arrayContaining(['私物パソコン', '機密性3']));
    expect(tree.get('第3章 8(1)ソ(ア)')!.facts.modalities).toEqual(['prohibition']);
    expect(tree.get('第3章 7(1)ア(エ)a')!.facts.modalities).toEqual(expect.arrayContaining(['prohibition', 'exception', 'permission']));
    expect(tree.get('第3章 4(2)ク(イ)')!.facts.conditions).toContain('機密性2以上');
  });

  test('a duty guarding an act grants it: 「…の許可なく…ことがないように」 and 「…を許可された者のみに制限し」', () => {
    const [lock] = tree.sentences(tree.get('第3章 7(1)ア(キ)')!);
    expect(lock!.facts.guardedBy).toEqual(['データ取扱責任者']);
    expect(lock!.text.slice(lock!.facts.guardEnd)).toMatch(/^ことがないように/);
    const [entry] = tree.sentences(tree.get('第3章 6(2)イ(ア)')!);
    expect(entry!.facts.guardedBy).toEqual(['端末装置管理責任者']);
    // The act is entering; what follows (ICカード、入退室管理簿…) are the measures.
    expect(entry!.text.slice(0, entry!.facts.guardEnd)).toMatch(/入退室を許可された者のみに制限$/);
    expect(tree.sentences(tree.get('第3章 8(1)チ(ア)')!)[0]!.facts.guardEnd).toBe(-1);
  });

  test('a subject defined in a parenthesis (「職員、非常勤職員及び臨時職員（以下「職員等」という。）は」) is that term', () => {
    expect(tree.get('第2章 5')!.facts.actor).toBe('職員等');
  });

  test('an unnamed actor is inherited from the parent', () => {
    expect(tree.get('第3章 7(4)ア(ア)a')!.facts.actor).toBe('職員等');
    expect(tree.get('第3章 8(4)ア(ア)')!.facts.actor).toBe('統括情報セキュリティ責任者');
  });

  test('roles named together as the subject (A及びBは) are all bound by the clause', () => {
    expect(tree.get('第3章 8(2)ア(ウ)d')!.facts.actors).toEqual(expect.arrayContaining(['統括情報セキュリティ責任者', '情報システム管理者']));
    expect(tree.get('第3章 8(2)ア(ウ)b')!.facts.actors).not.toContain('統括情報セキュリティ責任者');
    expect(tree.get('第3章 7(4)ア(ア)a')!.facts.actors).toEqual(['職員等']);
  });

  test('knows the roles the policy names, including undefined ones', () => {
    for (const r of ['CISO', '副CISO', '統括情報セキュリティ責任者', 'データ取扱責任者', '端末装置管理責任者', 'CSIRT', '統一的な窓口', '情報セキュリティ管理者', '情報システム管理者', 'データ保護管理者']) {
      expect(tree.roles).toContain(r);
    }
    expect(tree.roles).not.toContain('責任者');
    expect(tree.roles).not.toContain('監督責任者');
  });
});

describe('citations', () => {
  test('quote verbatim slices of the clause text', () => {
    const c = tree.cite('第3章 8(1)ソ(ア)', { start: 0, end: 4 });
    expect(c.quote).toBe('職員等は');
    expect(tree.verifies(c)).toBe(true);
    expect(tree.verifies({ label: '第3章 8(1)ソ(ア)', quote: '転送してもよい', headings: [] })).toBe(false);
    expect(tree.verifies({ label: '第9章 1', quote: '職員等は', headings: [] })).toBe(false);
    expect(() => tree.cite('第9章 1')).toThrow();
  });

  test('accept labels written with full-width characters', () => {
    expect(tree.get('第３章　７（４）ア（ア）ｃ')?.label).toBe('第3章 7(4)ア(ア)c');
  });
});
