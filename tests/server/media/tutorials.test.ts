// GET /api/tutorials/:id and the rendered files under /media/, with a tiny tutorial rendered by the real pipeline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { build, injectAs } from '../../helpers/app.ts';
import { newAdmin } from '../../helpers/factories.ts';
import { renderTinyTutorial, tempMediaDir } from '../../helpers/media.ts';
import { makeVideo, uploadForm } from '../../helpers/videos.ts';
import { workOnce } from '../../../server/jobs/queue.ts';
import { MEDIA_TRANSCODE_JOB, transcodeUpload } from '../../../server/modules/media/uploads/transcode.ts';
import { vttCueCount, vttProblems } from '../../helpers/webvtt.ts';

const mediaDir = tempMediaDir(t);
// Real tutorial ids of the course: m1 gets a tiny render in English and Khmer, m2 none.
const renders = await renderTinyTutorial(mediaDir, 'm1-tutorial', ['en', 'km']);
const app = await build(t, { config: { mediaDir } });

t.test('anyone gets a rendered tutorial with URLs the server serves with the right types', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=en' });
  t.equal(res.statusCode, 200);
  const media = res.json();
  t.equal(media.status, 'ready');
  t.equal(media.locale, 'en');
  t.equal(media.narrationLocale, 'en', 'spoken in English');
  t.ok(Math.abs(media.durationSeconds - renders.en.duration) < 1e-6, 'duration from the render');
  t.equal(media.mp4Bytes, renders.en.download.bytes);
  t.same(
    media.captions.map((c: { locale: string }) => c.locale),
    ['en', 'km'],
    'Khmer captions, timed to the same English narration, go with the English video',
  );

  const expect: [string, RegExp][] = [
    [media.hlsUrl, /^application\/vnd\.apple\.mpegurl/],
    [media.mp4Url, /^video\/mp4/],
    [media.posterUrl, /^image\/jpeg/],
    [media.transcriptUrl, /^text\/plain; charset=utf-8/],
    ...media.captions.map((c: { url: string }) => [c.url, /^text\/vtt; charset=utf-8/] as [string, RegExp]),
  ];
  for (const [url, type] of expect) {
    t.match(url, /^\/media\/m1-tutorial\/[a-z]{2}-[0-9a-f]{16}\//);
    const file = await app.inject({ method: 'GET', url });
    t.equal(file.statusCode, 200, `${url} is served`);
    t.match(file.headers['content-type'], type, `${url} is ${file.headers['content-type']}`);
    t.match(file.headers['cache-control'], /immutable/, 'hashed folders are cached for long');
  }
  const vtt = await app.inject({ method: 'GET', url: media.captions[0].url });
  t.match(vtt.body, /^WEBVTT/);
  for (const c of media.captions as { locale: string; url: string }[]) {
    const body = (await app.inject({ method: 'GET', url: c.url })).body;
    t.same(vttProblems(body), [], `${c.locale} captions are valid WebVTT (W3C validator's parser)`);
    t.ok(vttCueCount(body) >= 2, `${c.locale}: the cues are read`);
  }
  t.match(vtt.body, 'First, the mayor commits to lifelong learning.');

  // Every variant of the master playlist and a segment of it are served too.
  const master = (await app.inject({ method: 'GET', url: media.hlsUrl })).body;
  const base = media.hlsUrl.replace(/master\.m3u8$/, '');
  const variants = master.split('\n').filter((l) => l.endsWith('.m3u8'));
  t.same(variants.sort(), ['240p/index.m3u8', '360p/index.m3u8', '720p/index.m3u8', 'audio/index.m3u8']);
  const low = await app.inject({ method: 'GET', url: base + '240p/index.m3u8' });
  const segment = low.body.split('\n').find((l) => l.endsWith('.ts'))!;
  const ts = await app.inject({ method: 'GET', url: `${base}240p/${segment}` });
  t.equal(ts.statusCode, 200);
  t.equal(ts.headers['content-type'], 'video/mp2t');
  t.equal(ts.rawPayload[0], 0x47, 'an MPEG-TS packet');
  const range = await app.inject({ method: 'GET', url: media.mp4Url, headers: { range: 'bytes=0-99' } });
  t.equal(range.statusCode, 206, 'the MP4 can be fetched by ranges (seeking, resuming a download)');
  t.equal(range.rawPayload.length, 100);
});

t.test('a locale with its own render gets it; one without falls back to the English video', async (t) => {
  const km = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=km' })).json();
  t.equal(km.locale, 'km');
  t.match(km.hlsUrl, /\/km-[0-9a-f]{16}\/master\.m3u8$/);
  t.same(
    km.captions.map((c: { locale: string }) => c.locale),
    ['km', 'en'],
  );
  t.equal(
    km.narrationLocale,
    'en',
    'eSpeak has no Khmer voice: the Khmer video is narrated in English (the module page says so)',
  );
  const es = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=es' })).json();
  t.equal(es.status, 'ready');
  t.equal(es.locale, 'en', 'Spanish is not rendered: the English video');
  const none = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial' })).json();
  t.equal(none.locale, 'en');
});

t.test('a tutorial of the course that is not rendered yet is "preparing"', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/tutorials/m2-tutorial?locale=fr' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'preparing', tutorialId: 'm2-tutorial', versions: [] }, 'no uploaded versions either');
});

t.test('an unknown tutorial is 404 with the error body; a malformed id or locale is 400', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/tutorials/no-such-tutorial' });
  t.equal(res.statusCode, 404);
  t.equal(res.json().error.code, 'media.tutorial_not_found');
  t.equal((await app.inject({ method: 'GET', url: '/api/tutorials/Bad_Id' })).statusCode, 400);
  t.equal((await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=english' })).statusCode, 400);
});

t.test(
  'only finished render folders are served: no pointer files, no temp folders, no escaping the media folder',
  async (t) => {
    const unfinished = `${path.basename(renders.en.dir)}.tmp-1-abcd`;
    fs.mkdirSync(path.join(mediaDir, 'm1-tutorial', unfinished));
    fs.writeFileSync(path.join(mediaDir, 'm1-tutorial', unfinished, 'manifest.json'), '{}');
    for (const url of [
      '/media/m1-tutorial/en.json',
      `/media/m1-tutorial/${unfinished}/manifest.json`,
      '/media/../package.json',
      '/media/m1-tutorial/%2e%2e/%2e%2e/package.json',
      '/media/',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      t.ok(res.statusCode === 404 || res.statusCode === 403, `${url}: ${res.statusCode}`);
    }
  },
);

t.test(
  'an admin replaces the Khmer render (English voice) with a recorded Khmer narration: Khmer learners get it instead, others keep the render',
  async (t) => {
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-km-narration-'));
    t.teardown(() => fs.rmSync(files, { recursive: true, force: true }));
    const admin = await newAdmin(app);
    const form = uploadForm(await makeVideo(files, 'km-narration.mp4', { seconds: 2, faststart: true }), {
      locale: 'km',
      placement: 'replace',
      title: 'ទីក្រុងសិក្សា',
    });
    const res = await injectAs(app, admin, {
      method: 'POST',
      url: '/api/admin/media',
      headers: form.headers,
      payload: form.payload,
    });
    t.equal(res.statusCode, 202, res.body);
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    t.equal(
      await workOnce(app.database.db, {
        kinds: [MEDIA_TRANSCODE_JOB],
        handler: (job, ctx) => transcodeUpload(app.database.db, mediaDir, job, ctx),
        log,
      }),
      true,
    );

    const km = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=km' })).json();
    t.match(
      km,
      { status: 'ready', source: 'upload', locale: 'km', narrationLocale: 'km', title: 'ទីក្រុងសិក្សា' },
      'the recorded Khmer narration, instead of the render',
    );
    const en = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=en' })).json();
    t.match(
      en,
      { source: 'render', locale: 'en', narrationLocale: 'en' },
      'English learners keep the rendered tutorial',
    );
  },
);
