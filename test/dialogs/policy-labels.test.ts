// Every clause label the procedures cite is a real place in the policy, and the quotes the tests use are verbatim.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUSE_PHRASES, POLICY_TEXT, quote } from './helpers/policy-quotes';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const LABEL = /第[0-9]+章 [0-9]+(?:\([0-9]+\))?[ア-ン①-⑳]?(?:\([ア-ン]\))?[a-z]?/g;

describe('clause labels in dialogs/', () => {
  const used = new Set<string>();
  for (const file of sources('dialogs')) {
    for (const m of readFileSync(file, 'utf8').matchAll(LABEL)) used.add(m[0]);
  }

  test('the procedures cite clauses', () => {
    expect(used.size).toBeGreaterThanOrEqual(15);
  });

  test.each([...used].sort())('%s has a verbatim quote in the policy', (label) => {
    const phrase = CLAUSE_PHRASES[label];
    expect(phrase).toBeDefined();
    expect(POLICY_TEXT).toContain(phrase);
    expect(quote(label)?.text).toContain(phrase);
  });
});
