// Typed builder for manifest.json (schema 1.30) and its English localization file.
import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { BOT_COMMANDS, BOT_SCOPES, type BotCommand, type BotScope } from './commands';
import type { PackageConfig } from './config';
import {
  ACCENT_COLOR,
  DEFAULT_LANGUAGE,
  ENGLISH_LANGUAGE,
  LOCALIZATION_SCHEMA_URL,
  MANIFEST_SCHEMA_URL,
  MANIFEST_VERSION,
  PACKAGE_FILES,
  REQUESTS_TAB_ENTITY_ID,
} from './constants';
import { ENGLISH, JAPANESE } from './strings';
import { appUrls } from './urls';

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;
type CommandList = TeamsManifestV1D30.CommandList;

/** The English strings file: flat keys as the localization schema defines them. */
export type LocalizationFile = Record<string, string>;

/** One command list per distinct set of commands, covering the scopes that share it. */
export function commandLists(commands: readonly BotCommand[] = BOT_COMMANDS): { scopes: BotScope[]; commands: BotCommand[] }[] {
  const lists: { scopes: BotScope[]; commands: BotCommand[] }[] = [];
  for (const scope of BOT_SCOPES) {
    const inScope = commands.filter((c) => c.scopes.includes(scope));
    if (inScope.length === 0) continue;
    const same = lists.find((l) => l.commands.length === inScope.length && l.commands.every((c, i) => c === inScope[i]));
    if (same) same.scopes.push(scope);
    else lists.push({ scopes: [scope], commands: inScope });
  }
  return lists;
}

export function buildManifest(config: PackageConfig): TeamsManifest {
  const urls = appUrls(config.host);
  const lists: CommandList[] = commandLists().map((l) => ({
    scopes: l.scopes,
    commands: l.commands.map((c) => ({ title: c.title, description: c.description })),
  }));
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: config.version,
    id: config.teamsAppId,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE,
      additionalLanguages: [{ languageTag: ENGLISH_LANGUAGE, file: PACKAGE_FILES.englishStrings }],
    },
    developer: {
      name: config.developerName,
      websiteUrl: config.websiteUrl,
      privacyUrl: config.privacyUrl,
      termsOfUseUrl: config.termsOfUseUrl,
    },
    name: { short: JAPANESE.nameShort, full: JAPANESE.nameFull },
    description: { short: JAPANESE.descriptionShort, full: JAPANESE.descriptionFull },
    icons: { color: PACKAGE_FILES.colorIcon, outline: PACKAGE_FILES.outlineIcon },
    accentColor: ACCENT_COLOR,
    // The chat comes first (it is where people ask), then the requests tab, then About.
    staticTabs: [
      { entityId: 'conversations', scopes: ['personal'] },
      {
        entityId: REQUESTS_TAB_ENTITY_ID,
        name: JAPANESE.requestsTabName,
        contentUrl: urls.requestsTab,
        scopes: ['personal'],
      },
      { entityId: 'about', scopes: ['personal'] },
    ],
    bots: [
      {
        botId: config.botId,
        scopes: [...BOT_SCOPES],
        commandLists: lists,
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
      },
    ],
    // The tab and the 持ち出し申請 dialog are pages on the bot's own host; nothing else is loaded.
    validDomains: [config.host],
    webApplicationInfo: { id: config.ssoAppId, resource: config.ssoResource },
    defaultInstallScope: 'personal',
  };
}

/**
 * en.json: English names, descriptions, tab name and command descriptions. Command titles are left
 * out on purpose: Teams sends the (localized) title to the bot, and the bot understands the Japanese ones.
 */
export function buildEnglishLocalization(manifest: TeamsManifest): LocalizationFile {
  const file: LocalizationFile = {
    $schema: LOCALIZATION_SCHEMA_URL,
    'name.short': ENGLISH.nameShort,
    'name.full': ENGLISH.nameFull,
    'description.short': ENGLISH.descriptionShort,
    'description.full': ENGLISH.descriptionFull,
  };
  manifest.staticTabs?.forEach((tab, i) => {
    if (tab.entityId === REQUESTS_TAB_ENTITY_ID) file[`staticTabs[${i}].name`] = ENGLISH.requestsTabName;
  });
  manifest.bots?.[0]?.commandLists?.forEach((list, i) => {
    list.commands.forEach((command, j) => {
      const known = BOT_COMMANDS.find((c) => c.title === command.title);
      if (known) file[`bots[0].commandLists[${i}].commands[${j}].description`] = known.descriptionEn;
    });
  });
  return file;
}
