// Vocabulary files: the build's parsed copy is used only while its YAML is unchanged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { readDataFile, writeParsedData } from '../../knowledge/lexicon';

describe('parsed copies of the vocabulary files', () => {
  const schema = z.object({ words: z.array(z.string()) });
  let dir: string;
  let parsed: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-bot-vocab-'));
    parsed = join(dir, 'parsed');
    writeFileSync(join(dir, 'words.yaml'), 'words: [USBメモリ, ノートPC]\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the build writes one copy per YAML file, and reading uses it while the YAML is the same', () => {
    expect(writeParsedData(dir, parsed)).toEqual(['words.yaml']);
    expect(readDataFile('words.yaml', schema, dir, parsed)).toEqual({ words: ['USBメモリ', 'ノートPC'] });
    // Proof that the copy, not the YAML, was read: a copy changed by hand (same source hash) is what comes back.
    const copyPath = join(parsed, 'words.yaml.json');
    const copy = JSON.parse(readFileSync(copyPath, 'utf8')) as { sha256: string };
    writeFileSync(copyPath, JSON.stringify({ sha256: copy.sha256, data: { words: ['from the copy'] } }));
    expect(readDataFile('words.yaml', schema, dir, parsed)).toEqual({ words: ['from the copy'] });
  });

  test('an edited YAML is read as edited, without a rebuild; a missing or broken copy is no error', () => {
    writeParsedData(dir, parsed);
    writeFileSync(join(dir, 'words.yaml'), 'words: [USBメモリ, ノートPC, 私物スマホ]\n');
    expect(readDataFile('words.yaml', schema, dir, parsed).words).toContain('私物スマホ');
    writeFileSync(join(parsed, 'words.yaml.json'), '{not json');
    expect(readDataFile('words.yaml', schema, dir, parsed).words).toHaveLength(3);
    expect(readDataFile('words.yaml', schema, dir, join(dir, 'nowhere')).words).toHaveLength(3);
  });

  test('a copy is still validated: bad data is reported with the file and field', () => {
    writeParsedData(dir, parsed);
    const copyPath = join(parsed, 'words.yaml.json');
    const copy = JSON.parse(readFileSync(copyPath, 'utf8')) as { sha256: string };
    writeFileSync(copyPath, JSON.stringify({ sha256: copy.sha256, data: { words: 'not a list' } }));
    expect(() => readDataFile('words.yaml', schema, dir, parsed)).toThrow(/words\.yaml: words/);
  });
});
