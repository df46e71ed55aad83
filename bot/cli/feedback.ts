// `npm run feedback -- --format csv|json [--output FILE|-] [--since 2026-04-01]`
// Exports the feedback staff gave on answers, each row with the answer it rates. Writes a file by default
// (feedback-<time>.csv in the working directory) because npm prints its own banner on stdout; `--output -`
// writes to stdout (use `npm run -s feedback -- --output -` to keep npm quiet).

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config';
import { type ExportFormat, formatFeedback } from '../feedback/export';
import { openStorage } from '../storage';

const argsSchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  output: z.string().min(1).optional(),
  since: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date such as 2026-04-01')
    .transform((s) => new Date(s).toISOString())
    .optional(),
});

export const USAGE = 'usage: npm run feedback -- [--format csv|json] [--output FILE|-] [--since YYYY-MM-DD]';

/** The default file name: feedback-20260401-093000.csv (local time). */
export function defaultOutput(format: ExportFormat, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `feedback-${stamp}.${format}`;
}

export interface FeedbackCliOptions {
  format: ExportFormat;
  output?: string;
  since?: string;
}

export function parseFeedbackArgs(argv: string[]): FeedbackCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, output: { type: 'string', short: 'o' }, since: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`--${String(issue.path[0] ?? 'format')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Writes the export to --output (default: a new file), or returns it for stdout with `--output -`. */
export async function runFeedbackExport(
  argv: string[],
  env = process.env,
  cwd = process.cwd(),
): Promise<{ text: string; rows: number; written?: string }> {
  const options = parseFeedbackArgs(argv);
  const output = options.output ?? defaultOutput(options.format);
  const config = loadConfig(env, { cwd });
  const storage = await openStorage(config.storage);
  try {
    const rows = await storage.feedback.export(options.since ? { since: options.since } : {});
    const text = formatFeedback(rows, options.format);
    if (output === '-') return { text, rows: rows.length };
    const file = resolve(cwd, output);
    writeFileSync(file, text, { flag: options.output ? 'w' : 'wx' });
    return { text, rows: rows.length, written: file };
  } finally {
    await storage.db.close();
  }
}

if (require.main === module) {
  runFeedbackExport(process.argv.slice(2)).then(
    (result) => {
      if (result.written) process.stderr.write(`feedback: ${result.rows} rows written to ${result.written}\n`);
      else process.stdout.write(result.text);
    },
    (err: unknown) => {
      const message = err instanceof ConfigError || err instanceof Error ? err.message : 'failed';
      process.stderr.write(`feedback: ${message}\n${USAGE}\n`);
      process.exit(2);
    },
  );
}
