// npm start: builds what is missing (the web app; the server's bundle, dist/server/), then serves from the bundle.
// Plain JavaScript, so the server process never loads the TypeScript loader (tsx): the build runs in a child process,
// whose memory goes when it ends. A cluster worker (WORKERS=N) runs this file again; its primary has built already.
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
if (cluster.isPrimary) {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-missing', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { main } = await import(pathToFileURL(path.join(root, 'dist/server/main.mjs')).href);
await main();
