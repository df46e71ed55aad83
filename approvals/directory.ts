// The organisation directory in memory: who people are and who holds which role.
// Department roles resolve from the requester's department, organisation roles from `roles`.
import type { DepartmentEntry, DirectoryData, PersonEntry } from './directory-schema';

/** A person as requests remember them (a snapshot: later directory changes do not re-route stored requests). */
export interface PersonRef {
  personId: string;
  aadObjectId?: string;
  name: string;
}

export interface RoleHolders {
  role: string;
  scope: 'department' | 'organisation';
  people: PersonEntry[];
}

export interface DirectoryWarning {
  code: 'role-unheld' | 'role-not-in-policy' | 'person-not-in-teams' | 'tenant-mismatch';
  message: string;
  role?: string;
  personId?: string;
}

export function personRef(p: PersonEntry): PersonRef {
  return p.aadObjectId ? { personId: p.id, aadObjectId: p.aadObjectId, name: p.name } : { personId: p.id, name: p.name };
}

export class Directory {
  readonly tenantId: string | undefined;
  private readonly byId = new Map<string, PersonEntry>();
  private readonly byAad = new Map<string, PersonEntry>();
  private readonly departments = new Map<string, DepartmentEntry>();

  /** hash: SHA-256 of the directory's canonical JSON (what the audit log records on load). */
  constructor(readonly data: DirectoryData, readonly hash: string, readonly source: string) {
    this.tenantId = data.tenantId;
    for (const p of data.people) {
      this.byId.set(p.id, p);
      if (p.aadObjectId) this.byAad.set(p.aadObjectId.toLowerCase(), p);
    }
    for (const d of data.departments) this.departments.set(d.id, d);
  }

  get people(): readonly PersonEntry[] {
    return this.data.people;
  }

  /** The person a Teams user id stands for: matched by aadObjectId (Teams) or by directory id. */
  person(userId: string): PersonEntry | undefined {
    return this.byAad.get(userId.toLowerCase()) ?? this.byId.get(userId);
  }

  personById(id: string): PersonEntry | undefined {
    return this.byId.get(id);
  }

  department(id: string): DepartmentEntry | undefined {
    return this.departments.get(id);
  }

  /**
   * Who holds a role for a requester of the given department: the department's own holders when it names the
   * role, else the organisation's. Undefined when nobody holds it.
   */
  holders(role: string, departmentId?: string): RoleHolders | undefined {
    const dept = departmentId ? this.departments.get(departmentId) : undefined;
    const deptIds = dept?.roles[role];
    if (deptIds && deptIds.length > 0) return { role, scope: 'department', people: this.resolve(deptIds) };
    const orgIds = this.data.roles[role];
    if (orgIds && orgIds.length > 0) return { role, scope: 'organisation', people: this.resolve(orgIds) };
    return undefined;
  }

  /** Every role somebody holds, in a department or in the organisation. */
  heldRoles(): Set<string> {
    const held = new Set<string>();
    for (const [role, ids] of Object.entries(this.data.roles)) if (ids.length > 0) held.add(role);
    for (const d of this.data.departments)
      for (const [role, ids] of Object.entries(d.roles)) if (ids.length > 0) held.add(role);
    return held;
  }

  /** The names among `roleNames` that nobody holds. */
  unheldRoles(roleNames: readonly string[]): string[] {
    const held = this.heldRoles();
    return [...new Set(roleNames)].filter((r) => !held.has(r));
  }

  /**
   * Start-up warnings (never fatal): roles the policy names that nobody holds, roles the directory gives
   * that the policy does not name (likely typos), people Teams cannot reach (no aadObjectId).
   */
  warnings(policyRoles: readonly string[], expectedTenantId?: string): DirectoryWarning[] {
    const out: DirectoryWarning[] = [];
    for (const role of this.unheldRoles(policyRoles))
      out.push({ code: 'role-unheld', role, message: `ポリシーが定める役割「${role}」を担当する人が名簿にいません` });
    const known = new Set(policyRoles);
    for (const role of this.heldRoles())
      if (!known.has(role))
        out.push({ code: 'role-not-in-policy', role, message: `役割「${role}」はポリシーに出てきません（表記の誤りではありませんか）` });
    for (const p of this.data.people)
      if (!p.aadObjectId)
        out.push({ code: 'person-not-in-teams', personId: p.id, message: `職員 ${p.id} に aadObjectId がないため Teams で通知できません` });
    if (expectedTenantId && this.tenantId && expectedTenantId !== this.tenantId)
      out.push({ code: 'tenant-mismatch', message: `名簿の tenantId がボットの設定と一致しません` });
    return out;
  }

  private resolve(ids: readonly string[]): PersonEntry[] {
    const out: PersonEntry[] = [];
    for (const id of ids) {
      const p = this.byId.get(id);
      if (p && !out.includes(p)) out.push(p);
    }
    return out;
  }
}
