// Benchmark: Lighthouse scores (mobile profile, simulated slow 4G) of the anonymous pages, against a server that runs.
// Lighthouse is not a dependency: it is fetched from the npm registry by npx when this script runs. Never part of the tests.
//   npm run bench:lighthouse -- [base URL, default http://127.0.0.1:3000]
// Scores move by a few points with the machine's load; compare two builds in the same run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const PAGES = [
  '/',
  '/courses/learning-city',
  '/modules/m1-concept',
  '/lessons/m1-what-is-a-learning-city',
  '/signin',
  '/verify',
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-lighthouse-'));
type Report = {
  categories: Record<string, { id: string; score: number }>;
  audits: Record<string, { numericValue: number }>;
};

console.log(
  '| page | performance | accessibility | best practices | SEO | LCP | bytes |\n|---|---|---|---|---|---|---|',
);
for (const page of PAGES) {
  const out = path.join(dir, `${page.replace(/\W+/g, '_') || 'home'}.json`);
  execFileSync(
    'npx',
    [
      '--yes',
      'lighthouse@13',
      `${base}${page}`,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    },
  );
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
  const score = (id: string) => Math.round(report.categories[id].score * 100);
  console.log(
    `| ${page} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${Math.round(report.audits['largest-contentful-paint'].numericValue)} ms | ${report.audits['total-byte-weight'].numericValue} |`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
