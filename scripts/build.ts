// Builds the web app (messages, then SvelteKit with Vite). With --if-missing, only when web sources changed since the last build.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compileMessages } from './i18n-compile.ts';

const root = path.resolve(import.meta.dirname, '..');
const webDir = path.join(root, 'web');
const stampFile = path.join(webDir, 'build', '.source-hash');

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
    ...walk(path.join(webDir, 'static')),
    path.join(webDir, 'svelte.config.js'),
    path.join(webDir, 'vite.config.ts'),
    path.join(webDir, 'csp.js'),
    path.join(root, 'server/i18n/locales.ts'),
    path.join(root, 'package-lock.json'),
  ].sort();
  for (const f of files) hash.update(path.relative(root, f)).update(fs.readFileSync(f));
  return hash.digest('hex');
}

export function buildWeb({ ifMissing = false, quiet = false } = {}): boolean {
  const hash = webSourceHash();
  if (ifMissing && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) return false;
  if (quiet) console.log('Building the web app (only when its sources changed)…');
  compileMessages();
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', ...(quiet ? ['--logLevel', 'warn'] : [])], { cwd: webDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The web build failed; see the messages above.');
  fs.writeFileSync(stampFile, hash);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    buildWeb({ ifMissing: process.argv.includes('--if-missing') });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
