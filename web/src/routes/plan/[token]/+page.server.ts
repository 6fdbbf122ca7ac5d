// A city's action plan read through its share link: no account needed, read only, with the documents.
import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = event.params;
  const plan = await orFail(
    apiClient(event).GET('/api/shared-plans/{token}', {
      params: { path: { token }, query: { locale: event.locals.locale } },
    }),
    errorText,
  );
  return { plan, base: `/api/shared-plans/${encodeURIComponent(token)}` };
};
