// `npm run playground -- --as megan`: the Playground's configuration with another current user.
import { parse } from 'yaml';
import { loadDirectory } from '../../approvals/directory-load';
import { PLAYGROUND_TENANT, PLAYGROUND_USERS, PLAYGROUND_USER_KEYS, playgroundConfigYaml } from '../../bot/playground/users';
import { sampleDirectoryPath } from '../../bot/config';

describe('Playground users', () => {
  it('makes the chosen person the current user, keeps the others, and opens a chat of its own', () => {
    const a = parse(playgroundConfigYaml('megan'));
    const b = parse(playgroundConfigYaml('megan'));
    expect(a.currentUser).toEqual({ ...PLAYGROUND_USERS.megan });
    expect(a.currentUser).toMatchObject({ id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' });
    expect(a.users.map((u: { id: string }) => u.id)).toEqual(['user-id-0', 'user-id-2', 'user-id-3', 'user-id-4', 'user-id-5']);
    expect(a.tenantId).toBe(PLAYGROUND_TENANT);
    expect(a.personalChat.id).not.toBe(b.personalChat.id);
  });

  it('are the people of the sample directory (by their Entra object ids)', () => {
    const directory = loadDirectory(sampleDirectoryPath());
    expect(directory.tenantId).toBe(PLAYGROUND_TENANT);
    for (const key of PLAYGROUND_USER_KEYS) {
      const u = PLAYGROUND_USERS[key];
      expect(directory.person(u.aadObjectId)).toMatchObject({ id: key, name: u.name });
    }
  });
});
