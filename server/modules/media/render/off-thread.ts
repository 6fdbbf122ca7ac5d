// Starts render-worker.ts in a worker thread and waits for its one answer. We run TypeScript sources
// through tsx, whose loader the main thread's flags do not give a worker: render-worker-boot.mjs registers it.
import { Worker } from 'node:worker_threads';
import type { NarrateAndDrawInput, NarrateAndDrawOutput } from './render-worker.ts';

const WORKER_URL = new URL('./render-worker-boot.mjs', import.meta.url);

export function narrateAndDrawOffThread(input: NarrateAndDrawInput): Promise<NarrateAndDrawOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { narrateAndDraw: input } });
    let settled = false;
    worker.once(
      'message',
      (msg: { ok: true; result: NarrateAndDrawOutput } | { ok: false; message: string; stack?: string }) => {
        settled = true;
        if (msg.ok) resolve(msg.result);
        else reject(Object.assign(new Error(msg.message), { stack: msg.stack }));
        void worker.terminate();
      },
    );
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the render worker thread stopped (exit code ${code}) before answering`));
    });
  });
}
