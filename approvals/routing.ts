// Who receives a request: the holders of each role the request names, resolved from the requester's department,
// with separation of duties (第3章 3(7)ア): nobody approves their own request. When the requester is the only
// holder of a role, or nobody holds it, the request goes up the escalation chain and the reason is recorded.
import { personRef, type Directory, type PersonRef } from './directory';

export type RouteReasonCode = 'self-approval' | 'unheld';

export interface RouteReason {
  code: RouteReasonCode;
  /** One Japanese sentence for the card (why somebody else than the named role decides). */
  text: string;
}

export interface Assignment {
  /** The role the request named. */
  role: string;
  /** The role whose holders actually receive it (differs from `role` after escalation). */
  assignedRole: string;
  scope: 'department' | 'organisation';
  holders: PersonRef[];
  reason?: RouteReason;
}

export interface RequesterInfo {
  userId: string;
  personId?: string;
  name?: string;
  departmentId?: string;
  departmentName?: string;
}

export class NoRecipientError extends Error {
  constructor(readonly role: string) {
    super(`no one can receive a request for role ${role}`);
    this.name = 'NoRecipientError';
  }
}

/** Identifies the requester in the directory (undefined person: not listed; department roles then do not apply). */
export function requesterInfo(directory: Directory, requester: { userId: string; name?: string }): RequesterInfo {
  const person = directory.person(requester.userId);
  if (!person) return requester.name ? { userId: requester.userId, name: requester.name } : { userId: requester.userId };
  const dept = directory.department(person.department);
  return {
    userId: requester.userId,
    personId: person.id,
    name: person.name,
    departmentId: person.department,
    ...(dept ? { departmentName: dept.name } : {}),
  };
}

/**
 * One assignment per named role (duplicates dropped), in the order given. Throws NoRecipientError when neither
 * the role nor any role of the chain has a holder other than the requester.
 */
export function route(
  directory: Directory,
  requester: RequesterInfo,
  roles: readonly string[],
  chain: readonly string[],
): Assignment[] {
  return [...new Set(roles)].map((role) => assign(directory, requester, role, chain));
}

export function assign(directory: Directory, requester: RequesterInfo, role: string, chain: readonly string[]): Assignment {
  const own = directory.holders(role, requester.departmentId);
  const others = own ? own.people.filter((p) => p.id !== requester.personId) : [];
  if (own && others.length > 0) return { role, assignedRole: role, scope: own.scope, holders: others.map(personRef) };

  const code: RouteReasonCode = own ? 'self-approval' : 'unheld';
  const start = chain.indexOf(role) + 1; // 0 when the role is not in the chain
  for (const next of chain.slice(start)) {
    const h = directory.holders(next, requester.departmentId);
    const people = h ? h.people.filter((p) => p.id !== requester.personId) : [];
    if (h && people.length > 0) {
      return { role, assignedRole: next, scope: h.scope, holders: people.map(personRef), reason: { code, text: reasonText(code, role, next) } };
    }
  }
  throw new NoRecipientError(role);
}

export function reasonText(code: RouteReasonCode, role: string, next: string): string {
  return code === 'self-approval'
    ? `申請者ご本人が${role}のため、兼務の禁止（第3章 3(7)ア）により${next}へ回付しています。`
    : `${role}が組織名簿に登録されていないため、${next}へ回付しています。`;
}

/** Everyone an assignment list reaches, once each. */
export function holdersOf(assignments: readonly { holders: PersonRef[] }[]): PersonRef[] {
  const seen = new Map<string, PersonRef>();
  for (const a of assignments) for (const h of a.holders) if (!seen.has(h.personId)) seen.set(h.personId, h);
  return [...seen.values()];
}
