// Shared by the benchmark scripts: a real server on a throwaway DATA_DIR (embedded, or DATABASE_URL), with the course imported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { migrate, openDatabase } from '../server/db/client.ts';
import { loadAndImportContent } from '../server/modules/catalog/content-boot.ts';
import { WEB_BUILD_DIR } from '../server/main.ts';
import { buildWeb } from './build.ts';

export async function startBenchServer(opts: { web?: boolean; config?: Partial<Config> } = {}) {
  if (opts.web) buildWeb({ ifMissing: true, quiet: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }, opts.config);
  const database = await openDatabase(config);
  await migrate(database);
  await loadAndImportContent(database.db);
  const app = await buildApp({
    config,
    database,
    jwtSecret: 'bench-secret-that-is-long-enough-for-hs256',
    logger: false,
    web: opts.web ? { buildDir: WEB_BUILD_DIR, secure: false } : false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  // Start-up is heavy work the overload guard sees (503 for its first second): begin once it is served.
  for (let i = 0; i < 50 && (await fetch(`${base}/api/health`)).status === 503; i++)
    await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    app,
    database,
    dataDir,
    base,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up `count` learners on a running server; the cookies a browser would keep (`a=1; b=2`), for signed-in load. */
export async function signUpLearners(base: string, count: number, label = 'Bench'): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `${label} ${i}`,
        email: `${label.toLowerCase().replace(/\W+/g, '-')}.${Date.now()}.${i}@example.org`,
        password: 'Bench-password-2025',
      }),
    });
    if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
    cookies.push(
      signup.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; '),
    );
  }
  return cookies;
}
