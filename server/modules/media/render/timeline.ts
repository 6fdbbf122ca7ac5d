// The tutorial's timeline: narration per scene joined with pauses into one audio track, when each
// bullet appears (when the narration reaches it), the distinct frames, and one caption cue per sentence.
import { concatSamples, hasVoice, synthesize, type Narration } from './narration.ts';
import type { Storyboard } from './storyboard.ts';

export type Cue = { start: number; end: number; text: string };

export type SceneTiming = {
  id: string;
  index: number;
  /** Seconds on the tutorial's clock. */
  start: number;
  end: number;
  narrationStart: number;
  narrationEnd: number;
  /** When each bullet appears (seconds on the tutorial's clock). */
  bulletTimes: number[];
  /** Locale of the voice that spoke this scene. */
  voiceLocale: string;
};

/** One distinct picture: a scene with its first `visibleBullets` bullets, shown from start to end. */
export type FrameSpan = { scene: number; visibleBullets: number; start: number; end: number };

export type Timeline = {
  duration: number;
  sampleRate: number;
  samples: Int16Array;
  scenes: SceneTiming[];
  frames: FrameSpan[];
  cues: Cue[];
};

export const PAUSE_BEFORE = 0.4; // seconds of silence before each scene's narration
export const PAUSE_AFTER = 0.8; // ... and after it
export const TITLE_HOLD = 0.8; // extra silence before the first scene, so the title is seen first
const BULLET_LEAD = 0.25; // show a bullet this much before its words are spoken

// ---------------------------------------------------------------------------------------------
// Bullet alignment

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_FUNCTION_CHARS = new Set([...'的了和与及是在等个为之其把被这那也就都而或']);
const STOP = new Set(
  (
    'the and for with that this from are was were has have had its their they you your our can will not but ' +
    'les des une est que qui dans pour par sur avec aux ses son leur plus pas ont sont ' +
    'los las del una por con para que sus como más ' +
    'и в на с по для что это как'
  ).split(' '),
);
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  twelve: '12',
  un: '1',
  une: '1',
  deux: '2',
  trois: '3',
  quatre: '4',
  cinq: '5',
  sept: '7',
  huit: '8',
  neuf: '9',
  dix: '10',
  douze: '12',
  uno: '1',
  dos: '2',
  tres: '3',
  cuatro: '4',
  cinco: '5',
  seis: '6',
  siete: '7',
  ocho: '8',
  nueve: '9',
  diez: '10',
  doce: '12',
};

type Token = { key: string; charStart: number };

/** Content tokens with code point offsets: CJK characters one by one, other scripts word stems. */
export function tokenize(text: string): Token[] {
  const cps = [...text];
  const out: Token[] = [];
  let i = 0;
  while (i < cps.length) {
    const c = cps[i];
    if (CJK.test(c)) {
      if (!CJK_FUNCTION_CHARS.has(c)) out.push({ key: c, charStart: i });
      i++;
    } else if (/[\p{L}\p{N}]/u.test(c)) {
      const start = i;
      while (i < cps.length && /[\p{L}\p{N}\p{M}]/u.test(cps[i]) && !CJK.test(cps[i])) i++;
      const word = cps.slice(start, i).join('').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const key = NUMBER_WORDS[word] ?? word;
      if (/^\d+$/.test(key) || (key.length >= 3 && !STOP.has(key)))
        out.push({ key: key.slice(0, 5), charStart: start });
    } else i++;
  }
  return out;
}

/**
 * Where the narration reaches each bullet: a code point offset per bullet (in order), or -1 when a
 * bullet's words were not found. Picks increasing positions that maximise the total overlap of
 * each bullet's words with a short window of narration starting at a matching word.
 */
export function alignBullets(bullets: string[], narration: string): number[] {
  const nt = tokenize(narration);
  const n = nt.length;
  const B = bullets.length;
  if (!B) return [];
  const score: number[][] = bullets.map((b) => {
    const keys = new Set(tokenize(b).map((t) => t.key));
    const isCjk = CJK.test(b);
    const win = isCjk ? 2 * keys.size + 6 : Math.max(8, 2 * keys.size + 2);
    return nt.map((tok, p) => {
      if (!keys.has(tok.key)) return 0;
      // distinct bullet words found, less a little for how spread out they are
      const seen = new Set<string>();
      let last = p;
      for (let q = p; q < Math.min(n, p + win); q++) {
        if (keys.has(nt[q].key) && !seen.has(nt[q].key)) {
          seen.add(nt[q].key);
          last = q;
        }
      }
      return seen.size - 0.01 * (last - p);
    });
  });
  // f[i][q + 1]: best total score for bullets 0..i-1 when the last matched token is q (q = -1: none).
  // A bullet is either matched at a token after the previous match, or skipped (not found).
  const NEG = -1;
  let f: number[] = new Array(n + 1).fill(NEG);
  f[0] = 0;
  const back: { prev: number; at: number }[][] = [];
  for (let i = 0; i < B; i++) {
    const g: number[] = f.slice(); // skipping bullet i keeps every state
    const bk = f.map((_, s) => ({ prev: s, at: -1 }));
    let runMax = NEG;
    let runArg = -1;
    for (let p = 0; p < n; p++) {
      if (f[p] > runMax) {
        // states with last match q = p - 1 < p
        runMax = f[p];
        runArg = p;
      }
      if (score[i][p] > 0 && runMax >= 0 && runMax + score[i][p] > g[p + 1]) {
        g[p + 1] = runMax + score[i][p];
        bk[p + 1] = { prev: runArg, at: p };
      }
    }
    back.push(bk);
    f = g;
  }
  let state = 0;
  for (let s = 0; s <= n; s++) if (f[s] > f[state]) state = s;
  const pos: number[] = new Array(B).fill(-1);
  for (let i = B - 1; i >= 0; i--) {
    const { prev, at } = back[i][state];
    if (at >= 0) pos[i] = nt[at].charStart;
    state = prev;
  }
  return pos;
}

/** Seconds into the narration at which it reaches each bullet (interpolating unmatched ones). */
export function bulletTimes(bullets: string[], n: Pick<Narration, 'text' | 'words' | 'duration'>): number[] {
  const pos = alignBullets(bullets, n.text);
  const timeAt = (charPos: number) => {
    let t = 0;
    for (const w of n.words) if (w.charStart <= charPos) t = w.start;
    return t;
  };
  const times = pos.map((c) => (c < 0 ? NaN : timeAt(c)));
  // Unmatched bullets: spread evenly between the known neighbours (or the narration's ends).
  for (let i = 0; i < times.length; i++) {
    if (!Number.isNaN(times[i])) continue;
    let j = i;
    while (j < times.length && Number.isNaN(times[j])) j++;
    const lo = i === 0 ? 0 : times[i - 1];
    const hi = j < times.length ? times[j] : n.duration * 0.9;
    for (let k = i; k < j; k++) times[k] = lo + ((hi - lo) * (k - i + 1)) / (j - i + 1);
  }
  for (let i = 1; i < times.length; i++) times[i] = Math.max(times[i], times[i - 1]);
  return times;
}

// ---------------------------------------------------------------------------------------------
// Captions for a locale without a voice: split its text into sentences, timed over the English span.

export function splitSentences(text: string): string[] {
  const parts = text.match(/[^.!?。！？។؟]+(?:[.!?。！？។؟]+["'”’»)]*|$)\s*/gu) ?? [];
  return parts.map((s) => s.trim()).filter(Boolean);
}

function spreadCues(sentences: string[], spans: { start: number; end: number }[], start: number, end: number): Cue[] {
  if (sentences.length === spans.length)
    return sentences.map((text, i) => ({ text, start: spans[i].start, end: spans[i].end }));
  const weights = sentences.map((s) => [...s].length);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let t = start;
  return sentences.map((text, i) => {
    const d = ((end - start) * weights[i]) / total;
    const cue = { text, start: t, end: t + d };
    t += d;
    return cue;
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * Speak every scene and build the timeline. A scene whose narration locale has no voice is spoken
 * from the English source scene, with the locale's text as captions.
 */
export async function buildTimeline(
  storyboard: Storyboard,
  source: Storyboard,
  opts: { rate?: number } = {},
): Promise<Timeline> {
  const sourceById = new Map(source.scenes.map((s) => [s.id, s]));
  let sampleRate = 22050;
  const pieces: Int16Array[] = [];
  let clock = 0; // in samples
  const scenes: SceneTiming[] = [];
  const frames: FrameSpan[] = [];
  const cues: Cue[] = [];

  for (const [index, scene] of storyboard.scenes.entries()) {
    const voiced = hasVoice(scene.narrationLocale);
    const spoken = voiced ? scene : sourceById.get(scene.id);
    if (!spoken || !hasVoice(spoken.narrationLocale)) {
      throw new Error(`scene ${scene.id}: no voice for "${scene.narrationLocale}" and no English source narration`);
    }
    const n = await synthesize(spoken.narration, spoken.narrationLocale, opts);
    sampleRate = n.sampleRate;
    const before = Math.round(((index === 0 ? TITLE_HOLD : 0) + PAUSE_BEFORE) * sampleRate);
    const after = Math.round(PAUSE_AFTER * sampleRate);
    const start = clock / sampleRate;
    const narrationStart = (clock + before) / sampleRate;
    pieces.push(new Int16Array(before), n.samples, new Int16Array(after));
    clock += before + n.samples.length + after;
    const end = clock / sampleRate;
    const narrationEnd = narrationStart + n.duration;

    const bulletWords = spoken.bullets.length === scene.bullets.length ? spoken.bullets : scene.bullets;
    const times = bulletTimes(bulletWords, n).map((t) =>
      Math.max(start, Math.min(end - 0.5, narrationStart + t - BULLET_LEAD)),
    );
    scenes.push({
      id: scene.id,
      index,
      start,
      end,
      narrationStart,
      narrationEnd,
      bulletTimes: times,
      voiceLocale: spoken.narrationLocale,
    });

    // Distinct frames: the scene alone, then one more per bullet appearing.
    let t = start;
    for (let b = 0; b <= times.length; b++) {
      const next = b < times.length ? times[b] : end;
      if (next > t + 1e-3 || b === times.length) frames.push({ scene: index, visibleBullets: b, start: t, end: next });
      t = Math.max(t, next);
    }

    const spans = n.sentences.map((s) => ({ start: narrationStart + s.start, end: narrationStart + s.end }));
    if (voiced) cues.push(...n.sentences.map((s, i) => ({ text: s.text, ...spans[i] })));
    else cues.push(...spreadCues(splitSentences(scene.narration), spans, narrationStart, narrationEnd));
  }

  const samples = concatSamples(pieces);
  const duration = clock / sampleRate;
  // Cues: in order, non-overlapping, inside the video.
  for (let i = 0; i < cues.length; i++) {
    const c = cues[i];
    c.start = Math.max(0, Math.min(c.start, duration));
    c.end = Math.min(duration, Math.max(c.end, c.start + 0.2));
    if (i > 0 && c.start < cues[i - 1].end) cues[i - 1].end = c.start;
  }
  return { duration, sampleRate, samples, scenes, frames: frames.filter((f) => f.end > f.start), cues };
}
