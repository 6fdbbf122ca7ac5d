// The one typed way pages reach the API: in-process through Fastify's inject (no HTTP hop),
// carrying the visitor's cookie, language and address, and passing any cookie the API sets back to the browser.
import type { RequestEvent } from '@sveltejs/kit';
import type { ErrorBody } from '$server/http/schemas.ts';

type InjectResponse = {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: Array<{ name: string; value: string; path?: string; maxAge?: number; expires?: Date; httpOnly?: boolean; secure?: boolean; sameSite?: string }>;
};
type Inject = (opts: { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer; remoteAddress?: string }) => Promise<InjectResponse>;

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ErrorBody['error'] };

/** A body sent as it is (a CSV file as uploaded), not as JSON. */
export type RawBody = { raw: Uint8Array; contentType: string };
const isRaw = (body: unknown): body is RawBody => !!body && typeof body === 'object' && (body as RawBody).raw instanceof Uint8Array;

export async function api<T>(event: Pick<RequestEvent, 'request' | 'cookies' | 'getClientAddress' | 'platform'>, method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  const inject = (event.platform as { inject?: Inject } | undefined)?.inject;
  if (!inject) throw new Error('The API is not mounted: start the site through the server (npm start).');
  const headers: Record<string, string> = { accept: 'application/json' };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const language = event.request.headers.get('accept-language');
  if (language) headers['accept-language'] = language;
  if (body !== undefined) headers['content-type'] = isRaw(body) ? body.contentType : 'application/json';
  const payload = body === undefined ? undefined : isRaw(body) ? Buffer.from(body.raw) : JSON.stringify(body);
  const res = await inject({ method, url, headers, payload, remoteAddress: event.getClientAddress() });
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
  const parsed = res.body ? JSON.parse(res.body) : null;
  if (res.statusCode >= 400) {
    const retryAfter = res.headers['retry-after'];
    return { ok: false, status: res.statusCode, error: { ...(parsed?.error ?? { code: 'server.error', message: 'Unexpected error' }), ...(retryAfter ? { retryAfter: String(retryAfter) } : {}) } };
  }
  return { ok: true, status: res.statusCode, data: parsed as T };
}
