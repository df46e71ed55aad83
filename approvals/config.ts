// Settings of the approvals workflow (the bot's config module passes them in; every field has a default).
import { z } from 'zod';
import { DEFAULT_ESCALATION_CHAIN } from './policy-roles';

const duration = z.number().int().positive();

export const workflowConfigSchema = z.strictObject({
  /** Roles to go up to when the requester is the only holder of a role, or nobody holds it (第3章 3(7)ア). */
  escalationChain: z.array(z.string().trim().min(1)).min(1).default([...DEFAULT_ESCALATION_CHAIN]),
  /** First reminder to pending approvers / recipients after this long (ms); 0 disables reminders. */
  remindAfterMs: z.number().int().min(0).default(24 * 3600_000),
  /** Further reminders at this interval (ms), up to maxReminders in all. */
  remindEveryMs: duration.default(24 * 3600_000),
  maxReminders: z.number().int().min(0).max(100).default(3),
  /** Urgent reports not acknowledged within this long (ms) go one role up the chain, repeatedly. */
  escalateAfterMs: duration.default(30 * 60_000),
  /** Approval requests still pending this long after submission expire (ms); the period's end also expires them. */
  expireAfterMs: duration.default(30 * 24 * 3600_000),
  /** Whether urgent reports are also posted to a Teams channel (the bot knows which one). */
  urgentChannel: z.boolean().default(false),
  /** Whether lost-card reports also call the stop-access webhook (the bot knows its URL). */
  stopAccessWebhook: z.boolean().default(false),
  /** Roles that stop access for a lost card (第3章 7(4)ア(イ) names both). */
  stopAccessRoles: z.array(z.string().trim().min(1)).min(1).default(['統括情報セキュリティ責任者', 'データ取扱責任者']),
  /** Roles that evaluate an infection report (第3章 7(3)ウ(ア)). */
  evaluateRoles: z.array(z.string().trim().min(1)).min(1).default(['CSIRT']),
});

export type WorkflowConfig = z.infer<typeof workflowConfigSchema>;
export type WorkflowConfigInput = z.input<typeof workflowConfigSchema>;

export function workflowConfig(input: WorkflowConfigInput = {}): WorkflowConfig {
  return workflowConfigSchema.parse(input);
}
