import { error } from '@sveltejs/kit';
import * as m from '$lib/i18n/generated/messages.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { isLocale, type Locale } from '$server/i18n/locales.ts';
import { runInLocale } from '$lib/server/locale.ts';
import { textDirection } from '$lib/server/slips.ts';
import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { qrSvg } from '$lib/server/workshops.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const workshop = await orFail(
    apiClient(event).GET('/api/workshops/{id}', { params: { path: { id: event.params.id } } }),
    errorText,
  );
  if (workshop.view !== 'manager') error(403, { message: m.errors_workshops_forbidden(), code: 'workshops.forbidden' });
  const joinPage = new URL(workshop.joinUrl);
  const url = `${joinPage.host}${joinPage.pathname}`;
  // The poster speaks to the room, in the workshop's language; the page around it stays in the facilitator's.
  const lang: Locale = isLocale(workshop.locale) ? workshop.locale : 'en';
  const words = runInLocale(lang, () => ({
    heading: m.workshops_poster_heading(),
    instructions: m.workshops_poster_instructions({ url: '{url}' }),
    qrLabel: m.workshops_qr_label(),
  }));
  const [before, after = ''] = words.instructions.split('{url}');
  return {
    workshop,
    qr: await qrSvg(workshop.joinUrl),
    joinPage: url,
    lang,
    dir: textDirection(lang),
    words: { ...words, before, after },
  };
};
