// WebVTT captions (one cue per spoken sentence) and the plain-text transcript.
import type { Storyboard } from './storyboard.ts';
import type { Cue } from './timeline.ts';

export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue text may not contain "-->" or a blank line; "<" and "&" must be escaped. */
const cueText = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/-->/g, '→')
    .replace(/\s*\n\s*/g, ' ');

/**
 * The file head: "WEBVTT", a blank line, and the language as a NOTE block. WebVTT has no header
 * fields: a "Language: xx" line right under "WEBVTT" (an old draft's metadata) makes validators
 * (the W3C's webvtt-parser) refuse the file. Players take the language from the track's srclang.
 */
export const vttHead = (locale?: string) => (locale ? `WEBVTT\n\nNOTE Language: ${locale}\n\n` : 'WEBVTT\n\n');

export function toVtt(cues: Cue[], opts: { locale?: string } = {}): string {
  return `${vttHead(opts.locale)}${cues.map((c, i) => `${i + 1}\n${vttTime(c.start)} --> ${vttTime(c.end)}\n${cueText(c.text)}\n`).join('\n')}`;
}

/** Files written before vttHead: "WEBVTT" then "Language: xx" with no blank line between them. */
const LEGACY_HEAD = /^(\uFEFF?WEBVTT)\r?\nLanguage: ([^\r\n]*)\r?\n\r?\n/;

/** Rewrites the legacy head into the conforming one; any other text is returned unchanged. */
export function conformingVtt(text: string): string {
  return text.replace(
    LEGACY_HEAD,
    (_, magic: string, locale: string) => `${magic}\n\nNOTE Language: ${locale.trim()}\n\n`,
  );
}

export type ParsedCue = { id: string; start: number; end: number; text: string };

/** Parse the WebVTT written by toVtt (and simple others): used by tests and checks. */
export function parseVtt(text: string): ParsedCue[] {
  if (!/^\uFEFF?WEBVTT/.test(text)) throw new Error('not a WebVTT file');
  const t = (s: string) => {
    const p = s.split(':').map(Number);
    return p.length === 3 ? p[0] * 3600 + p[1] * 60 + p[2] : p[0] * 60 + p[1];
  };
  const cues: ParsedCue[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\n+/).slice(1)) {
    const lines = block.split('\n').filter(Boolean);
    const at = lines.findIndex((l) => l.includes('-->'));
    if (at < 0) continue;
    const [a, b] = lines[at].split('-->').map((s) => s.trim().split(/\s+/)[0]);
    cues.push({ id: at > 0 ? lines[0] : '', start: t(a), end: t(b), text: lines.slice(at + 1).join('\n') });
  }
  return cues;
}

/** Transcript: the title, then each scene's heading, bullets and narration. */
export function transcript(sb: Storyboard): string {
  const out = [sb.title, ''];
  for (const s of sb.scenes) {
    out.push(s.heading);
    for (const b of s.bullets) out.push(`- ${b}`);
    out.push('', s.narration, '');
  }
  return out.join('\n');
}
