// npm run dev: rebuild the web app when its sources change and restart the server when anything changes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { context } from 'esbuild';
import { clientScriptOptions } from './build.ts';
import { compileMessages } from './i18n-compile.ts';

const root = path.resolve(import.meta.dirname, '..');
compileMessages();
// The page scripts (web/src/client) are rebuilt into web/static as they change; Vite picks them up from there.
const client = await context(clientScriptOptions());
await client.rebuild();
await client.watch();
const vite = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--watch', '--logLevel', 'warn'],
  { cwd: path.join(root, 'web'), stdio: 'inherit' },
);
const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--include', 'web/build/server/**', 'server/main.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { LOG_LEVEL: 'info', ...process.env },
  },
);
const stop = () => {
  void client.dispose();
  vite.kill();
  server.kill();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
