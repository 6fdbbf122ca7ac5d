// Who may manage uploaded videos: admins only. Each route: anonymous (401), learner and facilitator (403) denied; admin allowed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { build } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newLearner } from '../../helpers/factories.ts';
import { tempMediaDir } from '../../helpers/media.ts';
import { makeVideo, multipart, uploadForm } from '../../helpers/videos.ts';

const mediaDir = tempMediaDir(t);
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-access-files-'));
t.teardown(() => fs.rmSync(files, { recursive: true, force: true }));
const video = await makeVideo(files, 'clip.mp4', { seconds: 2, size: '64x36' });
const app = await build(t, { config: { mediaDir } });
const admin = await newAdmin(app);
const people = {
  anonymous: { cookie: undefined, status: 401 },
  learner: { cookie: (await newLearner(app)).cookie, status: 403 },
  facilitator: { cookie: (await newFacilitator(app)).cookie, status: 403 },
};
const captionsBody = () =>
  multipart([
    { name: 'locale', value: 'en' },
    { name: 'file', filename: 'c.vtt', content: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n') },
  ]);
const send = (
  cookie: string | undefined,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: { payload: Buffer; headers: Record<string, string> },
) =>
  app.inject({
    method,
    url,
    headers: { ...(body?.headers ?? {}), ...(cookie ? { cookie } : {}) },
    payload: body?.payload,
  });
const uploadsOnDisk = () =>
  fs.existsSync(path.join(mediaDir, 'uploads')) ? fs.readdirSync(path.join(mediaDir, 'uploads')) : [];

const created = await send(admin.cookie, 'POST', '/api/admin/media', uploadForm(video));
const id = created.json().id;

t.test('admin is allowed every upload route', async (t) => {
  t.equal(created.statusCode, 202);
  t.equal((await send(admin.cookie, 'GET', '/api/admin/media')).statusCode, 200);
  t.equal((await send(admin.cookie, 'GET', `/api/admin/media/${id}`)).statusCode, 200);
  t.equal((await send(admin.cookie, 'POST', `/api/admin/media/${id}/captions`, captionsBody())).statusCode, 200);
});

for (const [who, { cookie, status }] of Object.entries(people)) {
  t.test(`${who} cannot upload, list, read, caption or delete uploaded videos (${status})`, async (t) => {
    const attempts: [string, Promise<{ statusCode: number; json: () => { error: { code: string } } }>][] = [
      ['upload', send(cookie, 'POST', '/api/admin/media', uploadForm(video))],
      ['list', send(cookie, 'GET', '/api/admin/media')],
      ['read', send(cookie, 'GET', `/api/admin/media/${id}`)],
      ['caption', send(cookie, 'POST', `/api/admin/media/${id}/captions`, captionsBody())],
      ['delete', send(cookie, 'DELETE', `/api/admin/media/${id}`)],
    ];
    for (const [what, res] of attempts) {
      const r = await res;
      t.equal(r.statusCode, status, `${what}: ${status}`);
      t.equal(r.json().error.code, status === 401 ? 'auth.required' : 'auth.forbidden', what);
    }
    t.equal(
      (await send(admin.cookie, 'GET', '/api/admin/media')).json().items.length,
      1,
      'still exactly the one upload',
    );
    t.same(uploadsOnDisk(), [id], 'a refused upload leaves no file');
  });
}

t.test('anyone may read the captions of a video (learners play it)', async (t) => {
  const res = await send(undefined, 'GET', `/api/media/uploads/${id}/captions/en`);
  t.equal(res.statusCode, 200);
  t.match(res.body, /^WEBVTT/);
});

t.test('admin deletes the upload', async (t) => {
  t.equal((await send(admin.cookie, 'DELETE', `/api/admin/media/${id}`)).statusCode, 204);
  t.same(uploadsOnDisk(), []);
});
