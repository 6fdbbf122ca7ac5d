// Worker-thread entry: registers tsx (the TypeScript loader) in this thread, then runs render-worker.ts.
// Loader flags of the main thread do not reach a worker's own entry file on Node 20.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
