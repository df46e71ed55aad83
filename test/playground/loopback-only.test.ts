// The preload that keeps the Agents Playground on loopback: whatever a program passes to listen(), TCP servers
// end up on 127.0.0.1; Unix sockets are untouched.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackPreload } from '../../bot/playground/playground';

/** Runs a script under the preload; it prints one JSON address per server it opens. */
function addressesUnderPreload(script: string): unknown[] {
  const run = spawnSync(process.execPath, ['--require', loopbackPreload(), '-e', script], { encoding: 'utf8', timeout: 20_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

const open = (listenArgs: string) => `
  const net = require('node:net');
  const s = net.createServer();
  s.listen(${listenArgs});
  s.on('listening', () => {
    const a = s.address();
    console.log(JSON.stringify(typeof a === 'string' ? a : a.address));
    s.close();
  });
`;

describe('loopback-only preload', () => {
  test.each([
    ['listen(port)', '0'],
    ['listen(port, "0.0.0.0")', '0, "0.0.0.0"'],
    ['listen(port, "::", backlog)', '0, "::", 100'],
    ['listen(port-as-string)', '"0"'],
    ['listen({ port })', '{ port: 0 }'],
    ['listen({ port, host: "0.0.0.0" })', '{ port: 0, host: "0.0.0.0" }'],
    ['listen()', ''],
    ['listen(callback)', '() => {}'],
  ])('%s binds 127.0.0.1', (_name, args) => {
    expect(addressesUnderPreload(open(args))).toEqual(['127.0.0.1']);
  });

  test('an http server started the way the Playground starts it binds 127.0.0.1', () => {
    const script = `
      const http = require('node:http');
      const s = http.createServer(() => {});
      s.listen(0, () => { console.log(JSON.stringify(s.address().address)); s.close(); });
    `;
    expect(addressesUnderPreload(script)).toEqual(['127.0.0.1']);
  });

  test('Unix socket paths are left alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopback-only-'));
    try {
      const path = join(dir, 'sock');
      expect(addressesUnderPreload(open(JSON.stringify(path)))).toEqual([path]);
      expect(addressesUnderPreload(open(`{ path: ${JSON.stringify(path)} }`))).toEqual([path]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
