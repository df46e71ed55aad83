// Locates the project's files whether the code runs from source (jest) or from dist/ (compiled).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/** The project root: the nearest directory above this file that holds package.json. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('policy-bot: package.json not found above ' + __dirname);
    dir = up;
  }
  root = dir;
  return dir;
}

export const knowledgePath = (...parts: string[]) => join(projectRoot(), 'knowledge', ...parts);

/** The policy text shipped with the bot. */
export const DEFAULT_POLICY_PATH = () => knowledgePath('policy', 'oita-kouiki-security-policy.txt');
