// Page loads for the course: fetch through the in-process API in the visitor's language; 404s become the error page.
import { error } from '@sveltejs/kit';
import type { ErrorBody } from '$server/http/schemas.ts';
import { settle } from './api.ts';

export const COURSE_ID = 'learning-city';

/**
 * The typed data of an API call (`apiClient(event).GET(...)`), or the error page with the API's status and message
 * (`describe` words it: workshop and team pages pass `errorText`, the message in the page's language).
 */
export async function orFail<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
  describe: (error: ErrorBody['error']) => string = (e) => e.message,
): Promise<D> {
  const res = await settle(call);
  if (!res.ok) error(res.status, { message: describe(res.error), code: res.error.code });
  return res.data;
}
