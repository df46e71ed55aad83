import { DirectoryError, parseDirectory } from '../../approvals/directory-load';
import { POLICY_ROLE_NAMES, policyRoleNames } from '../../approvals/policy-roles';
import { loadKnowledgeEngine } from '../../knowledge/engine';
import { sampleDirectory, USERS } from './helpers';

function problemsOf(text: string) {
  try {
    parseDirectory(text, 'dir.yaml');
  } catch (err) {
    if (err instanceof DirectoryError) return err.problems;
    throw err;
  }
  throw new Error('expected a DirectoryError');
}

describe('sample directory', () => {
  const dir = sampleDirectory();

  it('maps the Agents Playground default users by aadObjectId and by id', () => {
    expect(dir.person(USERS.alex.userId)?.id).toBe('alex');
    expect(dir.person('00000000-0000-0000-0000-0000000000025')?.name).toBe('Lynne Robbins');
    expect(dir.person('megan')?.department).toBe('somu');
    expect(dir.person(USERS.alex.userId.toUpperCase())?.id).toBe('alex');
    expect(dir.person('user-id-0')).toBeUndefined();
    expect(dir.tenantId).toBe('00000000-0000-0000-0000-0000000000001');
  });

  it('resolves department roles from the department and organisation roles from roles', () => {
    expect(dir.holders('データ取扱責任者', 'somu')?.people.map((p) => p.id)).toEqual(['megan']);
    expect(dir.holders('データ取扱責任者', 'kyufu')?.people.map((p) => p.id)).toEqual(['yamada']);
    expect(dir.holders('データ取扱責任者', 'jimukyoku')).toBeUndefined();
    expect(dir.holders('統括情報セキュリティ責任者', 'somu')).toMatchObject({ scope: 'organisation' });
    expect(dir.holders('CSIRT')?.people.map((p) => p.id)).toEqual(['patti', 'lynne']);
  });

  it('warns about the policy roles nobody holds, without failing', () => {
    const unheld = dir.unheldRoles(POLICY_ROLE_NAMES);
    expect(unheld.sort()).toEqual(['副CISO', '情報システム管理者', '情報セキュリティ管理者', '最高情報セキュリティアドバイザー', 'データ保護管理者'].sort());
    const warnings = dir.warnings(POLICY_ROLE_NAMES);
    expect(warnings.filter((w) => w.code === 'role-unheld').map((w) => w.role).sort()).toEqual(unheld.sort());
    expect(warnings.some((w) => w.code === 'role-not-in-policy')).toBe(false);
  });

  it('takes the role names from the knowledge engine\'s clause tree; the fallback list names the same roles', () => {
    const fromPolicy = policyRoleNames(loadKnowledgeEngine().clauses);
    expect(new Set(fromPolicy)).toEqual(new Set(POLICY_ROLE_NAMES));
    expect(dir.unheldRoles(fromPolicy)).toEqual(expect.arrayContaining(['情報セキュリティ管理者', 'データ保護管理者']));
    expect(dir.unheldRoles(fromPolicy)).not.toContain('データ取扱責任者');
  });

  it('has a stable content hash that ignores formatting', () => {
    const json = JSON.stringify(dir.data, null, 2);
    expect(parseDirectory(json, 'copy.json').hash).toBe(dir.hash);
    expect(dir.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('directory validation', () => {
  it('names the line and the person whose department does not exist', () => {
    const problems = problemsOf(
      ['people:', '  - id: sato', '    name: 佐藤 花子', '    department: jimu', '  - id: kato', '    name: 加藤 一郎', '    department: nowhere', 'departments:', '  - id: jimu', '    name: 総務課', 'roles: {}'].join('\n'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 7, subject: '職員 kato', path: 'people[1].department' });
    expect(problems[0]!.message).toContain('nowhere');
  });

  it('names the role whose holder is not a person, in JSON too', () => {
    const json = `{
  "people": [{"id": "sato", "name": "佐藤 花子", "department": "jimu"}],
  "departments": [{"id": "jimu", "name": "事務局 総務課", "roles": {"データ取扱責任者": ["kato"]}}],
  "roles": {"CISO": ["sato"],
            "統括情報セキュリティ責任者": ["deputy"]}
}`;
    const problems = problemsOf(json);
    expect(problems.map((p) => [p.line, p.subject])).toEqual([
      [3, '部署 jimu の役割「データ取扱責任者」'],
      [5, '役割「統括情報セキュリティ責任者」'],
    ]);
  });

  it('reports missing and misspelt fields with their line', () => {
    const problems = problemsOf(['people:', '  - id: sato', '    nme: 佐藤', '    department: jimu', 'departments: []'].join('\n'));
    const missing = problems.find((p) => p.message.includes('name'));
    const unknown = problems.find((p) => p.message.includes('nme'));
    expect(missing).toMatchObject({ line: 2, subject: '職員 sato' });
    expect(unknown).toMatchObject({ line: 3, subject: '職員 sato' });
  });

  it('reports schema errors and broken references together, in line order', () => {
    const problems = problemsOf(['people:', '  - id: kato', '    nme: 加藤', '    department: somu', 'departments: []', 'roles:', '  CISO: [director]'].join('\n'));
    expect(problems.map((p) => [p.line, p.subject])).toEqual([
      [2, '職員 kato'],
      [3, '職員 kato'],
      [4, '職員 kato'],
      [7, '役割「CISO」'],
    ]);
  });

  it('refuses duplicate ids and aadObjectIds', () => {
    const problems = problemsOf(
      [
        'people:',
        '  - {id: a, aadObjectId: "11111111-1111-1111-1111-111111111111", name: A, department: d}',
        '  - {id: a, name: B, department: d}',
        '  - {id: c, aadObjectId: "11111111-1111-1111-1111-111111111111", name: C, department: d}',
        'departments: [{id: d, name: D}]',
      ].join('\n'),
    );
    expect(problems.map((p) => [p.line, p.subject])).toEqual([
      [3, '職員 a'],
      [4, '職員 c'],
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with a line, and never throws anything else', () => {
    expect(problemsOf('people: [\n')[0]!.line).toBeGreaterThan(0);
    expect(problemsOf('people: []\npeople: []\ndepartments: []\n')[0]).toMatchObject({ line: 2 });
    for (const junk of ['', '42', '[]', 'null', '"x"', '{people: 3}', 'people:\n  - 1\n']) {
      expect(() => parseDirectory(junk)).toThrow(DirectoryError);
    }
  });

  it('flags roles the policy does not name (likely typos)', () => {
    const dir = parseDirectory('people: [{id: a, name: A, department: d}]\ndepartments: [{id: d, name: D, roles: {データ取り扱い責任者: [a]}}]\n');
    expect(dir.warnings(POLICY_ROLE_NAMES).find((w) => w.code === 'role-not-in-policy')?.role).toBe('データ取り扱い責任者');
    expect(dir.warnings(POLICY_ROLE_NAMES).find((w) => w.code === 'person-not-in-teams')?.personId).toBe('a');
  });
});
