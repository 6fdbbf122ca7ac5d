// Files under /media/: a symlink that leads out of the media folder is not followed, and caption files
// rendered before the conforming WebVTT head are served valid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { build } from '../../helpers/app.ts';
import { tempMediaDir } from '../../helpers/media.ts';
import { vttProblems } from '../../helpers/webvtt.ts';

const mediaDir = tempMediaDir(t);
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-outside-media-'));
t.teardown(() => fs.rmSync(outside, { recursive: true, force: true }));
fs.writeFileSync(path.join(outside, 'jwt-secret'), 'a secret that must not be served');
fs.mkdirSync(path.join(outside, 'render'));
fs.writeFileSync(path.join(outside, 'render', 'poster.jpg'), 'not ours');

const render = path.join(mediaDir, 'm1-tutorial', 'en-0123456789abcdef');
fs.mkdirSync(render, { recursive: true });
fs.writeFileSync(path.join(render, 'transcript.en.txt'), 'The transcript.\n');
fs.symlinkSync(path.join(outside, 'jwt-secret'), path.join(render, 'secret.txt'));
fs.symlinkSync(path.join(render, 'transcript.en.txt'), path.join(render, 'alias.txt')); // stays inside: fine
fs.symlinkSync(path.join(outside, 'render'), path.join(mediaDir, 'm1-tutorial', 'en-fedcba9876543210'));
// A caption file as renders wrote it until now: "Language:" right under "WEBVTT".
fs.writeFileSync(
  path.join(render, 'captions.en.vtt'),
  'WEBVTT\nLanguage: en\n\n1\n00:00:00.000 --> 00:00:02.000\nWelcome.\n',
);

const app = await build(t, { config: { mediaDir } });
const get = (url: string) => app.inject({ method: 'GET', url });

t.test('a symlink leading out of the media folder is 404; one inside it is served', async (t) => {
  t.equal((await get('/media/m1-tutorial/en-0123456789abcdef/transcript.en.txt')).statusCode, 200, 'a plain file');
  t.equal(
    (await get('/media/m1-tutorial/en-0123456789abcdef/alias.txt')).body,
    'The transcript.\n',
    'a link to a file inside',
  );
  const secret = await get('/media/m1-tutorial/en-0123456789abcdef/secret.txt');
  t.equal(secret.statusCode, 404, 'a link to a file outside');
  t.notMatch(secret.body, /must not be served/, 'nothing of the file');
  t.equal(
    (await get('/media/m1-tutorial/en-fedcba9876543210/poster.jpg')).statusCode,
    404,
    'a render folder that is a link to outside',
  );
});

t.test('caption files with the legacy head are rewritten at start and served valid', async (t) => {
  const res = await get('/media/m1-tutorial/en-0123456789abcdef/captions.en.vtt');
  t.equal(res.statusCode, 200);
  t.same(vttProblems(res.body), []);
  t.equal(res.body, 'WEBVTT\n\nNOTE Language: en\n\n1\n00:00:00.000 --> 00:00:02.000\nWelcome.\n');
});
