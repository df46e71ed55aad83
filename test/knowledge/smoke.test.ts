import { readFileSync } from 'node:fs';
test('policy text ships inside knowledge/', () => {
  expect(readFileSync('knowledge/policy/oita-kouiki-security-policy.txt', 'utf8')).toContain('情報セキュリティポリシー');
});
