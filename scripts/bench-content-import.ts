// Benchmark: content import on a cold (empty) and a warm (already imported) embedded database.
import { openPglite, migrate } from '../server/db/client.ts';
import { loadAndImportContent } from '../server/modules/catalog/content-boot.ts';
const db = await openPglite(undefined);
await migrate(db);
const cold = await loadAndImportContent(db.db);
const warm = await loadAndImportContent(db.db);
console.log(
  `content import: cold ${cold.milliseconds} ms (imported ${cold.imported}), warm ${warm.milliseconds} ms (imported ${warm.imported})`,
);
await db.close();
