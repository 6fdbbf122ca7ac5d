// The tutorial renderer's frames and narration with the real libraries: frames in Chinese, Arabic and Khmer (real
// resvg, HarfBuzz and fonts) and narration for a locale without a voice (real eSpeak-NG). Seconds of CPU each, so
// they run with the integration tests; the pure parts are in tests/unit/media/render-parts.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import t from 'tap';
import { fontFiles, type Script } from '../../../server/modules/media/render/fonts.ts';
import { renderFrames, renderSvg, sceneSvg, scriptsOf } from '../../../server/modules/media/render/frames.ts';
import { loadShaper, shapedText } from '../../../server/modules/media/render/shaping.ts';
import { synthesize, wavFile } from '../../../server/modules/media/render/narration.ts';
import { storyboardFromObject } from '../../../server/modules/media/render/storyboard.ts';
import { buildTimeline } from '../../../server/modules/media/render/timeline.ts';

const zh = {
  id: 'zh-test',
  title: '学习型城市：概念与《北京宣言》',
  scenes: [
    {
      id: 's1',
      layout: 'statement',
      icon: 'globe',
      heading: '调动各个部门的学习资源',
      bullets: [],
      narration: '先从定义说起。',
    },
    {
      id: 's2',
      layout: 'bullets',
      icon: 'star',
      heading: '三项广泛效益',
      bullets: ['个人赋能与社会凝聚力', '可持续发展'],
      narration: '第一是个人赋能与社会凝聚力。第二是可持续发展。',
    },
  ],
};

/** Dark ("ink") pixels in a rectangle of an RGBA image. */
function inkPixels(png: { pixels: Buffer; width: number }, x0: number, y0: number, x1: number, y1: number): number {
  const px = png.pixels; // a getter that copies: read it once
  const w = png.width;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * w + x) * 4;
      if (px[i] + px[i + 1] + px[i + 2] < 300) n++;
    }
  }
  return n;
}

/** Rasterize an SVG with the renderer's fonts (resvg reads SVG only, so frames are re-rendered, not decoded). */
const raster = (svg: string, scripts: Script[]) =>
  new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: scripts.flatMap(fontFiles), defaultFontFamily: 'Noto Sans' },
  }).render();

t.test('a Chinese storyboard renders frames with real glyphs', async (t) => {
  const { storyboard } = storyboardFromObject(zh, 'zh');
  t.same(scriptsOf(storyboard), ['latin', 'sc']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-frames-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const frames = renderFrames(
    storyboard,
    [
      { scene: 0, visibleBullets: 0, start: 0, end: 2 },
      { scene: 1, visibleBullets: 0, start: 2, end: 3 },
      { scene: 1, visibleBullets: 1, start: 3, end: 4 },
      { scene: 1, visibleBullets: 2, start: 4, end: 5 },
    ],
    dir,
  );
  for (const f of frames) {
    const png = fs.readFileSync(f.file);
    t.ok(png.length > 5000, `${path.basename(f.file)} is ${png.length} bytes`);
    t.same([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  }
  // The heading is drawn with the SC font: ink where it stands, and not what a Latin-only font draws.
  const svg = sceneSvg({ storyboard, scene: 0, visibleBullets: 0 });
  t.match(svg, /font-family="Noto Sans SC"[^>]*>调动各个部门/, 'the heading is one <text> per line in the SC font');
  const opts = (files: string[]) => ({
    font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'Noto Sans' },
  });
  const withSc = new Resvg(svg, opts([...fontFiles('latin'), ...fontFiles('sc')])).render();
  const latinOnly = new Resvg(svg, opts(fontFiles('latin'))).render();
  const sc = inkPixels(withSc, 540, 250, 1240, 420);
  t.ok(sc > 2000, `${sc} ink pixels in the heading`);
  t.not(sc, inkPixels(latinOnly, 540, 250, 1240, 420), 'the SC font drew the heading');
  // Bullets appear one by one: each frame has more ink in the bullet area than the one before.
  const bulletInk = frames
    .slice(1)
    .map((f) => inkPixels(raster(sceneSvg({ storyboard, ...f }), scriptsOf(storyboard)), 60, 200, 1240, 640));
  t.ok(bulletInk[0] < bulletInk[1] && bulletInk[1] < bulletInk[2], `bullet ink grows: ${bulletInk}`);
});

t.test('Arabic frames are right-aligned', async (t) => {
  const { storyboard } = storyboardFromObject(
    {
      id: 'ar-test',
      title: 'المدينة المتعلمة',
      scenes: [
        {
          id: 's1',
          layout: 'bullets',
          icon: 'people',
          heading: 'ثلاث فوائد أوسع',
          bullets: ['التنمية المستدامة'],
          narration: 'مرحبا بكم.',
        },
      ],
    },
    'ar',
  );
  const svg = sceneSvg({ storyboard, scene: 0, visibleBullets: 1 });
  t.ok(renderSvg(svg, scriptsOf(storyboard)).length > 5000, 'renders to a PNG');
  const img = raster(svg, scriptsOf(storyboard));
  // The heading's ink lies in the right half, the left half of its row is empty.
  const right = inkPixels(img, 640, 60, 1100, 160);
  const left = inkPixels(img, 0, 60, 640, 160);
  t.ok(right > 500 && left === 0, `heading ink right ${right}, left ${left}`);
});

t.test('narration: WAV header and abbreviations do not split sentences', async (t) => {
  const n = await synthesize('Dr. Smith met the mayor. Then they planned.', 'en');
  t.same(
    n.sentences.map((s) => s.text),
    ['Dr. Smith met the mayor.', 'Then they planned.'],
  );
  t.equal(n.sampleRate, 22050);
  const wav = wavFile(n.samples, n.sampleRate);
  t.equal(wav.subarray(0, 4).toString(), 'RIFF');
  t.equal(wav.readUInt32LE(24), 22050);
  t.equal(wav.length, 44 + n.samples.length * 2);
});

t.test('a locale without a voice is narrated in English with its own captions', async (t) => {
  const source = {
    id: 'km-test',
    title: 'Test',
    scenes: [
      {
        id: 's1',
        layout: 'statement',
        icon: 'city',
        heading: 'A city',
        bullets: [],
        narration: 'A learning city learns. It shares what it knows.',
      },
    ],
  };
  const km = structuredClone(source);
  km.title = 'ទីក្រុងសិក្សា';
  km.scenes[0].heading = 'ទីក្រុង';
  km.scenes[0].narration = 'ទីក្រុងសិក្សារៀនសូត្រ។ វាចែករំលែកអ្វីដែលវាដឹង។';
  const loaded = storyboardFromObject(km, 'km', source);
  const timeline = await buildTimeline(loaded.storyboard, loaded.source);
  t.same(
    timeline.scenes.map((s) => s.voiceLocale),
    ['en'],
  );
  t.same(
    timeline.cues.map((c) => c.text),
    ['ទីក្រុងសិក្សារៀនសូត្រ។', 'វាចែករំលែកអ្វីដែលវាដឹង។'],
  );
  t.ok(timeline.cues[1].end <= timeline.duration && timeline.cues[0].end <= timeline.cues[1].start + 1e-9);
  t.same(scriptsOf(loaded.storyboard), ['latin', 'khmer']);
});

t.test(
  "Khmer in a frame is shaped by HarfBuzz: words keep their spaces, nothing is left to resvg's text layout",
  async (t) => {
    await loadShaper();
    // resvg 2.6 ran Khmer words together and overlapped clusters; a space must show as a gap.
    const inkWidth = (text: string) => {
      const png = raster(
        `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="200"><rect width="800" height="200" fill="#fff"/>${shapedText(text, { x: 20, y: 140, size: 100, color: '#000', anchor: 'start', script: 'khmer' })}</svg>`,
        ['khmer'],
      );
      const cols = [...Array(800).keys()].filter((x) => inkPixels(png, x, 0, x + 1, 200) > 0);
      return cols[cols.length - 1] - cols[0];
    };
    t.ok(inkWidth('ក្រុង សិក្សា') - inkWidth('ក្រុងសិក្សា') > 15, 'the space between two Khmer words is drawn');
    const { storyboard } = storyboardFromObject(
      {
        id: 'km-frame',
        title: 'ទីក្រុងសិក្សា',
        scenes: [
          {
            id: 's1',
            layout: 'bullets',
            icon: 'city',
            heading: 'ទីក្រុង សិក្សា',
            bullets: ['សាលា 221 Golden School'],
            narration: 'ទីក្រុង។',
          },
        ],
      },
      'km',
    );
    const svg = sceneSvg({ storyboard, scene: 0, visibleBullets: 1 });
    t.notMatch(svg, /<text[^>]*>[^<]*\p{Script=Khmer}/u, 'no Khmer left in <text> elements');
    t.ok(inkPixels(raster(svg, scriptsOf(storyboard)), 60, 200, 1240, 640) > 2000, 'the Khmer bullet is drawn');
  },
);
