// Caption files an admin attaches to an uploaded video: WebVTT or SubRip, checked cue by cue
// (timing parses, start < end, in order, within the video, text present) and written out as WebVTT.
// Problems are reported as `line N: problem` so the person can fix the file.
import { vttHead } from '../render/captions.ts';

export type CaptionCue = { start: number; end: number; text: string };
export type CaptionProblem = { line: number; problem: string };
export type ParsedCaptions = { cues: CaptionCue[]; problems: CaptionProblem[] };

/** A cue may start this much before the previous one ended (overlapping speakers); earlier than that is out of order. */
const ORDER_SLACK_SECONDS = 0.5;
/** Cues may run this far past the probed duration (container durations are rounded). */
const DURATION_SLACK_SECONDS = 1;

// 00:01:02.345 or 01:02.345 (VTT), 00:01:02,345 (SRT); hours may have more digits.
const TIME = String.raw`(?:(\d+):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s+.*)?$`);

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  return (h ? +h * 3600 : 0) + +m * 60 + +s + +ms.padEnd(3, '0') / 1000;
}

export function detectFormat(text: string, fileName = ''): 'vtt' | 'srt' {
  if (/^\uFEFF?WEBVTT/.test(text)) return 'vtt';
  return /\.vtt$/i.test(fileName) ? 'vtt' : 'srt';
}

/** Parses a .vtt or .srt file; `duration` (seconds) bounds the cue times when known. */
export function parseCaptions(text: string, opts: { format: 'vtt' | 'srt'; duration?: number | null }): ParsedCaptions {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const problems: CaptionProblem[] = [];
  const cues: CaptionCue[] = [];
  let i = 0;
  if (opts.format === 'vtt') {
    if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? ''))
      problems.push({ line: 1, problem: 'a WebVTT file must start with "WEBVTT"' });
    // Skip the header block.
    while (i < lines.length && lines[i].trim() !== '') i++;
  }
  let previousStart = -Infinity;
  while (i < lines.length) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    // A block: optional identifier (SRT counter or VTT cue id), timing line, text lines up to a blank line.
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (opts.format === 'vtt' && /^(NOTE|STYLE|REGION)\b/.test(block[0])) continue;
    const timingIndex = block.findIndex((l) => l.includes('-->'));
    if (timingIndex < 0 || timingIndex > 1) {
      problems.push({
        line: blockStart + 1,
        problem: `expected a timing line such as "00:00:01.000 --> 00:00:04.000", found "${block[0].slice(0, 60)}"`,
      });
      continue;
    }
    const lineNo = blockStart + timingIndex + 1;
    const m = TIMING.exec(block[timingIndex]);
    if (!m) {
      problems.push({
        line: lineNo,
        problem: `the timing "${block[timingIndex].trim().slice(0, 60)}" is not in the form 00:00:01.000 --> 00:00:04.000`,
      });
      continue;
    }
    const start = seconds(m[1], m[2], m[3], m[4]);
    const end = seconds(m[5], m[6], m[7], m[8]);
    const cueText = block
      .slice(timingIndex + 1)
      .join('\n')
      .trim();
    if (end <= start)
      problems.push({
        line: lineNo,
        problem: 'the cue ends before it starts (the end time must be after the start time)',
      });
    else if (start < previousStart - ORDER_SLACK_SECONDS)
      problems.push({ line: lineNo, problem: 'this cue starts before the previous one: put the cues in time order' });
    else if (opts.duration && end > opts.duration + DURATION_SLACK_SECONDS) {
      problems.push({
        line: lineNo,
        problem: `the cue ends at ${end.toFixed(3)} s, after the end of the video (${opts.duration.toFixed(1)} s)`,
      });
    } else if (!cueText) problems.push({ line: lineNo, problem: 'the cue has no text' });
    else cues.push({ start, end, text: cueText });
    previousStart = Math.max(previousStart, start);
  }
  if (!problems.length && cues.length === 0) problems.push({ line: 1, problem: 'the file has no cues' });
  return { cues, problems };
}

const stamp = (t: number) => {
  const ms = Math.round(t * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
};

/** WebVTT text for parsed cues; SRT markup that VTT lacks (<font>) is dropped, `-->` in text is escaped. */
export function cuesToVtt(cues: CaptionCue[], locale: string): string {
  const body = cues.map((c, n) => {
    const text = c.text.replace(/<\/?font[^>]*>/gi, '').replace(/-->/g, '--&gt;');
    return `${n + 1}\n${stamp(c.start)} --> ${stamp(c.end)}\n${text}`;
  });
  return `${vttHead(locale)}${body.join('\n\n')}\n`;
}

/** Plain text of the cues, one per line: the transcript of an uploaded video. */
export const cuesToTranscript = (cues: CaptionCue[]) =>
  cues.map((c) => c.text.replace(/<[^>]+>/g, '').replace(/\s*\n\s*/g, ' ')).join('\n') + '\n';
