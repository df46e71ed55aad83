// State survives a new process: each turn is handled by a fresh node process on the same SQLite file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { DialogInput, Output } from '../../dialogs/types';

describe('restart between turns', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dialogs-restart-'));
  const cli = path.join(dir, 'dialog-cli.js');
  beforeAll(() => {
    buildSync({ entryPoints: ['test/dialogs/fixtures/dialog-cli.ts'], bundle: true, platform: 'node', packages: 'external', outfile: cli, logLevel: 'warning' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function turn(input: DialogInput): Output[] {
    const out = execFileSync(process.execPath, [cli, JSON.stringify(input)], { env: { ...process.env, DATA_DIR: dir, NODE_PATH: path.resolve('node_modules') }, cwd: process.cwd(), encoding: 'utf8' });
    return JSON.parse(out) as Output[];
  }

  test('each step in a new process continues where the last one stopped', () => {
    expect(turn({ type: 'start', procedure: 'infection' }).at(-1)).toMatchObject({ type: 'question', step: 'device' });
    expect(turn({ type: 'text', text: 'パソコン' }).at(-1)).toMatchObject({ step: 'unplugged' });
    expect(turn({ type: 'text', text: '戻る' }).at(-1)).toMatchObject({ step: 'device', previous: 'パソコン' });
    expect(turn({ type: 'text', text: 'スマホ' }).at(-1)).toMatchObject({ step: 'offline' });
    for (const t of ['オフにした', 'リンク', 'なし', '今朝']) turn({ type: 'text', text: t });
    const done = turn({ type: 'text', text: '報告する' });
    expect(done.map((o) => o.type)).toEqual(['submitted', 'notice']);
  });
});
