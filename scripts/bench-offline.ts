// Benchmark: offline use in real Chromium. Prints what the service worker fetches when it installs (the
// one-off cost of a first visit), the bytes a downloaded module takes on the device (text only, with the
// tutorial's sound, with its video), and the time from reconnecting to the server having what was done
// offline. Uses the m1 tutorial in DATA_DIR/media when rendered (npm run media:build), else a tiny render.
// Never part of the tests. Usage: npx tsx scripts/bench-offline.ts
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'; // count the worker's own requests

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../server/config.ts';
import { progressEvents } from '../server/db/schema.ts';
import { connection } from '../tests/helpers/browser.ts';
import { renderTinyTutorial } from '../tests/helpers/media.ts';
import { startBenchServer } from './bench-server-setup.ts';

const MODULE = 'm1-concept';
let mediaDir = loadConfig().mediaDir;
if (!fs.existsSync(path.join(mediaDir, 'm1-tutorial/en.json'))) {
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-media-'));
  console.log('m1-tutorial is not rendered in DATA_DIR/media: using a tiny two-scene render (sizes will be small)');
  await renderTinyTutorial(mediaDir, 'm1-tutorial', ['en']);
}
const { app, base, database, close } = await startBenchServer({ web: true, config: { mediaDir } });
const link = connection(app);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const context = await browser.newContext({ baseURL: base });
const page = await context.newPage();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// 1. The worker's install, on a first visit.
const workerBytes: Promise<number>[] = [];
const countWorkerBytes = (r: import('playwright-core').Request) => {
  if (r.serviceWorker())
    workerBytes.push(
      r
        .sizes()
        .then((s) => s.responseBodySize + s.responseHeadersSize)
        .catch(() => 0),
    );
};
context.on('requestfinished', countWorkerBytes);
await page.goto('/signup');
await page.fill('#field-name', 'Bench Offline');
await page.fill('#field-email', 'bench.offline@example.org');
await page.fill('#field-password', 'Bench-offline-2025');
await Promise.all([page.waitForURL('**/learning'), page.press('#field-password', 'Enter')]);
await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
await new Promise((r) => setTimeout(r, 1500));
context.off('requestfinished', countWorkerBytes);
const install = await Promise.all(workerBytes);
console.log(
  `service worker install (and re-caching the offline pages for the signed-in person): ${install.length} requests, ${kb(install.reduce((a, b) => a + b, 0))} on the wire`,
);

// 2. A module stored three ways.
async function download(p: Page, media: 'none' | 'audio' | 'video') {
  await p.goto(`/modules/${MODULE}`);
  await p.waitForFunction(
    () => /MB/.test(document.querySelector('[data-media-choice="none"] [data-size]')?.textContent ?? ''),
    undefined,
    { timeout: 60_000 },
  );
  const estimate = await p.textContent(`[data-media-choice="${media}"] [data-size]`);
  const started = Date.now();
  await p.check(`#offline-${media}`);
  await p.click('[data-download-start]');
  await p.waitForFunction(
    () =>
      /\d/.test(document.querySelector('[data-download-status]')?.textContent ?? '') &&
      document.querySelector<HTMLProgressElement>('[data-download-progress]')!.hidden,
    undefined,
    { timeout: 120_000 },
  );
  const stored = await p.evaluate(
    (id) =>
      new Promise<number>((resolve) =>
        (
          window as unknown as {
            lcaOffline: {
              ask: (m: unknown, cb: (r: { downloads: { moduleId: string; bytes: number }[] }) => void) => void;
            };
          }
        ).lcaOffline.ask({ type: 'downloads' }, (r) => resolve(r.downloads.find((d) => d.moduleId === id)!.bytes)),
      ),
    MODULE,
  );
  console.log(`| ${media} | estimate ${estimate} | stored ${kb(stored)} | ${Date.now() - started} ms (local link) |`);
}
console.log('\n| stored | size shown first | bytes on the device | download time |\n|---|---|---|---|');
for (const media of ['none', 'audio', 'video'] as const) await download(page, media);

// 3. Reconnect to synced: a lesson marked complete offline reaches the server.
const lessonId = (await (await page.request.get(`/api/modules/${MODULE}`)).json()).lessons[1].id as string;
const user = (await (await page.request.get('/api/me')).json()).id as string;
await link.lose(context);
await page.goto(`/lessons/${lessonId}`);
await Promise.all([page.waitForURL((u) => !u.pathname.endsWith(lessonId)), page.click('.finish button')]);
const reconnected = Date.now();
await link.regain(context);
const completed = () =>
  database.db
    .select()
    .from(progressEvents)
    .where(
      and(
        eq(progressEvents.userId, user),
        eq(progressEvents.lessonId, lessonId),
        eq(progressEvents.type, 'lesson.completed'),
      ),
    );
while ((await completed()).length === 0) {
  if (Date.now() - reconnected > 60_000) throw new Error('not synced within 60 s');
  await new Promise((r) => setTimeout(r, 50));
}
console.log(
  `\nreconnect to synced (a lesson completed offline, the page open): ${Date.now() - reconnected} ms (of which 1,000 ms is the deliberate wait after the "online" event)`,
);

await browser.close();
await close();
