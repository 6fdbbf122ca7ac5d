// The storyboard's icons as simple line drawings in a 100 x 100 box (SVG markup, no fonts).
import type { IconName } from './storyboard.ts';

type Draw = (fg: string, accent: string) => string;

const ICON_DRAWINGS: Record<IconName, Draw> = {
  city: (fg, a) => `
    <rect x="10" y="42" width="22" height="46" rx="2"/><rect x="38" y="16" width="26" height="72" rx="2"/>
    <rect x="70" y="52" width="20" height="36" rx="2"/><path d="M4 90 H96"/>
    <path d="M46 30 H56 M46 44 H56 M46 58 H56 M16 54 H26 M16 68 H26 M76 64 H84" stroke="${a}"/>`,
  book: (fg, a) => `
    <path d="M50 28 C40 20 24 18 10 20 V80 C24 78 40 80 50 88 C60 80 76 78 90 80 V20 C76 18 60 20 50 28 Z"/>
    <path d="M50 28 V88"/><path d="M20 36 C28 35 36 36 42 40 M20 50 C28 49 36 50 42 54 M58 40 C64 36 72 35 80 36" stroke="${a}"/>`,
  people: (fg, a) => `
    <circle cx="34" cy="34" r="13"/><path d="M10 86 C10 60 58 60 58 86"/>
    <circle cx="70" cy="40" r="11" stroke="${a}"/><path d="M56 64 C64 56 92 58 92 86" stroke="${a}"/>`,
  map: (fg, a) => `
    <path d="M8 24 L36 14 L64 24 L92 14 V78 L64 88 L36 78 L8 88 Z"/><path d="M36 14 V78 M64 24 V88"/>
    <path d="M18 60 C30 40 44 66 56 46 S78 40 84 32" stroke="${a}" stroke-dasharray="6 6"/>`,
  calendar: (fg, a) => `
    <rect x="12" y="20" width="76" height="68" rx="6"/><path d="M12 38 H88 M32 10 V28 M68 10 V28"/>
    <path d="M26 52 h6 M46 52 h6 M66 52 h6 M26 70 h6 M46 70 h6" stroke-width="7"/><circle cx="69" cy="71" r="6" stroke="${a}"/>`,
  chart: (fg, a) => `
    <path d="M12 10 V88 H92"/><path d="M26 86 V62 M44 86 V46 M62 86 V54 M80 86 V28" stroke-width="10"/>
    <path d="M22 50 L42 34 L60 42 L84 16" stroke="${a}"/><path d="M72 16 H84 V28" stroke="${a}"/>`,
  coins: (fg, a) => `
    <ellipse cx="38" cy="76" rx="26" ry="9"/><path d="M12 76 V64 M64 76 V64"/><ellipse cx="38" cy="64" rx="26" ry="9"/>
    <path d="M12 64 V52 M64 64 V52"/><ellipse cx="38" cy="52" rx="26" ry="9"/>
    <circle cx="70" cy="32" r="20" stroke="${a}"/><path d="M70 22 V42" stroke="${a}"/>`,
  leaf: (fg, a) => `
    <path d="M18 84 C14 40 44 14 88 12 C90 58 62 86 18 84 Z"/><path d="M18 84 L66 36" stroke="${a}"/>
    <path d="M38 64 L38 48 M50 52 L64 52" stroke="${a}"/>`,
  handshake: (fg, a) => `
    <path d="M4 38 L22 30 L40 38 M96 38 L78 30 L58 34 L40 48 C36 52 42 58 48 54 L58 48"/>
    <path d="M22 30 L14 62 M78 30 L86 62"/>
    <path d="M14 62 L40 80 C44 83 48 80 46 76 M30 72 L50 86 C54 88 58 84 54 80 M58 48 L80 64 C84 68 80 74 74 70 L62 62 M70 68 C74 72 70 78 64 74 L56 68" stroke="${a}"/>`,
  school: (fg, a) => `
    <path d="M8 42 L50 14 L92 42 Z"/><path d="M16 42 V88 H84 V42 M6 88 H94"/>
    <path d="M42 88 V64 H58 V88" stroke="${a}"/><path d="M26 54 V76 M74 54 V76"/><circle cx="50" cy="32" r="5" stroke="${a}"/>`,
  globe: (fg, a) => `
    <circle cx="50" cy="50" r="38"/><ellipse cx="50" cy="50" rx="16" ry="38"/>
    <path d="M12 50 H88" /><path d="M18 30 H82 M18 70 H82" stroke="${a}"/>`,
  star: (fg, a) => `
    <path d="M50 8 L61 38 L93 39 L68 59 L77 90 L50 72 L23 90 L32 59 L7 39 L39 38 Z"/>
    <path d="M50 30 L55 46 L71 46" stroke="${a}"/>`,
  check: (fg, a) => `
    <circle cx="50" cy="50" r="40"/><path d="M28 52 L44 68 L74 34" stroke="${a}" stroke-width="10"/>`,
  megaphone: (fg, a) => `
    <path d="M12 40 V62 H30 L72 82 V20 L30 40 Z"/><path d="M30 62 L38 86 H50 L44 64"/>
    <path d="M82 38 Q90 51 82 64 M88 28 Q102 51 88 74" stroke="${a}"/>`,
  network: (fg, a) => `
    <path d="M50 20 L20 72 M50 20 L80 72 M20 72 H80 M50 20 V50 M20 72 L50 50 L80 72" stroke="${a}"/>
    <circle cx="50" cy="18" r="10"/><circle cx="20" cy="74" r="10"/><circle cx="80" cy="74" r="10"/><circle cx="50" cy="50" r="8"/>`,
};

/**
 * An icon as an SVG group drawn at (x, y) with the given size. `fg` draws the outline, `accent`
 * the details, `fill` the inside of closed shapes (use the background colour for a clean look).
 */
export function iconSvg(
  name: IconName,
  x: number,
  y: number,
  size: number,
  fg: string,
  accent: string,
  fill = 'none',
): string {
  const draw = ICON_DRAWINGS[name];
  if (!draw) throw new Error(`unknown icon ${name}`);
  const k = size / 100;
  return `<g transform="translate(${x} ${y}) scale(${k})" fill="${fill}" stroke="${fg}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">${draw(fg, accent)}</g>`;
}
