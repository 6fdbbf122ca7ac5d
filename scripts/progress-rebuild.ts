// npm run progress:rebuild: recompute every learner's derived lesson state from the event log.
import { loadConfig } from '../server/config.ts';
import { DatabaseStartError, migrate, openDatabase } from '../server/db/client.ts';
import { rebuildAll } from '../server/modules/progress/progress.service.ts';

try {
  const database = await openDatabase(loadConfig());
  await migrate(database);
  const { learners } = await rebuildAll(database.db);
  await database.close();
  console.log(`Rebuilt progress for ${learners} learner(s) from the event log.`);
} catch (err) {
  console.error(err instanceof DatabaseStartError ? err.message : `Rebuild failed: ${(err as Error).message}`);
  process.exit(1);
}
