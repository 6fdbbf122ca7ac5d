// Scene frames: SVG (one script per <text>; Khmer as outlines shaped by HarfBuzz, see shaping.ts), rendered to
// 1280x720 PNG with resvg and bundled fonts.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { FAMILY, fontFiles, isRtl, scriptOf, wrap, type Script } from './fonts.ts';
import { iconSvg } from './icons.ts';
import { needsShaping, shapedText } from './shaping.ts';
import type { Scene, Storyboard } from './storyboard.ts';
import type { FrameSpan } from './timeline.ts';

import { HEIGHT, PROGRESS, WIDTH } from './frame-geometry.ts';

const C = {
  cream: '#FBF8F1',
  ink: '#1F2933',
  teal: '#0F4C5C',
  tealLight: '#E3EEF0',
  orange: '#E36414',
  orangeLight: '#FCE8DB',
  muted: '#66707A',
  rule: '#E2DCCF',
  onDark: '#FFFFFF',
  onDarkMuted: '#B9D3D8',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type TextOpts = {
  x: number;
  y: number;
  size: number;
  color: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  rtl: boolean;
};

/** One <text> in one script. In RTL frames x is mirrored and start/end swap sides. */
function text(s: string, o: TextOpts): string {
  const script = scriptOf(s);
  const x = o.rtl ? WIDTH - o.x : o.x;
  let anchor = o.anchor ?? 'start';
  if (o.rtl && anchor !== 'middle') anchor = anchor === 'start' ? 'end' : 'start';
  if (needsShaping(script))
    return shapedText(s, { x, y: o.y, size: o.size, color: o.color, bold: o.bold, anchor, script });
  const dir = isRtl(s) ? ' direction="rtl"' : '';
  return `<text x="${x.toFixed(1)}" y="${o.y.toFixed(1)}" font-family="${FAMILY[script]}" font-size="${o.size}"${o.bold ? ' font-weight="700"' : ''} fill="${o.color}" text-anchor="${anchor}"${dir}>${esc(s)}</text>`;
}

function lines(ls: string[], o: TextOpts & { lineHeight: number }): string {
  return ls.map((l, i) => text(l, { ...o, y: o.y + i * o.lineHeight })).join('');
}

export type FrameInput = {
  storyboard: Storyboard;
  scene: number;
  visibleBullets: number;
};

/** The SVG of one scene showing its first `visibleBullets` bullets. */
export function sceneSvg({ storyboard, scene: index, visibleBullets }: FrameInput): string {
  const scene: Scene = storyboard.scenes[index];
  const rtl = isRtl(storyboard.title + scene.heading);
  const locale = storyboard.locale;
  const mx = (x: number, w = 0) => (rtl ? WIDTH - x - w : x); // mirror a box's left edge
  const dark = scene.layout === 'title' || scene.layout === 'closing';
  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="${dark ? C.teal : C.cream}"/>`);

  // Footer: tutorial title and scene counter; progress track.
  const footColor = dark ? C.onDarkMuted : C.muted;
  if (scene.layout !== 'title') {
    const t = wrap(storyboard.title, { max: 980, size: 22, maxLines: 1, locale, minSize: 18 });
    parts.push(text(t.lines[0], { x: 64, y: 684, size: t.size, color: footColor, rtl }));
  }
  parts.push(
    text(`${index + 1} / ${storyboard.scenes.length}`, {
      x: WIDTH - 64,
      y: 684,
      size: 22,
      color: footColor,
      anchor: 'end',
      rtl,
    }),
  );
  parts.push(
    `<rect x="0" y="${PROGRESS.y}" width="${WIDTH}" height="${PROGRESS.height}" fill="${dark ? '#0B3A46' : PROGRESS.track}"/>`,
  );

  if (dark) {
    const closing = scene.layout === 'closing';
    const iconSize = 150;
    parts.push(`<circle cx="${WIDTH / 2}" cy="190" r="112" fill="${closing ? C.orange : '#145F72'}"/>`);
    parts.push(
      iconSvg(
        scene.icon,
        WIDTH / 2 - iconSize / 2,
        190 - iconSize / 2,
        iconSize,
        C.onDark,
        closing ? C.teal : '#F6B78F',
        closing ? C.orange : '#145F72',
      ),
    );
    const h = wrap(scene.heading, { max: 1080, size: 64, maxLines: 2, bold: true, locale });
    const lh = h.size * 1.25;
    const y0 = 400;
    parts.push(
      lines(h.lines, {
        x: WIDTH / 2,
        y: y0,
        size: h.size,
        color: C.onDark,
        bold: true,
        anchor: 'middle',
        rtl,
        lineHeight: lh,
      }),
    );
    if (scene.layout === 'title') {
      const t = wrap(storyboard.title, { max: 1000, size: 32, maxLines: 2, locale });
      const ty = y0 + (h.lines.length - 1) * lh + 70;
      parts.push(
        lines(t.lines, {
          x: WIDTH / 2,
          y: ty,
          size: t.size,
          color: C.onDarkMuted,
          anchor: 'middle',
          rtl,
          lineHeight: t.size * 1.3,
        }),
      );
      parts.push(
        `<rect x="${WIDTH / 2 - 40}" y="${ty - t.size - 26}" width="80" height="5" rx="2.5" fill="${C.orange}"/>`,
      );
    }
  } else if (scene.layout === 'bullets') {
    parts.push(`<rect x="${mx(56, 104)}" y="48" width="104" height="104" rx="22" fill="${C.tealLight}"/>`);
    parts.push(iconSvg(scene.icon, mx(68, 80), 60, 80, C.teal, C.orange, C.tealLight));
    const h = wrap(scene.heading, { max: 1000, size: 48, maxLines: 2, bold: true, locale, minSize: 34 });
    const hy = h.lines.length === 1 ? 118 : 92;
    parts.push(
      lines(h.lines, { x: 190, y: hy, size: h.size, color: C.teal, bold: true, rtl, lineHeight: h.size * 1.2 }),
    );
    parts.push(`<rect x="56" y="182" width="${WIDTH - 112}" height="3" fill="${C.rule}"/>`);
    // Lay out all bullets (visible or not) so that appearing ones never move the others.
    let size = 38;
    let laid: { lines: string[]; size: number }[];
    let total: number;
    for (;;) {
      laid = scene.bullets.map((b) => wrap(b, { max: 1060, size, maxLines: 2, locale, minSize: size }));
      total = laid.reduce((a, l) => a + l.lines.length * l.size * 1.3 + 30, 0);
      if (total <= 420 || size <= 26) break;
      size -= 2;
    }
    let y = 250 + Math.max(0, (420 - total) / 4);
    laid.forEach((l, i) => {
      const lh = l.size * 1.3;
      if (i < visibleBullets) {
        parts.push(
          `<circle cx="${rtl ? WIDTH - 88 : 88}" cy="${(y - l.size * 0.35).toFixed(1)}" r="10" fill="${C.orange}"/>`,
        );
        parts.push(lines(l.lines, { x: 124, y, size: l.size, color: C.ink, rtl, lineHeight: lh }));
      }
      y += l.lines.length * lh + 30;
    });
  } else {
    // statement | example: icon medallion on one side, the heading large on the other.
    const example = scene.layout === 'example';
    const fill = example ? C.orangeLight : C.tealLight;
    const cx = rtl ? WIDTH - 290 : 290;
    parts.push(`<circle cx="${cx}" cy="330" r="170" fill="${fill}"/>`);
    parts.push(iconSvg(scene.icon, cx - 100, 230, 200, example ? C.orange : C.teal, example ? C.teal : C.orange, fill));
    const h = wrap(scene.heading, { max: 640, size: 56, maxLines: 4, bold: true, locale, minSize: 36 });
    const lh = h.size * 1.22;
    const y0 = 330 - ((h.lines.length - 1) * lh) / 2 + h.size * 0.35;
    if (example)
      parts.push(
        `<rect x="${mx(540, 90)}" y="${(y0 - h.size - 40).toFixed(1)}" width="90" height="8" rx="4" fill="${C.orange}"/>`,
      );
    parts.push(
      lines(h.lines, { x: 540, y: y0, size: h.size, color: example ? C.ink : C.teal, bold: true, rtl, lineHeight: lh }),
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}

/** Fonts a storyboard needs: Noto Sans always, plus the script fonts its text uses. */
export function scriptsOf(storyboard: Storyboard): Script[] {
  const all = [storyboard.title, ...storyboard.scenes.flatMap((s) => [s.heading, ...s.bullets])].join(' ');
  const scripts = new Set<Script>(['latin']);
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(all)) scripts.add('sc');
  if (/\p{Script=Arabic}/u.test(all)) scripts.add('arabic');
  if (/\p{Script=Khmer}/u.test(all)) scripts.add('khmer');
  return [...scripts];
}

export function renderSvg(svg: string, scripts: Script[]): Buffer {
  const r = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: scripts.flatMap(fontFiles),
      defaultFontFamily: FAMILY.latin,
      sansSerifFamily: FAMILY.latin,
    },
    textRendering: 1,
    shapeRendering: 2,
    fitTo: { mode: 'original' },
  });
  return r.render().asPng();
}

export type RenderedFrame = FrameSpan & { file: string };

/** Render each distinct frame once to `dir/frame-NNN.png`. */
export function renderFrames(storyboard: Storyboard, spans: FrameSpan[], dir: string): RenderedFrame[] {
  fs.mkdirSync(dir, { recursive: true });
  const scripts = scriptsOf(storyboard);
  const seen = new Map<string, string>();
  return spans.map((span, i) => {
    const key = `${span.scene}:${span.visibleBullets}`;
    let file = seen.get(key);
    if (!file) {
      file = path.join(dir, `frame-${String(i).padStart(3, '0')}.png`);
      fs.writeFileSync(
        file,
        renderSvg(sceneSvg({ storyboard, scene: span.scene, visibleBullets: span.visibleBullets }), scripts),
      );
      seen.set(key, file);
    }
    return { ...span, file };
  });
}
