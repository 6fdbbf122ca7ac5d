// The background renderer: renders what is missing once, skips what is current, survives a broken
// storyboard, and does nothing when ffmpeg cannot run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import YAML from 'yaml';
import { enqueue, listJobs } from '../../../server/jobs/queue.ts';
import { startMediaRenderer } from '../../../server/modules/media/media.renderer.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { tinyStoryboard } from '../../helpers/media.ts';

const database = await freshDatabase();
t.teardown(() => database.close());
const { db } = database;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'media-renderer-test-'));
t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
const contentDir = path.join(root, 'content');
const mediaDir = path.join(root, 'media');
fs.mkdirSync(path.join(contentDir, 'modules/01-tiny'), { recursive: true });
fs.writeFileSync(
  path.join(contentDir, 'modules/01-tiny/storyboard.yaml'),
  YAML.stringify(tinyStoryboard('tiny-tutorial')),
);
fs.mkdirSync(path.join(contentDir, 'modules/02-broken'), { recursive: true });
fs.writeFileSync(path.join(contentDir, 'modules/02-broken/storyboard.yaml'), 'id: Not A Slug\nscenes: []\n');

function logger() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (_o: object, m: string) => lines.push(`error ${m}`),
    },
  };
}

t.test('missing tutorials are rendered one at a time; a broken storyboard is logged, not thrown', async (t) => {
  const { lines, log } = logger();
  const summary = await startMediaRenderer({ db, mediaDir, contentDir, locales: ['en'], log }).finished;
  t.same(summary, { rendered: 1, failed: 1, current: 0 });
  t.ok(fs.existsSync(path.join(mediaDir, 'tiny-tutorial/en.json')), 'the pointer to the new render is written');
  t.ok(
    lines.some((l) => /^info Rendered the tutorial of 01-tiny \(en\)/.test(l)),
    'progress is logged at info level',
  );
  t.ok(lines.some((l) => /^error Rendering the tutorial of 02-broken \(en\) failed/.test(l)));
  t.match(
    await listJobs(db, 'media.render'),
    [{ key: 'tiny-tutorial:en', status: 'done', progress: 100 }],
    'the render ran as a queued job',
  );
});

t.test('at the next start, a current render is skipped and an abandoned temp folder is removed', async (t) => {
  const abandoned = path.join(mediaDir, 'tiny-tutorial', 'en-0123456789abcdef.tmp-999999-abcd');
  fs.mkdirSync(abandoned);
  const { log } = logger();
  const summary = await startMediaRenderer({ db, mediaDir, contentDir, locales: ['en'], log }).finished;
  t.same(summary, { rendered: 0, failed: 1, current: 1 });
  t.notOk(fs.existsSync(abandoned));
});

t.test('without a working ffmpeg, nothing is rendered and the server is told why', async (t) => {
  const before = process.env.FFMPEG_PATH;
  process.env.FFMPEG_PATH = path.join(root, 'no-ffmpeg-here');
  t.teardown(() => (before === undefined ? delete process.env.FFMPEG_PATH : (process.env.FFMPEG_PATH = before)));
  const { lines, log } = logger();
  const summary = await startMediaRenderer({
    db,
    mediaDir: path.join(root, 'other-media'),
    contentDir,
    locales: ['en'],
    log,
  }).finished;
  t.same(summary, { rendered: 0, failed: 0, current: 0 });
  t.match(lines, [/^warn Tutorial videos are not rendered: ffmpeg cannot run here/]);
  t.notOk(fs.existsSync(path.join(root, 'other-media')));
});

t.test(
  'with keepPolling, the renderer keeps working the queue while the server runs: a render that comes due later is done without a restart',
  async (t) => {
    const { log } = logger();
    const renderer = startMediaRenderer({
      db,
      mediaDir,
      contentDir,
      locales: ['en'],
      log,
      keepPolling: true,
      pollMs: 50,
    });
    t.teardown(() => renderer.stop());
    await renderer.finished;
    // As a failed render does once its backoff has passed: a due job appears in the queue after the first drain.
    await enqueue(db, { kind: 'media.render', key: 'tiny-tutorial:fr', payload: { module: '01-tiny', locale: 'fr' } });
    const deadline = Date.now() + 120_000;
    let job;
    while (Date.now() < deadline) {
      job = (await listJobs(db, 'media.render')).find((j) => j.key === 'tiny-tutorial:fr');
      if (job?.status === 'done' || job?.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    t.equal(job?.status, 'done', 'picked up and rendered by the polling worker');
    t.ok(fs.existsSync(path.join(mediaDir, 'tiny-tutorial/fr.json')), 'the French render is there');
    await renderer.stop();
  },
);
