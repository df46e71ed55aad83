import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkVerdictAgreement, clauseSupports } from '../../knowledge/llm/agreement';
import { buildPrompt } from '../../knowledge/llm/prompt';
import { findRoleMentions, rolesWithCue } from '../../knowledge/llm/roles';
import type { LlmOutput } from '../../knowledge/llm/schema';
import { stripSpaces } from '../../knowledge/llm/text';
import { MAX_REPLY_CHARS, verifyReply, verifyStructure, type VerifiedStructure, type VerifyContext } from '../../knowledge/llm/verify';
import { clauseOf, createFakeEngine, FAKE_CLAUSES } from './support/fakeEngine';
import { GOOD, LUNCH_Q, MYNUMBER_Q, PASSWORD_Q, USB_Q, with_ } from './support/outputs';

const engine = createFakeEngine();

function context(question: string): VerifyContext {
  const retrieved = engine.retrieve(question, 8);
  const prompt = buildPrompt(question, retrieved, 'c4n4ry0000ab');
  return { retrieved, offline: engine.answer(question), canary: prompt.canary, rules: prompt.rules, clause: (l) => engine.clause(l) };
}

function structureOf(out: LlmOutput, question: string): VerifiedStructure {
  const r = verifyStructure(out, context(question));
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}`);
  return r.value;
}

const reasonOf = (out: LlmOutput, question: string) => {
  const r = verifyStructure(out, context(question));
  return r.ok ? 'ok' : r.reason;
};

describe('fixtures', () => {
  test('every fake clause is verbatim policy text', () => {
    const policy = stripSpaces(readFileSync(join(__dirname, '../../knowledge/policy/oita-kouiki-security-policy.txt'), 'utf8'));
    for (const c of FAKE_CLAUSES) expect(policy.includes(stripSpaces(c.text))).toBe(true);
  });
});

describe('citations', () => {
  test('a correct answer passes, with quotes as the clause’s own characters', () => {
    const s = structureOf(GOOD.card, 'ICカードをなくした');
    expect(s.verdict).toBe('must_report');
    expect(s.roles).toEqual(['統括情報セキュリティ責任者', '端末装置管理責任者']);
    // The model wrote "I C カード" with different spacing; the kept quote is the policy's text.
    expect(clauseOf('第3章 7(4)ア(ア)c').text.includes(s.citations[0]!.quote)).toBe(true);
  });

  test('quotes may differ from the clause in whitespace only', () => {
    const out = with_(GOOD.card, { citations: [{ label: '第3章 7(4)ア(ア)c', quote: 'ICカード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し' }] });
    expect(reasonOf(out, 'ICカードをなくした')).toBe('ok');
  });

  test('full-width and oddly spaced labels are read as the canonical label', () => {
    const out = with_(GOOD.usb, { citations: [{ label: '第３章　７（１）ア（ウ）b', quote: GOOD.usb.citations[0]!.quote }] });
    const s = structureOf(out, USB_Q);
    expect(s.citations[0]!.clause.label).toBe('第3章 7(1)ア(ウ)b');
  });

  test('a fabricated label fails', () => {
    const out = with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)z', quote: GOOD.usb.citations[0]!.quote }] });
    expect(reasonOf(out, USB_Q)).toBe('label_unknown');
    expect(reasonOf(with_(GOOD.usb, { citations: [{ label: '7(1)ア(ウ)b', quote: 'x'.repeat(10) }] }), USB_Q)).toBe('label_unknown');
  });

  test('a real clause that retrieval did not find fails', () => {
    const out = with_(GOOD.password, { citations: [{ label: '第3章 8(1)ト(ア)', quote: '業務以外の目的でウェブを閲覧してはならない' }] });
    const r = verifyStructure(out, context(PASSWORD_Q));
    expect(r).toEqual({ ok: false, reason: 'label_not_retrieved', detail: '第3章 8(1)ト(ア)' });
  });

  test('an altered quote fails', () => {
    const altered = with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '外部に持ち出す場合には、上司に口頭で伝えればよい' }] });
    expect(reasonOf(altered, USB_Q)).toBe('quote_not_verbatim');
    // One changed character is enough.
    const oneChar = with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '外部に持ち出す場合には、データ取扱責任者の許可を得なくてよい' }] });
    expect(reasonOf(oneChar, USB_Q)).toBe('quote_not_verbatim');
    // A true quote attributed to another retrieved clause.
    const wrongClause = with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)c', quote: '外部に持ち出す場合には、データ取扱責任者の許可を得なければならない' }] });
    expect(reasonOf(wrongClause, USB_Q)).toBe('quote_not_verbatim');
  });

  test('a quote too short to mean anything fails, unless it is the whole clause', () => {
    expect(reasonOf(with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '許可' }] }), USB_Q)).toBe('quote_too_short');
    expect(reasonOf(with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)b', quote: '' }] }), USB_Q)).toBe('quote_not_verbatim');
  });

  test('no citations or too many fail', () => {
    expect(reasonOf(with_(GOOD.usb, { citations: [] }), USB_Q)).toBe('no_citations');
    const six = Array.from({ length: 6 }, () => GOOD.usb.citations[0]!);
    expect(reasonOf(with_(GOOD.usb, { citations: six }), USB_Q)).toBe('too_many_citations');
  });

  test('the same label twice is kept once', () => {
    const out = with_(GOOD.usb, { citations: [GOOD.usb.citations[0]!, GOOD.usb.citations[0]!] });
    expect(structureOf(out, USB_Q).citations).toHaveLength(1);
  });
});

describe('roles', () => {
  test('a role no cited clause names fails', () => {
    expect(reasonOf(with_(GOOD.usb, { roles: ['情報セキュリティ委員会'] }), USB_Q)).toBe('role_not_in_clause');
  });

  test('a role named in a cited clause but not as the one who permits fails', () => {
    // 7(1)ア(ウ)a names CISO (who sets the measures); the permission is データ取扱責任者's.
    const out = with_(GOOD.usb, {
      roles: ['CISO'],
      citations: [GOOD.usb.citations[0]!, { label: '第3章 7(1)ア(ウ)a', quote: 'C I S Oは、機密性2以上、可用性2、完全性2の情報資産を外部で処理する場合' }],
    });
    expect(reasonOf(out, USB_Q)).toBe('role_not_grantor');
  });

  test('a report target must be one the cited clause reports to', () => {
    const wrong = with_(GOOD.card, { roles: ['CISO'] });
    expect(reasonOf(wrong, 'ICカードをなくした')).toBe('role_not_in_clause');
    // The person who reports (データ取扱責任者 receives from staff in 7(3)ア(ア)) vs. the targets of 7(3)ア(イ).
    const q = 'ウイルスに感染したと部下から報告を受けました';
    const good: LlmOutput = {
      verdict: 'must_report',
      roles: ['統括情報セキュリティ責任者', '情報システム管理者'],
      citations: [{ label: '第3章 7(3)ア(イ)', quote: '速やかに統括情報セキュリティ責任者及び情報システム管理者に報告しなければならない' }],
      reply: '統括情報セキュリティ責任者と情報システム管理者に速やかに報告してください。',
    };
    expect(reasonOf(good, q)).toBe('ok');
    expect(reasonOf(with_(good, { roles: ['データ取扱責任者'] }), q)).toBe('role_not_report_target');
  });

  test('needs_permission and must_report need roles; other verdicts drop them', () => {
    expect(reasonOf(with_(GOOD.usb, { roles: [] }), USB_Q)).toBe('roles_missing');
    expect(reasonOf(with_(GOOD.card, { roles: [] }), 'ICカードをなくした')).toBe('roles_missing');
    const prohibitedWithRole = with_(GOOD.usb, {
      verdict: 'prohibited',
      roles: ['統括情報セキュリティ責任者'],
      citations: [{ label: '第3章 7(1)ア(ウ)d', quote: '機密性3の情報資産については、私物パソコンによる情報処理を行ってはならない' }],
    });
    expect(structureOf(prohibitedWithRole, USB_Q).roles).toEqual([]);
  });

  test('grantors found in the text back up missing facts', () => {
    const bare = { ...clauseOf('第3章 7(1)ア(ウ)b'), facts: { ...clauseOf('第3章 7(1)ア(ウ)b').facts, grantors: [], roles: [] } };
    const ctx = context(USB_Q);
    const retrieved = ctx.retrieved.map((r) => (r.clause.label === bare.label ? { ...r, clause: bare } : r));
    const r = verifyStructure(with_(GOOD.usb, { citations: [GOOD.usb.citations[0]!] }), { ...ctx, retrieved });
    expect(r.ok).toBe(true);
  });

  test('role mentions: longest match, spaced letters, aliases', () => {
    const found = findRoleMentions('最高情報セキュリティ責任者と統括情報セキュリティ責任者、C I S O及び情報セキュリティ責任者').map((m) => m.role);
    expect(found).toEqual(['CISO', '統括情報セキュリティ責任者', 'CISO', '情報セキュリティ責任者']);
    expect(findRoleMentions('最高データ取扱責任者').map((m) => m.role)).toEqual(['最高データ取扱責任者']);
  });

  test('cue chains: roles joined by 及び share the cue', () => {
    expect([...rolesWithCue(clauseOf('第3章 7(4)ア(ア)c').text, 'report')].sort()).toEqual(['端末装置管理責任者', '統括情報セキュリティ責任者'].sort());
    expect([...rolesWithCue(clauseOf('第3章 7(3)ア(ア)').text, 'report')].sort()).toEqual(['データ取扱責任者', '統一的な窓口'].sort());
    expect([...rolesWithCue(clauseOf('第3章 7(3)ア(イ)').text, 'report')].sort()).toEqual(['情報システム管理者', '統括情報セキュリティ責任者'].sort());
    expect([...rolesWithCue(clauseOf('第3章 7(1)ア(カ)').text, 'permission')]).toEqual(['データ取扱責任者']);
    expect([...rolesWithCue(clauseOf('第3章 7(1)ア(ウ)a').text, 'permission')]).toEqual([]);
  });
});

describe('verdict agreement', () => {
  const b = clauseOf('第3章 7(1)ア(ウ)b');
  const d = clauseOf('第3章 7(1)ア(ウ)d');
  const pw = clauseOf('第3章 7(4)ウ(ケ)');
  const train = clauseOf('第3章 7(2)エ');
  const card = clauseOf('第3章 7(4)ア(ア)c');
  const mn = clauseOf('第3章 5(1)①');
  const setting = clauseOf('第3章 7(1)ア(カ)');
  const visitors = clauseOf('第3章 6(2)イ(ウ)');

  test.each([
    ['prohibited', pw, '職員等間でパスワードを共有してはならない', true],
    ['prohibited', b, 'データ取扱責任者の許可を得なければならない', false], // a permission clause is no prohibition
    ['prohibited', d, '私物パソコンによる情報処理を行ってはならない', true],
    ['prohibited', d, '統括情報セキュリティ責任者の許可を得た上で', false], // right clause, quote lacks the rule
    ['needs_permission', b, 'データ取扱責任者の許可を得なければならない', true],
    ['needs_permission', pw, '職員等間でパスワードを共有してはならない', false],
    ['needs_permission', b, '広域連合のモバイル端末、電磁的記録媒体', false],
    ['must_report', card, '統括情報セキュリティ責任者及び端末装置管理責任者に通報し', true],
    ['must_report', b, 'データ取扱責任者の許可を得なければならない', false],
    ['required', train, '定められた研修・訓練に参加しなければならない', true],
    ['required', pw, '職員等間でパスワードを共有してはならない', false],
    ['required', b, 'データ取扱責任者の許可を得なければならない', false], // an obligation to ask is needs_permission
    ['required', card, '端末装置管理責任者に通報し、指示に従わなければならない', false], // … to report is must_report
    ['required', visitors, '管理区域への入退室を許可された職員を立ち合わせなければならない', true], // 許可された: a mention, no duty
    ['prohibited', setting, 'データ取扱責任者の許可なく変更してはならない', false], // a permission route
    ['needs_permission', setting, 'データ取扱責任者の許可なく変更してはならない', true],
    ['allowed', mn, 'この限りではなく、セキュリティソフト付USBメモリ', true],
    ['allowed', pw, '職員等間でパスワードを共有してはならない', false],
    ['not_covered', train, '定められた研修・訓練に参加しなければならない', false],
  ] as const)('%s from %s: %s → %s', (verdict, clause, quote, expected) => {
    expect(clauseSupports(verdict, clause, quote)).toBe(expected);
  });

  test('any cited clause may carry the verdict; the model’s ranking is kept', () => {
    const out = with_(GOOD.usb, { citations: [{ label: '第3章 7(1)ア(ウ)a', quote: '安全管理措置を定めなければならない' }, GOOD.usb.citations[0]!] });
    expect(structureOf(out, USB_Q).citations.map((c) => c.clause.label)).toEqual(['第3章 7(1)ア(ウ)a', '第3章 7(1)ア(ウ)b']);
    const none = with_(GOOD.usb, { roles: ['CISO'], citations: [{ label: '第3章 7(1)ア(ウ)a', quote: '安全管理措置を定めなければならない' }] });
    expect(reasonOf(none, USB_Q)).toBe('verdict_unsupported');
  });

  test('approvers come from the clauses that carry the verdict', () => {
    // Two permission clauses, two approvers: both are grantors of a supporting clause.
    const both = with_(GOOD.usb, {
      roles: ['データ取扱責任者', '統括情報セキュリティ責任者'],
      citations: [GOOD.usb.citations[0]!, { label: '第3章 7(1)ア(ウ)d', quote: '私物パソコンを用いる場合には、統括情報セキュリティ責任者の許可を得た上で' }],
    });
    expect(structureOf(both, USB_Q).roles).toEqual(['データ取扱責任者', '統括情報セキュリティ責任者']);
    // Only the secondary clause's grantor: the clause the answer rests on names someone else.
    expect(reasonOf(with_(both, { roles: ['統括情報セキュリティ責任者'] }), USB_Q)).toBe('role_not_grantor');
    // A grantor of a cited clause whose quote does not carry the permission.
    const unquoted = with_(both, { citations: [GOOD.usb.citations[0]!, { label: '第3章 7(1)ア(ウ)d', quote: '機密性3の情報資産については、私物パソコンによる情報処理を行ってはならない' }] });
    expect(reasonOf(unquoted, USB_Q)).toBe('role_not_grantor');
  });

  test('a wrong verdict on the right clause fails', () => {
    expect(reasonOf(with_(GOOD.usb, { verdict: 'prohibited', roles: [] }), USB_Q)).toBe('verdict_unsupported');
    expect(reasonOf(with_(GOOD.password, { verdict: 'required' }), PASSWORD_Q)).toBe('more_permissive_than_offline');
    expect(reasonOf(with_(GOOD.card, { verdict: 'needs_permission' }), 'ICカードをなくした')).toBe('verdict_unsupported');
  });

  test('the model may not loosen the offline verdict, only keep or tighten it', () => {
    // 「許可不要」: allowed on a permission question that the offline engine answers needs_permission.
    expect(reasonOf(with_(GOOD.usb, { verdict: 'allowed', roles: [] }), USB_Q)).toBe('more_permissive_than_offline');
    // Even with a real exception clause that retrieval found for the question (5(1)① is about
    // マイナンバー系 transfers, not taking data home).
    const misapplied = with_(GOOD.mynumber, { reply: 'はい、問題ありません。' });
    expect(reasonOf(misapplied, USB_Q)).toBe('more_permissive_than_offline');
    // Tighter than offline is fine: 機密性3 data may not be processed on a private PC at all.
    const stricter = with_(GOOD.usb, {
      verdict: 'prohibited',
      roles: [],
      citations: [{ label: '第3章 7(1)ア(ウ)d', quote: '機密性3の情報資産については、私物パソコンによる情報処理を行ってはならない' }],
    });
    expect(reasonOf(stricter, USB_Q)).toBe('ok');
    const looser = (v: 'prohibited' | 'needs_permission' | 'must_report' | 'required' | 'allowed', offline: typeof v) => {
      const r = checkVerdictAgreement(v, [], { verdict: offline });
      return !r.ok && r.reason === 'more_permissive_than_offline';
    };
    expect(looser('needs_permission', 'prohibited')).toBe(true);
    expect(looser('required', 'needs_permission')).toBe(true);
    expect(looser('required', 'must_report')).toBe(true);
    expect(looser('allowed', 'required')).toBe(true);
    expect(looser('must_report', 'needs_permission')).toBe(false); // both: contact the named role
    expect(looser('needs_permission', 'must_report')).toBe(false);
    expect(looser('must_report', 'required')).toBe(false);
    expect(looser('prohibited', 'allowed')).toBe(false);
  });

  test('allowed: with the offline engine, or from an allowing clause when offline found nothing', () => {
    expect(reasonOf(GOOD.mynumber, MYNUMBER_Q)).toBe('ok'); // offline says allowed too
    const mn = clauseOf('第3章 5(1)①');
    const browse = clauseOf('第3章 8(1)ト(ア)');
    const exceptionQuote = GOOD.mynumber.citations[0]!.quote;
    expect(checkVerdictAgreement('allowed', [{ clause: mn, quote: exceptionQuote }], { verdict: 'not_covered' })).toEqual({ ok: true, supporting: 0 });
    // A prohibition with a condition (業務以外の目的で…) can mean allowed for the other case, but
    // only the question tells which: it needs the offline engine's agreement.
    const cond = [{ clause: browse, quote: '業務以外の目的でウェブを閲覧してはならない' }];
    expect(checkVerdictAgreement('allowed', cond, { verdict: 'not_covered' })).toEqual({ ok: false, reason: 'allowed_unconfirmed' });
    expect(checkVerdictAgreement('allowed', cond, { verdict: 'allowed' })).toEqual({ ok: true, supporting: -1 });
  });

  test('not_covered only when the offline engine also finds nothing', () => {
    const nc: LlmOutput = { verdict: 'not_covered', roles: [], citations: [], reply: '情報セキュリティポリシーには定めがありません。総務課にお尋ねください。' };
    expect(reasonOf(nc, LUNCH_Q)).toBe('ok');
    expect(reasonOf(nc, USB_Q)).toBe('not_covered_unconfirmed');
  });
});

describe('reply text', () => {
  const ctx = context(USB_Q);
  const s = structureOf(GOOD.usb, USB_Q);
  const reply = (text: string, partial = false) => {
    const r = verifyReply(text, s, ctx, { partial });
    return r.ok ? 'ok' : r.reason;
  };

  test('a plain reply passes', () => {
    expect(reply(GOOD.usb.reply)).toBe('ok');
    expect(reply('第3章 7(1)ア(ウ)bにより、データ取扱責任者の許可が必要です。')).toBe('ok');
    expect(reply('第3章 7(1)ア(ウ)の定めにより許可が必要です。')).toBe('ok'); // the parent of a cited clause
  });

  test('labels in the reply must be verified citations', () => {
    expect(reply('第3章 7(1)ア(ウ)dにより許可が必要です。')).toBe('reply_label'); // retrieved, not cited
    expect(reply('第3章 9(4)イにより許可が必要です。')).toBe('reply_label');
    expect(reply('第 3 章 ７（１）ア（ウ）ｂ により許可が必要です。')).toBe('ok');
    expect(reply('7(1)ア(ウ)zの定めで許可が必要です。')).toBe('reply_label'); // bare clause path
    expect(reply('10(2)(イ)の定めで許可が必要です。')).toBe('reply_label');
  });

  test('roles in the reply must be the verified roles or named in a cited clause', () => {
    expect(reply('CISOの許可が必要です。')).toBe('reply_role');
    expect(reply('情報セキュリティ委員会の承認を得てください。')).toBe('reply_role');
  });

  test('a reply that waves the restriction away fails', () => {
    expect(reply('許可不要です。')).toBe('reply_contradicts');
    expect(reply('家での作業は問題ありません。')).toBe('reply_contradicts');
    expect(reply('規程に定めはありませんので自由にどうぞ。')).toBe('reply_contradicts');
  });

  test('an allowed verdict may reassure', () => {
    const allowed = structureOf(GOOD.mynumber, MYNUMBER_Q);
    expect(verifyReply('はい、問題ありません。', allowed, context(MYNUMBER_Q)).ok).toBe(true);
  });

  test('echoing the instructions or the canary fails', () => {
    expect(reply(`内部識別子は ${ctx.canary} です。`)).toBe('leak');
    const rulesLine = ctx.rules.split('\n')[2]!; // rule 2, about the question being data
    expect(reply(`私の指示: ${rulesLine}`)).toBe('leak');
  });

  test('links, addresses and markup fail: the policy has none', () => {
    for (const text of [
      '詳しくは https://example.com/form をご覧ください。',
      '申請はｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍから行ってください。',
      '申請は www.example.jp から行ってください。',
      '申請は example.co.jp から行ってください。',
      'データ取扱責任者の許可が必要です。security@example.jp に連絡してください。',
      '[申請フォーム](http://x) から許可を得てください。',
      '[申請フォーム](x) から許可を得てください。',
      '許可が必要です。![画像](x)',
      '許可が必要です。<a href="x">申請</a>',
      'データ取扱責任者の<b>許可</b>が必要です。',
      'javascript://許可が必要です。',
    ]) expect([text, reply(text)]).toEqual([text, 'reply_link']);
    // Ordinary text with dots, brackets and the policy's own words passes.
    expect(reply('データ取扱責任者の許可が必要です（第3章 7(1)ア(ウ)b）。I C カードは別です。')).toBe('ok');
    expect(reply('許可が必要です。例：USBメモリ、SDカード等。')).toBe('ok');
    expect(reply('許可が必要です。Ver.2の端末も同じです。')).toBe('ok');
  });

  test('a reply that is not Japanese fails', () => {
    expect(reply('You need permission from your data manager.')).toBe('reply_not_japanese');
    expect(reply('OK.', true)).toBe('reply_not_japanese');
  });

  test('empty and over-long replies fail; a partial (streaming) prefix may be empty', () => {
    expect(reply('   ')).toBe('reply_empty');
    expect(reply('', true)).toBe('ok');
    expect(reply('許可が必要です。'.repeat(Math.ceil(MAX_REPLY_CHARS / 8) + 1))).toBe('reply_too_long');
  });
});
