// Upload folders on disk: which paths may be served, orphan folders swept, and ffmpeg progress while transcoding.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { renditionsFor, transcodeMp4s } from '../../../server/modules/media/render/encode.ts';
import { isServableUploadPath, removeOrphanUploadDirs } from '../../../server/modules/media/uploads/upload-files.ts';
import { makeVideo } from '../../helpers/videos.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-upload-files-unit-'));
t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
const id = '3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b';

t.test('only files inside a finished output folder are servable', async (t) => {
  t.ok(isServableUploadPath(['uploads', id, 'out-0123456789abcdef', 'master.m3u8']));
  t.ok(isServableUploadPath(['uploads', id, 'out-0123456789abcdef', '240p', 'seg-000.ts']));
  t.notOk(isServableUploadPath(['uploads', id, 'original']), 'the original as uploaded');
  t.notOk(isServableUploadPath(['uploads', id, 'out-0123456789abcdef.tmp', 'master.m3u8']), 'a transcode in progress');
  t.notOk(isServableUploadPath(['uploads', id, 'out-0123456789abcdef']), 'a folder itself');
  t.notOk(isServableUploadPath(['uploads', 'not-a-uuid', 'out-0123456789abcdef', 'x']));
  t.notOk(isServableUploadPath(['uploads', id, 'out-0123456789abcdef', '..', 'original']));
});

t.test(
  'folders that no upload refers to are removed once they are old; recent ones may still be streaming in',
  async (t) => {
    const mediaDir = path.join(root, 'media');
    const known = '11111111-1111-4111-8111-111111111111';
    const oldOrphan = '22222222-2222-4222-8222-222222222222';
    const newOrphan = '33333333-3333-4333-8333-333333333333';
    for (const d of [known, oldOrphan, newOrphan]) fs.mkdirSync(path.join(mediaDir, 'uploads', d), { recursive: true });
    const hourAgo = new Date(Date.now() - 2 * 3600 * 1000);
    fs.utimesSync(path.join(mediaDir, 'uploads', oldOrphan), hourAgo, hourAgo);
    fs.utimesSync(path.join(mediaDir, 'uploads', known), hourAgo, hourAgo);
    t.equal(removeOrphanUploadDirs(mediaDir, new Set([known])), 1);
    t.same(fs.readdirSync(path.join(mediaDir, 'uploads')).sort(), [known, newOrphan]);
  },
);

t.test('a transcode reports its progress as it goes and never makes a rendition larger than the source', async (t) => {
  t.same(
    renditionsFor(1080).map((r) => r.name),
    ['240p', '360p', '720p'],
  );
  t.same(
    renditionsFor(360).map((r) => r.name),
    ['240p', '360p'],
  );
  t.same(
    renditionsFor(90).map((r) => r.name),
    ['240p'],
    'a tiny source still gets the lowest',
  );
  const input = await makeVideo(root, 'progress.mp4', { seconds: 4, size: '320x180' });
  const out = path.join(root, 'out');
  fs.mkdirSync(out);
  const seen: number[] = [];
  const files = await transcodeMp4s({
    input,
    duration: 4,
    hasAudio: true,
    outDir: out,
    renditions: renditionsFor(180),
    onProgress: (f) => seen.push(f),
  });
  t.ok(seen.length > 0, `progress reported (${seen.map((f) => f.toFixed(2)).join(' ')})`);
  t.ok(
    seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])),
    'between 0 and 1, never going back',
  );
  t.ok(fs.statSync(files['240p']).size > 0);
});
