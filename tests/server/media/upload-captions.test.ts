// Captions on an uploaded video: .srt/.vtt checked against the video, stored as WebVTT, served to learners;
// a file with broken timing is a 400 naming the line, and nothing is stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { build, injectAs } from '../../helpers/app.ts';
import { newAdmin } from '../../helpers/factories.ts';
import { tempMediaDir } from '../../helpers/media.ts';
import { vttCueCount, vttProblems } from '../../helpers/webvtt.ts';
import { mediaCaptions } from '../../../server/db/schema.ts';
import { makeVideo, multipart, uploadForm } from '../../helpers/videos.ts';
import { workOnce } from '../../../server/jobs/queue.ts';
import { MEDIA_TRANSCODE_JOB, transcodeUpload } from '../../../server/modules/media/uploads/transcode.ts';

const mediaDir = tempMediaDir(t);
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-caption-files-'));
t.teardown(() => fs.rmSync(files, { recursive: true, force: true }));
const app = await build(t, { config: { mediaDir } });
const admin = await newAdmin(app);
const form = uploadForm(await makeVideo(files, 'talk.mp4', { seconds: 3, size: '128x72' }), {
  locale: 'fr',
  placement: 'replace',
});
const video = (
  await injectAs(app, admin, { method: 'POST', url: '/api/admin/media', headers: form.headers, payload: form.payload })
).json();

const captions = (locale: string, filename: string, text: string, headers: Record<string, string> = {}) => {
  const body = multipart([
    { name: 'locale', value: locale },
    { name: 'file', filename, content: Buffer.from(text), type: 'text/plain' },
  ]);
  return injectAs(app, admin, {
    method: 'POST',
    url: `/api/admin/media/${video.id}/captions`,
    headers: { ...body.headers, ...headers },
    payload: body.payload,
  });
};
const srt =
  '1\n00:00:00,200 --> 00:00:01,400\nBienvenue dans la ville apprenante.\n\n2\n00:00:01,500 --> 00:00:02,900\nLes partenaires partagent le travail.\n';

t.test(
  'admin attaches SRT captions: stored as WebVTT, listed on the upload, served to learners with the video',
  async (t) => {
    const res = await captions('fr', 'talk.fr.srt', srt);
    t.equal(res.statusCode, 200, res.body);
    t.same(res.json().captions, [{ locale: 'fr', cueCount: 2 }]);
    const en = await captions(
      'en',
      'talk.en.vtt',
      'WEBVTT\n\n00:00.200 --> 00:01.400\nWelcome to the learning city.\n',
    );
    t.same(en.json().captions, [
      { locale: 'en', cueCount: 1 },
      { locale: 'fr', cueCount: 2 },
    ]);

    await workOnce(app.database.db, {
      kinds: [MEDIA_TRANSCODE_JOB],
      handler: (job, ctx) => transcodeUpload(app.database.db, mediaDir, job, ctx),
      log: { info() {}, warn() {}, error() {} },
    });
    const learner = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=fr' })).json();
    t.equal(learner.source, 'upload');
    t.same(
      learner.captions.map((c: { locale: string }) => c.locale),
      ['fr', 'en'],
      "the video's language first",
    );
    const vtt = await app.inject({ method: 'GET', url: learner.captions[0].url });
    t.equal(vtt.statusCode, 200);
    t.equal(vtt.headers['content-type'], 'text/vtt; charset=utf-8');
    t.match(vtt.body, /^WEBVTT\n/);
    t.match(vtt.body, '00:00:00.200 --> 00:00:01.400\nBienvenue dans la ville apprenante.');
    for (const c of learner.captions as { locale: string; url: string }[]) {
      const body = (await app.inject({ method: 'GET', url: c.url })).body;
      t.same(vttProblems(body), [], `${c.locale} captions are valid WebVTT (W3C validator's parser)`);
      t.equal(vttCueCount(body), c.locale === 'fr' ? 2 : 1, `${c.locale}: every cue read`);
    }
    const transcript = await app.inject({ method: 'GET', url: learner.transcriptUrl });
    t.equal(transcript.body, 'Bienvenue dans la ville apprenante.\nLes partenaires partagent le travail.\n');
  },
);

t.test('captions with broken timing are refused with the line to fix, and nothing is stored', async (t) => {
  const before = (await injectAs(app, admin, { method: 'GET', url: `/api/admin/media/${video.id}` })).json().captions;
  const broken = '1\n00:00:00,200 --> 00:00:01,400\nFine.\n\n2\n00:00:02,000 --> 00:00:01,000\nBackwards.\n';
  const res = await captions('es', 'talk.es.srt', broken);
  t.equal(res.statusCode, 400);
  t.equal(res.json().error.code, 'media.captions_invalid');
  t.match(res.json().error.message, 'line 6: the cue ends before it starts');
  const late = await captions('es', 'talk.es.srt', '1\n00:00:01,000 --> 00:00:09,000\nToo long for a 3 s video.\n');
  t.match(late.json().error.message, /line 2: the cue ends at 9.000 s, after the end of the video \(3.0 s\)/);
  const replaced = await captions('fr', 'talk.fr.srt', broken);
  t.equal(replaced.statusCode, 400, 'a broken file does not replace good captions');
  const binary = await captions('es', 'talk.es.vtt', '\u0000\u0001\u0002WEBVTT');
  t.equal(binary.json().error.code, 'media.captions_not_text');
  const after = (await injectAs(app, admin, { method: 'GET', url: `/api/admin/media/${video.id}` })).json().captions;
  t.same(after, before, 'nothing stored');
  t.equal((await app.inject({ method: 'GET', url: `/api/media/uploads/${video.id}/captions/es` })).statusCode, 404);
});

t.test('a browser form post with broken captions goes back to the admin page with the lines to fix', async (t) => {
  const res = await captions('es', 'talk.es.srt', '1\n00:00:02,000 --> 00:00:01,000\nBackwards.\n', {
    accept: 'text/html',
  });
  t.equal(res.statusCode, 303);
  const location = new URL(res.headers.location as string, 'http://x');
  t.equal(location.pathname, '/admin/media');
  t.equal(location.searchParams.get('error'), 'media.captions_invalid');
  t.equal(location.searchParams.get('upload'), video.id);
  t.match(location.searchParams.get('lines'), /^2: the cue ends before it starts/);
});

t.test('captions for an unknown upload are 404; an oversized captions file is 413', async (t) => {
  const body = multipart([
    { name: 'locale', value: 'en' },
    { name: 'file', filename: 'x.vtt', content: Buffer.from('WEBVTT\n') },
  ]);
  const res = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/admin/media/00000000-0000-4000-8000-000000000000/captions',
    headers: body.headers,
    payload: body.payload,
  });
  t.equal(res.statusCode, 404);
  t.equal(res.json().error.code, 'media.upload_not_found');
  const big = await captions('en', 'big.vtt', 'WEBVTT\n\n' + 'x'.repeat(1024 * 1024 + 10));
  t.equal(big.statusCode, 413);
  t.equal(big.json().error.code, 'media.captions_too_large');
});

t.test('captions stored before the conforming head are served valid', async (t) => {
  // How attachCaptions wrote them until now: "Language:" right under "WEBVTT".
  const legacy = 'WEBVTT\nLanguage: fr\n\n1\n00:00:00.200 --> 00:00:01.400\nBienvenue.\n';
  await app.database.db.update(mediaCaptions).set({ vtt: legacy });
  const learner = (await app.inject({ method: 'GET', url: '/api/tutorials/m1-tutorial?locale=fr' })).json();
  t.ok(learner.captions.length > 0);
  for (const c of learner.captions as { url: string }[]) {
    const body = (await app.inject({ method: 'GET', url: c.url })).body;
    t.same(vttProblems(body), [], c.url);
    t.match(body, /^WEBVTT\n\nNOTE Language: fr\n\n1\n00:00:00.200 --> 00:00:01.400\nBienvenue\.\n$/);
  }
});
