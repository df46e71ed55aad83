// Structured logging: one JSON object per line, with levels.
// Logs carry ids (activity, conversation, tenant, answer), never message text, names or secrets:
// fields whose name suggests such content are redacted whatever the level.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  readonly level: LogLevel;
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default: stdout for debug/info, stderr for warn/error). */
  write?: (line: string, level: LogLevel) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Field names that could carry personal data or secrets. Matched case-insensitively, anywhere in the name. */
const SENSITIVE = /text|name|question|reply|quote|feedback|comment|message|body|secret|password|token|authorization|cookie|apikey|privatekey|email|upn/i;
/** Identifiers, counts and durations are kept even when their name matches the rule above (messageId, textLength). */
const ALLOWED = /(Id|Ids|Count|Length|Ms)$/;

const MAX_VALUE_LENGTH = 200;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/g;

function clean(value: LogValue): LogValue {
  if (typeof value !== 'string') return value;
  // Control characters could forge log lines; long values are truncated.
  const stripped = value.replace(CONTROL, '?');
  return stripped.length > MAX_VALUE_LENGTH ? `${stripped.slice(0, MAX_VALUE_LENGTH)}…` : stripped;
}

/** Whether a field name is redacted, decided once per name (the code uses a few dozen names). */
const sensitiveNames = new Map<string, boolean>();

function isSensitive(name: string): boolean {
  let sensitive = sensitiveNames.get(name);
  if (sensitive === undefined) {
    sensitive = SENSITIVE.test(name) && !ALLOWED.test(name);
    if (sensitiveNames.size < 1000) sensitiveNames.set(name, sensitive);
  }
  return sensitive;
}

function redactInto(out: Record<string, LogValue>, fields: LogFields): void {
  for (const k in fields) {
    if (!Object.prototype.hasOwnProperty.call(fields, k)) continue;
    const v = fields[k];
    if (v === undefined) continue;
    out[k] = isSensitive(k) ? '[redacted]' : clean(v);
  }
}

/** Replaces values of sensitive fields by "[redacted]"; keeps ids, counts and codes. */
export function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  redactInto(out, fields);
  return out;
}

function defaultWrite(line: string, level: LogLevel): void {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? defaultWrite;
  const now = options.now ?? (() => new Date());
  const emit = (at: LogLevel, event: string, fields?: LogFields): void => {
    if (ORDER[at] < ORDER[level]) return;
    const line: Record<string, LogValue> = { time: now().toISOString(), level: at, event: clean(event) };
    redactInto(line, base);
    if (fields) redactInto(line, fields);
    write(JSON.stringify(line), at);
  };
  return {
    level,
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests, tools). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => undefined });

/** The error's class and code, never its message (messages may quote input). */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { errorType: err.name, errorCode: typeof code === 'string' || typeof code === 'number' ? code : undefined };
  }
  return { errorType: typeof err };
}
