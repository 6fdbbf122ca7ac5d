// Benchmark: time to first frame of a tutorial video in real Chromium on an emulated 2G link
// (280 kbps, 800 ms RTT), cold cache, for each way the module page can play it, and the JavaScript
// each way costs. Uses the m1 tutorial in DATA_DIR/media when rendered (npm run media:build), else a
// tiny one. Never part of the tests.   npx tsx scripts/bench-tutorial.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, openDatabase } from '../server/db/client.ts';
import { loadAndImportContent } from '../server/modules/catalog/content-boot.ts';
import { WEB_BUILD_DIR } from '../server/main.ts';
import { renderTinyTutorial } from '../tests/helpers/media.ts';
import { buildWeb } from './build.ts';

const PROFILE = { latency: 800, downloadThroughput: (280 * 1024) / 8, uploadThroughput: (256 * 1024) / 8 };

buildWeb({ ifMissing: true, quiet: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-tutorial-'));
let mediaDir = loadConfig().mediaDir;
if (!fs.existsSync(path.join(mediaDir, 'm1-tutorial/en.json'))) {
  mediaDir = path.join(dataDir, 'media');
  console.log('m1-tutorial is not rendered in DATA_DIR/media: using a tiny two-scene render');
  await renderTinyTutorial(mediaDir, 'm1-tutorial', ['en']);
}
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }, { mediaDir });
const database = await openDatabase(config);
await migrate(database);
await loadAndImportContent(database.db);
const app = await buildApp({
  config,
  database,
  jwtSecret: 'bench-secret-that-is-long-enough-for-hs256',
  logger: false,
  web: { buildDir: WEB_BUILD_DIR, secure: false },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
});

type Way = { name: string; nativeHls: boolean; saveData: boolean; js: boolean; mp4?: boolean };
const WAYS: Way[] = [
  { name: 'no page script, no HLS: MP4 360p', nativeHls: false, saveData: false, js: false, mp4: true },
  { name: 'no page script: native HLS (Chromium)', nativeHls: true, saveData: false, js: false },
  { name: 'native HLS (Chromium), adaptive', nativeHls: true, saveData: false, js: true },
  { name: 'native HLS, data saver: 240p playlist', nativeHls: true, saveData: true, js: true },
  { name: 'video.js + VHS, data saver: 240p first', nativeHls: false, saveData: true, js: true },
];

async function measure(way: Way) {
  const context: BrowserContext = await browser.newContext({ baseURL: base });
  // Without the page's script (not with JavaScript off: the measurement itself runs in the page).
  if (!way.js) await context.route('**/tutorial-player.js', (route) => route.abort());
  // A browser without HLS skips the HLS <source>: take it out of the page.
  if (way.mp4) {
    await context.route('**/modules/m1-concept', async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: (await res.text()).replace(/<source[^>]*mpegurl[^>]*>/, '') });
    });
  }
  await context.addInitScript(({ nativeHls, saveData }) => {
    if (!nativeHls) {
      const canPlay = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlay.call(this, type);
      };
    }
    if (saveData) Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '2g' } });
  }, way);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE });
  let js = 0;
  let mediaBytes = 0;
  const firstMedia: string[] = [];
  page.on('requestfinished', async (r) => {
    const size = (await r.sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize;
    if (r.resourceType() === 'script' && !r.url().startsWith('blob:')) js += size;
    if (r.url().includes('/media/') && !r.url().endsWith('poster.jpg') && !r.url().endsWith('.vtt')) {
      mediaBytes += size;
      if (firstMedia.length < 3) firstMedia.push(new URL(r.url()).pathname.split('/').slice(-2).join('/'));
    }
  });
  const t0 = Date.now();
  await page.goto('/modules/m1-concept', { waitUntil: 'load' });
  if (way.js) await page.waitForTimeout(way.nativeHls ? 3000 : 1000); // the enhancement settles (video.js loads after "load")
  if (way.js && !way.nativeHls && !way.mp4) await page.waitForSelector('.video-js', { timeout: 120_000 });
  const pageMs = Date.now() - t0;
  // Play (as the keyboard would) and wait for the first decoded frame, in the page's own clock.
  const firstFrameMs = await page.evaluate(`new Promise((resolve) => {
    const v = document.querySelector('video');
    const start = performance.now();
    v.requestVideoFrameCallback(() => resolve(performance.now() - start));
    v.play();
  })`);
  await page.waitForTimeout(10_000);
  const played = await page.evaluate(`document.querySelector('video').currentTime`);
  await context.close();
  return {
    pageMs,
    firstFrameMs: Math.round(firstFrameMs as number),
    js,
    mediaBytes,
    firstMedia,
    playedIn10s: Number(played).toFixed(1),
  };
}

console.log(`\n2G (${PROFILE.latency} ms RTT, 280 kbps), cold cache, m1-concept module page\n`);
console.log(
  ['way'.padEnd(42), 'page+player ms', 'first frame ms', 'JS bytes', 'played in 10 s', 'first media requests'].join(
    '  ',
  ),
);
for (const way of WAYS) {
  const r = await measure(way);
  console.log(
    [
      way.name.padEnd(42),
      String(r.pageMs).padStart(14),
      String(r.firstFrameMs).padStart(14),
      String(r.js).padStart(8),
      `${r.playedIn10s} s`.padStart(14),
      r.firstMedia.join(', '),
    ].join('  '),
  );
}
await browser.close();
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
