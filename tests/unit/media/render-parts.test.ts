// Parts of the tutorial renderer that need no rendering: storyboard validation, bullet alignment, captions. Frames
// and narration with the real libraries are in tests/integration/media/render-frames.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { parseVtt, toVtt, vttTime } from '../../../server/modules/media/render/captions.ts';
import {
  StoryboardError,
  loadStoryboard,
  storyboardFromObject,
} from '../../../server/modules/media/render/storyboard.ts';
import { alignBullets, splitSentences } from '../../../server/modules/media/render/timeline.ts';

const root = path.resolve(import.meta.dirname, '../../..');

t.test('storyboards are validated, translations checked against the source', async (t) => {
  t.throws(
    () =>
      storyboardFromObject(
        {
          id: 'x',
          title: 'X',
          scenes: [{ id: 's1', layout: 'slideshow', icon: 'rocket', heading: 'H', narration: 'N.' }],
        },
        'en',
      ),
    StoryboardError,
  );
  try {
    storyboardFromObject(
      {
        id: 'x',
        title: 'X',
        scenes: [{ id: 's1', layout: 'slideshow', icon: 'rocket', heading: 'H', narration: 'N.' }],
      },
      'en',
    );
  } catch (e) {
    t.match((e as StoryboardError).problems, [/layout must be one of/, /icon must be one of/]);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-sb-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, 'storyboard.yaml'),
    'id: t1\ntitle: T\nscenes:\n  - {id: s1, layout: bullets, icon: map, heading: H, bullets: [a, b], narration: "A. B."}\n  - {id: s2, layout: closing, icon: check, heading: End, narration: "Bye."}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'storyboard.fr.yaml'),
    'id: t1\ntitle: T fr\nscenes:\n  - {id: s1, heading: H fr, bullets: [a], narration: "A fr."}\n',
  );
  t.throws(() => loadStoryboard(dir, 'fr'), /1 bullets, the source has 2/);
  fs.writeFileSync(
    path.join(dir, 'storyboard.fr.yaml'),
    'id: t1\ntitle: T fr\nscenes:\n  - {id: s1, heading: H fr, bullets: [a fr, b fr], narration: "A fr."}\n',
  );
  const fr = loadStoryboard(dir, 'fr');
  t.same(
    fr.storyboard.scenes.map((s) => [s.heading, s.narrationLocale]),
    [
      ['H fr', 'fr'],
      ['End', 'en'],
    ],
    'a missing translated scene falls back to English',
  );
  t.not(fr.contentHash, loadStoryboard(dir, 'en').contentHash);
  // Every real storyboard in the repository loads in en, fr, id, km, vi and zh.
  const modules = path.join(root, 'content/modules');
  for (const m of fs.readdirSync(modules)) {
    if (!fs.existsSync(path.join(modules, m, 'storyboard.yaml'))) continue;
    for (const loc of ['en', 'fr', 'id', 'km', 'vi', 'zh'])
      t.doesNotThrow(() => loadStoryboard(path.join(modules, m), loc), `${m} ${loc}`);
  }
});

t.test('bullets are found where the narration speaks them', async (t) => {
  const text =
    'Joining starts with a strong commitment to lifelong learning from the mayor. Next, your National Commission for UNESCO nominates the city. Then a jury of experts recommends new members.';
  const pos = alignBullets(
    ['Mayor commits to lifelong learning', 'National Commission nominates', 'Expert jury recommends'],
    text,
  );
  t.same(
    pos.map((p) => text.slice(p, p + 12)),
    ['commitment t', 'National Com', 'jury of expe'],
  );
  const z = '第一是个人赋能与社会凝聚力。第二是经济发展与文化繁荣。第三是可持续发展。';
  t.same(
    alignBullets(['经济发展与文化繁荣', '可持续发展'], z).map((p) => [...z].slice(p, p + 3).join('')),
    ['经济发', '可持续'],
  );
  t.same(alignBullets(['xyzzy'], text), [-1], 'not found');
});

t.test('captions: WebVTT round trip and sentence splitting', async (t) => {
  t.equal(vttTime(3725.5), '01:02:05.500');
  const vtt = toVtt(
    [
      { start: 0.5, end: 2, text: 'A <b> & c --> d.' },
      { start: 2, end: 3.25, text: '第二句。' },
    ],
    { locale: 'zh' },
  );
  t.match(vtt, /^WEBVTT\n/);
  t.same(
    parseVtt(vtt).map((c) => [c.start, c.end, c.text]),
    [
      [0.5, 2, 'A &lt;b> &amp; c → d.'],
      [2, 3.25, '第二句。'],
    ],
  );
  t.same(splitSentences('Bonjour. Ça va ? Oui! ទីក្រុងសិក្សា។ 好。'), ['Bonjour.', 'Ça va ?', 'Oui!', 'ទីក្រុងសិក្សា។', '好。']);
});
