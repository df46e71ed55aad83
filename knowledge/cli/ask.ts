// npm run ask -- "USBメモリを家に持ち帰ってもいいですか"     the reply for a person
// npm run ask -- --json "…"                                 the structured answer
// npm run ask -- --explain "…"                              the answer and what led to it
// npm run --silent ask -- --batch < questions.jsonl          FORMAT.md's batch contract (JSON lines in and out)
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { loadKnowledgeEngine } from '../engine';
import { createAnswerer } from '../llm/answerer';
import type { Answer } from '../types';

const BatchLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), q: z.string() });

export type Answerer = (question: string) => Promise<Answer>;

/** FORMAT.md's batch contract: {"id","q"} lines in, one {"id","verdict","approvers","citations"} line out each. */
export async function batch(answer: Answerer, input: Readable = process.stdin, output: Writable = process.stdout, errors: Writable = process.stderr): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let bad = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    let parsed: z.infer<typeof BatchLine>;
    try {
      parsed = BatchLine.parse(JSON.parse(line));
    } catch {
      bad++;
      errors.write(`skipped a line that is not {"id","q"} JSON\n`);
      continue;
    }
    const a = await answer(parsed.q);
    output.write(JSON.stringify({ id: parsed.id, verdict: a.verdict, approvers: a.roles, citations: a.citations.map((c) => c.label) }) + '\n');
  }
  return bad ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const question = argv.filter((a) => !a.startsWith('--')).join(' ');
  const engine = loadKnowledgeEngine();
  // The configured mode: offline (the reference) unless an OpenAI-compatible model is configured.
  const answer: Answerer = createAnswerer(engine, process.env);
  if (flags.has('--batch')) return batch(answer);
  if (!question) {
    process.stderr.write('使い方: npm run ask -- "質問" [--json | --explain]  または  npm run --silent ask -- --batch < 質問.jsonl\n');
    return 2;
  }
  if (flags.has('--explain')) {
    process.stdout.write(JSON.stringify(engine.explain(question), null, 2) + '\n');
  } else if (flags.has('--json')) {
    process.stdout.write(JSON.stringify(await answer(question), null, 2) + '\n');
  } else {
    process.stdout.write((await answer(question)).reply + '\n');
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`エラー: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
