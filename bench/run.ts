// `npm run bench [-- name …]`: compiles each benchmark in bench/list.ts (esbuild bundle, or the project's tsc
// build), runs it in its own node process with a time limit, and prints a summary. Exits non-zero if any
// benchmark failed or missed its target.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BENCHMARKS, type Benchmark } from './list';

function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

interface Outcome {
  name: string;
  code: number | null;
  seconds: number;
  timedOut: boolean;
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
function run(command: string, args: string[], cwd: string): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.once('exit', (code) => done(code));
    child.once('error', () => done(1));
  });
}

let projectBuild: Promise<number | null> | undefined;

/** The JavaScript file to run for a benchmark. */
async function compile(root: string, bench: Benchmark): Promise<string> {
  if (bench.compile === 'tsc') {
    // Once per run, for all benchmarks that need it.
    projectBuild ??= run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], root);
    if ((await projectBuild) !== 0) throw new Error('npm run build failed');
    return join(root, 'dist', bench.file.replace(/\.ts$/, '.js'));
  }
  const outfile = join(root, 'dist', 'bench', `${bench.name}.js`);
  await build({
    entryPoints: [join(root, bench.file)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

async function runOne(root: string, bench: Benchmark): Promise<Outcome> {
  console.log(`\n=== ${bench.name} (${bench.file}) ===`);
  let file: string;
  try {
    file = await compile(root, bench);
  } catch (err) {
    console.log(`${bench.name}: could not compile: ${err instanceof Error ? err.message : err}`);
    return { name: bench.name, code: 1, seconds: 0, timedOut: false };
  }
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--enable-source-maps', file], {
      cwd: root,
      stdio: 'inherit',
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`${bench.name}: still running after ${bench.timeoutMs / 1000} s, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, bench.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ name: bench.name, code, seconds: (Date.now() - started) / 1000, timedOut });
    });
  });
}

async function main(): Promise<number> {
  const root = repoRoot();
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const chosen = wanted.length > 0 ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
  const outcomes: Outcome[] = [];
  for (const bench of chosen) outcomes.push(await runOne(root, bench));

  console.log('\n=== summary ===');
  for (const o of outcomes) {
    const status = o.timedOut ? 'TIMED OUT' : o.code === 0 ? 'ok' : `FAILED (exit ${o.code})`;
    console.log(`${o.name.padEnd(24)} ${status.padEnd(18)} ${o.seconds.toFixed(0)} s`);
  }
  return outcomes.every((o) => o.code === 0 && !o.timedOut) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`${basename(__filename)}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
