// npm run records -- --kind carry-out|incident|permission --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json] [--out FILE]
// Exports the records for the auditors: CSV with Japanese headers, UTF-8 with BOM, safe to open in Excel.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { toCsv } from '../csv';
import { loadRecords, recordTable } from '../records';
import type { Io } from './audit-verify';
import { CliError, openExistingDb, storageSettings } from './env';

const USAGE = '使い方: npm run records -- --kind carry-out|incident|permission --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json] [--out ファイル]\n';

const argsSchema = z
  .object({
    kind: z.enum(['carry-out', 'incident', 'permission']),
    from: z.iso.date(),
    to: z.iso.date(),
    format: z.enum(['csv', 'json']).default('csv'),
    out: z.string().min(1).optional(),
  })
  .refine((a) => a.from <= a.to, { message: '--from は --to 以前の日付にしてください', path: ['from'] });

export async function recordsMain(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { kind: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    });
    const r = argsSchema.safeParse(values);
    if (!r.success) {
      const i = r.error.issues[0]!;
      io.err(`--${String(i.path[0] ?? '')}: ${i.message}\n${USAGE}`);
      return 2;
    }
    args = r.data;
  } catch {
    io.err(USAGE);
    return 2;
  }
  try {
    const db = await openExistingDb(storageSettings(env));
    try {
      const records = await loadRecords(db, { set: args.kind, from: args.from, to: args.to });
      const text = args.format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : (() => {
        const t = recordTable(args.kind, records);
        return toCsv(t.headers, t.rows);
      })();
      if (args.out) {
        writeFileSync(args.out, text, { mode: 0o600 });
        io.err(`${records.length} 件を ${args.out} に書き出しました。\n`);
      } else io.out(text);
      return 0;
    } finally {
      await db.close();
    }
  } catch (err) {
    io.err(`${err instanceof CliError || (err instanceof Error && /PostgreSQL|DATABASE_URL/.test(err.message)) ? err.message : `書き出せませんでした（${err instanceof Error ? err.name : 'error'}）`}\n`);
    return 2;
  }
}

if (require.main === module) {
  void recordsMain(process.argv.slice(2), process.env, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then((code) => {
    process.exitCode = code;
  });
}
