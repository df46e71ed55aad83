// Shared settings for the manifest tests: two complete, different deployments.
import { readPackageConfig, type PackageConfig } from '../../manifest/config';

export const ENV_A = {
  TEAMS_APP_ID: '0f9c6b1e-6a55-4c1c-9f0e-1f2a3b4c5d6e',
  BOT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  BOT_HOST: 'bot.example.lg.jp',
} as const;

export const ENV_B = {
  TEAMS_APP_ID: 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff',
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_HOST: 'policy-bot.kouiki.example',
  APP_VERSION: '2.3.4',
} as const;

export function configA(): PackageConfig {
  return readPackageConfig(ENV_A, { version: '0.1.0' });
}

export function configB(): PackageConfig {
  return readPackageConfig(ENV_B, { version: '0.1.0' });
}

/** All GUID-looking strings in a text. */
export function guidsIn(text: string): string[] {
  return text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
}
