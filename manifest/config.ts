// Packaging settings, read from the environment and validated with zod. Every id and the host name
// come from here: nothing in the manifest is hard-coded to one tenant or one deployment.
import { z } from 'zod';
import { DEFAULT_DEVELOPER_NAME, HOST_PATHS } from './constants';

export interface PackageConfig {
  /** The Teams app's own id (manifest `id`). */
  teamsAppId: string;
  /** The bot's Microsoft App ID = its Entra application (client) id (`bots[0].botId`). */
  botId: string;
  /** Public host name of the bot's server, e.g. `bot.example.lg.jp` (no scheme, no path, no port). */
  host: string;
  /** App version (x.y.z). Raise it for every update uploaded to Teams. */
  version: string;
  /** Entra application whose token the tab asks for with SSO (`webApplicationInfo.id`); defaults to botId. */
  ssoAppId: string;
  /** Application ID URI of that application (`webApplicationInfo.resource`); defaults to api://{host}/{ssoAppId}. */
  ssoResource: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

export type SettingKey = keyof PackageConfig;

interface SettingSpec {
  /** Environment variables read, first non-empty wins. Names marked ci are matched case-insensitively. */
  env: readonly string[];
  /** What the value is, for error messages. */
  what: string;
  /** Manifest fields the setting fills. */
  fields: readonly string[];
}

/**
 * Where each setting comes from. `clientId` and `MicrosoftAppId` are the names the Agents SDK reads its
 * credentials from (case-insensitively), so a deployment that already runs the bot needs no second name.
 */
export const SETTINGS: Record<SettingKey, SettingSpec> = {
  teamsAppId: { env: ['TEAMS_APP_ID'], what: 'the Teams app id, a GUID you generate once and keep', fields: ['id'] },
  botId: {
    env: ['BOT_ID', 'clientId', 'MicrosoftAppId'],
    what: "the bot's Microsoft App ID (the Entra application's client id), a GUID",
    fields: ['bots[0].botId'],
  },
  host: {
    env: ['BOT_HOST', 'PUBLIC_HOSTNAME'],
    what: "the bot server's public host name, e.g. bot.example.lg.jp",
    fields: ['validDomains', 'staticTabs'],
  },
  version: { env: ['APP_VERSION'], what: 'the app version as x.y.z', fields: ['version'] },
  ssoAppId: {
    env: ['SSO_APP_ID'],
    what: 'the Entra application client id the tab signs in to (defaults to the bot id), a GUID',
    fields: ['webApplicationInfo.id'],
  },
  ssoResource: {
    env: ['SSO_RESOURCE'],
    what: 'the Application ID URI, api://{host}/{client id} (the default) or api://{host}/botid-{client id}',
    fields: ['webApplicationInfo.resource'],
  },
  developerName: { env: ['DEVELOPER_NAME'], what: 'the publisher name shown in Teams', fields: ['developer.name'] },
  websiteUrl: { env: ['DEVELOPER_WEBSITE_URL'], what: 'an https URL for support information', fields: ['developer.websiteUrl'] },
  privacyUrl: { env: ['PRIVACY_URL'], what: 'an https URL of the privacy statement', fields: ['developer.privacyUrl'] },
  termsOfUseUrl: { env: ['TERMS_OF_USE_URL'], what: 'an https URL of the terms of use', fields: ['developer.termsOfUseUrl'] },
};

/** Case-insensitive names, as the Agents SDK reads them. */
const CASE_INSENSITIVE = new Set(['clientId', 'MicrosoftAppId']);

export interface ConfigIssue {
  setting: SettingKey;
  /** The environment variable at fault (the one that was read, or the first one to set). */
  variable: string;
  message: string;
}

export class PackageConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`Invalid packaging settings:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'PackageConfigError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const NIL_GUID = /^0{8}-(?:0{4}-){3}0{12}$/;
/** Lower-case DNS name with at least two labels; the last label is not numeric (so no IP addresses). */
const HOST_NAME =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Plain x.y.z, the form the Teams schema's semver definition accepts. */
const VERSION = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

const guid = z
  .string()
  .regex(GUID, { error: 'must be a GUID like 12345678-9abc-def0-1234-56789abcdef0', abort: true })
  .refine((s) => !NIL_GUID.test(s), 'must be a real id, not the all-zero GUID')
  .transform((s) => s.toLowerCase());

const host = z
  .string()
  .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s), { error: 'must be a host name only, without https:// (e.g. bot.example.lg.jp)', abort: true })
  .refine((s) => !/[/?#]/.test(s), { error: 'must be a host name only, without a path (e.g. bot.example.lg.jp)', abort: true })
  .refine((s) => !s.includes(':'), { error: 'must not include a port: serve HTTPS on the default port 443 and give the plain host name', abort: true })
  .refine((s) => s === s.toLowerCase(), { error: 'must be written in lower case (upper-case host names break SSO on Android)', abort: true })
  .refine((s) => s !== 'localhost' && !s.endsWith('.localhost'), { error: 'must be a public host name that Teams can reach, not localhost', abort: true })
  .refine((s) => HOST_NAME.test(s), { error: 'must be a public DNS host name such as bot.example.lg.jp', abort: true });

const httpsUrl = z
  .string()
  .refine((s) => URL.canParse(s) && new URL(s).protocol === 'https:', 'must be an https:// URL');

const shape = z
  .object({
    teamsAppId: guid,
    botId: guid,
    host,
    version: z.string().regex(VERSION, 'must be a version like 1.0.0 (three numbers, no suffix)'),
    ssoAppId: guid,
    ssoResource: z.string(),
    developerName: z.string().trim().min(1, 'must not be empty'),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  })
  .superRefine((c, ctx) => {
    // Microsoft's SSO guidance: the Application ID URI carries the tab's domain, then the client id.
    const prefix = `api://${c.host}/`;
    const allowed = [`${prefix}${c.ssoAppId}`, `${prefix}botid-${c.ssoAppId}`];
    if (!allowed.includes(c.ssoResource.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: ['ssoResource'],
        message: `must be ${allowed[0]} or ${allowed[1]} (the Application ID URI set under "Expose an API")`,
      });
    }
  });

/** Settings whose default is computed from others. */
const DERIVED_FROM: Record<SettingKey, readonly SettingKey[]> = {
  teamsAppId: [],
  botId: [],
  host: [],
  version: [],
  ssoAppId: ['botId'],
  ssoResource: ['host', 'botId', 'ssoAppId'],
  developerName: [],
  websiteUrl: ['host'],
  privacyUrl: ['host'],
  termsOfUseUrl: ['host'],
};

type Env = Readonly<Record<string, string | undefined>>;

function lookup(env: Env, name: string): string | undefined {
  if (!CASE_INSENSITIVE.has(name)) return env[name];
  const wanted = name.toUpperCase();
  for (const [k, v] of Object.entries(env)) if (k.toUpperCase() === wanted) return v;
  return undefined;
}

/** The first non-blank value among the setting's variables, and which variable it came from. */
function read(env: Env, key: SettingKey): { value: string; variable: string } | undefined {
  for (const name of SETTINGS[key].env) {
    const v = lookup(env, name)?.trim();
    if (v) return { value: v, variable: name };
  }
  return undefined;
}

export interface ConfigDefaults {
  /** Used when APP_VERSION is not set (the project's package.json version). */
  version: string;
}

/**
 * Reads and validates the packaging settings. Throws PackageConfigError naming every missing or malformed
 * variable at once. Values are never echoed back (an id pasted into the wrong variable may be a secret).
 */
export function readPackageConfig(env: Env, defaults: ConfigDefaults): PackageConfig {
  const issues: ConfigIssue[] = [];
  const sourceOf = new Map<SettingKey, string>();
  const raw: Partial<Record<SettingKey, string>> = {};

  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const found = read(env, key);
    if (found) {
      raw[key] = found.value;
      sourceOf.set(key, found.variable);
    }
  }
  for (const key of ['teamsAppId', 'botId', 'host'] as const) {
    if (raw[key] === undefined) {
      const names = SETTINGS[key].env;
      issues.push({
        setting: key,
        variable: names[0] ?? key,
        message: `is not set${names.length > 1 ? ` (nor ${names.slice(1).join(', ')})` : ''}: ${SETTINGS[key].what}`,
      });
    }
  }
  if (issues.length) throw new PackageConfigError(issues);

  const h = raw.host ?? '';
  const bot = raw.botId ?? '';
  const sso = raw.ssoAppId ?? bot;
  const candidate = {
    teamsAppId: raw.teamsAppId,
    botId: bot,
    host: h,
    version: raw.version ?? defaults.version,
    ssoAppId: sso,
    ssoResource: raw.ssoResource ?? `api://${h}/${sso.toLowerCase()}`,
    developerName: raw.developerName ?? DEFAULT_DEVELOPER_NAME,
    websiteUrl: raw.websiteUrl ?? `https://${h}/`,
    privacyUrl: raw.privacyUrl ?? `https://${h}${HOST_PATHS.privacy}`,
    termsOfUseUrl: raw.termsOfUseUrl ?? `https://${h}${HOST_PATHS.termsOfUse}`,
  };
  const parsed = shape.safeParse(candidate);
  if (parsed.success) return parsed.data;

  const failed = new Set(parsed.error.issues.map((i) => i.path[0] as SettingKey));
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as SettingKey;
    // A default derived from a bad setting fails too; report the setting, not each consequence.
    if (raw[key] === undefined && DERIVED_FROM[key].some((k) => failed.has(k))) continue;
    const variable = sourceOf.get(key) ?? SETTINGS[key].env[0] ?? key;
    const note =
      raw[key] !== undefined ? '' : key === 'version' ? ' (taken from package.json)' : ' (derived from the other settings)';
    const line = `${variable}: ${issue.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    issues.push({ setting: key, variable, message: `${issue.message}${note}` });
  }
  throw new PackageConfigError(issues);
}

/** The environment variable that fills a manifest field, for error messages about the finished manifest. */
export function settingForField(field: string): { setting: SettingKey; variable: string } | undefined {
  for (const [key, spec] of Object.entries(SETTINGS) as [SettingKey, SettingSpec][]) {
    if (spec.fields.some((f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`))) {
      return { setting: key, variable: spec.env[0] ?? key };
    }
  }
  return undefined;
}
