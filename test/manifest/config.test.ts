import { PackageConfigError, readPackageConfig, settingForField, type ConfigIssue } from '../../manifest/config';
import { ENV_A } from './fixtures';

const defaults = { version: '0.1.0' };

function issuesFor(env: Record<string, string | undefined>): ConfigIssue[] {
  try {
    readPackageConfig(env, defaults);
  } catch (e) {
    expect(e).toBeInstanceOf(PackageConfigError);
    return [...(e as PackageConfigError).issues];
  }
  throw new Error('expected the settings to be refused');
}

describe('packaging settings', () => {
  test('the three required settings give a complete configuration with derived defaults', () => {
    const c = readPackageConfig(ENV_A, defaults);
    expect(c).toEqual({
      teamsAppId: ENV_A.TEAMS_APP_ID,
      botId: ENV_A.BOT_ID,
      host: 'bot.example.lg.jp',
      version: '0.1.0',
      ssoAppId: ENV_A.BOT_ID,
      ssoResource: `api://bot.example.lg.jp/${ENV_A.BOT_ID}`,
      developerName: '大分県後期高齢者医療広域連合',
      websiteUrl: 'https://bot.example.lg.jp/',
      privacyUrl: 'https://bot.example.lg.jp/privacy',
      termsOfUseUrl: 'https://bot.example.lg.jp/terms',
    });
  });

  test('every optional setting overrides its default', () => {
    const sso = 'c0ffee00-1234-4abc-8def-0123456789ab';
    const c = readPackageConfig(
      {
        ...ENV_A,
        APP_VERSION: '1.2.3',
        SSO_APP_ID: sso,
        SSO_RESOURCE: `api://bot.example.lg.jp/botid-${sso}`,
        DEVELOPER_NAME: '情報政策課',
        DEVELOPER_WEBSITE_URL: 'https://www.example.lg.jp/',
        PRIVACY_URL: 'https://www.example.lg.jp/privacy.html',
        TERMS_OF_USE_URL: 'https://www.example.lg.jp/terms.html',
      },
      defaults,
    );
    expect(c.version).toBe('1.2.3');
    expect(c.ssoAppId).toBe(sso);
    expect(c.ssoResource).toBe(`api://bot.example.lg.jp/botid-${sso}`);
    expect(c.developerName).toBe('情報政策課');
    expect([c.websiteUrl, c.privacyUrl, c.termsOfUseUrl]).toEqual([
      'https://www.example.lg.jp/',
      'https://www.example.lg.jp/privacy.html',
      'https://www.example.lg.jp/terms.html',
    ]);
  });

  test("the bot id can come from the Agents SDK's own variables, matched case-insensitively", () => {
    const base = { TEAMS_APP_ID: ENV_A.TEAMS_APP_ID, PUBLIC_HOSTNAME: 'bot.example.lg.jp' };
    expect(readPackageConfig({ ...base, clientId: ENV_A.BOT_ID }, defaults).botId).toBe(ENV_A.BOT_ID);
    expect(readPackageConfig({ ...base, CLIENTID: ENV_A.BOT_ID }, defaults).botId).toBe(ENV_A.BOT_ID);
    expect(readPackageConfig({ ...base, MicrosoftAppId: ENV_A.BOT_ID }, defaults).botId).toBe(ENV_A.BOT_ID);
    expect(readPackageConfig({ ...base, PUBLIC_HOSTNAME: 'x.example.jp', BOT_HOST: 'bot.example.lg.jp', BOT_ID: ENV_A.BOT_ID }, defaults).host).toBe(
      'bot.example.lg.jp',
    );
    // BOT_ID wins over clientId
    const other = 'c0ffee00-1234-4abc-8def-0123456789ab';
    expect(readPackageConfig({ ...base, BOT_ID: other, clientId: ENV_A.BOT_ID }, defaults).botId).toBe(other);
  });

  test('GUIDs are normalised to lower case and blank values count as unset', () => {
    const c = readPackageConfig({ ...ENV_A, BOT_ID: ENV_A.BOT_ID.toUpperCase(), clientId: '   ' }, defaults);
    expect(c.botId).toBe(ENV_A.BOT_ID);
    expect(issuesFor({ ...ENV_A, TEAMS_APP_ID: '  ' }).map((i) => i.variable)).toEqual(['TEAMS_APP_ID']);
  });

  test('missing required settings are all named at once, with their alternatives', () => {
    const issues = issuesFor({});
    expect(issues.map((i) => i.variable)).toEqual(['TEAMS_APP_ID', 'BOT_ID', 'BOT_HOST']);
    expect(issues[1]?.message).toContain('clientId');
    expect(issues[2]?.message).toContain('PUBLIC_HOSTNAME');
    expect(issues.every((i) => i.message.startsWith('is not set'))).toBe(true);
  });

  test.each([
    ['TEAMS_APP_ID', 'not-a-guid', 'must be a GUID'],
    ['TEAMS_APP_ID', '00000000-0000-0000-0000-000000000000', 'not the all-zero GUID'],
    ['BOT_ID', '9a8b7c6d5e4f4a3b8c2d1e0f9a8b7c6d', 'must be a GUID'],
    ['BOT_HOST', 'https://bot.example.lg.jp', 'without https://'],
    ['BOT_HOST', 'bot.example.lg.jp/api', 'without a path'],
    ['BOT_HOST', 'bot.example.lg.jp:8443', 'must not include a port'],
    ['BOT_HOST', 'Bot.Example.lg.jp', 'lower case'],
    ['BOT_HOST', 'localhost', 'not localhost'],
    ['BOT_HOST', '192.168.0.10', 'public DNS host name'],
    ['BOT_HOST', 'intranet', 'public DNS host name'],
    ['BOT_HOST', 'bot_1.example.jp', 'public DNS host name'],
    ['APP_VERSION', '1.0', 'like 1.0.0'],
    ['APP_VERSION', '1.0.0-beta.1', 'like 1.0.0'],
    ['PRIVACY_URL', 'http://www.example.lg.jp/privacy', 'https://'],
    ['TERMS_OF_USE_URL', 'not a url', 'https://'],
    ['SSO_APP_ID', 'abc', 'must be a GUID'],
    ['SSO_RESOURCE', 'api://other.example.jp/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'api://bot.example.lg.jp/'],
    ['SSO_RESOURCE', 'https://bot.example.lg.jp', 'Expose an API'],
  ])('%s=%j is refused, naming the variable', (variable, value, fragment) => {
    const issues = issuesFor({ ...ENV_A, [variable]: value });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.variable).toBe(variable);
    expect(issues[0]?.message).toContain(fragment);
  });

  test('a bad host is reported once, not again through every default derived from it', () => {
    const issues = issuesFor({ ...ENV_A, BOT_HOST: 'https://Bot.example.lg.jp/x' });
    expect(issues).toEqual([{ setting: 'host', variable: 'BOT_HOST', message: expect.stringContaining('without https://') }]);
  });

  test('a bad version from package.json says where it came from', () => {
    expect(() => readPackageConfig(ENV_A, { version: '0.1' })).toThrow(/APP_VERSION: .*taken from package\.json/);
  });

  test('the variable named in an alias is the one that was read', () => {
    const issues = issuesFor({ TEAMS_APP_ID: ENV_A.TEAMS_APP_ID, BOT_HOST: 'bot.example.lg.jp', clientId: 'nope' });
    expect(issues.map((i) => i.variable)).toEqual(['clientId']);
  });

  test('values are never echoed in the error (a misplaced secret stays out of logs)', () => {
    const secret = 'Q~8Zsecretvalue_ABCDEFGHIJKLMNOPQRSTUVWXYZ01';
    let message = '';
    try {
      readPackageConfig({ ...ENV_A, BOT_ID: secret, BOT_HOST: secret }, defaults);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('BOT_ID');
    expect(message).not.toContain(secret);
  });

  test('manifest fields map back to the variable that fills them', () => {
    expect(settingForField('bots[0].botId')?.variable).toBe('BOT_ID');
    expect(settingForField('developer.privacyUrl')?.variable).toBe('PRIVACY_URL');
    expect(settingForField('validDomains[0]')?.variable).toBe('BOT_HOST');
    expect(settingForField('webApplicationInfo.resource')?.variable).toBe('SSO_RESOURCE');
    expect(settingForField('id')?.variable).toBe('TEAMS_APP_ID');
    expect(settingForField('name.short')).toBeUndefined();
  });
});
