// The one typed way pages reach the API: `apiClient(event)`, an openapi-fetch client typed by the paths generated from
// the API's own OpenAPI document (`npm run api:types`), so a page that reads a field the API does not send fails the
// type check. Requests go in-process through Fastify's inject (SvelteKit's `platform.inject`; no HTTP hop), carrying
// the visitor's cookie, language and address, and any cookie the API sets is passed back to the browser.
import type { RequestEvent } from '@sveltejs/kit';
import createClient, { type Client } from 'openapi-fetch';
import type { ErrorBody } from '$server/http/schemas.ts';
import type { paths } from '$lib/api/schema.d.ts';

type InjectResponse = {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: Array<{
    name: string;
    value: string;
    path?: string;
    maxAge?: number;
    expires?: Date;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: string;
  }>;
};
type Inject = (opts: {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress?: string;
}) => Promise<InjectResponse>;

export type ApiResult<T> =
  { ok: true; status: number; data: T } | { ok: false; status: number; error: ErrorBody['error'] };

/**
 * Bodies the API sent with an ETag (a lesson), kept parsed: the next render of the same URL revalidates (a 304 with
 * no body) instead of serialising, copying and parsing the same large JSON again. Shared between visitors, which is
 * sound because an ETag names the whole body, the person's part included; frozen, as nobody may change them.
 * Bounded: the least recently used entry goes first.
 */
const MAX_URLS = 128;
const MAX_TAGS_PER_URL = 4; // a lesson: anonymous, not started, in progress, complete
const revalidated = new Map<string, Map<string, unknown>>();
const knownTags = (url: string): string[] => [...(revalidated.get(url)?.keys() ?? [])];
function remember(url: string, etag: string, data: unknown) {
  const tags = revalidated.get(url) ?? new Map<string, unknown>();
  revalidated.delete(url);
  revalidated.set(url, tags);
  tags.set(etag, deepFreeze(data));
  if (tags.size > MAX_TAGS_PER_URL) tags.delete(tags.keys().next().value!);
  if (revalidated.size > MAX_URLS) revalidated.delete(revalidated.keys().next().value!);
}
function recall(url: string, etag: string): unknown {
  const tags = revalidated.get(url);
  if (!tags) return undefined;
  revalidated.delete(url);
  revalidated.set(url, tags);
  return tags.get(etag);
}
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function passCookies(event: Pick<RequestEvent, 'cookies'>, res: InjectResponse) {
  for (const c of res.cookies) {
    event.cookies.set(c.name, c.value, {
      path: c.path ?? '/',
      httpOnly: c.httpOnly ?? false,
      secure: c.secure ?? false,
      sameSite: (c.sameSite?.toLowerCase() as 'lax' | 'strict' | 'none' | undefined) ?? 'lax',
      ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
      ...(c.expires ? { expires: c.expires } : {}),
    });
  }
}

type ApiEvent = Pick<RequestEvent, 'request' | 'cookies' | 'getClientAddress' | 'platform'>;
export type ApiClient = Client<paths>;

/**
 * What openapi-fetch builds for each call, without the cost of a WHATWG Request (a URL parse and a body stream): the
 * call goes to `inject`, which takes the path, the headers and the body as they are.
 */
class InjectRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | Uint8Array | undefined;
  constructor(url: string, init: { method: string; headers: Headers; body?: string | Uint8Array }) {
    this.url = url;
    this.method = init.method;
    this.headers = init.headers;
    this.body = init.body ?? undefined;
  }
}

/** The API's answer as openapi-fetch reads it: the body parsed once (or taken from the revalidated cache). */
class InjectedResponse {
  readonly headers = new Headers();
  readonly ok: boolean;
  constructor(
    readonly status: number,
    headers: InjectResponse['headers'],
    private readonly text_: string,
    private readonly parsed?: unknown,
  ) {
    this.ok = status >= 200 && status < 300;
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && name !== 'set-cookie') this.headers.set(name, String(value));
    }
    this.headers.set('content-length', String(parsed !== undefined ? 1 : Buffer.byteLength(text_)));
  }
  async json(): Promise<unknown> {
    return this.parsed !== undefined ? this.parsed : JSON.parse(this.text_);
  }
  async text(): Promise<string> {
    return this.text_;
  }
}

function injectFetch(event: ApiEvent) {
  return async (request: InjectRequest): Promise<InjectedResponse> => {
    const inject = (event.platform as { inject?: Inject } | undefined)?.inject;
    if (!inject) throw new Error('The API is not mounted: start the site through the server (npm start).');
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const cookie = event.request.headers.get('cookie');
    if (cookie) headers.cookie = cookie;
    const language = event.request.headers.get('accept-language');
    if (language) headers['accept-language'] = language;
    const { method, url } = request;
    const payload =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : Buffer.from(request.body);
    const revalidating = method === 'GET' ? knownTags(url) : [];
    if (revalidating.length) headers['if-none-match'] = revalidating.join(', ');
    let res = await inject({ method, url, headers, payload, remoteAddress: event.getClientAddress() });
    if (res.statusCode === 304) {
      const data = recall(url, String(res.headers.etag));
      if (data !== undefined) {
        passCookies(event, res);
        return new InjectedResponse(200, res.headers, '', data);
      }
      delete headers['if-none-match']; // evicted meanwhile: ask for the body
      res = await inject({ method, url, headers, payload, remoteAddress: event.getClientAddress() });
    }
    passCookies(event, res);
    if (method === 'GET' && res.statusCode === 200 && typeof res.headers.etag === 'string' && res.body) {
      const parsed = JSON.parse(res.body);
      remember(url, res.headers.etag, parsed);
      return new InjectedResponse(res.statusCode, res.headers, res.body, parsed);
    }
    return new InjectedResponse(res.statusCode, res.headers, res.body);
  };
}

const clients = new WeakMap<Request, ApiClient>();

/** The typed API client for this request: `apiClient(event).GET('/api/me')`. */
export function apiClient(event: ApiEvent): ApiClient {
  let client = clients.get(event.request);
  if (!client) {
    client = createClient<paths>({ baseUrl: '', fetch: injectFetch(event) as never, Request: InjectRequest as never });
    clients.set(event.request, client);
  }
  return client;
}

/** A body sent as it is (a CSV file as uploaded), not as JSON: `{ body: raw as never, ...rawBody('text/csv') }`. */
export const rawBody = (contentType: string) => ({
  bodySerializer: (body: unknown) => body as string,
  headers: { 'content-type': contentType },
});

/**
 * An openapi-fetch answer as a result the page branches on: the typed data, or the API's error (code and message, and
 * when to retry after a rate limit).
 */
export async function settle<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<ApiResult<D>> {
  const { data, error, response } = await call;
  if (response.status >= 400) {
    const body = error as Partial<ErrorBody> | undefined;
    const retryAfter = response.headers.get('retry-after');
    return {
      ok: false,
      status: response.status,
      error: {
        ...(body?.error ?? { code: 'server.error', message: 'Unexpected error' }),
        ...(retryAfter ? { retryAfter } : {}),
      },
    };
  }
  return { ok: true, status: response.status, data: data as D };
}
