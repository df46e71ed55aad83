import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZip, readZip, ZipFormatError, type ZipEntry } from '../../manifest/zip';

const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const entries: ZipEntry[] = [
  { name: 'manifest.json', data: Buffer.from(JSON.stringify({ name: '情報セキュリティ', list: Array(50).fill('repeat') })) },
  { name: 'random.bin', data: bytes(4096, 7) },
  { name: 'empty.txt', data: new Uint8Array(0) },
  { name: 'dir/nested.txt', data: Buffer.from('nested\n') },
];

describe('ZIP writer', () => {
  test('what is written reads back identically, deflating only where it helps', () => {
    const back = readZip(createZip(entries));
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    back.forEach((e, i) => expect(Buffer.from(e.data).equals(Buffer.from(entries[i]!.data))).toBe(true));
    expect(back.map((e) => e.method)).toEqual([8, 0, 0, 0]); // random and tiny data grow when deflated
  });

  test('the same files always give the same bytes', () => {
    expect(createZip(entries).equals(createZip(entries))).toBe(true);
  });

  test('the system unzip accepts the archive and lists exactly its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    try {
      const file = join(dir, 'a.zip');
      writeFileSync(file, createZip(entries));
      if (hasUnzip) {
        const tested = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
        expect(tested).toContain('No errors detected');
        const listed = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
        expect(listed).toEqual(entries.map((e) => e.name));
      } else {
        // Without unzip on this machine, the archive is still checked by the independent reader.
        expect(readZip(createZip(entries))).toHaveLength(entries.length);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses unsafe or duplicate names', () => {
    for (const name of ['', '/abs.txt', '../up.txt', 'a/../b', 'a\\b', 'a//b']) {
      expect(() => createZip([{ name, data: new Uint8Array(1) }])).toThrow(ZipFormatError);
    }
    expect(() => createZip([{ name: 'a', data: new Uint8Array(1) }, { name: 'a', data: new Uint8Array(2) }])).toThrow(/Duplicate/);
  });

  test('the reader detects corruption', () => {
    const zip = createZip(entries);
    const damaged = Buffer.from(zip);
    const dataAt = 30 + 'manifest.json'.length + 3; // inside the first entry's data
    damaged[dataAt] = (damaged[dataAt] as number) ^ 0x55;
    expect(() => readZip(damaged)).toThrow(ZipFormatError);
    expect(() => readZip(zip.subarray(0, zip.length - 10))).toThrow(/end of central directory/);
    expect(() => readZip(Buffer.from('PK not really'))).toThrow(ZipFormatError);
  });
});
