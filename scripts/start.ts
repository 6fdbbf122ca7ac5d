// npm start: build what is missing, migrate, serve.
import cluster from 'node:cluster';
import { buildWeb } from './build.ts';

// A cluster worker (WORKERS=N) runs this file again: its primary has built the site already.
if (cluster.isPrimary) {
  try {
    buildWeb({ ifMissing: true, quiet: true });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
const { main } = await import('../server/main.ts');
await main();
