// Thin entry: configure, open and migrate the database, serve, close gracefully on SIGTERM/SIGINT.
// WORKERS>1 with Postgres: this process becomes the cluster's primary and each worker runs main() again (server/cluster.ts).
import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { stopGracefully } from './http/graceful-stop.ts';
import { reportListening, runPrimary, SETUP_TOKEN_ENV, singleProcessReason } from './cluster.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseStartError, migrate, openDatabase, type Database } from './db/client.ts';
import { CONTENT_DIR, ContentError, loadAndImportContent } from './modules/catalog/content-boot.ts';
import { startMediaRenderer, type MediaRenderer } from './modules/media/media.renderer.ts';
import { setupNeeded } from './modules/accounts/accounts.service.ts';
import { openIssuer } from './modules/certificates/issuer.ts';
import { persistentSecret } from './secrets.ts';
import { PROJECT_ROOT } from './shared/project-files.ts';

export const WEB_BUILD_DIR = path.join(PROJECT_ROOT, 'web', 'build');

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
  if (cluster.isPrimary && config.workers > 1) {
    const reason = singleProcessReason(config);
    if (reason) console.warn(reason);
    else {
      const primaryConfig = config;
      // The once-only start-up work, done before any worker starts (workers skip the import and find the secrets).
      await runPrimary(primaryConfig, async () => {
        const database = await openAndPrepare(primaryConfig);
        persistentSecret(primaryConfig.dataDir, 'jwt-secret', primaryConfig.jwtSecret);
        await openIssuer(primaryConfig);
        const needed = await setupNeeded(database.db);
        await database.close();
        return { setupNeeded: needed };
      });
      return undefined;
    }
  }
  const database = await openAndPrepare(config, { skipImport: cluster.isWorker });
  const jwtSecret = persistentSecret(config.dataDir, 'jwt-secret', config.jwtSecret);
  const app = await buildApp({
    config,
    database,
    jwtSecret,
    web: { buildDir: WEB_BUILD_DIR, secure: config.secureCookies },
  });

  let closing = false;
  let renderer: MediaRenderer | undefined;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // Let the job in hand finish briefly; a long one is claimed again after a restart once its lock expires.
    await Promise.race([renderer?.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    await stopGracefully(app, { drainMs: 10_000 });
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number }).port;
  const address =
    config.publicUrl.replace(/:\d+$/, '') === 'http://localhost' ? `http://localhost:${port}` : config.publicUrl;
  if (cluster.isWorker) {
    // The primary prints the address and the setup link once; every worker accepts the token it chose.
    const token = process.env[SETUP_TOKEN_ENV];
    if (token) app.setupTokens.issue(token);
    reportListening(address);
  } else {
    console.log(`Learning Cities Academy is running at ${address}`);
    if (await setupNeeded(database.db)) {
      const token = app.setupTokens.issue();
      console.log(`No admin yet: create one at ${address}/setup?token=${token} (this link works once)`);
    }
  }
  // Missing tutorial videos are rendered after the site is up (their pages show the transcript meanwhile), and the
  // queue is polled for as long as the server runs: failed renders are retried, uploaded videos transcoded.
  // With WORKERS=N each worker polls: the queue gives each job to one of them.
  if (config.mediaWorker)
    renderer = startMediaRenderer({
      db: database.db,
      mediaDir: config.mediaDir,
      contentDir: CONTENT_DIR,
      log: app.log,
      keepPolling: true,
    });
  return app;
}

/** Opens the database, applies the migrations and imports the course (a cluster worker skips both: its primary did them). */
async function openAndPrepare(config: Config, opts: { skipImport?: boolean } = {}): Promise<Database> {
  let database: Database;
  try {
    database = await openDatabase(config);
  } catch (err) {
    if (err instanceof DatabaseStartError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (opts.skipImport) return database;
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
  return database;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
