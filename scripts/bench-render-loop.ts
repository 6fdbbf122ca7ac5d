// Event-loop delay while a tutorial renders: narration and frames inline (on the main thread, as before)
// versus in a worker thread (what the server does now). A request arriving during a render waits this long.
// Prints perf_hooks.monitorEventLoopDelay p99 and max per run (encoding runs ffmpeg on the same cores, so
// some delay remains in both modes: CPU contention, not our code on the loop).
//   npx tsx scripts/bench-render-loop.ts [moduleFolder=01-concept] [locale=en]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderTutorial } from '../server/modules/media/render/render-tutorial.ts';

const moduleFolder = process.argv[2] ?? '01-concept';
const locale = process.argv[3] ?? 'en';
const storyboardDir = path.resolve(import.meta.dirname, '../content/modules', moduleFolder);

async function measure(inline: boolean) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-loop-'));
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => setTimeout(r, 20)); // the monitor is running before the render starts
  const t0 = Date.now();
  const result = await renderTutorial({ storyboardDir, locale, outDir, force: true, inline });
  const ms = Date.now() - t0;
  h.disable();
  fs.rmSync(outDir, { recursive: true, force: true });
  return {
    mode: inline ? 'inline (before)' : 'worker thread (after)',
    video_s: Math.round(result.duration),
    render_s: +(ms / 1000).toFixed(1),
    'narration+frames ms': result.timings.narration + result.timings.frames,
    'loop delay p99 ms': +(h.percentile(99) / 1e6).toFixed(1),
    'loop delay max ms': +(h.max / 1e6).toFixed(1),
  };
}

// Each mode twice, alternating; the first run also pays for loading the voice and fonts.
const rows = [];
for (let i = 0; i < 2; i++) rows.push(await measure(true), await measure(false));
console.log(`Event-loop delay during a render of ${moduleFolder} (${locale}) on ${os.cpus().length} cores`);
console.table(rows);
