// Effective settings of the teams-js pages and their SSO checks, from the validated configuration.
//
// Tokens from authentication.getAuthToken() are Entra ID access tokens for the app named in the manifest's
// webApplicationInfo. With accessTokenAcceptedVersion 2 (what docs/teams-app.md asks for) `aud` is the app's
// client id and `iss` is https://login.microsoftonline.com/{tid}/v2.0; v1.0 tokens carry the Application ID URI
// (api://host/clientId) and https://sts.windows.net/{tid}/. Both forms are accepted, nothing else.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';

/** Teams' web hosts (Microsoft's tab requirements: teams.microsoft.com, *.teams.microsoft.com, *.cloud.microsoft). */
export const TEAMS_FRAME_ANCESTORS = ['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft'] as const;

/** Entra ID issuers; {tenantid} is the token's own tenant. */
export const ENTRA_ISSUERS = ['https://login.microsoftonline.com/{tenantid}/v2.0', 'https://sts.windows.net/{tenantid}/'] as const;

export interface SsoSettings {
  /** The client id of the app the tokens are for. */
  appId: string;
  /** Accepted `aud` values: the client id and the Application ID URI when known. */
  audiences: string[];
  /** The scope the token must carry in `scp`. */
  scope: string;
  jwksUrl: string;
  /** Issuer templates with {tenantid}. */
  issuers: string[];
  /** Lower-case tenant ids; empty: the token's tenant is not restricted (the issuer must still name it). */
  allowedTenantIds: string[];
  /** When non-empty, `azp` (v2.0) or `appid` (v1.0) must be one of these. */
  clientAppIds: string[];
}

export interface WebSettings {
  /** https://{host} when the public host is configured. */
  publicUrl?: string;
  /** Undefined when no app id is known (local development without SSO_APP_ID): only the development identity works. */
  sso?: SsoSettings;
  /** Local development mode (no bot credentials): an explicit development identity is accepted. Never with credentials. */
  devIdentity: boolean;
  frameAncestors: string[];
  assetsDir: string;
  /** The bot's app id, for dialog.url.bot.open from the tab (the completion bot). */
  botAppId?: string;
  /** The Teams app id (manifest id), for dialog.url.submit's appIds. */
  teamsAppId?: string;
}

/** The repository root (where package.json is), from this file in bot/web or dist/bot/web. */
function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return resolve(__dirname, '..', '..');
}

export function defaultAssetsDir(): string {
  return join(packageRoot(), 'dist', 'web');
}

export function webSettings(config: Config): WebSettings {
  const w = config.web;
  const appId = w.ssoAppId ?? config.auth.clientId;
  const resource = w.ssoResource ?? (w.publicHost && appId ? `api://${w.publicHost}/${appId}` : undefined);
  const tenant = config.auth.tenantId && /^[0-9a-f-]{36}$/i.test(config.auth.tenantId) ? config.auth.tenantId.toLowerCase() : undefined;
  const sso: SsoSettings | undefined = appId
    ? {
        appId,
        audiences: [...new Set([appId, ...(resource ? [resource] : [])])],
        scope: w.ssoScope,
        jwksUrl: w.ssoJwksUrl ?? `https://login.microsoftonline.com/${tenant ?? 'common'}/discovery/v2.0/keys`,
        issuers: w.ssoIssuers ?? [...ENTRA_ISSUERS],
        allowedTenantIds: config.auth.allowedTenantIds,
        clientAppIds: (w.ssoClientAppIds ?? []).map((id) => id.toLowerCase()),
      }
    : undefined;
  return {
    ...(w.publicHost ? { publicUrl: `https://${w.publicHost}` } : {}),
    ...(sso ? { sso } : {}),
    devIdentity: !config.auth.enabled,
    frameAncestors: w.frameAncestors ?? [...TEAMS_FRAME_ANCESTORS],
    assetsDir: w.assetsDir ?? defaultAssetsDir(),
    ...(config.auth.clientId ? { botAppId: config.auth.clientId } : {}),
    ...(w.teamsAppId ? { teamsAppId: w.teamsAppId.toLowerCase() } : {}),
  };
}
