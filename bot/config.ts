// The bot's configuration: read once from the environment (and an optional .env file), validated with zod.
// A bad setting stops the start with a message that names it.
//
// Extending: add an entry to `sections` below — a zod object schema and a reader that maps environment
// variables to its fields with `env.get(field, 'VAR_NAME', …aliases)`. The Config type follows automatically.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { type LlmConfig, LlmConfigError, llmEnvSchema, llmEnvShape, toLlmConfig } from '../knowledge/llm/config';

/** Answers kept in memory for repeated questions unless ANSWER_CACHE_SIZE says otherwise. */
export const DEFAULT_ANSWER_CACHE_SIZE = 1000;

export class ConfigError extends Error {
  constructor(
    /** The environment variable (or variables) at fault. */
    readonly setting: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${setting}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** Case-insensitive view of the environment that remembers which variable supplied each field. */
export class EnvSource {
  private readonly vars = new Map<string, { name: string; value: string }>();
  /** 'section.field' → the variable name it came from. */
  readonly origins = new Map<string, string>();
  private section = '';

  constructor(
    env: Env,
    /** Relative paths are resolved against this directory. */
    readonly cwd: string = process.cwd(),
  ) {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined || value.trim() === '') continue;
      this.vars.set(name.toUpperCase(), { name, value: value.trim() });
    }
  }

  enter(section: string): void {
    this.section = section;
  }

  /** The first variable set among `names` (case-insensitive); remembers its name for error messages. */
  get(field: string, ...names: string[]): string | undefined {
    for (const n of names) {
      const hit = this.vars.get(n.toUpperCase());
      if (hit) {
        this.origins.set(`${this.section}.${field}`, hit.name);
        return hit.value;
      }
    }
    this.origins.set(`${this.section}.${field}`, names[0] ?? field);
    return undefined;
  }

  /** Like get(), for a file or directory path: resolved against cwd. */
  path(field: string, ...names: string[]): string | undefined {
    const value = this.get(field, ...names);
    return value === undefined || isAbsolute(value) ? value : resolve(this.cwd, value);
  }

  /** Variables whose upper-cased name matches a pattern. */
  matching(pattern: RegExp): Array<{ name: string; value: string; match: RegExpExecArray }> {
    const out: Array<{ name: string; value: string; match: RegExpExecArray }> = [];
    for (const v of this.vars.values()) {
      const match = pattern.exec(v.name);
      if (match) out.push({ ...v, match });
    }
    return out;
  }

  /** Records that a field came from a specific variable (for readers that look variables up themselves). */
  note(field: string, name: string): void {
    this.origins.set(`${this.section}.${field}`, name);
  }
}

// ---------------------------------------------------------------------------------------------- helpers

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(/[\s,]+/).filter(Boolean);

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');

const existingFile = z.string().refine((p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}, 'file not found or not readable');

// ---------------------------------------------------------------------------------------------- sections

const serverSchema = z.object({
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  port: z.coerce.number().int('must be a whole number').min(0).max(65535).default(3978),
  /** Unset: 127.0.0.1 without credentials, 0.0.0.0 with credentials. */
  host: z.string().min(1).optional(),
  /** Largest request body accepted on /api/messages, in bytes. */
  maxBodyBytes: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
});

const storageSchema = z.object({
  databaseUrl: z
    .string()
    .refine((u) => /^postgres(ql)?:\/\//i.test(u), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** SQLite file and other local data (default ./data). */
  dataDir: z.string().min(1),
});

const authTypes = [
  'Certificate',
  'CertificateSubjectName',
  'ClientSecret',
  'UserManagedIdentity',
  'SystemManagedIdentity',
  'FederatedCredentials',
  'WorkloadIdentity',
] as const;

const authSchema = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  tenantId: z.string().regex(/^([0-9a-f-]{36}|[A-Za-z0-9.-]+)$/i, 'must be a tenant GUID or domain').optional(),
  authType: z.enum(authTypes).optional(),
  certPemFile: existingFile.optional(),
  certKeyFile: existingFile.optional(),
  federatedClientId: z.string().min(1).optional(),
  /** Entra authority (default https://login.microsoftonline.com); tests point it at a local JWKS server. */
  authorityEndpoint: z.url({ protocol: /^https?$/ }).optional(),
  /** Accepted token issuers (default: Bot Framework and the tenant's Entra issuers). */
  issuers: z.array(z.string().min(1)).optional(),
  validateIssuer: bool.default(true),
  /** Tenants whose activities are accepted; ['*'] accepts any; default: [tenantId]. */
  allowedTenantIds: z
    .array(z.string().refine((t) => t === '*' || GUID.test(t), 'each entry must be a tenant GUID or *'))
    .optional(),
});

const knowledgeSchema = z.object({
  /** Policy text to index instead of the shipped one. */
  policyPath: existingFile.optional(),
  /** Answers kept for repeated questions (0 = no cache). */
  answerCacheSize: z.coerce.number().int('must be a whole number').min(0).max(100_000).default(DEFAULT_ANSWER_CACHE_SIZE),
});

const directorySchema = z.object({
  /** Organisation directory (roles → people) used by the approvals; the shipped sample when unset. */
  orgDirectory: existingFile,
});

/** The sample directory shipped with the project (approvals/sample-directory.yaml), found from this file's folder. */
export function sampleDirectoryPath(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const candidate = resolve(dir, 'approvals', 'sample-directory.yaml');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return resolve(from, '..', 'approvals', 'sample-directory.yaml');
    dir = up;
  }
}

/** Role names as the policy writes them, comma-separated (、 also accepted). */
const roleList = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(/[,、]/).map((r) => r.trim()).filter(Boolean);

const roleName = z.string().min(1).max(64);
const minutes = (max: number) => z.coerce.number().int('must be a whole number of minutes').min(1, 'must be at least 1').max(max);

/** Webhook URLs may carry a token: https, or http only to this machine (tests, a local relay). */
const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an https:// URL' })
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'must be an https:// URL (http:// only for 127.0.0.1)');

const approvalsSchema = z.object({
  /** Where a request goes when the requester alone holds the role, or nobody does (第3章 3(7)ア). */
  escalationChain: z.array(roleName).min(1, 'needs at least one role').max(10).optional(),
  /** First reminder to people who have not acted (0 = no reminders). */
  remindAfterMinutes: z.coerce.number().int('must be a whole number of minutes').min(0).max(60 * 24 * 365).default(24 * 60),
  remindEveryMinutes: minutes(60 * 24 * 365).default(24 * 60),
  maxReminders: z.coerce.number().int('must be a whole number').min(0).max(100).default(3),
  /** Urgent reports not acknowledged within this long go one role up the chain. */
  escalateAfterMinutes: minutes(60 * 24 * 30).default(30),
  /** Pending approval requests expire after this many days (the period's end expires them earlier). */
  expireAfterDays: z.coerce.number().int('must be a whole number of days').min(1).max(3660).default(30),
  stopAccessRoles: z.array(roleName).min(1).max(10).optional(),
  evaluateRoles: z.array(roleName).min(1).max(10).optional(),
  /** A Teams channel (19:…@thread.tacv2) that also receives urgent reports. */
  urgentChannelId: z.string().regex(/^\S{3,200}$/, 'must be a Teams channel id such as 19:…@thread.tacv2').optional(),
  /** An ID-management webhook that receives lost-card reports (stop access, 第3章 7(4)ア(イ)). */
  stopAccessWebhookUrl: webhookUrl.optional(),
  /** The Bot Connector for creating conversations when no conversation of the tenant is known yet. */
  teamsServiceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://smba.trafficmanager.net/teams/'),
  /** How often each instance looks for due notifications, reminders and escalations. */
  workerIntervalSeconds: z.coerce.number().min(0.05, 'must be at least 0.05').max(3600).default(5),
  /** First retry of a failed delivery after this long; doubles each attempt (capped at 1 h). */
  retryBaseSeconds: z.coerce.number().min(0.01).max(3600).default(2),
  /** A notification failing this many times is kept as dead (and counted). */
  maxAttempts: z.coerce.number().int().min(1).max(100).default(15),
});

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone (e.g. Asia/Tokyo)');

const dialogsSchema = z.object({
  /** A guided procedure left idle this long ends with a message. */
  idleHours: z.coerce.number().positive('must be more than 0').max(24 * 30).default(24),
  /** A 「…を始めますか？」 question is forgotten after this long. */
  confirmMinutes: z.coerce.number().positive('must be more than 0').max(24 * 60).default(30),
  /** A submitted procedure accepts its follow-up report (持ち込み, カードのその後) this long. */
  followUpDays: z.coerce.number().positive('must be more than 0').max(3660).default(90),
  /** Time zone of the office, for dates typed in the procedures. */
  timeZone: timeZone.default('Asia/Tokyo'),
});

/** The LLM option's variables, read under their own names (knowledge/llm/config.ts; see docs/llm.md). */
const readLlm = (env: EnvSource): Record<string, unknown> =>
  Object.fromEntries(Object.keys(llmEnvShape).map((name) => [name, env.get(name, name)]));

/** The teams-js pages (tab, dialog) and their SSO checks; effective values: bot/web/settings.ts. */
const webSchema = z.object({
  /** Public host name of the bot (the manifest's BOT_HOST): dialog URLs and the default SSO resource. */
  publicHost: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/, 'must be a lower-case host name without https:// (e.g. bot.example.lg.jp)')
    .optional(),
  /** The Teams app id (manifest id): the dialog's result may only go to this app (dialog.url.submit appIds). */
  teamsAppId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be the Teams app id (a GUID)').optional(),
  /** App (client) id the tab's SSO tokens are issued for; default: clientId. */
  ssoAppId: z.string().min(1).max(200).optional(),
  /** Application ID URI (api://host/appId); default: api://{publicHost}/{ssoAppId}. */
  ssoResource: z.string().regex(/^api:\/\/\S+$/, 'must be an Application ID URI like api://bot.example.lg.jp/<client id>').optional(),
  /** The delegated scope the token must carry. */
  ssoScope: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a scope name such as access_as_user').default('access_as_user'),
  /** Signing keys of the token issuer; default: Entra ID's keys for the tenant. */
  ssoJwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Accepted issuers; {tenantid} stands for the token's tenant. Default: Entra v2.0 and v1.0 issuers. */
  ssoIssuers: z.array(z.string().min(8).max(300)).optional(),
  /** When set, the token's azp/appid must be one of these client apps (e.g. the Teams clients). */
  ssoClientAppIds: z.array(z.string().min(1).max(100)).optional(),
  /** Origins allowed to frame the pages (CSP frame-ancestors); default: Teams' web hosts. */
  frameAncestors: z
    .array(z.string().regex(/^(https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?)$/, 'each entry must be an https origin such as https://teams.microsoft.com or https://*.cloud.microsoft'))
    .optional(),
  /** Where the built pages are (npm run build writes dist/web). */
  assetsDir: z.string().min(1).optional(),
});

const logSchema = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

/** Connection settings the SDK knows, by their upper-cased name, mapped to our field names. */
const CONNECTION_PROPS: Record<string, keyof z.input<typeof authSchema>> = {
  CLIENTID: 'clientId',
  CLIENTSECRET: 'clientSecret',
  TENANTID: 'tenantId',
  AUTHTYPE: 'authType',
  CERTPEMFILE: 'certPemFile',
  CERTKEYFILE: 'certKeyFile',
  FEDERATEDCLIENTID: 'federatedClientId',
  FICCLIENTID: 'federatedClientId',
  AUTHORITYENDPOINT: 'authorityEndpoint',
  AUTHORITY: 'authorityEndpoint',
  ISSUERS: 'issuers',
  VALIDATEISSUER: 'validateIssuer',
};

/** Legacy Bot Framework names. */
const LEGACY: Partial<Record<keyof z.input<typeof authSchema>, string>> = {
  clientId: 'MicrosoftAppId',
  clientSecret: 'MicrosoftAppPassword',
  tenantId: 'MicrosoftAppTenantId',
};

const abs = (env: EnvSource, path: string | undefined): string | undefined =>
  path === undefined || isAbsolute(path) ? path : resolve(env.cwd, path);

function readAuth(env: EnvSource): Record<string, unknown> {
  // Connections__<id>__Settings__<prop> (the SDK's multi-connection form): the connection mapped to '*'
  // by ConnectionsMap__0__Connection, else 'serviceConnection', else the first one found.
  const conns = new Map<string, Map<string, { name: string; value: string }>>();
  for (const v of env.matching(/^CONNECTIONS__([^_]+(?:_[^_]+)*)__SETTINGS__(\w+)$/i)) {
    const id = (v.match[1] ?? '').toLowerCase();
    const prop = (v.match[2] ?? '').toUpperCase();
    if (!CONNECTION_PROPS[prop]) {
      throw new ConfigError(v.name, `unknown connection setting (supported: ${Object.keys(CONNECTION_PROPS).join(', ')})`);
    }
    const c = conns.get(id) ?? new Map();
    c.set(CONNECTION_PROPS[prop], { name: v.name, value: v.value });
    conns.set(id, c);
  }
  const mapped = env.get('connectionsMap', 'ConnectionsMap__0__Connection')?.toLowerCase();
  const chosen = conns.get(mapped ?? 'serviceconnection') ?? [...conns.values()][0];

  const field = (name: keyof z.input<typeof authSchema>, ...flat: string[]): string | undefined => {
    const fromConn = chosen?.get(name);
    if (fromConn) {
      env.note(name, fromConn.name);
      return fromConn.value;
    }
    const legacy = LEGACY[name];
    return env.get(name, ...flat, ...(legacy ? [legacy] : []));
  };

  return {
    clientId: field('clientId', 'clientId'),
    clientSecret: field('clientSecret', 'clientSecret'),
    tenantId: field('tenantId', 'tenantId'),
    authType: field('authType', 'authType'),
    certPemFile: abs(env, field('certPemFile', 'certPemFile')),
    certKeyFile: abs(env, field('certKeyFile', 'certKeyFile')),
    federatedClientId: field('federatedClientId', 'federatedClientId', 'FICClientId'),
    authorityEndpoint: field('authorityEndpoint', 'authorityEndpoint'),
    issuers: list(field('issuers', 'issuers')),
    validateIssuer: field('validateIssuer', 'validateIssuer'),
    allowedTenantIds: list(env.get('allowedTenantIds', 'ALLOWED_TENANT_IDS')),
  };
}

interface Section<S extends z.ZodObject> {
  schema: S;
  read(env: EnvSource): Record<string, unknown>;
}

const section = <S extends z.ZodObject>(schema: S, read: (env: EnvSource) => Record<string, unknown>): Section<S> => ({
  schema,
  read,
});

export const sections = {
  server: section(serverSchema, (env) => ({
    nodeEnv: env.get('nodeEnv', 'NODE_ENV'),
    port: env.get('port', 'PORT'),
    host: env.get('host', 'HOST'),
    maxBodyBytes: env.get('maxBodyBytes', 'MAX_BODY_BYTES'),
  })),
  storage: section(storageSchema, (env) => ({
    databaseUrl: env.get('databaseUrl', 'DATABASE_URL'),
    dataDir: env.path('dataDir', 'DATA_DIR') ?? resolve(env.cwd, 'data'),
  })),
  auth: section(authSchema, readAuth),
  knowledge: section(knowledgeSchema, (env) => ({
    policyPath: env.path('policyPath', 'POLICY_PATH'),
    answerCacheSize: env.get('answerCacheSize', 'ANSWER_CACHE_SIZE'),
  })),
  directory: section(directorySchema, (env) => ({ orgDirectory: env.path('orgDirectory', 'ORG_DIRECTORY') ?? sampleDirectoryPath() })),
  approvals: section(approvalsSchema, (env) => ({
    escalationChain: roleList(env.get('escalationChain', 'APPROVAL_ESCALATION_CHAIN')),
    remindAfterMinutes: env.get('remindAfterMinutes', 'APPROVAL_REMIND_AFTER_MINUTES'),
    remindEveryMinutes: env.get('remindEveryMinutes', 'APPROVAL_REMIND_EVERY_MINUTES'),
    maxReminders: env.get('maxReminders', 'APPROVAL_MAX_REMINDERS'),
    escalateAfterMinutes: env.get('escalateAfterMinutes', 'APPROVAL_ESCALATE_AFTER_MINUTES'),
    expireAfterDays: env.get('expireAfterDays', 'APPROVAL_EXPIRE_AFTER_DAYS'),
    stopAccessRoles: roleList(env.get('stopAccessRoles', 'APPROVAL_STOP_ACCESS_ROLES')),
    evaluateRoles: roleList(env.get('evaluateRoles', 'APPROVAL_EVALUATE_ROLES')),
    urgentChannelId: env.get('urgentChannelId', 'APPROVAL_URGENT_CHANNEL_ID'),
    stopAccessWebhookUrl: env.get('stopAccessWebhookUrl', 'STOP_ACCESS_WEBHOOK_URL'),
    teamsServiceUrl: env.get('teamsServiceUrl', 'TEAMS_SERVICE_URL'),
    workerIntervalSeconds: env.get('workerIntervalSeconds', 'APPROVAL_WORKER_INTERVAL_SECONDS'),
    retryBaseSeconds: env.get('retryBaseSeconds', 'APPROVAL_RETRY_BASE_SECONDS'),
    maxAttempts: env.get('maxAttempts', 'APPROVAL_MAX_ATTEMPTS'),
  })),
  dialogs: section(dialogsSchema, (env) => ({
    idleHours: env.get('idleHours', 'DIALOG_IDLE_HOURS'),
    confirmMinutes: env.get('confirmMinutes', 'DIALOG_CONFIRM_MINUTES'),
    followUpDays: env.get('followUpDays', 'DIALOG_FOLLOWUP_DAYS'),
    timeZone: env.get('timeZone', 'DIALOG_TIME_ZONE'),
  })),
  /** Optional OpenAI-compatible model; keys parse to Secret (never shown by logs, JSON or inspect). */
  llm: section(llmEnvSchema, readLlm),
  web: section(webSchema, (env) => ({
    publicHost: env.get('publicHost', 'BOT_HOST', 'PUBLIC_HOSTNAME')?.toLowerCase(),
    teamsAppId: env.get('teamsAppId', 'TEAMS_APP_ID'),
    ssoAppId: env.get('ssoAppId', 'SSO_APP_ID'),
    ssoResource: env.get('ssoResource', 'SSO_RESOURCE'),
    ssoScope: env.get('ssoScope', 'SSO_SCOPE'),
    ssoJwksUrl: env.get('ssoJwksUrl', 'SSO_JWKS_URL'),
    ssoIssuers: list(env.get('ssoIssuers', 'SSO_ISSUERS')),
    ssoClientAppIds: list(env.get('ssoClientAppIds', 'SSO_CLIENT_APP_IDS')),
    frameAncestors: list(env.get('frameAncestors', 'WEB_FRAME_ANCESTORS')),
    assetsDir: env.path('assetsDir', 'WEB_ASSETS_DIR'),
  })),
  log: section(logSchema, (env) => ({ level: env.get('level', 'LOG_LEVEL') })),
};

type Sections = typeof sections;
type Parsed = { [K in keyof Sections]: z.output<Sections[K]['schema']> };

export type Config = Omit<Parsed, 'llm'> & {
  server: Parsed['server'] & { host: string };
  /** The model answers come from, or `{ mode: 'offline' }` (no model: exactly the offline bot). */
  llm: LlmConfig;
  auth: Parsed['auth'] & {
    /** True when credentials are configured: every activity must then carry a valid token. */
    enabled: boolean;
    allowedTenantIds: string[];
  };
  /** Notes for the start-up log (e.g. local development mode). */
  warnings: string[];
};

/** Reads KEY=VALUE lines of a .env file; the real environment wins over it. */
export function readEnvFile(path: string): Env {
  try {
    return parseEnv(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError('ENV_FILE', `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export interface LoadOptions {
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

/**
 * Validates the environment into a Config, or throws a ConfigError naming the bad setting.
 * An .env file is read when ENV_FILE names one, or when ./.env exists.
 */
export function loadConfig(env: Env = process.env, options: LoadOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = env.ENV_FILE ?? (existsSync(resolve(cwd, '.env')) ? '.env' : undefined);
  const merged: Env = envFile ? { ...readEnvFile(resolve(cwd, envFile)), ...env } : env;
  const source = new EnvSource(merged, cwd);

  const parsed: Record<string, unknown> = {};
  for (const [name, sec] of Object.entries(sections) as Array<[keyof Sections, Section<z.ZodObject>]>) {
    source.enter(name);
    const raw = sec.read(source);
    const result = sec.schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const fieldPath = issue.path.filter((p) => typeof p === 'string');
      const setting = source.origins.get(`${name}.${fieldPath[0] ?? ''}`) ?? `${name}.${fieldPath.join('.')}`;
      throw new ConfigError(setting, issue.message);
    }
    parsed[name] = result.data;
  }
  return finish(parsed as Parsed, source);
}

function finish(p: Parsed, source: EnvSource): Config {
  const origin = (key: string, fallback: string): string => source.origins.get(key) ?? fallback;
  const warnings: string[] = [];
  const enabled = p.auth.clientId !== undefined;

  if (!enabled) {
    if (p.server.nodeEnv === 'production') {
      throw new ConfigError(
        'clientId',
        'NODE_ENV=production requires bot credentials (clientId, tenantId and clientSecret, or MicrosoftAppId…); refusing to start without authentication',
      );
    }
    if (p.server.host !== undefined && !LOOPBACK.has(p.server.host)) {
      throw new ConfigError(origin('server.host', 'HOST'), 'without credentials the bot only listens on 127.0.0.1 (local development mode)');
    }
    warnings.push(
      'LOCAL DEVELOPMENT MODE: no bot credentials configured; requests are NOT authenticated and the bot listens on 127.0.0.1 only',
    );
  } else {
    if ((p.auth.certPemFile === undefined) !== (p.auth.certKeyFile === undefined)) {
      throw new ConfigError(origin('auth.certKeyFile', 'certKeyFile'), 'certPemFile and certKeyFile must be set together');
    }
    if (p.auth.authType === 'ClientSecret' && p.auth.clientSecret === undefined) {
      throw new ConfigError(origin('auth.clientSecret', 'clientSecret'), 'authType ClientSecret needs clientSecret');
    }
    if (p.auth.tenantId === undefined && p.server.nodeEnv === 'production') {
      throw new ConfigError(origin('auth.tenantId', 'tenantId'), 'production needs the tenant id of the bot registration');
    }
  }

  let allowed = p.auth.allowedTenantIds;
  if (allowed === undefined) {
    allowed = p.auth.tenantId && GUID.test(p.auth.tenantId) ? [p.auth.tenantId.toLowerCase()] : [];
    if (enabled && allowed.length === 0) {
      warnings.push('ALLOWED_TENANT_IDS is empty and tenantId is not a GUID: activities from every tenant are accepted');
    }
  } else {
    allowed = allowed.map((t) => t.toLowerCase());
  }
  if (allowed.includes('*')) allowed = [];

  const llm = llmConfig(p.llm);
  if (llm.mode === 'azure' && llm.auth.kind === 'token') {
    warnings.push('AZURE_OPENAI_AD_TOKEN is a static token (valid for about an hour); when it expires, answers fall back to offline. On Azure, AZURE_OPENAI_MANAGED_IDENTITY renews tokens by itself');
  }

  return {
    ...p,
    server: { ...p.server, host: p.server.host ?? (enabled ? '0.0.0.0' : '127.0.0.1') },
    auth: { ...p.auth, enabled, allowedTenantIds: allowed },
    llm,
    warnings,
  };
}

/** The variable a problem of the LLM settings is about (its messages start with the variable's name). */
const LLM_VARIABLE = new RegExp(`\\b(${Object.keys(llmEnvShape).join('|')})\\b`);

/** The LLM settings as one provider, or a ConfigError naming the variable (never its value). */
function llmConfig(env: Parsed['llm']): LlmConfig {
  let config: LlmConfig;
  try {
    config = toLlmConfig(env);
  } catch (err) {
    if (!(err instanceof LlmConfigError)) throw err;
    const problem = err.problems[0] ?? 'invalid LLM settings';
    throw new ConfigError(LLM_VARIABLE.exec(problem)?.[1] ?? 'LLM_MODE', problem);
  }
  // The bot has no managed-identity token provider: Azure OpenAI needs a key or a token.
  if (config.mode === 'azure' && config.auth.kind === 'entra-provider') {
    throw new ConfigError('AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT needs AZURE_OPENAI_MANAGED_IDENTITY, AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN');
  }
  return config;
}
