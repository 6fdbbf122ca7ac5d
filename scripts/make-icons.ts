// Renders the installable app's icons (web/static/icons/*.png) from the favicon's drawing. Run after changing
// web/static/favicon.svg; the PNGs are committed so that installs need no build step for them.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'web/static/icons');
const favicon = fs.readFileSync(path.join(root, 'web/static/favicon.svg'), 'utf8');
const drawing = favicon
  .replace(/^<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '')
  .replace(/<rect[^>]*\/>/, '');

/** "any": the rounded square as in the favicon; "maskable": full bleed, the drawing inside the 80 % safe zone. */
const svgs = {
  'icon-192.png': { size: 192, svg: favicon },
  'icon-512.png': { size: 512, svg: favicon },
  'maskable-512.png': {
    size: 512,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0b5394"/><g transform="translate(5.6 5.6) scale(0.65)">${drawing}</g></svg>`,
  },
};

fs.mkdirSync(out, { recursive: true });
for (const [name, { size, svg }] of Object.entries(svgs)) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  fs.writeFileSync(path.join(out, name), png);
  console.log(`${name}: ${png.length} bytes`);
}
