// Assembles appPackage.zip: manifest.json, the two icons and en.json, each checked before zipping.
import { buildEnglishLocalization, buildManifest, type LocalizationFile, type TeamsManifest } from './build-manifest';
import type { PackageConfig } from './config';
import { PACKAGE_FILES } from './constants';
import { checkColorIcon, checkOutlineIcon, renderIcons, type Icons } from './icons';
import { AppPackageError, validateLocalization, validateManifest, type PackageProblem } from './validate';
import { createZip, type ZipEntry } from './zip';

export interface PackageContents {
  manifest: TeamsManifest;
  localization: LocalizationFile;
  icons: Icons;
}

export interface AppPackage extends PackageContents {
  /** The files in the archive, in archive order. */
  files: ZipEntry[];
  zip: Buffer;
}

export function packageContents(config: PackageConfig): PackageContents {
  const manifest = buildManifest(config);
  return { manifest, localization: buildEnglishLocalization(manifest), icons: renderIcons() };
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** Every problem in the contents: schema checks of both JSON files, then Teams' icon rules. */
export async function checkContents(contents: PackageContents): Promise<PackageProblem[]> {
  const problems = [
    ...(await validateManifest(contents.manifest)),
    ...(await validateLocalization(contents.localization, contents.manifest)),
  ];
  const icons = contents.manifest.icons;
  for (const message of checkColorIcon(contents.icons.color)) problems.push({ file: icons.color, field: '', message });
  for (const message of checkOutlineIcon(contents.icons.outline)) problems.push({ file: icons.outline, field: '', message });
  return problems;
}

/** Validates the contents and zips them; throws AppPackageError listing every problem found. */
export async function assembleAppPackage(contents: PackageContents): Promise<AppPackage> {
  const problems = await checkContents(contents);
  if (problems.length) throw new AppPackageError(problems);
  const files: ZipEntry[] = [
    { name: PACKAGE_FILES.manifest, data: json(contents.manifest) },
    { name: contents.manifest.icons.color, data: contents.icons.color },
    { name: contents.manifest.icons.outline, data: contents.icons.outline },
    { name: PACKAGE_FILES.englishStrings, data: json(contents.localization) },
  ];
  return { ...contents, files, zip: createZip(files) };
}

export function buildAppPackage(config: PackageConfig): Promise<AppPackage> {
  return assembleAppPackage(packageContents(config));
}
