// Starts render-worker.ts in a worker thread and waits for its one answer.
import { Worker } from 'node:worker_threads';
import { workerThreadEntry } from '../../../shared/project-files.ts';
import type { NarrateAndDrawInput, NarrateAndDrawOutput } from './render-worker.ts';

export function narrateAndDrawOffThread(input: NarrateAndDrawInput): Promise<NarrateAndDrawOutput> {
  return new Promise((resolve, reject) => {
    const { filename, eval: isEval } = workerThreadEntry('server/modules/media/render/render-worker.ts');
    const worker = new Worker(filename, { eval: isEval, workerData: { narrateAndDraw: input } });
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
