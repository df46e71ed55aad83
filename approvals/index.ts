// Public entry of the approvals workflow (no bot SDK here; the bot implements deliver()).
export type { RequestDraft, RequestKind, Requester, TaskRequest, FollowUpRequest } from './types';
export { startApprovals, type StartApprovalsOptions, type ApprovalsRuntime } from './runtime';
export {
  Approvals,
  type ActInput,
  type ActOutcome,
  type ActResult,
  type ActorInput,
  type ApprovalsOptions,
  type RequestSummary,
  type SubmitResult,
} from './service';
export type { CardState, StampView } from './card-state';
export { workflowConfig, workflowConfigSchema, type WorkflowConfig, type WorkflowConfigInput } from './config';
export { Directory, type DirectoryWarning, type PersonRef } from './directory';
export { loadDirectory, parseDirectory, DirectoryError, type DirectoryProblem } from './directory-load';
export { DraftError } from './draft';
export { NoRecipientError } from './routing';
export { POLICY_ROLE_NAMES, DEFAULT_ESCALATION_CHAIN, policyRoleNames } from './policy-roles';
export { Outbox, PermanentDeliveryError, type Deliver, type OutboxOptions, type DeliveryRun } from './outbox';
export type { Notification, NotificationType, Recipient } from './notification';
export { startWorker, type Worker } from './worker';
export { verifyAudit, type AuditVerification, type AuditProblem } from './audit';
export { loadRecords, recordTable, type RecordSet } from './records';
export { toCsv } from './csv';
export { postJson } from './webhook';
export { STATE_LABELS, KIND_LABELS, type RequestRecord, type RequestState } from './model';
export type { ActionType } from './transitions';
export { migrateApprovals } from './schema';
export type { ApprovalsLogger } from './log';
export { draftFromAnswer, requestOffer, answerRequestFormSchema, type AnswerRequestForm } from './from-answer';
