// GET /api/modules/:id/offline: what a device stores to use a module offline, with sizes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { ffmpegPath } from '../../../server/modules/media/render/ffmpeg.ts';
import { build } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';
import { renderTinyTutorial, tempMediaDir } from '../../helpers/media.ts';

const mediaDir = tempMediaDir(t);
const bundle = contentBundle();
const rendered = bundle.modules.find((m) => m.tutorialId === 'm1-tutorial')!;
const notRendered = bundle.modules.find((m) => m.tutorialId && m.id !== rendered.id)!;
await renderTinyTutorial(mediaDir, 'm1-tutorial', ['en']);
const app = await build(t, { config: { mediaDir } });
const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

t.test('anyone gets the pages of a module to store; the quiz only with an account', async (t) => {
  const res = await get(`/api/modules/${notRendered.id}/offline?locale=fr`);
  t.equal(res.statusCode, 200);
  const pkg = res.json();
  t.equal(pkg.locale, 'fr');
  t.same(
    pkg.pages.map((p: { url: string }) => p.url),
    [
      `/modules/${notRendered.id}`,
      ...notRendered.lessonIds.map((id) => `/lessons/${id}`),
      `/modules/${notRendered.id}/handout`,
    ],
  );
  t.ok(
    pkg.pages.every((p: { bytes: number }) => p.bytes > 9_000),
    'each page has a size estimate',
  );
  t.equal(pkg.quizId, null, 'no quiz for an anonymous visitor: an attempt needs an account');
  t.equal(pkg.video, null, 'no video while the tutorial is being prepared');

  const learner = await newLearner(app);
  const mine = (await get(`/api/modules/${notRendered.id}/offline`, learner.cookie)).json();
  t.equal(mine.quizId, notRendered.quizId);
  t.ok(
    mine.pages.some((p: { url: string }) => p.url === `/quizzes/${notRendered.quizId}`),
    'the quiz page is stored for a learner',
  );
  t.notMatch(JSON.stringify(mine), /answer|correct/i, 'nothing about answers');
});

t.test('a rendered tutorial: the MP4, or its sound alone, much smaller, both real files', async (t) => {
  // Many first requests at once: one sound file, made once.
  const first = await Promise.all(
    Array.from({ length: 5 }, () => get(`/api/modules/${rendered.id}/offline?locale=en`)),
  );
  t.same(
    first.map((r) => r.statusCode),
    [200, 200, 200, 200, 200],
  );
  const pkg = first[0].json();
  const media = (await get('/api/tutorials/m1-tutorial?locale=en')).json();
  t.same(pkg.video, { url: media.mp4Url, source: media.mp4Url, bytes: media.mp4Bytes });
  t.equal(pkg.audio.url, media.mp4Url, 'the sound is stored under the address the page plays');
  t.match(pkg.audio.source, /\/offline-audio\.m4a$/);
  t.ok(
    pkg.audio.bytes > 1000 && pkg.audio.bytes < pkg.video.bytes / 2,
    `audio ${pkg.audio.bytes} B < half of video ${pkg.video.bytes} B`,
  );
  t.same(
    pkg.assets.map((a: { url: string }) => a.url).sort(),
    [...media.captions.map((c: { url: string }) => c.url), media.transcriptUrl, media.posterUrl].sort(),
  );

  const audio = await get(pkg.audio.source);
  t.equal(audio.statusCode, 200, 'the server serves the sound file');
  t.equal(audio.rawPayload.length, pkg.audio.bytes, 'with the size announced');
  const file = path.join(mediaDir, decodeURIComponent(pkg.audio.source.replace(/^\/media\//, '')));
  const probe = execFileSync(ffmpegPath(), ['-hide_banner', '-i', file, '-f', 'null', '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  t.notMatch(probe, /Video:/, 'no picture in it');
  const before = fs.statSync(file).mtimeMs;
  await get(`/api/modules/${rendered.id}/offline`);
  t.equal(fs.statSync(file).mtimeMs, before, 'made once, not on every request');
});

t.test('bad requests get a clear 4xx', async (t) => {
  const missing = await get('/api/modules/no-such-module/offline');
  t.equal(missing.statusCode, 404);
  t.match(missing.json().error.message, /no-such-module/);
  t.equal((await get(`/api/modules/${rendered.id}/offline?locale=../../etc`)).statusCode, 400);
  t.equal((await get(`/api/modules/${rendered.id}/offline?unknown=1`)).statusCode, 400);
});
