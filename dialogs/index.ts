// Guided procedures (持ち出し申請, ICカード紛失, 感染の疑い): the public API for the bot and the approvals workflow.

export { DialogRunner, dialogKey, DEFAULT_IDLE_TTL_MS, DEFAULT_CONFIRM_TTL_MS, DEFAULT_PARKED_TTL_MS } from './runner';
export type { DialogRunnerOptions, DialogWho, RunnerResult, DialogStatus } from './runner';
export { turn, currentPrompt } from './turn';
export type { TurnEnv, TurnResult } from './turn';
export { emptyState, readState, dialogStateSchema } from './state';
export type { DialogState } from './state';
export { recognize, startCommand, followUpOf, INTENT_THRESHOLD } from './intents';
export type { IntentMatch } from './intents';
export { INTENT_VOCABULARY } from './intent-vocabulary';
export { cardDataSchema, isDialogCardData } from './card-data';
export { draftFromForm, formFor, stepSpecs } from './forms';
export { PROCEDURES } from './procedures';
export { INFECTION_FIRST_WORDS } from './procedures/infection';
export * from './types';
export { dialogSettingsFromEnv } from './config';
export type { DialogSettings } from './config';
export { EffectRejected } from './types';
export type { DeliverFn } from './delivery';
