// Thin entry: configure, open and migrate the database, serve, close gracefully on SIGTERM/SIGINT.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseStartError, migrate, openDatabase } from './db/client.ts';
import { CONTENT_DIR, ContentError, loadAndImportContent } from './modules/catalog/content-boot.ts';
import { startMediaRenderer, type MediaRenderer } from './modules/media/media.renderer.ts';
import { setupNeeded } from './modules/accounts/accounts.service.ts';
import { persistentSecret } from './secrets.ts';

export const WEB_BUILD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/build');

export async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let database;
  try {
    database = await openDatabase(config);
  } catch (err) {
    if (err instanceof DatabaseStartError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  await migrate(database);
  try {
    await loadAndImportContent(database.db);
  } catch (err) {
    if (err instanceof ContentError) {
      console.error(err.message);
      await database.close();
      process.exit(1);
    }
    throw err;
  }
  const jwtSecret = persistentSecret(config.dataDir, 'jwt-secret', config.jwtSecret);
  const app = await buildApp({ config, database, jwtSecret, web: { buildDir: WEB_BUILD_DIR, secure: config.secureCookies } });

  let closing = false;
  let renderer: MediaRenderer | undefined;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // Let the job in hand finish briefly; a long one is claimed again after a restart once its lock expires.
    await Promise.race([renderer?.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number }).port;
  const address = config.publicUrl.replace(/:\d+$/, '') === 'http://localhost' ? `http://localhost:${port}` : config.publicUrl;
  console.log(`Learning Cities Academy is running at ${address}`);
  if (await setupNeeded(database.db)) {
    const token = app.setupTokens.issue();
    console.log(`No admin yet: create one at ${address}/setup?token=${token} (this link works once)`);
  }
  // Missing tutorial videos are rendered after the site is up (their pages show the transcript meanwhile), and the
  // queue is polled for as long as the server runs: failed renders are retried, uploaded videos transcoded.
  if (config.mediaWorker) renderer = startMediaRenderer({ db: database.db, mediaDir: config.mediaDir, contentDir: CONTENT_DIR, log: app.log, keepPolling: true });
  return app;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
