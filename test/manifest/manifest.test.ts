// jest cannot `require` strip-bom 5 (ESM only) on Node < 24.9; plain Node 20.19+ can. @microsoft/app-manifest
// only uses it when reading manifest files, which these tests do not do.
jest.mock('strip-bom', () => ({ __esModule: true, default: (s: string) => s.replace(/^\uFEFF/, '') }));

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { buildEnglishLocalization, buildManifest, commandLists, type TeamsManifest } from '../../manifest/build-manifest';
import { BOT_COMMANDS, commandByTitle } from '../../manifest/commands';
import { MANIFEST_VERSION } from '../../manifest/constants';
import {
  bundledSchemaDir,
  escapeLoneBrackets,
  pointerToField,
  repairPatterns,
  validateLocalization,
  validateManifest,
} from '../../manifest/validate';
import { configA, configB, ENV_A, ENV_B, guidsIn } from './fixtures';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('manifest.json', () => {
  const manifest = buildManifest(configA());

  test('validates against the bundled 1.30 schema, offline', async () => {
    const realFetch = globalThis.fetch;
    const fetchSchema = jest.spyOn(AppManifestUtils, 'fetchSchema');
    globalThis.fetch = (() => Promise.reject(new Error('network used'))) as typeof fetch;
    try {
      expect(await validateManifest(manifest)).toEqual([]);
      expect(fetchSchema).not.toHaveBeenCalled();
    } finally {
      globalThis.fetch = realFetch;
      fetchSchema.mockRestore();
    }
  });

  test('is at the newest numbered schema the package bundles', () => {
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    // vDevPreview is a preview; every other directory is a numbered release
    const numbered = readdirSync(join(bundledSchemaDir(), '..'))
      .filter((d) => /^v\d+\.\d+$/.test(d))
      .map((d) => d.slice(1).split('.').map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(numbered.at(-1)?.join('.')).toBe(MANIFEST_VERSION);
  });

  test('Japanese is the default language and English strings come from en.json', () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'ja',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    expect(manifest.name.short).toBe('情報セキュリティ相談');
    expect(manifest.description.short).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(manifest.description.full).toContain('ヘルプ');
  });

  test('the bot is offered in personal chat, teams and group chats, without files, calls or video', () => {
    const bot = manifest.bots?.[0];
    expect(manifest.bots).toHaveLength(1);
    expect(bot?.botId).toBe(ENV_A.BOT_ID);
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.supportsFiles).toBe(false);
    expect(bot?.supportsCalling).toBe(false);
    expect(bot?.supportsVideo).toBe(false);
    expect(bot?.isNotificationOnly).toBe(false);
  });

  test('the personal command menu has the five commands with short Japanese descriptions', () => {
    const personal = manifest.bots?.[0]?.commandLists?.find((l) => l.scopes.includes('personal'));
    expect(personal?.commands.map((c) => c.title)).toEqual(['ヘルプ', '持ち出し申請', 'ICカード紛失', '感染の疑い', '申請状況']);
    for (const c of personal?.commands ?? []) {
      expect(c.description).toMatch(/^\S.*[ぁ-ん].*。$/);
      expect((c.description ?? '').length).toBeLessThanOrEqual(40);
    }
  });

  test('in teams and group chats only ヘルプ is offered: procedures and status stay in the personal chat', () => {
    const shared = manifest.bots?.[0]?.commandLists?.find((l) => l.scopes.includes('team'));
    expect(shared?.scopes).toEqual(['team', 'groupChat']);
    expect(shared?.commands.map((c) => c.title)).toEqual(['ヘルプ']);
    expect(commandLists().flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  test('command titles map back to their ids for the bot', () => {
    expect(commandByTitle(' 持ち出し申請 ')?.id).toBe('carry-out');
    expect(commandByTitle('ICカード紛失')?.id).toBe('lost-card');
    expect(commandByTitle('感染の疑い')?.id).toBe('infection');
    expect(commandByTitle('申請状況')?.id).toBe('request-status');
    expect(commandByTitle('ヘルプ')?.id).toBe('help');
    expect(commandByTitle('こんにちは')).toBeUndefined();
    expect(new Set(BOT_COMMANDS.map((c) => c.title)).size).toBe(BOT_COMMANDS.length);
  });

  test('the personal tab 「申請」 sits between the chat and About, on the bot host', () => {
    expect(manifest.staticTabs?.map((t) => t.entityId)).toEqual(['conversations', 'requests', 'about']);
    const tab = manifest.staticTabs?.[1];
    expect(tab).toEqual({
      entityId: 'requests',
      name: '申請',
      contentUrl: 'https://bot.example.lg.jp/tab/requests',
      scopes: ['personal'],
    });
    expect(manifest.validDomains).toEqual(['bot.example.lg.jp']);
    expect(manifest.defaultInstallScope).toBe('personal');
  });

  test('SSO: webApplicationInfo names the Entra app and its api://host/id resource', () => {
    expect(manifest.webApplicationInfo).toEqual({
      id: ENV_A.BOT_ID,
      resource: `api://bot.example.lg.jp/${ENV_A.BOT_ID}`,
    });
  });

  test('no id or host is hard-coded: every id and host comes from the settings', () => {
    const b = buildManifest(configB());
    const text = JSON.stringify(b);
    expect(new Set(guidsIn(text))).toEqual(new Set([ENV_B.TEAMS_APP_ID, ENV_B.BOT_ID]));
    expect(text).not.toContain(ENV_A.BOT_HOST);
    expect(text).toContain(ENV_B.BOT_HOST);
    expect(b.id).toBe(ENV_B.TEAMS_APP_ID);
    expect(b.version).toBe('2.3.4');
    const { $schema: _schema, ...rest } = b;
    const hosts = new Set((JSON.stringify(rest).match(/(?:https|api):\/\/[^/"]+/g) ?? []).map((u) => u.replace(/^\w+:\/\//, '')));
    expect(hosts).toEqual(new Set([ENV_B.BOT_HOST]));
  });

  test('an invalid manifest is reported field by field, with the variable that fills the field', async () => {
    const bad = clone(manifest) as TeamsManifest & Record<string, unknown>;
    (bad.bots as { botId: string }[])[0]!.botId = 'not-a-guid';
    delete (bad.developer as Partial<TeamsManifest['developer']>).privacyUrl;
    bad.name.short = 'あ'.repeat(31);
    bad.surprise = true;
    const problems = await validateManifest(bad);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(byField['bots[0].botId']).toMatchObject({ file: 'manifest.json', variable: 'BOT_ID' });
    expect(byField['developer.privacyUrl']).toMatchObject({ message: 'is required', variable: 'PRIVACY_URL' });
    expect(byField['name.short']?.message).toContain('30');
    expect(byField.surprise?.message).toBe('is not allowed by the schema');
    expect(problems).toHaveLength(4);
  });

  test('a tab loaded from a domain outside validDomains is refused', async () => {
    const bad = clone(manifest);
    bad.validDomains = ['elsewhere.example.jp'];
    const problems = await validateManifest(bad);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'staticTabs[1].contentUrl', message: expect.stringContaining('not in validDomains') }),
    ]);
  });
});

describe('en.json', () => {
  const manifest = buildManifest(configA());
  const en = buildEnglishLocalization(manifest);

  test('validates against the bundled localization schema', async () => {
    expect(await validateLocalization(en, manifest)).toEqual([]);
  });

  test('translates names, descriptions, the tab and every command description, but not command titles', () => {
    expect(en['name.short']).toBe('Security Policy Help');
    expect(en['description.full']).toContain('replies in Japanese');
    expect(en['staticTabs[1].name']).toBe('Requests');
    const personalCount = manifest.bots?.[0]?.commandLists?.[0]?.commands.length ?? 0;
    for (let j = 0; j < personalCount; j++) {
      expect(en[`bots[0].commandLists[0].commands[${j}].description`]).toMatch(/^[A-Z].*\.$/);
    }
    expect(Object.keys(en).filter((k) => k.endsWith('.title'))).toEqual([]);
  });

  test('keys pointing at tabs or commands the manifest does not have are refused', async () => {
    const bad = { ...en, 'staticTabs[0].name': 'Chat', 'bots[0].commandLists[0].commands[9].description': 'x' };
    const problems = await validateLocalization(bad, manifest);
    expect(problems.map((p) => p.field).sort()).toEqual(['bots[0].commandLists[0].commands[9].description', 'staticTabs[0].name']);
  });

  test('schema violations in en.json are named', async () => {
    const bad: Record<string, string> = { ...en, 'name.short': 'x'.repeat(31), 'colour.short': 'no' };
    delete bad['description.short'];
    const problems = await validateLocalization(bad, manifest);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'en.json', field: 'name.short' }),
        expect.objectContaining({ file: 'en.json', field: 'colour.short', message: 'is not allowed by the schema' }),
        expect.objectContaining({ file: 'en.json', field: 'description.short', message: 'is required' }),
      ]),
    );
  });
});

describe('bundled schema repair', () => {
  test('escapes only the brackets that do not close a character class', () => {
    expect(escapeLoneBrackets('^a\\[\\b([0-9]|1[01])\\b]\\.x$')).toBe('^a\\[\\b([0-9]|1[01])\\b\\]\\.x$');
    expect(escapeLoneBrackets('[a-z]+\\]')).toBe('[a-z]+\\]');
  });

  test("the localization schema's two broken patterns are repaired and still match what they meant", () => {
    const schema: unknown = JSON.parse(readFileSync(join(bundledSchemaDir(), 'MicrosoftTeams.Localization.schema.json'), 'utf8'));
    const { schema: fixed, repaired } = repairPatterns(schema);
    expect(repaired).toHaveLength(2);
    const keys = Object.keys((fixed as { patternProperties: Record<string, unknown> }).patternProperties);
    const activity = keys.filter((k) => k.startsWith('^activities'));
    expect(activity).toHaveLength(2);
    for (const k of activity) {
      const re = new RegExp(k, 'u');
      expect(re.test('activities.activityTypes[12].description') || re.test('activities.activityTypes[12].templateText')).toBe(true);
      expect(re.test('activities.activityTypes[128].description')).toBe(false);
    }
    // the manifest schema needs no repair
    const manifestSchema: unknown = JSON.parse(readFileSync(join(bundledSchemaDir(), 'MicrosoftTeams.schema.json'), 'utf8'));
    expect(repairPatterns(manifestSchema).repaired).toEqual([]);
  });

  test('JSON pointers become manifest field paths', () => {
    expect(pointerToField('/bots/0/commandLists/1/commands/0/title')).toBe('bots[0].commandLists[1].commands[0].title');
    expect(pointerToField('')).toBe('');
    expect(pointerToField('/name.short')).toBe('["name.short"]');
  });
});
