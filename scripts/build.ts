// Builds the web app (messages, the page scripts with esbuild, then SvelteKit with Vite; with --if-missing only when its
// sources changed since the last build) and the server's bundle for npm start (scripts/build-server.ts).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildSync, type BuildOptions } from 'esbuild';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../server/i18n/locales.ts';
import { buildServer } from './build-server.ts';
import { compileMessages } from './i18n-compile.ts';

const root = path.resolve(import.meta.dirname, '..');
const webDir = path.join(root, 'web');
const stampFile = path.join(webDir, 'build', '.source-hash');
const clientDir = path.join(webDir, 'src', 'client');
const staticDir = path.join(webDir, 'static');

/**
 * The page scripts: web/src/client/<name>.ts is bundled on its own (with the modules it shares with the server)
 * into web/static/<name>.js, served as /<name>.js like any static file (same-origin for the CSP, precached by the
 * service worker). Those .js files are build output, not kept in git.
 */
export function clientScriptOptions(): BuildOptions & { entryPoints: string[] } {
  const names = fs.readdirSync(clientDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  return {
    absWorkingDir: root,
    entryPoints: names.map((f) => path.join(clientDir, f)),
    outdir: staticDir,
    bundle: true,
    format: 'iife',
    minify: true,
    // Older phones' browsers (the pages work without the scripts; with them, they should not break).
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

const isClientOutput = (file: string) =>
  path.dirname(file) === staticDir &&
  file.endsWith('.js') &&
  fs.existsSync(path.join(clientDir, path.basename(file, '.js') + '.ts'));

/** Source files the page scripts import from outside web/ (the modules shared with the server). */
function clientSharedSources(): string[] {
  const { metafile } = buildSync({ ...clientScriptOptions(), write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(metafile!.inputs)
    .filter((f) => !f.startsWith('web/') && !f.includes('node_modules'))
    .map((f) => path.join(root, f));
}

export function buildClientScripts() {
  buildSync(clientScriptOptions());
}

function walk(dir: string, out: string[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

export function webSourceHash(): string {
  const hash = crypto.createHash('sha256');
  const files = [
    ...walk(path.join(webDir, 'src')),
    ...walk(staticDir).filter((f) => !isClientOutput(f)),
    ...clientSharedSources(),
    ...walk(path.join(webDir, 'player-lang')),
    path.join(webDir, 'svelte.config.js'),
    path.join(webDir, 'vite.config.ts'),
    path.join(webDir, 'csp.js'),
    path.join(root, 'server/i18n/locales.ts'),
    path.join(root, 'package-lock.json'),
  ].sort();
  for (const f of files) hash.update(path.relative(root, f)).update(fs.readFileSync(f));
  return hash.digest('hex');
}

const videojsDist = path.join(root, 'node_modules/video.js/dist');

/** The UI languages video.js ships player translations for, and its name for each (dist/lang/<name>.json). */
const VIDEOJS_LANGS: Partial<Record<Locale, string>> = {
  ar: 'ar',
  es: 'es',
  fr: 'fr',
  ru: 'ru',
  vi: 'vi',
  zh: 'zh-Hans',
};
/**
 * Player translations of our own, for the UI languages video.js ships none for: Indonesian (id) and Khmer (km).
 * Without them those learners got English player controls (Play, Mute, Captions, Fullscreen, error messages).
 * They are kept as JSON with the keys of video.js's dist/lang/en.json (tests/unit/web/player-lang.test.ts checks
 * that every key is translated and keeps its {1} {2} placeholders; re-check when video.js adds keys).
 */
export const OWN_PLAYER_LANG_DIR = path.join(webDir, 'player-lang');
/**
 * Every UI language but English gets lang/<locale>.js, so web/src/client/tutorial-player.ts loads one for every page
 * language but English, with no list of its own to keep in step. A new UI language without a translation (ours
 * or video.js's) fails the build.
 */
export const PLAYER_LOCALES: readonly Locale[] = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

export function playerTranslations(locale: Locale): Record<string, string> {
  const own = path.join(OWN_PLAYER_LANG_DIR, `${locale}.json`);
  if (fs.existsSync(own)) return JSON.parse(fs.readFileSync(own, 'utf8'));
  const name = VIDEOJS_LANGS[locale];
  if (!name)
    throw new Error(
      `No video player translation for "${locale}": add ${path.relative(root, own)} with the keys of node_modules/video.js/dist/lang/en.json.`,
    );
  return JSON.parse(fs.readFileSync(path.join(videojsDist, 'lang', `${name}.json`), 'utf8'));
}

/**
 * lang/<locale>.js as video.js makes its own (videojs.addLanguage(...)), registered under the page's language:
 * the player's language is the page's (<html lang>), and video.js only matches it exactly or by its primary
 * subtag, so video.js's own zh-Hans.js, registered as "zh-Hans", left pages in "zh" with English controls.
 */
export function playerLangScript(locale: Locale): string {
  return `videojs.addLanguage('${locale}', ${JSON.stringify(playerTranslations(locale), null, 2)});\n`;
}

/**
 * video.js (with its HLS support) for the pages that show a video, served by us from the build output
 * (web/build/client/vendor/video.js/): no CDN. Its CSS carries its icon font as a data: URL, which the
 * CSP (font-src 'self') refuses, so the font is copied as a file and the CSS points at it.
 */
export function copyPlayerVendor(clientDir = path.join(webDir, 'build', 'client')) {
  const dist = videojsDist;
  const out = path.join(clientDir, 'vendor', 'video.js');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'font'), { recursive: true });
  fs.mkdirSync(path.join(out, 'lang'), { recursive: true });
  const css = fs.readFileSync(path.join(dist, 'video-js.min.css'), 'utf8');
  const files: Record<string, Buffer | string> = {
    'video.min.js': fs.readFileSync(path.join(dist, 'video.min.js')),
    'video-js.min.css': css.replace(/url\(data:application\/font-woff;[^)]*\)/, 'url(font/VideoJS.woff)'),
    'font/VideoJS.woff': fs.readFileSync(path.join(dist, 'font/VideoJS.woff')),
  };
  for (const locale of PLAYER_LOCALES) files[`lang/${locale}.js`] = playerLangScript(locale);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(out, name), content);
    if (name.endsWith('.woff')) continue;
    fs.writeFileSync(
      path.join(out, `${name}.br`),
      zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    fs.writeFileSync(path.join(out, `${name}.gz`), zlib.gzipSync(content, { level: 9 }));
  }
}

export function buildWeb({ ifMissing = false, quiet = false } = {}): boolean {
  const hash = webSourceHash();
  if (ifMissing && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) return false;
  if (quiet) console.log('Building the web app (only when its sources changed)…');
  compileMessages();
  buildClientScripts();
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', ...(quiet ? ['--logLevel', 'warn'] : [])], {
    cwd: webDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The web build failed; see the messages above.');
  copyPlayerVendor();
  fs.writeFileSync(stampFile, hash);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    buildWeb({ ifMissing: process.argv.includes('--if-missing'), quiet: process.argv.includes('--quiet') });
    buildServer();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
