// jest cannot `require` strip-bom 5 (ESM only) on Node < 24.9; the npm script below runs without this mock.
jest.mock('strip-bom', () => ({ __esModule: true, default: (s: string) => s.replace(/^\uFEFF/, '') }));

import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assembleAppPackage, buildAppPackage, packageContents } from '../../manifest/app-package';
import { runPackageCli } from '../../manifest/cli';
import { checkColorIcon, checkOutlineIcon } from '../../manifest/icons';
import { readPngInfo } from '../../manifest/png';
import { AppPackageError, validateLocalization, validateManifest } from '../../manifest/validate';
import { readZip } from '../../manifest/zip';
import { configA, ENV_A } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');
const EXPECTED_FILES = ['manifest.json', 'color.png', 'outline.png', 'en.json'];
const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('appPackage.zip', () => {
  test('holds exactly the manifest, both icons and en.json, each valid when read back', async () => {
    const pkg = await buildAppPackage(configA());
    const entries = readZip(pkg.zip);
    expect(entries.map((e) => e.name)).toEqual(EXPECTED_FILES);
    const file = (name: string) => entries.find((e) => e.name === name)!.data as Buffer;

    const manifest = JSON.parse(file('manifest.json').toString('utf8'));
    expect(manifest).toEqual(pkg.manifest);
    expect(await validateManifest(manifest)).toEqual([]);
    const en = JSON.parse(file('en.json').toString('utf8'));
    expect(await validateLocalization(en, manifest)).toEqual([]);
    expect(file('manifest.json')[0]).toBe(0x7b); // UTF-8 without BOM

    expect(readPngInfo(file('color.png'))).toMatchObject({ width: 192, height: 192, colorType: 6 });
    expect(readPngInfo(file('outline.png'))).toMatchObject({ width: 32, height: 32, colorType: 6 });
    expect(checkColorIcon(file('color.png'))).toEqual([]);
    expect(checkOutlineIcon(file('outline.png'))).toEqual([]);
    // the files the manifest names are the files in the archive
    expect([manifest.icons.color, manifest.icons.outline, manifest.localizationInfo.additionalLanguages[0].file]).toEqual([
      'color.png',
      'outline.png',
      'en.json',
    ]);
  });

  test('the system unzip finds no errors and the same four files', async () => {
    const pkg = await buildAppPackage(configA());
    const file = join(dir, 'appPackage.zip');
    writeFileSync(file, pkg.zip);
    if (hasUnzip) {
      const t = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(t.status).toBe(0);
      expect(spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.trim().split('\n')).toEqual(EXPECTED_FILES);
    } else {
      expect(readZip(readFileSync(file)).map((e) => e.name)).toEqual(EXPECTED_FILES);
    }
  });

  test('an invalid manifest or icon stops packaging with every problem named', async () => {
    const contents = packageContents(configA());
    contents.manifest.webApplicationInfo = { id: 'nope', resource: 'api://x' };
    contents.icons = { ...contents.icons, outline: contents.icons.color };
    const error = await assembleAppPackage(contents).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppPackageError);
    const lines = (error as AppPackageError).message.split('\n');
    expect(lines).toContain('  - manifest.json webApplicationInfo.id: must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$" (set by SSO_APP_ID)');
    expect(lines.some((l) => l.startsWith('  - outline.png: must be 32×32 pixels'))).toBe(true);
  });
});

describe('npm run package (CLI)', () => {
  test('writes appPackage.zip and prints what an administrator needs next', async () => {
    const { io, out, err } = capture();
    const code = await runPackageCli([], { ...ENV_A }, io, dir);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const zip = readFileSync(join(dir, 'appPackage.zip'));
    expect(readZip(zip).map((e) => e.name)).toEqual(EXPECTED_FILES);
    const text = out.join('');
    expect(text).toContain('https://bot.example.lg.jp/api/messages');
    expect(text).toContain(`api://bot.example.lg.jp/${ENV_A.BOT_ID}`);
    // the version defaults to the project's
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(JSON.parse(readZip(zip)[0]!.data.toString()).version).toBe(version);
  });

  test('missing settings: exit 1, each variable named, nothing written', async () => {
    const { io, err } = capture();
    const code = await runPackageCli([], { BOT_HOST: 'bot.example.lg.jp' }, io, dir);
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/- TEAMS_APP_ID: is not set/);
    expect(err.join('')).toMatch(/- BOT_ID: is not set \(nor clientId, MicrosoftAppId\)/);
    expect(existsSync(join(dir, 'appPackage.zip'))).toBe(false);
  });

  test('a manifest that does not validate: exit 1, naming the field and its variable', async () => {
    const { io, err } = capture();
    const code = await runPackageCli([], { ...ENV_A, DEVELOPER_NAME: '大分県後期高齢者医療広域連合 事務局 総務課 情報政策係 システム担当' }, io, dir);
    expect(code).toBe(1);
    expect(err.join('')).toContain('manifest.json developer.name: must NOT have more than 32 characters (set by DEVELOPER_NAME)');
    expect(existsSync(join(dir, 'appPackage.zip'))).toBe(false);
  });

  test('--out and --env-file; variables already set win over the file', async () => {
    writeFileSync(
      join(dir, 'bot.env'),
      `TEAMS_APP_ID=${ENV_A.TEAMS_APP_ID}\nBOT_ID=${ENV_A.BOT_ID}\nBOT_HOST=from-file.example.jp\nAPP_VERSION=3.2.1\n`,
    );
    const { io } = capture();
    const code = await runPackageCli(['--env-file', 'bot.env', '--out', 'out/../custom.zip'], { BOT_HOST: 'bot.example.lg.jp' }, io, dir);
    expect(code).toBe(0);
    const manifest = JSON.parse(readZip(readFileSync(join(dir, 'custom.zip')))[0]!.data.toString());
    expect(manifest.validDomains).toEqual(['bot.example.lg.jp']);
    expect(manifest.version).toBe('3.2.1');
  });

  test('bad usage exits 2 with the usage text', async () => {
    for (const argv of [['--nope'], ['--out']]) {
      const { io, err } = capture();
      expect(await runPackageCli(argv, { ...ENV_A }, io, dir)).toBe(2);
      expect(err.join('')).toContain('Usage: npm run package');
    }
    const help = capture();
    expect(await runPackageCli(['--help'], {}, help.io, dir)).toBe(0);
    expect(help.out.join('')).toContain('TEAMS_APP_ID');
  });

  test('the real npm script: exit 0 with a readable archive, non-zero naming the field otherwise', async () => {
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_update_notifier: 'false' };
    const run = (env: NodeJS.ProcessEnv, out: string) =>
      new Promise<{ code: number; stderr: string }>((done) => {
        execFile('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: ROOT, env }, (error, _stdout, stderr) =>
          done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
    const good = join(dir, 'good.zip');
    const ok = await run({ ...base, ...ENV_A }, good);
    expect(ok).toEqual({ code: 0, stderr: '' });
    expect(readZip(readFileSync(good)).map((e) => e.name)).toEqual(EXPECTED_FILES);

    const bad = await run({ ...base, ...ENV_A, BOT_ID: 'not-a-guid' }, join(dir, 'bad.zip'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('BOT_ID: must be a GUID');
    expect(existsSync(join(dir, 'bad.zip'))).toBe(false);
  });
});
