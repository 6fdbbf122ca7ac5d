// npm start: build what is missing, migrate, serve.
import { buildWeb } from './build.ts';

try {
  buildWeb({ ifMissing: true, quiet: true });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const { main } = await import('../server/main.ts');
await main();
