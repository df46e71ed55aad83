// The short Japanese reply: the verdict first, who to ask or tell, then the clause quoted with its label.
import type { Answer, Citation, ProcedureId, Role, Verdict } from '../types';

export const VERDICT_LABEL: Record<Verdict, string> = {
  prohibited: '禁止',
  needs_permission: '許可が必要',
  must_report: '報告が必要',
  required: '義務',
  allowed: '可',
  not_covered: '規定なし',
};

export const PROCEDURE_NAME: Record<ProcedureId, string> = {
  'carry-out': '持ち出し申請',
  'lost-card': 'ICカード紛失',
  infection: '感染の疑い',
};

/** 「AとB」「A、B、C」 */
export function joinRoles(roles: Role[]): string {
  if (roles.length <= 2) return roles.join('と');
  return roles.join('、');
}

const MAX_QUOTE_SHOWN = 140;

function shownQuote(c: Citation): string {
  const q = c.quote.replace(/\n/g, ' ');
  return q.length > MAX_QUOTE_SHOWN ? `${q.slice(0, MAX_QUOTE_SHOWN)}…` : q;
}

function headline(verdict: Verdict, roles: Role[]): string {
  const who = joinRoles(roles);
  switch (verdict) {
    case 'prohibited':
      return 'ポリシーで禁止されています。';
    case 'needs_permission':
      return who ? `${who}の許可が必要です。事前に許可を得てください。` : '事前に許可が必要です。';
    case 'must_report':
      return who ? `速やかに${who}に報告してください。` : '速やかに報告が必要です。';
    case 'required':
      return 'ポリシーで次のことが義務づけられています。';
    case 'allowed':
      return 'ポリシー上、禁止されていません。関係する定めは次のとおりです。';
    case 'not_covered':
      return '情報セキュリティポリシーには、このご質問に当たる定めが見当たりません。';
  }
}

const NOTICE: Record<NonNullable<Answer['inputNotice']>, string> = {
  empty: 'ご質問が空のようです。たとえば「USBメモリを家に持ち帰ってもいいですか」のように入力してください。',
  no_text: '文字が読み取れませんでした。ご質問を文章で入力してください。',
  truncated: '（ご質問が長いため、先頭の部分で判断しました）',
};

export interface ReplyInput {
  verdict: Verdict;
  roles: Role[];
  citations: Citation[];
  procedure: ProcedureId | null;
  inputNotice: Answer['inputNotice'];
  /** For not_covered: whom the policy says to consult, and the clause that says so. */
  consult?: { roles: Role[]; citation: Citation };
}

export function composeReply(a: ReplyInput): string {
  if (a.inputNotice === 'empty' || a.inputNotice === 'no_text') return NOTICE[a.inputNotice];
  const lines: string[] = [];
  if (a.inputNotice === 'truncated') lines.push(NOTICE.truncated);
  lines.push(`【${VERDICT_LABEL[a.verdict]}】${headline(a.verdict, a.roles)}`);
  if (a.verdict === 'not_covered') {
    if (a.consult) {
      lines.push(`ご不明な点は${joinRoles(a.consult.roles)}にご相談ください（${a.consult.citation.label}）。`);
      lines.push(`「${shownQuote(a.consult.citation)}」`);
    }
    return lines.join('\n');
  }
  const [first, second] = a.citations;
  if (first) lines.push(`根拠：${first.label}「${shownQuote(first)}」`);
  // A second clause when it is where the approvers or recipients come from.
  if (second && a.roles.some((r) => second.quote.includes(r) && !first?.quote.includes(r))) {
    lines.push(`根拠：${second.label}「${shownQuote(second)}」`);
  }
  if (a.procedure) lines.push(`「${PROCEDURE_NAME[a.procedure]}」の手続きをこのチャットでご案内できます。`);
  return lines.join('\n');
}
