// Real Chromium (Debian's) driven by playwright-core against a real server on a fresh database; axe-core on every page.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { freshDatabase, testDataDir } from './db.ts';
import { WEB_BUILD_DIR } from './app.ts';

type Tap = { same: (...args: any[]) => unknown };

// Debian's chromium-headless-shell (the old headless mode, no browser UI) runs the suite on about a third less CPU
// than the full chromium (measured on three browser test files: 59 against 87 CPU-seconds); either works.
const INSTALLED = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM = process.env.CHROMIUM_PATH || INSTALLED.find((p) => fs.existsSync(p)) || INSTALLED[1];

/** Browser tests skip only when Chromium is missing and REQUIRE_E2E is unset, and then say so loudly. */
export function browserAvailable(t: { fail: (m: string) => void; comment: (m: string) => void }): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_E2E) {
    t.fail(
      `Chromium not found at ${CHROMIUM} and REQUIRE_E2E is set: install Debian's chromium-headless-shell (or chromium) or set CHROMIUM_PATH`,
    );
  } else {
    const msg = `!!! BROWSER TESTS NOT RUN: Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium-headless-shell) or set CHROMIUM_PATH. !!!`;
    console.error(`\n${msg}\n`);
    t.comment(msg);
  }
  return false;
}

/** `overrides` change the test config, e.g. `{ mediaDir }` to serve rendered tutorials. */
export async function startServer(t: { teardown: (fn: () => unknown) => void }, overrides: Partial<Config> = {}) {
  const database = await freshDatabase();
  const dataDir = testDataDir(t);
  const config = loadConfig(
    { PUBLIC_URL: 'http://127.0.0.1', DATA_DIR: dataDir },
    { logLevel: 'silent', overload: { maxEventLoopDelayMs: 0, retryAfterSeconds: 5 }, ...overrides },
  );
  const app = await buildApp({
    config,
    database,
    jwtSecret: 'e2e-secret-that-is-long-enough-for-hs256',
    logger: false,
    web: { buildDir: WEB_BUILD_DIR, secure: false },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  t.teardown(async () => {
    // The browser is shared by the process's test files and outlives this server: a response it stopped reading
    // (a video, a download) would keep Fastify's close waiting for its connection for ever.
    const forceClose = setTimeout(() => app.server.closeAllConnections(), 2000);
    await app.close();
    clearTimeout(forceClose);
    await database.close();
  });
  return { app, database, baseURL: `http://127.0.0.1:${port}` };
}

/**
 * Losing and regaining the connection. Playwright's setOffline does not reach service workers
 * (microsoft/playwright#2311), nor requests a controlled page hands back to the network, so the server
 * also drops every connection while the link is down, as a lost link would.
 */
export function connection(app: { server: import('node:http').Server }) {
  let down = false;
  // A request that arrives on an open keep-alive socket is still handed to Fastify after its socket is destroyed
  // (a small body is already read): losing the link ends every open socket first, and refuses new ones before they
  // carry a request.
  const open = new Set<import('node:net').Socket>();
  app.server.prependListener('connection', (socket) => {
    if (down) return socket.destroy();
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  app.server.prependListener('request', (req) => down && req.socket.destroy());
  return {
    async lose(context: BrowserContext) {
      down = true;
      for (const socket of open) socket.destroy();
      await context.setOffline(true);
    },
    async regain(context: BrowserContext) {
      down = false;
      await context.setOffline(false);
    },
  };
}

let sharedBrowser: Promise<Browser> | undefined;

/** One Chromium per process, closed when the process's tests end: test files run together share it (each opens its own contexts). */
export function launch(t: { teardown: (fn: () => unknown) => void }): Promise<Browser> {
  if (sharedBrowser) return sharedBrowser;
  sharedBrowser = import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
  );
  const browser = sharedBrowser;
  t.teardown(async () => (await browser).close());
  return browser;
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  opts: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'en-GB', ...opts });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.2 A/AA) on the page and fails the test on any serious or critical violation;
 * with `{ allImpacts: true }` on any violation at all, minor ones and axe's experimental WCAG rules included.
 */
export async function checkA11y(t: Tap, page: Page, label = page.url(), opts: { allImpacts?: boolean } = {}) {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axeSource);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', ...(opts.allImpacts ? ['experimental'] : [])];
  const result = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags } });
  }, tags);
  const counted = result.violations.filter((v) => opts.allImpacts || v.impact === 'serious' || v.impact === 'critical');
  t.same(
    counted.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
    [],
    `axe-core: no ${opts.allImpacts ? '' : 'serious or critical '}violations on ${label}`,
  );
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(
  page: Page,
  matches: (el: { tag: string; text: string; name: string | null; type: string | null }) => boolean,
  max = 40,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        text: (a?.textContent ?? '').trim(),
        name: a?.getAttribute('name') ?? null,
        type: a?.getAttribute('type') ?? null,
      };
    });
    if (matches(el)) return;
  }
  throw new Error('Could not reach the element by keyboard');
}

/** Signs up through the sign-up form (typed into the fields, submitted with Enter) and waits for "My learning". */
/** Presses Enter in a form field and waits for the page the form leads to. */
export async function submitWith(page: Page, selector: string, url: string | RegExp) {
  await page.focus(selector);
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

export async function signUpInBrowser(page: Page, person: { name: string; email: string; password: string }) {
  await page.goto('/signup');
  await page.fill('#field-name', person.name);
  await page.fill('#field-email', person.email);
  await page.fill('#field-password', person.password);
  await page.press('#field-password', 'Enter');
  await page.waitForURL('**/learning');
}
