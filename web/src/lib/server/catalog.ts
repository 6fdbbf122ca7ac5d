// Page loads for the course: fetch through the in-process API in the visitor's language; 404s become the error page.
import { error, type RequestEvent } from '@sveltejs/kit';
import { api, settle } from './api.ts';

export const COURSE_ID = 'learning-city';

/** The typed data of an API call (`apiClient(event).GET(...)`), or the error page with the API's status and message. */
export async function orFail<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const res = await settle(call);
  if (!res.ok) error(res.status, { message: res.error.message, code: res.error.code });
  return res.data;
}

export async function fetchOrFail<T>(event: RequestEvent, path: string): Promise<T> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await api<T>(event, 'GET', `${path}${sep}locale=${event.locals.locale}`);
  if (!res.ok) error(res.status, { message: res.error.message, code: res.error.code });
  return res.data;
}
