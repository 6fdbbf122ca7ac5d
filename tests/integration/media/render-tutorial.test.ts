// The tutorial renderer end to end with the real tools (eSpeak-NG, resvg, ffmpeg): a tiny two-scene
// storyboard rendered to HLS + MP4 + captions, then checked by probing and parsing what was written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { parseVtt } from '../../../server/modules/media/render/captions.ts';
import { probe } from '../../../server/modules/media/render/ffmpeg.ts';
import { readMediaPlaylist } from '../../../server/modules/media/render/hls.ts';
import { synthesize } from '../../../server/modules/media/render/narration.ts';
import { cacheKey, renderTutorial } from '../../../server/modules/media/render/render-tutorial.ts';
import { storyboardFromObject } from '../../../server/modules/media/render/storyboard.ts';
import { PAUSE_AFTER, PAUSE_BEFORE, TITLE_HOLD } from '../../../server/modules/media/render/timeline.ts';

const SENTENCES = [
  ['Welcome to the test tutorial.', 'It has two scenes.'],
  ['A learning city has a plan.', 'First, the mayor commits to lifelong learning.', 'Then partners share the work.'],
];

const fixture = {
  id: 'test-tutorial',
  title: 'A tiny test tutorial',
  scenes: [
    {
      id: 's1',
      layout: 'title',
      icon: 'city',
      heading: 'Testing the renderer',
      bullets: [],
      narration: SENTENCES[0].join(' '),
    },
    {
      id: 's2',
      layout: 'bullets',
      icon: 'people',
      heading: 'Two bullets',
      bullets: ['Mayor commits to learning', 'Partners share the work'],
      narration: SENTENCES[1].join(' '),
    },
  ],
};

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'media-render-test-'));
t.teardown(() => fs.rmSync(out, { recursive: true, force: true }));

/** The first render, which the cache test expects to be served again unchanged. */
let firstRender: { createdAt: string } | undefined;

t.test('a two-scene storyboard renders to playable, consistent media', async (t) => {
  const m = await renderTutorial({ storyboard: fixture, locale: 'en', outDir: out });
  firstRender = m;
  const file = (f: string) => path.join(m.dir, f);
  t.equal(m.cached, false);
  t.match(m.hash, /^[0-9a-f]{64}$/);
  t.ok(m.dir.includes(m.hash.slice(0, 16)), 'the output folder is keyed by the hash');

  // The video lasts as long as the narration (each scene: pause, speech, pause).
  let spoken = 0;
  for (const s of fixture.scenes) spoken += (await synthesize(s.narration, 'en')).duration;
  const expected = spoken + TITLE_HOLD + fixture.scenes.length * (PAUSE_BEFORE + PAUSE_AFTER);
  t.ok(Math.abs(m.duration - expected) < 0.5, `manifest duration ${m.duration} ~ narration ${expected.toFixed(2)}`);
  const mp4 = await probe(file(m.download.file));
  t.ok(Math.abs(mp4.duration - expected) < 0.5, `MP4 lasts ${mp4.duration} s`);
  t.same(mp4.video && [mp4.video.codec, mp4.video.width, mp4.video.height], ['h264', 640, 360]);
  t.equal(mp4.audio?.codec, 'aac');

  // Captions: one cue per sentence, in order, inside the video.
  const cues = parseVtt(fs.readFileSync(file(`captions.en.vtt`), 'utf8'));
  t.same(
    cues.map((c) => c.text),
    SENTENCES.flat(),
  );
  let last = 0;
  for (const c of cues) {
    t.ok(
      c.start >= last - 1e-3 && c.end > c.start && c.end <= m.duration + 1e-3,
      `cue "${c.text}" ${c.start}-${c.end} in order and inside`,
    );
    last = c.end;
  }
  t.equal(m.captions.cues, cues.length);
  // The bullet appears while its sentence is spoken, not before the scene or after it.
  const s2 = m.scenes[1];
  t.ok(
    s2.bullets[0] >= s2.start && s2.bullets[0] < s2.bullets[1] && s2.bullets[1] < s2.end,
    `bullets at ${s2.bullets} within ${s2.start}-${s2.end}`,
  );
  const mayorCue = cues.find((c) => c.text.includes('mayor'))!;
  t.ok(Math.abs(s2.bullets[0] - mayorCue.start) < 2.5, 'first bullet shows near the sentence that speaks it');

  // Master playlist: every variant has BANDWIDTH and CODECS, video ones a RESOLUTION; every playlist
  // parses and names segment files that exist.
  const master = fs.readFileSync(file('master.m3u8'), 'utf8').split('\n');
  t.equal(master[0], '#EXTM3U');
  const variants: { attrs: string; uri: string }[] = [];
  master.forEach((l, i) => l.startsWith('#EXT-X-STREAM-INF:') && variants.push({ attrs: l, uri: master[i + 1] }));
  t.same(variants.map((v) => v.uri).sort(), [
    '240p/index.m3u8',
    '360p/index.m3u8',
    '720p/index.m3u8',
    'audio/index.m3u8',
  ]);
  for (const v of variants) {
    t.match(v.attrs, /BANDWIDTH=\d+/);
    t.match(v.attrs, /CODECS="[^"]*mp4a\.40\.2"/);
    if (!v.uri.startsWith('audio')) t.match(v.attrs, /RESOLUTION=\d+x\d+,CODECS="avc1\.[0-9A-F]{6},mp4a\.40\.2"/);
    const pl = readMediaPlaylist(file(v.uri));
    t.ok(pl.segments.length >= 2, `${v.uri}: ${pl.segments.length} segments`);
    for (const s of pl.segments) t.ok(s.bytes > 0, `${path.basename(s.file)} exists and is not empty`);
    t.ok(Math.abs(pl.duration - m.duration) < 0.5, `${v.uri} lasts ${pl.duration} s`);
    const info = m.renditions.find((r) => r.playlist === v.uri)!;
    t.equal(info.bytes, pl.bytes + fs.statSync(pl.playlist).size, `${v.uri}: manifest size is the real size`);
    t.match(v.attrs, `BANDWIDTH=${info.bandwidth}`);
  }
  const r240 = m.renditions.find((r) => r.name === '240p')!;
  t.ok(
    r240.averageBandwidth < 100_000 + 32_000 + 30_000,
    `240p averages ${r240.averageBandwidth} b/s (video cap 100k + 32k audio + TS overhead)`,
  );

  // The downloadable MP4 is small and starts playing before it has fully downloaded (moov first).
  const mp4Bytes = fs.readFileSync(file(m.download.file));
  t.ok(mp4Bytes.length > 10_000 && mp4Bytes.length < 1_000_000, `MP4 is ${mp4Bytes.length} bytes`);
  t.ok(mp4Bytes.indexOf('moov') < mp4Bytes.indexOf('mdat'), 'faststart: moov before mdat');
  t.equal(m.download.bytes, mp4Bytes.length);

  const poster = fs.readFileSync(file('poster.jpg'));
  t.same([poster[0], poster[1]], [0xff, 0xd8], 'poster is a JPEG');
  t.match(fs.readFileSync(file('transcript.en.txt'), 'utf8'), 'First, the mayor commits to lifelong learning.');
  t.same(JSON.parse(fs.readFileSync(file('manifest.json'), 'utf8')).hash, m.hash);
  t.equal(m.distinctFrames, 4, 'the title scene, the bullets scene alone, then one more per bullet');
  t.same(
    fs.readdirSync(m.dir).filter((f) => f.endsWith('.mp4') || f === 'work'),
    [m.download.file],
    'no intermediates left',
  );
});

t.test('an unchanged storyboard is not re-rendered; a changed one is', async (t) => {
  const again = await renderTutorial({ storyboard: fixture, locale: 'en', outDir: out });
  t.equal(again.cached, true, 'served from the cache');
  t.equal(again.createdAt, firstRender?.createdAt, 'the same render: its manifest was not written again');
  const changed = structuredClone(fixture);
  changed.scenes[0].heading = 'Testing the renderer again';
  // Only compute the key (rendering again would double the test time): a different content hash.
  t.not(cacheKey(storyboardFromObject(changed, 'en'), 'en'), again.hash);
  t.not(cacheKey(storyboardFromObject(fixture, 'fr'), 'fr'), again.hash, 'the locale is part of the key');
});
