// Measures a participant-list import through the API: 2,000 people whose names have no Latin letters (the hardest
// case for generated usernames), accounts, participations, enrolments and sign-in codes in one transaction.
// Usage: npx tsx scripts/bench-participant-import.ts          (embedded PGlite in a temp dir)
//        DATABASE_URL=postgres://… npx tsx scripts/bench-participant-import.ts
//        BENCH_ROWS=500 BENCH_RUNS=3 …
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, openDatabase } from '../server/db/client.ts';
import { loadAndImportContent } from '../server/modules/catalog/content-boot.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-import-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
const database = await openDatabase(config);
await migrate(database);
await loadAndImportContent(database.db);
const app = await buildApp({
  config,
  database,
  jwtSecret: 'bench-secret-that-is-long-enough-for-hs256',
  logger: false,
  web: false,
});
await app.ready();

const signup = await app.inject({
  method: 'POST',
  url: '/api/auth/signup',
  payload: { name: 'Bench Facilitator', username: 'bench-facilitator', password: 'Bench-facilitator-2026' },
});
const { updateUser } = await import('../server/modules/accounts/accounts.repository.ts');
await updateUser(database.db, signup.json().id, { role: 'facilitator' });
const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const khmerDigits = (n: number) => [...String(n)].map((d) => '០១២៣៤៥៦៧៨៩'[Number(d)]).join('');
const today = new Date().toISOString().slice(0, 10);

console.log(`| run | rows | status | ms | request bytes | response bytes |\n|---|---|---|---|---|---|`);
for (let run = 1; run <= RUNS; run++) {
  const w = await app.inject({
    method: 'POST',
    url: '/api/workshops',
    headers: { cookie },
    payload: {
      title: `Bench ${run}`,
      city: 'Kampot',
      country: 'KH',
      locale: 'km',
      timeZone: 'Asia/Phnom_Penh',
      startsOn: today,
      endsOn: today,
    },
  });
  const csv = `name,locale\n${Array.from({ length: ROWS }, (_, i) => `សុខា ${khmerDigits(i)} 王芳,km`).join('\n')}\n`;
  const payload = JSON.stringify({ csv });
  const t0 = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: `/api/workshops/${w.json().id}/participants/import`,
    headers: { cookie, 'content-type': 'application/json' },
    payload,
  });
  const ms = Math.round(performance.now() - t0);
  console.log(
    `| ${run} | ${ROWS} | ${res.statusCode} | ${ms} | ${Buffer.byteLength(payload)} | ${res.rawPayload.length} |`,
  );
}
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
