// The vocabulary files under knowledge/data/, loaded and validated.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgePath, projectRoot } from './paths';
import { parse } from 'yaml';
import { z } from 'zod';

export const DATA_DIR = knowledgePath('data');

/**
 * The shipped vocabulary files already parsed, written by the build (dist/knowledge/data/<file>.json) with the SHA-256
 * of the YAML they came from: parsing the YAML takes about half a second at start-up, reading its JSON a few
 * milliseconds. A parsed file is used only while its YAML is unchanged, so an edited vocabulary needs no rebuild.
 */
export const PARSED_DATA_DIR = () => join(projectRoot(), 'dist', 'knowledge', 'data');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The YAML's content, from its parsed copy in parsedDir when that copy is of this very text. */
function parseData(name: string, text: string, parsedDir: string | undefined): unknown {
  if (parsedDir) {
    try {
      const copy = JSON.parse(readFileSync(join(parsedDir, `${name}.json`), 'utf8')) as { sha256?: unknown; data?: unknown };
      if (copy.sha256 === sha256(text)) return copy.data;
    } catch {
      // No parsed copy (running from source, or not built yet): parse the YAML.
    }
  }
  return parse(text);
}

/** Writes the parsed copy of every YAML file in dir to parsedDir (the build step). Returns the files written. */
export function writeParsedData(dir: string = DATA_DIR, parsedDir: string = PARSED_DATA_DIR()): string[] {
  mkdirSync(parsedDir, { recursive: true });
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort();
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    writeFileSync(join(parsedDir, `${name}.json`), JSON.stringify({ sha256: sha256(text), data: parse(text) }));
  }
  return names;
}

const RolesFile = z.object({
  suffixes: z.array(z.string().min(1)).min(1),
  extra: z.array(z.string().min(1)),
  aliases: z.record(z.string(), z.string()),
  ignore: z.array(z.string()),
  staff: z.array(z.string().min(1)).min(1),
});
export type RolesLexicon = z.infer<typeof RolesFile>;

/**
 * Reads and validates a YAML data file; the error names the file and the field at fault. The shipped files are read
 * from their parsed copy when the build wrote one for the same text (parsedDir; see PARSED_DATA_DIR).
 */
export function readDataFile<T>(name: string, schema: z.ZodType<T>, dir: string = DATA_DIR, parsedDir: string | undefined = dir === DATA_DIR ? PARSED_DATA_DIR() : undefined): T {
  const path = join(dir, name);
  const parsed = schema.safeParse(parseData(name, readFileSync(path, 'utf8'), parsedDir));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadRoles(dir?: string): RolesLexicon {
  return readDataFile('roles.yaml', RolesFile, dir);
}
