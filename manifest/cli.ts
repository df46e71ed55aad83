// `npm run package`: reads the settings, builds and validates the Teams app package, writes appPackage.zip.
// Exit codes: 0 written; 1 settings or package invalid (each problem named); 2 bad usage or unexpected error.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { buildAppPackage } from './app-package';
import { PackageConfigError, readPackageConfig } from './config';
import { appUrls } from './urls';
import { AppPackageError, describeProblem } from './validate';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: npm run package -- [--out <file>] [--env-file <file>]

Builds the Teams app package (manifest.json, color.png, outline.png, en.json) and writes it
to appPackage.zip (or --out). Settings come from the environment; --env-file adds those in a
.env-style file without overriding variables already set.

Required: TEAMS_APP_ID, BOT_ID (or clientId / MicrosoftAppId), BOT_HOST (or PUBLIC_HOSTNAME)
Optional: APP_VERSION, SSO_APP_ID, SSO_RESOURCE, DEVELOPER_NAME, DEVELOPER_WEBSITE_URL,
          PRIVACY_URL, TERMS_OF_USE_URL          (see docs/teams-app.md)`;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { out?: string; envFile?: string; help: boolean } {
  const args: { out?: string; envFile?: string; help: boolean } = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--out') args.out = value();
    else if (arg === '--env-file') args.envFile = value();
    else throw new UsageError(`Unknown argument: ${arg}`);
  }
  return args;
}

const packageJson = z.object({ version: z.string() });

/** The project's version: the nearest package.json above this file (manifest/, dist/ or dist/manifest/). */
function projectVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return packageJson.parse(JSON.parse(readFileSync(file, 'utf8'))).version;
    dir = dirname(dir);
  }
  throw new Error('package.json not found; set APP_VERSION');
}

export async function runPackageCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  cwd: string = process.cwd(),
): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const fileEnv = args.envFile ? parseEnv(readFileSync(resolve(cwd, args.envFile), 'utf8')) : {};
    const config = readPackageConfig({ ...fileEnv, ...env }, { version: projectVersion() });
    const pkg = await buildAppPackage(config);

    const out = resolve(cwd, args.out ?? 'appPackage.zip');
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, pkg.zip);
      renameSync(tmp, out);
    } finally {
      rmSync(tmp, { force: true });
    }
    const urls = appUrls(config.host);
    io.out(
      [
        `Wrote ${out} (${pkg.zip.length} bytes): ${pkg.files.map((f) => f.name).join(', ')}`,
        `  Teams app id   ${config.teamsAppId}  version ${config.version}`,
        `  bot id         ${config.botId}`,
        `  messaging      ${urls.messagingEndpoint}  (the Azure Bot's messaging endpoint)`,
        `  tab 「申請」   ${urls.requestsTab}`,
        `  SSO resource   ${config.ssoResource}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    if (e instanceof PackageConfigError) {
      io.err(`Packaging failed: invalid settings. appPackage.zip was not written.\n${e.issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}\n`);
      return 1;
    }
    if (e instanceof AppPackageError) {
      io.err(`Packaging failed: the package does not validate. appPackage.zip was not written.\n${e.problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`Packaging failed: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  runPackageCli(process.argv.slice(2), process.env, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
