// Offline narration with eSpeak-NG (WebAssembly): 22.05 kHz mono 16-bit PCM plus word and
// sentence timings, and a WAV writer.
import type { ESpeakEvent, eSpeakNGWorker } from '@echogarden/espeak-ng-emscripten';

/** eSpeak voice per site locale; a locale missing here has no voice (narrated in English). */
export const VOICES: Record<string, string> = {
  en: 'en-us',
  fr: 'fr',
  es: 'es',
  zh: 'cmn',
  ar: 'ar',
  vi: 'vi',
  ru: 'ru',
  id: 'id',
};

export const hasVoice = (locale: string) => locale in VOICES;

export type TimedSpan = {
  /** Seconds from the start of the narration. */
  start: number;
  end: number;
  /** Code point offsets into the narration text, end exclusive. */
  charStart: number;
  charEnd: number;
  text: string;
};

export type Narration = {
  locale: string;
  voice: string;
  text: string;
  sampleRate: number;
  samples: Int16Array;
  duration: number;
  sentences: TimedSpan[];
  words: TimedSpan[];
};

let worker: Promise<eSpeakNGWorker> | undefined;
function getWorker() {
  worker ??= import('@echogarden/espeak-ng-emscripten')
    .then(({ default: init }) => init())
    .then((m) => new m.eSpeakNGWorker());
  return worker;
}

const ABBREVIATION = /(?:^|[\s(])(?:mr|mrs|ms|dr|prof|st|vs|cf|approx|e\.g|i\.e|mme)\.$/i;

/** Merge sentence pieces that eSpeak split after an abbreviation ("Dr.", "e.g.") or before a lowercase word. */
function mergeFragments(spans: TimedSpan[]): TimedSpan[] {
  const out: TimedSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && (ABBREVIATION.test(prev.text) || /^\p{Ll}/u.test(s.text))) {
      prev.text = `${prev.text} ${s.text}`;
      prev.end = s.end;
      prev.charEnd = s.charEnd;
    } else out.push({ ...s });
  }
  return out;
}

/**
 * Speak `text` with the voice for `locale` (throws when the locale has none).
 * `rate` is in words per minute (eSpeak's default is 175).
 */
export async function synthesize(text: string, locale: string, opts: { rate?: number } = {}): Promise<Narration> {
  const voice = VOICES[locale];
  if (!voice) throw new Error(`no eSpeak voice for locale "${locale}"`);
  const w = await getWorker();
  if (w.set_voice(voice) !== 0) throw new Error(`eSpeak could not select voice ${voice}`);
  w.set_rate(opts.rate ?? 165);
  const sampleRate = w.get_samplerate();
  const chunks: Int16Array[] = [];
  const events: ESpeakEvent[] = [];
  w.synthesize(text, (audio, evs) => {
    chunks.push(audio);
    events.push(...evs);
    return false;
  });
  const samples = concatSamples(chunks);
  const duration = samples.length / sampleRate;
  const cps = [...text];
  const slice = (a: number, b: number) => cps.slice(a, b).join('').trim();

  const sentenceEvents = events.filter((e) => e.type === 'sentence');
  const rawSentences: TimedSpan[] = sentenceEvents.map((e, i) => {
    const next = sentenceEvents[i + 1];
    const charStart = e.text_position - 1;
    const charEnd = next ? next.text_position - 1 : cps.length;
    return {
      start: e.audio_position / 1000,
      end: Math.min(duration, (next ? next.audio_position : (samples.length * 1000) / sampleRate) / 1000),
      charStart,
      charEnd,
      text: slice(charStart, charEnd),
    };
  });
  const sentences = mergeFragments(rawSentences.filter((s) => s.text.length > 0));
  if (!sentences.length && text.trim())
    sentences.push({ start: 0, end: duration, charStart: 0, charEnd: cps.length, text: text.trim() });

  const wordEvents = events.filter((e) => e.type === 'word');
  const words: TimedSpan[] = wordEvents.map((e, i) => {
    const next = wordEvents[i + 1];
    const charStart = e.text_position - 1;
    const charEnd = charStart + Math.max(1, e.word_length);
    return {
      start: e.audio_position / 1000,
      end: (next ? next.audio_position : (samples.length * 1000) / sampleRate) / 1000,
      charStart,
      charEnd,
      text: slice(charStart, charEnd),
    };
  });
  return { locale, voice, text, sampleRate, samples, duration, sentences, words };
}

/** Joins PCM chunks into one buffer. */
export function concatSamples(chunks: Int16Array[]): Int16Array {
  const samples = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    samples.set(c, offset);
    offset += c.length;
  }
  return samples;
}

/** A RIFF/WAVE file of 16-bit little-endian mono PCM. */
export function wavFile(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  // Buffers from a typed array share memory in host byte order; x86/ARM are little-endian.
  return Buffer.concat([h, data]);
}
