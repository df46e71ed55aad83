import { DraftError } from '../../approvals/draft';
import { draftFromAnswer, requestOffer } from '../../approvals/from-answer';
import { loadKnowledgeEngine } from '../../knowledge/engine';
import { USERS } from './helpers';

const answer = (verdict: 'needs_permission' | 'must_report' | 'allowed', roles: string[]) => ({
  verdict,
  roles,
  citations: [{ label: '第3章 8(1)チ(イ)', quote: '…', headings: [] }],
});

describe('requests from an answer', () => {
  it('a needs_permission answer becomes a permission request to exactly the roles it named', () => {
    const d = draftFromAnswer(answer('needs_permission', ['統括情報セキュリティ責任者', 'データ取扱責任者']), 'ソフトを入れてもいいですか', USERS.alex, {
      what: '業務用PCに PDF 編集ソフトを導入',
      why: '申請書の作成のため',
      from: '2026-05-01',
      until: '2026-05-31',
    });
    expect(d).toMatchObject({
      kind: 'permission',
      roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'],
      clauses: ['第3章 8(1)チ(イ)'],
      title: '業務用PCに PDF 編集ソフトを導入',
      question: 'ソフトを入れてもいいですか',
      period: { from: '2026-05-01', until: '2026-05-31' },
      details: { why: '申請書の作成のため' },
    });
  });

  it('must_report offers 報告する; other verdicts offer nothing', () => {
    expect(requestOffer(answer('must_report', ['データ取扱責任者']))).toBe('report');
    expect(requestOffer(answer('allowed', ['データ取扱責任者']))).toBeNull();
    expect(requestOffer(answer('needs_permission', []))).toBeNull();
    expect(() => draftFromAnswer(answer('allowed', ['x']), 'q', USERS.alex, { what: 'x' })).toThrow(DraftError);
  });

  it('validates the form', () => {
    const a = answer('needs_permission', ['統括情報セキュリティ責任者']);
    for (const bad of [{}, { what: '' }, { what: 'x', from: '2026-05-01' }, { what: 'x', from: '2026-05-02', until: '2026-05-01' }, { what: 'x'.repeat(201) }, null, 'text']) {
      expect(() => draftFromAnswer(a, 'q', USERS.alex, bad)).toThrow(DraftError);
    }
  });

  it('works with real answers of the knowledge engine (software installation: 8(1)チ(イ); mis-sent mail: 8(1)ソ(エ))', () => {
    const engine = loadKnowledgeEngine();
    const install = engine.answer('業務でフリーソフトをパソコンにインストールしたい');
    const d = draftFromAnswer(install, 'フリーソフトをインストールしたい', USERS.alex, { what: 'フリーソフトの導入' });
    expect(d).toMatchObject({ kind: 'permission', roles: ['統括情報セキュリティ責任者', 'データ取扱責任者'] });
    expect(d.clauses).toContain('第3章 8(1)チ(イ)');
    const mail = engine.answer('重要なメールを誤送信しました');
    expect(draftFromAnswer(mail, '重要なメールを誤送信しました', USERS.alex, { what: '取引先へのメール誤送信' })).toMatchObject({ kind: 'report', roles: ['データ取扱責任者'] });
  });
});
