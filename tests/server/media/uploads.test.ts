// POST /api/admin/media with real files made by ffmpeg: accepted videos are transcoded by the queue into the
// ladder and served to learners; every bad input is a 4xx that leaves no row and no file behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { build, injectAs, userWithRole } from '../../helpers/app.ts';
import { newAdmin } from '../../helpers/factories.ts';
import { tempMediaDir } from '../../helpers/media.ts';
import { makeVideo, truncatedCopy, uploadForm } from '../../helpers/videos.ts';
import { workOnce } from '../../../server/jobs/queue.ts';
import { MEDIA_TRANSCODE_JOB, transcodeUpload } from '../../../server/modules/media/uploads/transcode.ts';

const mediaDir = tempMediaDir(t);
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-upload-files-'));
t.teardown(() => fs.rmSync(files, { recursive: true, force: true }));
const mp4 = await makeVideo(files, 'story.mp4', { faststart: true });
const webm = await makeVideo(files, 'story.webm', { audio: false });
const avi = await makeVideo(files, 'story.avi');
const cutMp4 = truncatedCopy(mp4, 'cut-faststart.mp4');
const cutIndexAtEnd = truncatedCopy(await makeVideo(files, 'plain.mp4'), 'cut-plain.mp4');
const cutWebm = truncatedCopy(await makeVideo(files, 'other.webm'), 'cut.webm');
const notVideo = path.join(files, 'notes.mp4');
fs.writeFileSync(notVideo, 'These are my meeting notes, not a video.\n'.repeat(50));

const app = await build(t, { config: { mediaDir } });
const admin = await newAdmin(app);
const db = app.database.db;
const log = { info: () => {}, warn: () => {}, error: () => {} };
const runTranscode = () =>
  workOnce(db, { kinds: [MEDIA_TRANSCODE_JOB], handler: (job, ctx) => transcodeUpload(db, mediaDir, job, ctx), log });
const uploadsOnDisk = () =>
  fs.existsSync(path.join(mediaDir, 'uploads')) ? fs.readdirSync(path.join(mediaDir, 'uploads')) : [];
const upload = (form: ReturnType<typeof uploadForm>, headers: Record<string, string> = {}) =>
  injectAs(app, admin, {
    method: 'POST',
    url: '/api/admin/media',
    headers: { ...form.headers, ...headers },
    payload: form.payload,
  });
const list = async () => (await injectAs(app, admin, { method: 'GET', url: '/api/admin/media' })).json().items;

t.test(
  'admin uploads an MP4: it is checked, queued, transcoded with progress and served to learners instead of the render',
  async (t) => {
    const res = await upload(uploadForm(mp4));
    t.equal(res.statusCode, 202, res.body);
    const created = res.json();
    t.match(created, {
      tutorialId: 'm1-tutorial',
      locale: 'en',
      placement: 'replace',
      status: 'processing',
      progress: 0,
      originalName: 'story.mp4',
      width: 192,
      height: 108,
    });
    t.ok(Math.abs(created.durationSeconds - 4) < 0.2, 'duration probed');
    t.equal(created.sizeBytes, fs.statSync(mp4).size, 'the whole file arrived');
    t.equal(created.hlsUrl, null, 'nothing to play yet');

    t.equal(await runTranscode(), true, 'the queue had the transcode job');
    const ready = (await injectAs(app, admin, { method: 'GET', url: `/api/admin/media/${created.id}` })).json();
    t.match(ready, { status: 'ready', progress: 100, error: null });

    const master = await app.inject({ method: 'GET', url: ready.hlsUrl });
    t.equal(master.statusCode, 200);
    t.match(master.headers['content-type'], /mpegurl/);
    const variants = master.body.split('\n').filter((l) => l.endsWith('.m3u8'));
    t.same(
      variants.sort(),
      ['240p/index.m3u8', 'audio/index.m3u8'],
      'a 108p source gets only the lowest rendition and audio-only',
    );
    const base = ready.hlsUrl.replace(/master\.m3u8$/, '');
    for (const v of variants) {
      const playlist = (await app.inject({ method: 'GET', url: base + v })).body;
      const segments = playlist.split('\n').filter((l) => l.endsWith('.ts'));
      t.ok(segments.length >= 1, `${v} names segments`);
      for (const s of segments)
        t.equal(
          (await app.inject({ method: 'GET', url: base + path.posix.join(path.posix.dirname(v), s) })).statusCode,
          200,
          `${v}: ${s} is served`,
        );
    }

    const learner = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=en' })).json();
    t.match(learner, {
      status: 'ready',
      source: 'upload',
      title: 'Our learning city story',
      locale: 'en',
      hlsUrl: ready.hlsUrl,
      captions: [],
      versions: [],
    });
    t.ok(learner.mp4Bytes > 0, 'the download size is known');
    const mp4Res = await app.inject({ method: 'GET', url: learner.mp4Url });
    t.equal(mp4Res.statusCode, 200);
    t.equal(mp4Res.headers['content-type'], 'video/mp4');
    t.equal((await app.inject({ method: 'GET', url: learner.posterUrl })).headers['content-type'], 'image/jpeg');
    t.equal(
      (await app.inject({ method: 'GET', url: `/media/uploads/${created.id}/original` })).statusCode,
      404,
      'the original as uploaded is never served',
    );
    const french = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=fr' })).json();
    t.equal(french.source, 'upload', 'French has no render here: the English upload, as renders fall back');

    t.equal((await injectAs(app, admin, { method: 'DELETE', url: `/api/admin/media/${created.id}` })).statusCode, 204);
    t.same(await list(), [], 'the row is gone');
    t.notOk(fs.existsSync(path.join(mediaDir, 'uploads', created.id)), 'its files are gone');
    t.equal((await app.inject({ method: 'GET', url: ready.hlsUrl })).statusCode, 404);
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial' })).json().status,
      'preparing',
      'learners are back to the (not yet rendered) tutorial',
    );
    t.equal((await injectAs(app, admin, { method: 'DELETE', url: `/api/admin/media/${created.id}` })).statusCode, 404);
  },
);

t.test('a silent WebM placed beside is offered to learners as another version', async (t) => {
  const res = await upload(uploadForm(webm, { placement: 'beside', title: 'Workshop recording', locale: 'fr' }));
  t.equal(res.statusCode, 202, res.body);
  await runTranscode();
  const learner = await app.inject({ method: 'GET', url: '/api/tutorials/m2-tutorial?locale=fr' });
  t.equal(learner.json().status, 'preparing', 'm2 is not affected');
  const m1 = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=fr' })).json();
  t.equal(m1.status, 'preparing', 'a version beside does not replace the tutorial');
  t.equal(m1.versions.length, 1);
  t.match(m1.versions[0], { title: 'Workshop recording', locale: 'fr' });
  const audio = await app.inject({
    method: 'GET',
    url: m1.versions[0].hlsUrl.replace('master.m3u8', 'audio/index.m3u8'),
  });
  t.equal(audio.statusCode, 200, 'a video without sound still gets an (silent) audio-only rendition');
  await injectAs(app, admin, { method: 'DELETE', url: `/api/admin/media/${res.json().id}` });
});

t.test('bad uploads get a clear 4xx and leave no row and no file', async (t) => {
  const cases: [string, ReturnType<typeof uploadForm>, number, string, RegExp][] = [
    [
      'a text file named .mp4',
      uploadForm(notVideo),
      415,
      'media.not_a_video',
      /"notes\.mp4" is not a video we can read\. Upload an MP4, WebM, MOV or MKV/,
    ],
    ['an AVI', uploadForm(avi), 415, 'media.not_a_video', /"story\.avi" is a avi file/],
    [
      'a truncated MP4 (index first)',
      uploadForm(cutMp4),
      400,
      'media.truncated',
      /incomplete .* Upload the whole file again/,
    ],
    [
      'a truncated MP4 (index at the end)',
      uploadForm(cutIndexAtEnd),
      415,
      'media.not_a_video',
      /not a video we can read/,
    ],
    ['a truncated WebM', uploadForm(cutWebm), 400, 'media.truncated', /incomplete/],
    [
      'an unknown tutorial',
      uploadForm(mp4, { tutorialId: 'no-such-tutorial' }),
      400,
      'media.unknown_tutorial',
      /no tutorial "no-such-tutorial"/,
    ],
    ['a bad placement', uploadForm(mp4, { placement: 'instead' }), 400, 'request.invalid', /placement/],
    ['a missing title', uploadForm(mp4, { title: '' }), 400, 'request.invalid', /title/],
  ];
  for (const [what, form, status, code, message] of cases) {
    const res = await upload(form);
    t.equal(res.statusCode, status, `${what}: ${res.body}`);
    t.equal(res.json().error.code, code, what);
    t.match(res.json().error.message, message, what);
  }
  const noFile = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/admin/media',
    payload: { tutorialId: 'm1-tutorial', locale: 'en', title: 'x', placement: 'beside', file: 'x' },
  });
  t.equal(noFile.statusCode, 400);
  t.equal(noFile.json().error.code, 'media.file_missing', 'JSON without a file is refused');
  t.same(await list(), [], 'no upload rows');
  t.same(uploadsOnDisk(), [], 'no stray files');
});

t.test('an upload over the configured limit is 413 and leaves nothing behind', async (t) => {
  const small = await build(t, { config: { mediaDir, maxUploadBytes: 1000 } });
  const boss = await userWithRole(small, 'admin');
  const form = uploadForm(mp4);
  t.ok(form.payload.length > 1000 + 16 * 1024, 'the form is over the limit by more than the room for fields');
  // Without Content-Length (chunked) the stream is cut at the limit; with it the request is refused before reading.
  for (const headers of [{ 'transfer-encoding': 'chunked' }, {}]) {
    const res = await injectAs(small, boss, {
      method: 'POST',
      url: '/api/admin/media',
      headers: { ...form.headers, ...headers },
      payload: form.payload,
    });
    t.equal(res.statusCode, 413, res.body);
    t.equal(res.json().error.code, 'media.upload_too_large');
    t.match(res.json().error.message, /larger than the upload limit .* MAX_UPLOAD_BYTES/);
  }
  t.same(uploadsOnDisk(), [], 'no stray files');
  t.same((await injectAs(small, boss, { method: 'GET', url: '/api/admin/media' })).json().items, []);
});

t.test('a browser form post is answered with a 303 back to the admin page, success or not', async (t) => {
  const html = { accept: 'text/html,application/xhtml+xml' };
  const ok = await upload(uploadForm(mp4, { placement: 'beside' }), html);
  t.equal(ok.statusCode, 303);
  t.match(ok.headers.location, /^\/admin\/media\?uploaded=[0-9a-f-]{36}$/);
  const bad = await upload(uploadForm(notVideo), html);
  t.equal(bad.statusCode, 303);
  t.equal(bad.headers.location, '/admin/media?error=media.not_a_video');
  const invalidForm = uploadForm(mp4, { locale: 'English' });
  const invalid = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/admin/media?returnTo=/admin/media%3Ftutorial%3Dm1',
    headers: { ...invalidForm.headers, ...html },
    payload: invalidForm.payload,
  });
  t.equal(invalid.statusCode, 303);
  t.equal(
    invalid.headers.location,
    '/admin/media?tutorial=m1&error=request.invalid',
    'back to where the form was, with the error',
  );
  t.equal((await list()).length, 1, 'only the good one was kept');
  t.equal(uploadsOnDisk().length, 1);
  const form = uploadForm(mp4);
  const elsewhere = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/admin/media?returnTo=https://evil.example/',
    headers: form.headers,
    payload: form.payload,
  });
  t.equal(elsewhere.statusCode, 400, 'a return address off the admin page is refused');
  const fromBrowser = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/admin/media?returnTo=https://evil.example/',
    headers: { ...form.headers, ...html },
    payload: form.payload,
  });
  t.equal(fromBrowser.statusCode, 303);
  t.equal(
    fromBrowser.headers.location,
    '/admin/media?error=request.invalid',
    'a browser is sent back to the admin page, never elsewhere',
  );
  t.equal((await list()).length, 1);
  t.equal(uploadsOnDisk().length, 1);
});
