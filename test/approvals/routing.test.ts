import { parseDirectory } from '../../approvals/directory-load';
import { DEFAULT_ESCALATION_CHAIN } from '../../approvals/policy-roles';
import { NoRecipientError, requesterInfo, route } from '../../approvals/routing';
import { sampleDirectory, USERS } from './helpers';

const chain = DEFAULT_ESCALATION_CHAIN;
const dir = sampleDirectory();
const who = (u: { userId: string }) => requesterInfo(dir, u);

describe('routing', () => {
  it('sends a staff member\'s request to the holder of the role in their department', () => {
    const [a] = route(dir, who(USERS.alex), ['データ取扱責任者'], chain);
    expect(a).toMatchObject({ role: 'データ取扱責任者', assignedRole: 'データ取扱責任者', scope: 'department' });
    expect(a!.holders.map((h) => h.personId)).toEqual(['megan']);
    expect(a!.reason).toBeUndefined();
  });

  it('routes to exactly the roles named, once each', () => {
    const as = route(dir, who(USERS.alex), ['統括情報セキュリティ責任者', 'データ取扱責任者', 'データ取扱責任者'], chain);
    expect(as.map((a) => [a.role, a.holders.map((h) => h.personId)])).toEqual([
      ['統括情報セキュリティ責任者', ['adele']],
      ['データ取扱責任者', ['megan']],
    ]);
  });

  it('never lets the requester approve: the only holder goes up the chain, with the reason (第3章 3(7)ア)', () => {
    const [a] = route(dir, who(USERS.megan), ['データ取扱責任者'], chain);
    expect(a!.assignedRole).toBe('統括情報セキュリティ責任者');
    expect(a!.holders.map((h) => h.personId)).toEqual(['adele']);
    expect(a!.reason?.code).toBe('self-approval');
    expect(a!.reason?.text).toContain('兼務の禁止（第3章 3(7)ア）');
  });

  it('starts above the requester\'s own role when that role is in the chain', () => {
    const [a] = route(dir, who(USERS.adele), ['統括情報セキュリティ責任者'], chain);
    expect(a).toMatchObject({ assignedRole: 'CISO', reason: { code: 'self-approval' } });
    expect(a!.holders.map((h) => h.personId)).toEqual(['isaiah']);
  });

  it('keeps other holders when the requester is one of several', () => {
    const [a] = route(dir, who(USERS.patti), ['CSIRT'], chain);
    expect(a!.assignedRole).toBe('CSIRT');
    expect(a!.holders.map((h) => h.personId)).toEqual(['lynne']);
  });

  it('sends a role nobody holds up the chain and says so', () => {
    const [a] = route(dir, who(USERS.alex), ['情報セキュリティ管理者'], chain);
    expect(a).toMatchObject({ assignedRole: '統括情報セキュリティ責任者', reason: { code: 'unheld' } });
  });

  it('uses the configured chain', () => {
    const [a] = route(dir, who(USERS.megan), ['データ取扱責任者'], ['CISO']);
    expect(a!.assignedRole).toBe('CISO');
  });

  it('refuses when nobody but the requester could receive it', () => {
    expect(() => route(dir, who(USERS.isaiah), ['CISO'], chain)).toThrow(NoRecipientError);
    const solo = parseDirectory('people: [{id: a, name: A, department: d}]\ndepartments: [{id: d, name: D}]\nroles: {CISO: [a]}\n');
    expect(() => route(solo, requesterInfo(solo, { userId: 'a' }), ['データ取扱責任者'], chain)).toThrow(NoRecipientError);
  });

  it('routes a requester unknown to the directory through organisation roles', () => {
    const info = who(USERS.stranger);
    expect(info.personId).toBeUndefined();
    const [a] = route(dir, info, ['データ取扱責任者'], chain);
    expect(a).toMatchObject({ assignedRole: '統括情報セキュリティ責任者', reason: { code: 'unheld' } });
  });
});
