// Builds the teams-js pages (web/) into static assets the bot serves (bot/web/static.ts):
//
//   <out>/requests.html, <out>/carry-out.html       the pages, naming their hashed assets
//   <out>/assets/<name>-<hash>.js|.css, chunk-*.js   bundles (esbuild: ESM, minified, no source maps)
//
// Everything is bundled — @microsoft/teams-js, zod, xstate and the guided procedure's own form code (dialogs/),
// so the dialog validates with the very functions the bot uses. Nothing is fetched at run time. Two substitutions
// keep the browser bundle honest: node:crypto (randomUUID in dialogs/forms.ts) maps to the Web Crypto API, and
// zod's table of 40+ message locales is reduced to English (every message the pages show comes from the
// procedures' own Japanese texts).
//
//   node dist/scripts/build-web.js [outDir]     (npm run build does this; default dist/web)

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const PAGES = [
  { template: 'requests.html', entry: 'requests' },
  { template: 'carry-out.html', entry: 'carry-out' },
] as const;

/** The repository root: where package.json is (this file runs from scripts/ or dist/scripts/). */
function root(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('package.json not found');
}

/**
 * teams-js asks a CDN for its list of valid host origins when its module loads (validOrigins.js). The pages never
 * download anything: the one fetch becomes a rejected promise, so teams-js uses the list bundled with it (the CSP
 * would block the request anyway). The build fails if teams-js changes so that the patch no longer applies.
 */
const teamsJsOffline: Plugin = {
  name: 'teams-js-offline',
  setup(b) {
    b.onLoad({ filter: /@microsoft[\\/]teams-js[\\/].*[\\/]internal[\\/]validOrigins\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern = /\bfetch\(([A-Za-z_$][\w$]*),\{signal:[A-Za-z_$][\w$]*\.signal\}\)/g;
      const hits = source.match(pattern)?.length ?? 0;
      if (hits !== 1) throw new Error(`teams-js validOrigins.js changed (${hits} CDN fetches found): update teamsJsOffline in scripts/build-web.ts`);
      return { contents: source.replace(pattern, 'Promise.reject(new Error("valid origins: bundled list only"))'), loader: 'js' };
    });
  },
};

const browserShims: Plugin = {
  name: 'browser-shims',
  setup(b) {
    b.onResolve({ filter: /^(node:)?crypto$/ }, () => ({ path: 'crypto', namespace: 'shim' }));
    b.onLoad({ filter: /^crypto$/, namespace: 'shim' }, () => ({
      contents: 'export const randomUUID = () => globalThis.crypto.randomUUID();',
      loader: 'js',
    }));
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: resolve(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

export interface WebBuild {
  outDir: string;
  /** Page file → the asset names it loads. */
  pages: Record<string, { script: string; style: string }>;
  /** Every asset written, with its size in bytes. */
  assets: Record<string, number>;
}

export async function buildWeb(outDir = join(root(), 'dist', 'web')): Promise<WebBuild> {
  const base = join(root(), 'web');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    absWorkingDir: root(),
    entryPoints: [...PAGES.map((p) => ({ in: join(base, 'src', `${p.entry}.ts`), out: p.entry })), { in: join(base, 'styles', 'app.css'), out: 'app' }],
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [browserShims, teamsJsOffline],
  });
  const outputs = result.metafile.outputs;
  const named = (entry: string, ext: string): string => {
    const hit = Object.entries(outputs).find(([file, o]) => file.endsWith(ext) && o.entryPoint !== undefined && basename(o.entryPoint).startsWith(entry));
    if (!hit) throw new Error(`no ${ext} output for ${entry}`);
    return basename(hit[0]);
  };
  const style = named('app', '.css');
  const pages: WebBuild['pages'] = {};
  for (const p of PAGES) {
    const script = named(p.entry, '.js');
    const html = readFileSync(join(base, 'pages', p.template), 'utf8').replaceAll('%SCRIPT%', `/web/assets/${script}`).replaceAll('%STYLE%', `/web/assets/${style}`);
    writeFileSync(join(outDir, p.template), html);
    pages[p.template] = { script, style };
  }
  const assets: Record<string, number> = {};
  for (const [file, o] of Object.entries(outputs)) assets[basename(file)] = o.bytes;
  return { outDir, pages, assets };
}

if (require.main === module) {
  buildWeb(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (b) => {
      const total = Object.values(b.assets).reduce((s, n) => s + n, 0);
      process.stderr.write(`web: ${Object.keys(b.pages).length} pages, ${Object.keys(b.assets).length} assets, ${(total / 1024).toFixed(0)} KiB → ${b.outDir}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`web: build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
