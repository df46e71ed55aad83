import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRoles } from '../../knowledge/lexicon';
import { buildTreeData, ClauseTree } from '../../knowledge/tree';
import { DEFAULT_POLICY_PATH, projectRoot } from '../../knowledge/paths';

export const policyText = () => readFileSync(DEFAULT_POLICY_PATH(), 'utf8');

export function treeOf(source: string): ClauseTree {
  const roles = loadRoles();
  return new ClauseTree(buildTreeData(source, roles), roles);
}

export interface DevQuestion {
  id: string;
  q: string;
  verdict: string;
  approvers: string[];
  clauses: string[];
}

/** shared/eval/ sits beside the project (../shared) or beside its worktree folder (../../shared). */
export function sharedEvalPath(file: string): string {
  const root = projectRoot();
  const found = [join(root, '..', 'shared', 'eval', file), join(root, '..', '..', 'shared', 'eval', file)].find((p) => existsSync(p));
  if (!found) throw new Error(`shared/eval/${file} not found beside ${root}`);
  return found;
}

export function devSet(): DevQuestion[] {
  return readFileSync(sharedEvalPath('dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}
