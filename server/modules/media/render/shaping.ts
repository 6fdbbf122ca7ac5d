// Khmer in video frames, shaped by HarfBuzz (WebAssembly) and drawn as glyph outlines.
// resvg 2.6's own text layout misplaces Khmer clusters: subscript consonants (coeng) and pre-base vowels
// overlap the next letters and spaces collapse (seen in rendered frames, with the bundled and the system
// Noto Sans Khmer alike), while the same font shapes correctly in HarfBuzz (and in Typst, the certificate).
// So Khmer <text> becomes <path>s placed where HarfBuzz says; other scripts keep resvg's text layout.
import fs from 'node:fs';
import { fontFiles, type Script } from './fonts.ts';

type HarfBuzz = typeof import('harfbuzzjs');
type LoadedFont = { font: InstanceType<HarfBuzz['Font']>; upem: number };

let hb: HarfBuzz | undefined;
const fonts = new Map<string, LoadedFont>();

/** Loads HarfBuzz (its module initialises the WebAssembly when imported). Call before drawing Khmer frames. */
export async function loadShaper(): Promise<void> {
  hb ??= await import('harfbuzzjs');
}

/** Scripts whose text is drawn through HarfBuzz rather than resvg's text layout. */
export const needsShaping = (script: Script) => script === 'khmer';

function fontFor(script: Script, bold: boolean): LoadedFont {
  const key = `${script}:${bold ? 700 : 400}`;
  let loaded = fonts.get(key);
  if (!loaded) {
    const face = new hb!.Face(new hb!.Blob(fs.readFileSync(fontFiles(script)[bold ? 1 : 0])));
    loaded = { font: new hb!.Font(face), upem: face.upem };
    fonts.set(key, loaded);
  }
  return loaded;
}

/** Splits text into runs for one font each: Khmer letters and signs, and the rest (Latin, digits); spaces go with the run they are in. */
function runs(s: string, script: Script): { text: string; script: Script }[] {
  const out: { text: string; script: Script }[] = [];
  for (const ch of s) {
    const own: Script | null = /\p{Script=Khmer}/u.test(ch) ? script : /[\p{L}\p{N}]/u.test(ch) ? 'latin' : null;
    const last = out[out.length - 1];
    if (last && (own === null || own === last.script)) last.text += ch;
    else out.push({ text: ch, script: own ?? script });
  }
  return out;
}

export type ShapedTextOptions = {
  x: number;
  y: number;
  size: number;
  color: string;
  bold?: boolean;
  anchor: 'start' | 'middle' | 'end';
  script: Script;
};

/** `s` as a group of glyph outlines with its baseline at (x, y), anchored like SVG's text-anchor. */
export function shapedText(s: string, o: ShapedTextOptions): string {
  if (!hb) throw new Error('shapedText: call loadShaper() first');
  const glyphs: string[] = [];
  let pen = 0; // pixels
  for (const run of runs(s, o.script)) {
    const { font, upem } = fontFor(run.script, !!o.bold);
    const k = o.size / upem;
    const buffer = new hb.Buffer(); // freed by harfbuzzjs when collected
    buffer.addText(run.text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const positions = buffer.getGlyphPositions();
    for (const [i, info] of buffer.getGlyphInfos().entries()) {
      const p = positions[i];
      const d = font.glyphToPath(info.codepoint);
      // Outlines are in font units with y up: scale to pixels and flip.
      if (d)
        glyphs.push(
          `<path transform="translate(${(pen + p.xOffset * k).toFixed(2)} ${(-p.yOffset * k).toFixed(2)}) scale(${k.toFixed(5)} ${(-k).toFixed(5)})" d="${d}"/>`,
        );
      pen += p.xAdvance * k;
    }
  }
  const x = o.anchor === 'middle' ? o.x - pen / 2 : o.anchor === 'end' ? o.x - pen : o.x;
  return `<g fill="${o.color}" transform="translate(${x.toFixed(1)} ${o.y.toFixed(1)})">${glyphs.join('')}</g>`;
}
