// Runs in a worker thread (node:worker_threads): the CPU-heavy, synchronous parts of a tutorial render,
// narration synthesis (eSpeak-NG in WebAssembly) and frame rasterisation (resvg), so the server's event
// loop keeps answering requests while a tutorial renders. One message in, one message out.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { renderFrames, type RenderedFrame } from './frames.ts';
import { wavFile } from './narration.ts';
import { loadShaper } from './shaping.ts';
import type { Storyboard } from './storyboard.ts';
import { buildTimeline, type Timeline } from './timeline.ts';

export type NarrateAndDrawInput = {
  storyboard: Storyboard;
  source: Storyboard;
  rate?: number;
  wavPath: string;
  framesDir: string;
};
export type NarrateAndDrawOutput = {
  timeline: Omit<Timeline, 'samples'>;
  frames: RenderedFrame[];
  narrationMs: number;
  framesMs: number;
};

export async function narrateAndDraw(input: NarrateAndDrawInput): Promise<NarrateAndDrawOutput> {
  let t = Date.now();
  const { samples, ...timeline } = await buildTimeline(input.storyboard, input.source, { rate: input.rate });
  fs.writeFileSync(input.wavPath, wavFile(samples, timeline.sampleRate));
  const narrationMs = Date.now() - t;
  t = Date.now();
  await loadShaper();
  const frames = renderFrames(input.storyboard, timeline.frames, input.framesDir);
  return { timeline, frames, narrationMs, framesMs: Date.now() - t };
}

if (parentPort && workerData?.narrateAndDraw) {
  const port = parentPort;
  narrateAndDraw(workerData.narrateAndDraw as NarrateAndDrawInput).then(
    (result) => port.postMessage({ ok: true, result }),
    (e: Error) => port.postMessage({ ok: false, message: e.message, stack: e.stack }),
  );
}
