// Workshop pages: the outcome of a form's write to the API, the join QR code,
// and the country and time-zone choices for the workshop form.
import { fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { LOCALES, LOCALE_NAMES } from '$server/i18n/locales.ts';
import { countryList } from '$server/modules/workshops/countries.ts';
import { timeZoneChoices } from '$server/modules/workshops/time-zones.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import type { RequestBody } from '$lib/api/answers.ts';
import { settle } from './api.ts';
import { errorField, errorText } from './forms.ts';

/**
 * The outcome of a write for a form action (`apiClient(event).POST(...)`): null when it worked (the action then
 * redirects), otherwise a translated failure saying which form it came from, so the page shows the message next to
 * that form.
 */
export async function formFailure(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  context: { form?: string; values?: Record<string, string> } = {},
) {
  const res = await settle(call);
  return res.ok
    ? null
    : fail(res.status, {
        error: errorText(res.error),
        field: errorField(res.error) ?? null,
        form: context.form ?? null,
        values: context.values ?? {},
      });
}

/** The join link as an inline SVG QR code, made on the server: nothing to download, prints sharply. */
export const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });

/** The time zones with a label a person can read: "Vietnam — Ho Chi Minh (UTC+07:00, Indochina Time)". */
export function timeZoneOptions(locale: string) {
  return timeZoneChoices(locale).map((z) => ({
    code: z.id,
    name: z.country
      ? m.workshops_time_zone_option({ country: z.countryName, city: z.city, offset: z.offset, name: z.name })
      : `${z.name} (UTC)`,
  }));
}

/** The choices of the workshop form (create and edit). */
export function workshopChoices(locale: string) {
  return {
    countries: countryList(locale),
    timeZones: timeZoneOptions(locale),
    locales: LOCALES.map((l) => ({ code: l, name: LOCALE_NAMES[l] })),
  };
}

type WorkshopBody<O extends 'createWorkshop' | 'updateWorkshop'> = RequestBody<O>;

export const WORKSHOP_FIELDS = [
  'title',
  'city',
  'country',
  'locale',
  'timeZone',
  'startsOn',
  'endsOn',
  'description',
  'maxParticipants',
];

/**
 * The API body from the workshop form. Creating leaves out what is empty; editing sends empty optional fields as null
 * (clearing them). A number typed wrongly is passed on as text, so the API says what is wrong with it: the body is
 * typed as the API's, though its values are checked there, not here.
 */
export function workshopBody(values: Record<string, string>, mode: 'create'): WorkshopBody<'createWorkshop'>;
export function workshopBody(values: Record<string, string>, mode: 'edit'): WorkshopBody<'updateWorkshop'>;
export function workshopBody(values: Record<string, string>, mode: 'create' | 'edit') {
  const optional = (v: string | undefined, map: (s: string) => unknown = (s) => s) => {
    const text = (v ?? '').trim();
    if (text) return map(text);
    return mode === 'edit' ? null : undefined;
  };
  const body: Record<string, unknown> = {
    title: values.title,
    city: values.city,
    country: values.country,
    locale: values.locale,
    timeZone: values.timeZone,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    description: optional(values.description, () => values.description),
    maxParticipants: optional(values.maxParticipants, (s) => (/^\d+$/.test(s) ? Number(s) : s)),
  };
  if (mode === 'edit')
    Object.assign(body, { joinFrom: optional(values.joinFrom), joinUntil: optional(values.joinUntil) });
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
