// An answer to a question that names a procedure offers it: when the engine did not suggest one itself, the
// procedure recognised in the question (「USBメモリを家に持ち帰ってもいいですか」 → 持ち出し申請) gets the button.

import { recognize } from '../../dialogs';
import type { ProcedureId } from '../../dialogs/types';
import type { Answer } from '../../knowledge/types';

/** The answer with each procedure offered, made once per (shared, cached) answer so its reply parts are reused. */
const offering = new WeakMap<Answer, Partial<Record<ProcedureId, Answer>>>();

export function withProcedureOffer(answer: Answer, question: string): Answer {
  if (answer.procedure || answer.verdict === 'prohibited' || answer.verdict === 'not_covered') return answer;
  const intent = recognize(question);
  if (!intent) return answer;
  let variants = offering.get(answer);
  if (!variants) offering.set(answer, (variants = {}));
  return (variants[intent.procedure] ??= { ...answer, procedure: intent.procedure });
}
