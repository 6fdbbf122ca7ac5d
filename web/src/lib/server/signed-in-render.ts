// A signed-in page is a render of its load's data and the layout's. Where two people's data are the same (two learners
// who have both just started a lesson: the same text, the same status, the same menu), so is the page, to the byte.
// Such a render is kept under a digest of exactly that data, with the person's id masked (the page does not print it:
// the page scripts read it from a cookie, USER_ID_COOKIE), and compressed once; the next person whose data digest the
// same is answered from it. A room of 120 participants opening the lesson their facilitator names costs one render,
// not 120. The load itself still runs for everyone: their session, their status, recording the opening.
// Only pages that opt in (hooks.server.ts) take this path, and a render that prints the person's id is never kept.
import { createHash } from 'node:crypto';
import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { encodeOnce, type Encodable } from '$server/http/shared-render-cache.ts';
import { SingleFlight } from '$server/shared/single-flight.ts';
import { layoutData } from './layout-data.ts';
import { hasResetNotice } from './reset-notice.ts';

type Resolve = (event: RequestEvent, opts?: ResolveOptions) => Response | Promise<Response>;
type Loaded = { data: unknown } | { error: unknown };
type Kept = Encodable & { headers: [string, string][] };

const MAX_RENDERS = 256;
/** Marks an answer from a kept render (as `Age` marks the anonymous ones): for operators and tests. */
export const SHARED_RENDER_HEADER = 'x-render';
const kept = new Map<string, Kept>();
const loaded = new WeakMap<Request, Loaded>();
/** Renders under way, by key: requests with the same data arriving meanwhile wait for them. */
const rendering = new SingleFlight<string, Kept | undefined>();

/** A signed-in page's load: what the shared path already loaded for this request, or loaded now. */
export async function loadOnce<T>(event: RequestEvent, load: (event: RequestEvent) => Promise<T>): Promise<T> {
  const done = loaded.get(event.request);
  if (!done) return load(event);
  if ('error' in done) throw done.error; // a 404 or a redirect, thrown where SvelteKit expects it
  return done.data as T;
}

/** Whether this request may take the shared path: a signed-in read with no notice waiting to be shown once. */
export function mayShare(event: RequestEvent): boolean {
  return !!event.locals.user && event.request.method === 'GET' && !hasResetNotice(event.cookies);
}

/**
 * Runs the page's load, then answers from a kept render of the same data, or renders and keeps it. Anything the load
 * adds to the answer besides its data (a cookie, a header) is only sent by a render, so such a request renders.
 */
export async function renderShared(
  event: RequestEvent,
  resolve: Resolve,
  load: (event: RequestEvent) => Promise<unknown>,
  opts?: ResolveOptions,
): Promise<Response> {
  const writes = watchWrites(event);
  const done: Loaded = await load(event).then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  const wrote = writes.stop();
  loaded.set(event.request, done);
  if ('error' in done) return resolve(event, opts);
  const key = renderKey(event, done.data);
  // A forced reload (no-cache) is rendered afresh, as the anonymous pages' shared cache does.
  const reload = /\bno-cache\b/i.test(event.request.headers.get('cache-control') ?? '');
  const mayAnswer = !wrote && !reload;
  // A room opening the page together: the first renders, the others with the same data wait for that render.
  const pending = rendering.underWay(key);
  const hit = mayAnswer ? (kept.get(key) ?? (pending && (await pending))) : undefined;
  if (hit) {
    kept.delete(key); // most recently used last
    kept.set(key, hit);
    const headers = new Headers(hit.headers);
    headers.set(SHARED_RENDER_HEADER, 'shared');
    return answer(event, hit, headers);
  }
  const finished = rendering.lead(key);
  let render: Kept | undefined;
  try {
    const response = await resolve(event, opts);
    if (response.status !== 200 || !response.body) return response;
    const body = Buffer.from(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    if (body.includes(event.locals.user!.id)) return new Response(new Uint8Array(body), { status: 200, headers }); // theirs alone
    render = { body, encoded: new Map(), headers: [] };
    for (const [name, value] of headers) if (name !== 'set-cookie') render.headers.push([name, value]);
    kept.set(key, render);
    if (kept.size > MAX_RENDERS) kept.delete(kept.keys().next().value!);
    return answer(event, render, headers);
  } finally {
    finished?.(render); // undefined (not kept): those waiting render their own
  }
}

function answer(event: RequestEvent, render: Kept, headers: Headers): Response {
  const { encoding, body } = encodeOnce(render, event.request.headers.get('accept-encoding') ?? undefined);
  if (encoding) headers.set('content-encoding', encoding);
  headers.set('vary', 'accept-encoding');
  headers.set('content-length', String(body.length));
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/** A digest of everything the render reads: the address, the layout's data (the person's id masked) and the page's. */
function renderKey(event: RequestEvent, data: unknown): string {
  const layout = layoutData(event); // no notice is waiting (mayShare), so this reads and changes nothing
  const hash = createHash('sha256');
  hash.update(`${event.url.href}\n`); // the host too: a page may print its own address
  hash.update(JSON.stringify({ ...layout, user: layout.user && { ...layout.user, id: '' } }));
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) hash.update(`\n${name}=${json(value)}`);
  return hash.digest('base64');
}

/**
 * JSON of a value; for a frozen one (a lesson the API client keeps, api.ts) a digest of its JSON, computed once: the
 * lesson is most of a page's data, and encoding and hashing its 20 KB again for every visitor was a tenth of what
 * the shared path allocated per page.
 */
const digested = new WeakMap<object, string>();
function json(value: unknown): string {
  if (!value || typeof value !== 'object' || !Object.isFrozen(value)) return JSON.stringify(value) ?? 'undefined';
  let digest = digested.get(value);
  if (digest === undefined) {
    digest = `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('base64')}`;
    digested.set(value, digest);
  }
  return digest;
}

/** Notes whether the load sets a cookie or a header, which only a render's answer carries. */
function watchWrites(event: RequestEvent) {
  let wrote = false;
  const { cookies } = event;
  const { set, delete: remove } = cookies;
  const setHeaders = event.setHeaders;
  cookies.set = (...args) => ((wrote = true), set.apply(cookies, args));
  cookies.delete = (...args) => ((wrote = true), remove.apply(cookies, args));
  event.setHeaders = (headers) => ((wrote = true), setHeaders(headers));
  return {
    stop() {
      cookies.set = set;
      cookies.delete = remove;
      event.setHeaders = setHeaders;
      return wrote;
    },
  };
}
