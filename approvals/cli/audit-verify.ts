// npm run audit:verify — walks the audit log's hash chain and names the first entry altered, removed or inserted.
// Exit code 0: intact; 1: tampering found; 2: could not check (settings, database).
import { parseArgs } from 'node:util';
import { verifyAudit, type AuditProblemKind } from '../audit';
import { CliError, openExistingDb, storageSettings } from './env';

const KIND_JA: Record<AuditProblemKind, string> = { altered: '書き換えられています', removed: '削除されています', inserted: '挿入されています' };

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function auditVerifyMain(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let json = false;
  try {
    json = !!parseArgs({ args: argv, options: { json: { type: 'boolean' } }, strict: true }).values.json;
  } catch {
    io.err('使い方: npm run audit:verify [-- --json]\n');
    return 2;
  }
  try {
    const db = await openExistingDb(storageSettings(env));
    try {
      const v = await verifyAudit(db);
      if (json) io.out(`${JSON.stringify(v)}\n`);
      else if (v.ok) io.out(`監査ログは改ざんされていません（${v.entries} 件、最後の番号 ${v.head.seq}、ハッシュ ${v.head.hash}）。\n`);
      else io.out(`監査ログの改ざんを検出しました: 第 ${v.problem!.seq} 件が${KIND_JA[v.problem!.kind]}（${v.problem!.detail}）。\n`);
      return v.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  } catch (err) {
    io.err(`${err instanceof CliError || (err instanceof Error && /PostgreSQL|DATABASE_URL/.test(err.message)) ? err.message : `検証できませんでした（${err instanceof Error ? err.name : 'error'}）`}\n`);
    return 2;
  }
}

if (require.main === module) {
  void auditVerifyMain(process.argv.slice(2), process.env, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then((code) => {
    process.exitCode = code;
  });
}
