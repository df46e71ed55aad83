// The final reply of an LLM answer, built from verified parts: the model's checked reply text,
// then a fixed summary of the verified verdict and roles, then the verified quotes and labels.
import type { Citation, Role, Verdict } from '../types';

function verdictLine(verdict: Verdict, roles: readonly Role[]): string {
  const who = roles.join('、');
  switch (verdict) {
    case 'prohibited': return '判定: 禁止されています';
    case 'needs_permission': return `判定: 許可が必要です（許可・承認: ${who}）`;
    case 'must_report': return `判定: 報告が必要です（報告先: ${who}）`;
    case 'required': return '判定: しなければならないことが定められています';
    case 'allowed': return '判定: 規程上、認められています';
    case 'not_covered': return '判定: 情報セキュリティポリシーには定めがありません';
  }
}

export function composeReply(modelReply: string, verdict: Verdict, roles: readonly Role[], citations: readonly Citation[]): string {
  const parts = [modelReply.trim(), '', verdictLine(verdict, roles)];
  if (citations.length > 0) {
    parts.push('根拠:');
    for (const c of citations) parts.push(`・${c.label}「${c.quote}」`);
  }
  return parts.join('\n');
}
