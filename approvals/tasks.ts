// Tasks on reports: the ones every report of a kind carries, and the ones procedures add later.
import type { Directory } from './directory';
import type { TaskRecord } from './model';
import { holdersOf, route, type RequesterInfo } from './routing';

export interface TaskSpec {
  id: string;
  label: string;
  doneLabel: string;
  clauses: string[];
  roles: string[];
  details?: Record<string, unknown>;
}

/** Task kinds of the guided procedures (dialogs' TaskDraft.kind) → task ids here. */
export const TASK_KIND_IDS: Record<string, string> = { 'stop-card-access': 'stop-access' };

/** The tasks a new report of this kind carries (roles configurable). */
export function defaultTasks(kind: string, roles: { stopAccess: string[]; evaluate: string[] }): TaskSpec[] {
  if (kind === 'lost-card')
    return [{ id: 'stop-access', label: '紛失した ICカード等によるアクセスの停止', doneLabel: '停止しました', clauses: ['第3章 7(4)ア(イ)'], roles: roles.stopAccess }];
  if (kind === 'infection')
    return [{ id: 'evaluate', label: '情報セキュリティインシデントかどうかの評価', doneLabel: '評価を記録する', clauses: ['第3章 7(3)ウ(ア)'], roles: roles.evaluate }];
  return [];
}

/** Routes a task's roles like a request's (separation of duties, escalation chain). */
export function buildTask(directory: Directory, requester: RequesterInfo, spec: TaskSpec, chain: readonly string[]): TaskRecord {
  const assignments = route(directory, requester, spec.roles, chain);
  const task: TaskRecord = {
    id: spec.id,
    label: spec.label,
    doneLabel: spec.doneLabel,
    clauses: spec.clauses,
    assignments,
    holders: holdersOf(assignments),
  };
  if (spec.details && Object.keys(spec.details).length > 0) task.details = spec.details;
  return task;
}
