// npm run policy:diff -- OLD.txt NEW.txt [--json] [--renumbered]
// Lists, by label, the clauses added, removed and changed between two revisions of the policy.
import { readFileSync } from 'node:fs';
import { diffPolicies } from '../diff';

const KIND = { added: '追加', removed: '削除', changed: '変更' } as const;

function main(argv: string[]): number {
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length !== 2) {
    process.stderr.write('使い方: npm run policy:diff -- 旧.txt 新.txt [--json] [--renumbered]\n');
    return 2;
  }
  const [oldText, newText] = files.map((f) => readFileSync(f, 'utf8')) as [string, string];
  const diff = diffPolicies(oldText, newText);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(diff, null, 2) + '\n');
    return 0;
  }
  const out: string[] = [];
  for (const c of diff.changes) {
    const label = c.oldLabel ? `${c.label}（旧 ${c.oldLabel}）` : c.label;
    out.push(`${KIND[c.kind]}\t${label}`);
    if (c.oldText !== undefined) out.push(`\t旧: ${c.oldText.replace(/\n/g, ' ')}`);
    if (c.newText !== undefined) out.push(`\t新: ${c.newText.replace(/\n/g, ' ')}`);
  }
  if (argv.includes('--renumbered')) for (const [o, n] of diff.renumbered) out.push(`番号変更\t${o} → ${n}`);
  const counts = (k: keyof typeof KIND) => diff.changes.filter((c) => c.kind === k).length;
  out.push(`追加 ${counts('added')} 件、削除 ${counts('removed')} 件、変更 ${counts('changed')} 件（番号のみの変更 ${diff.renumbered.length} 件は除く）`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
