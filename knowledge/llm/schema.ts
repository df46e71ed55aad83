// What the model must return, as a zod schema sent through zodResponseFormat (structured outputs).
// Every field is required: with openai's strict JSON schema, an optional field must be written
// `.nullable()`, never `.optional()`. Fields come in this order on purpose: verdict, roles and
// citations are complete before `reply` starts, so streaming can verify them before any text is shown.
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { Verdict } from '../types';
import { ROLE_NAMES } from './roles';

export const VERDICTS = ['prohibited', 'needs_permission', 'must_report', 'required', 'allowed', 'not_covered'] as const satisfies readonly Verdict[];

export const llmCitationSchema = z.object({
  /** A label exactly as given in <clause label="…">. */
  label: z.string(),
  /** Verbatim words from that clause's text. */
  quote: z.string(),
});

export const llmOutputSchema = z.object({
  verdict: z.enum(VERDICTS),
  roles: z.array(z.enum(ROLE_NAMES)),
  citations: z.array(llmCitationSchema),
  reply: z.string(),
});

export type LlmOutput = z.infer<typeof llmOutputSchema>;
export type LlmCitation = z.infer<typeof llmCitationSchema>;

export const RESPONSE_FORMAT_NAME = 'policy_answer';

export function llmResponseFormat() {
  return zodResponseFormat(llmOutputSchema, RESPONSE_FORMAT_NAME);
}
