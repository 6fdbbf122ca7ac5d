// npm run db:migrate: apply the committed SQL migrations to the configured database.
import { loadConfig } from '../server/config.ts';
import { DatabaseStartError, migrate, openDatabase } from '../server/db/client.ts';

try {
  const config = loadConfig();
  const database = await openDatabase(config);
  await migrate(database);
  await database.close();
  console.log(`Migrations applied (${database.kind}).`);
} catch (err) {
  console.error(err instanceof DatabaseStartError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
}
