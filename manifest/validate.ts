// Validation of the finished manifest and localization file against the Teams JSON schemas that
// @microsoft/app-manifest bundles. The schema is read from the installed package and handed to the
// validator, so validation never touches the network.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppManifestUtils as Utils } from '@microsoft/app-manifest';
import type { LocalizationFile, TeamsManifest } from './build-manifest';
import { settingForField } from './config';
import { MANIFEST_VERSION, PACKAGE_FILES } from './constants';

export interface PackageProblem {
  /** File inside the package the problem is in. */
  file: string;
  /** Field in that file, in the manifest's own notation (e.g. bots[0].botId); '' for the whole file. */
  field: string;
  message: string;
  /** The environment variable that fills the field, when one does. */
  variable?: string;
}

export class AppPackageError extends Error {
  constructor(readonly problems: readonly PackageProblem[]) {
    super(`The app package is not valid:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

export function describeProblem(p: PackageProblem): string {
  const where = p.field ? `${p.file} ${p.field}` : p.file;
  return `${where}: ${p.message}${p.variable ? ` (set by ${p.variable})` : ''}`;
}

type Schema = Parameters<typeof Utils.validateAgainstSchema>[1];
type Validatable = Parameters<typeof Utils.validateAgainstSchema>[0];

/**
 * Loaded on first use, so that a Node.js too old to `require` the package's ESM-only dependency
 * (strip-bom 5) gets a clear message instead of a stack trace at start-up.
 */
function manifestUtils(): typeof Utils {
  try {
    return (require('@microsoft/app-manifest') as typeof import('@microsoft/app-manifest')).AppManifestUtils;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_REQUIRE_ESM') {
      throw new Error(`@microsoft/app-manifest needs Node.js 20.19+ or 22.12+ (this is ${process.version})`);
    }
    throw e;
  }
}
const schemaCache = new Map<string, Schema>();

/** Directory of the bundled Teams schemas for the manifest version this project uses. */
export function bundledSchemaDir(): string {
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(pkg), 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`);
}

function loadSchema(fileName: string): Schema {
  const cached = schemaCache.get(fileName);
  if (cached) return cached;
  const parsed: unknown = JSON.parse(readFileSync(join(bundledSchemaDir(), fileName), 'utf8'));
  const schema = repairPatterns(parsed).schema as Schema;
  schemaCache.set(fileName, schema);
  return schema;
}

/**
 * Escapes each `]` that does not close a character class. A lone `]` means a literal bracket in a
 * classic regular expression but is a syntax error with the `u` flag, which AJV uses; every bundled
 * localization schema (1.8 to 1.30) has two such patterns (activities.activityTypes[…]).
 */
export function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      out += inClass ? ch : '\\]';
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}

function compilesWithUnicodeFlag(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A copy of the schema whose `pattern`s and `patternProperties` keys all compile with the `u` flag. */
export function repairPatterns(schema: unknown): { schema: unknown; repaired: string[] } {
  const repaired: string[] = [];
  const fix = (pattern: string): string => {
    if (compilesWithUnicodeFlag(pattern)) return pattern;
    const fixed = escapeLoneBrackets(pattern);
    if (!compilesWithUnicodeFlag(fixed)) throw new Error(`Bundled schema has an unusable pattern: ${pattern}`);
    repaired.push(pattern);
    return fixed;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out[key] = fix(value);
      else if (key === 'patternProperties' && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([p, v]) => [fix(p), walk(v)]));
      } else out[key] = walk(value);
    }
    return out;
  };
  return { schema: walk(schema), repaired };
}

/** `/bots/0/botId` → `bots[0].botId`. */
export function pointerToField(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * Turns the validator's messages ("<pointer> <message>. Details: <params JSON>") into problems,
 * pointing at the missing or extra property itself where AJV reports its parent.
 */
function toProblems(file: string, messages: readonly string[], flatKeys = false): PackageProblem[] {
  const problems: PackageProblem[] = [];
  // A localization file is flat: its keys ("name.short") are the field names.
  const toField = flatKeys
    ? (pointer: string) => pointer.split('/').slice(1).join('/').replace(/~1/g, '/').replace(/~0/g, '~')
    : pointerToField;
  for (const text of messages) {
    const m = /^(\S*) (.*?)\. Details: (.*)$/s.exec(text);
    let field = m?.[1] !== undefined ? toField(m[1]) : '';
    let message = m?.[2] ?? text;
    try {
      const params = JSON.parse(m?.[3] ?? '{}') as Record<string, unknown>;
      const child = params.missingProperty ?? params.additionalProperty;
      if (typeof child === 'string') {
        field = field ? `${field}.${child}` : child;
        message = params.missingProperty ? 'is required' : 'is not allowed by the schema';
      } else if (params.allowedValues) {
        message = `${message}: ${JSON.stringify(params.allowedValues)}`;
      }
    } catch {
      // keep the message as the validator wrote it
    }
    const source = file === PACKAGE_FILES.manifest ? settingForField(field) : undefined;
    problems.push({ file, field, message, ...(source ? { variable: source.variable } : {}) });
  }
  // AJV reports an `anyOf`/`oneOf` failure once per branch; keep each distinct line once.
  return problems.filter((p, i) => problems.findIndex((q) => describeProblem(q) === describeProblem(p)) === i);
}

export async function validateManifest(manifest: TeamsManifest): Promise<PackageProblem[]> {
  const messages = await manifestUtils().validateAgainstSchema(manifest, loadSchema('MicrosoftTeams.schema.json'));
  return [...toProblems(PACKAGE_FILES.manifest, messages), ...checkUrls(manifest)];
}

export async function validateLocalization(file: LocalizationFile, manifest: TeamsManifest): Promise<PackageProblem[]> {
  const schema = loadSchema('MicrosoftTeams.Localization.schema.json');
  const messages = await manifestUtils().validateAgainstSchema(file as unknown as Validatable, schema);
  return [...toProblems(PACKAGE_FILES.englishStrings, messages, true), ...checkLocalizedKeys(file, manifest)];
}

/** Every page Teams loads from the manifest must be on a valid domain. */
function checkUrls(manifest: TeamsManifest): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const domains = manifest.validDomains ?? [];
  manifest.staticTabs?.forEach((tab, i) => {
    if (!tab.contentUrl) return;
    const host = URL.canParse(tab.contentUrl) ? new URL(tab.contentUrl).host : '';
    if (!domains.includes(host)) {
      problems.push({
        file: PACKAGE_FILES.manifest,
        field: `staticTabs[${i}].contentUrl`,
        message: `is on ${host || 'no host'}, which is not in validDomains`,
      });
    }
  });
  return problems;
}

/** Localized keys that point at a tab or command must point at one the manifest has. */
function checkLocalizedKeys(file: LocalizationFile, manifest: TeamsManifest): PackageProblem[] {
  const problems: PackageProblem[] = [];
  for (const key of Object.keys(file)) {
    const tab = /^staticTabs\[(\d+)\]\.name$/.exec(key);
    if (tab && !manifest.staticTabs?.[Number(tab[1])]?.name) {
      problems.push({ file: PACKAGE_FILES.englishStrings, field: key, message: 'names a tab that has no name in manifest.json' });
    }
    const cmd = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.\w+$/.exec(key);
    if (cmd && !manifest.bots?.[0]?.commandLists?.[Number(cmd[1])]?.commands[Number(cmd[2])]) {
      problems.push({ file: PACKAGE_FILES.englishStrings, field: key, message: 'names a command that manifest.json does not have' });
    }
  }
  return problems;
}
