// The vocabulary files under knowledge/data/, loaded and validated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgePath } from './paths';
import { parse } from 'yaml';
import { z } from 'zod';

export const DATA_DIR = knowledgePath('data');

const RolesFile = z.object({
  suffixes: z.array(z.string().min(1)).min(1),
  extra: z.array(z.string().min(1)),
  aliases: z.record(z.string(), z.string()),
  ignore: z.array(z.string()),
  staff: z.array(z.string().min(1)).min(1),
});
export type RolesLexicon = z.infer<typeof RolesFile>;

/** Reads and validates a YAML data file; the error names the file and the field at fault. */
export function readDataFile<T>(name: string, schema: z.ZodType<T>, dir: string = DATA_DIR): T {
  const path = join(dir, name);
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadRoles(dir?: string): RolesLexicon {
  return readDataFile('roles.yaml', RolesFile, dir);
}
