// Fixed facts of the Teams app package: schema version, file names, languages, paths on the bot's host.

/**
 * The newest numbered (non-preview) Teams app manifest schema that @microsoft/app-manifest bundles
 * (its `TeamsManifestLatest` type is 1.30). Validation reads the bundled copy; nothing is downloaded.
 */
export const MANIFEST_VERSION = '1.30';

export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/** File names inside appPackage.zip (all at the archive's root, as Teams expects). */
export const PACKAGE_FILES = {
  manifest: 'manifest.json',
  colorIcon: 'color.png',
  outlineIcon: 'outline.png',
  englishStrings: 'en.json',
} as const;

/** Strings in manifest.json are Japanese; English clients get en.json on top of them. */
export const DEFAULT_LANGUAGE = 'ja';
export const ENGLISH_LANGUAGE = 'en';

/** Icon sizes Teams requires (color 192×192, outline 32×32). */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Teams crops the colour icon; the symbol stays inside the central 96×96 (48 px padding). */
export const COLOR_ICON_PADDING = 48;

/** The app's accent colour, also the colour icon's background. */
export const ACCENT_COLOR = '#1F4E79';

/** The organisation that publishes the app (developer.name in the manifest, at most 32 characters). */
export const DEFAULT_DEVELOPER_NAME = '大分県後期高齢者医療広域連合';

/** Paths on the bot's host. The web pages (tab, dialog) are served by the bot's own server. */
export const HOST_PATHS = {
  messages: '/api/messages',
  requestsTab: '/tab/requests',
  carryOutDialog: '/dialog/carry-out',
  privacy: '/privacy',
  termsOfUse: '/terms',
} as const;

/** entityId of the personal tab 「申請」 (teams-js `app.getContext()` reports it as page.id). */
export const REQUESTS_TAB_ENTITY_ID = 'requests';
