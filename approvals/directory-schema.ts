// The organisation directory file (ORG_DIRECTORY), as zod validates it. Cross-references (departments,
// role holders, duplicates) are checked in directory-load.ts, where each problem gets its line.
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '英数字・「.」「_」「-」の64文字以内で指定してください');

/** Teams identifies people by their Azure AD object id; the Agents Playground uses ids that are not strict GUIDs. */
const aadObjectId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, '英数字と「-」の64文字以内で指定してください');

const roleName = z.string().trim().min(1, '役割名が空です').max(64, '役割名が長すぎます');

const holders = z.array(slug).max(100);

export const personSchema = z.strictObject({
  id: slug,
  aadObjectId: aadObjectId.optional(),
  name: z.string().trim().min(1, '氏名が空です').max(100),
  email: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'メールアドレスの形式ではありません').max(254).optional(),
  department: slug,
});

export const departmentSchema = z.strictObject({
  id: slug,
  name: z.string().trim().min(1, '部署名が空です').max(100),
  roles: z.record(roleName, holders).default({}),
});

export const directorySchema = z.strictObject({
  tenantId: z.string().trim().min(1).max(64).optional(),
  people: z.array(personSchema).max(5000),
  departments: z.array(departmentSchema).max(500),
  roles: z.record(roleName, holders).default({}),
});

export type PersonEntry = z.infer<typeof personSchema>;
export type DepartmentEntry = z.infer<typeof departmentSchema>;
export type DirectoryData = z.infer<typeof directorySchema>;
