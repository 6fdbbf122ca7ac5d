// `npm start` serves the server's bundle (dist/server/, made by scripts/build-server.ts), not the TypeScript sources,
// so the server process carries no TypeScript loader (tsx). Each entry point that starts a thread or a process of its
// own is a file of the bundle, and each must run from there.
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { buildServer } from '../../scripts/build-server.ts';
import { CONTENT_DIR } from '../../server/modules/catalog/content-boot.ts';
import { bundledFile, SERVER_ENTRY_POINTS } from '../../server/shared/project-files.ts';
import { storyboardFromObject } from '../../server/modules/media/render/storyboard.ts';
import type { NarrateAndDrawOutput } from '../../server/modules/media/render/render-worker.ts';
import { startServer } from '../helpers/server-process.ts';

t.test('the bundle has a file for every entry point, and a second build changes nothing', async (t) => {
  buildServer();
  for (const entry of SERVER_ENTRY_POINTS) t.ok(fs.existsSync(bundledFile(entry)), `${entry} is bundled`);
  t.equal(buildServer(), false, 'nothing rewritten when the sources did not change');
});

t.test('npm start serves from the bundle on a new embedded database, from its bundled files', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bundle-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // A new data directory: created by the bundle's create-embedded-database.mjs in a child process, then served by
  // PGlite in the thread of the bundle's pglite-thread-worker.mjs.
  const server = startServer(t, { DATA_DIR: dataDir });
  const address = await server.ready;
  t.ok(address, `it serves (output: ${server.output().slice(-400)})`);
  const home = await fetch(`${address}/`);
  t.equal(home.status, 200, 'the home page');
  t.match(await home.text(), /Learning Cities Academy/);
  const course = await fetch(`${address}/api/courses/learning-city`);
  t.equal(course.status, 200, 'the course, read from the embedded database');
  t.equal(
    ((await course.json()) as { modules: unknown[] }).modules.length,
    fs.readdirSync(path.join(CONTENT_DIR, 'modules')).length,
    'every module of content/',
  );
  // Libraries only some requests need are loaded with the first of them, not to serve pages. The native ones show
  // in the process's memory map once loaded: the PDF compiler (Typst) and the tutorial frames' rasteriser (resvg).
  const maps = fs.readFileSync(`/proc/${server.child.pid}/maps`, 'utf8');
  t.notMatch(maps, /typst-ts-node-compiler/, 'the PDF compiler is not loaded to serve pages');
  t.notMatch(maps, /resvg/, 'nor the tutorial renderer');
  t.match(maps, /argon2/, 'while a library every sign-in needs is (the check sees native libraries)');
  t.notMatch(server.stderr(), /Error/, 'nothing went wrong on the way');
});

t.test('the tutorial renderer runs in a thread from its bundled file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bundle-render-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { storyboard, source } = storyboardFromObject(
    {
      id: 'bundle-test',
      title: 'A learning city',
      scenes: [
        { id: 's1', layout: 'statement', icon: 'globe', heading: 'Learning for all', bullets: [], narration: 'Hello.' },
      ],
    },
    'en',
  );
  const wavPath = path.join(dir, 'narration.wav');
  const worker = new Worker(bundledFile('server/modules/media/render/render-worker.ts'), {
    workerData: { narrateAndDraw: { storyboard, source, wavPath, framesDir: dir } },
  });
  const reply = await new Promise<{ ok: boolean; result?: NarrateAndDrawOutput; message?: string }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  t.ok(reply.ok, `it answers (${reply.message ?? 'ok'})`);
  t.ok(reply.result!.frames.length >= 1, 'frames drawn');
  t.ok(fs.statSync(wavPath).size > 1000, 'narration spoken');
  for (const frame of reply.result!.frames) t.ok(fs.statSync(frame.file).size > 1000, `${frame.file} written`);
});
