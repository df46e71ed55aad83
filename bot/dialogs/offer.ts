// An answer to a question that names a procedure offers it: when the engine did not suggest one itself, the
// procedure recognised in the question (「USBメモリを家に持ち帰ってもいいですか」 → 持ち出し申請) gets the button.

import { recognize } from '../../dialogs';
import type { Answer } from '../../knowledge/types';

export function withProcedureOffer(answer: Answer, question: string): Answer {
  if (answer.procedure || answer.verdict === 'prohibited' || answer.verdict === 'not_covered') return answer;
  const intent = recognize(question);
  return intent ? { ...answer, procedure: intent.procedure } : answer;
}
