// The final reply of an LLM answer, built from verified parts in the offline engine's style:
// 【verdict】 then the model's checked text, the verified roles when the text leaves one out,
// the verified quotes with their labels, and the guided procedure the offline engine found.
import { joinRoles, PROCEDURE_NAME, VERDICT_LABEL } from '../answer/reply';
import type { Citation, ProcedureId, Role, Verdict } from '../types';
import { compactText } from './roles';

const MAX_QUOTE_SHOWN = 140;
const MAX_CITATIONS_SHOWN = 3;

function shown(quote: string): string {
  const q = quote.replace(/\n/g, ' ');
  return q.length > MAX_QUOTE_SHOWN ? `${q.slice(0, MAX_QUOTE_SHOWN)}…` : q;
}

export interface VerifiedParts {
  verdict: Verdict;
  roles: Role[];
  citations: Citation[];
  procedure: ProcedureId | null;
}

export function composeReply(modelReply: string, a: VerifiedParts): string {
  const text = modelReply.trim();
  const lines = [`【${VERDICT_LABEL[a.verdict]}】${text}`];
  const said = compactText(text);
  if (a.roles.some((r) => !said.includes(compactText(r)))) {
    lines.push(a.verdict === 'needs_permission' ? `許可・承認：${joinRoles(a.roles)}` : `報告先：${joinRoles(a.roles)}`);
  }
  for (const c of a.citations.slice(0, MAX_CITATIONS_SHOWN)) lines.push(`根拠：${c.label}「${shown(c.quote)}」`);
  if (a.procedure) lines.push(`「${PROCEDURE_NAME[a.procedure]}」の手続きをこのチャットでご案内できます。`);
  return lines.join('\n');
}
