// Workshop pages: reads through the in-process API (errors become the error page), the join QR code,
// and the country and time-zone choices for the workshop form.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { LOCALES, LOCALE_NAMES } from '$server/i18n/locales.ts';
import { countryList } from '$server/modules/workshops/countries.ts';
import { timeZoneChoices } from '$server/modules/workshops/time-zones.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { api } from './api.ts';
import { errorField, errorText } from './forms.ts';

export async function readOrFail<T>(event: RequestEvent, path: string): Promise<T> {
  const res = await api<T>(event, 'GET', path);
  if (!res.ok) error(res.status, { message: errorText(res.error), code: res.error.code });
  return res.data;
}

/**
 * Runs a write for a form action: null when it worked (the action then redirects), otherwise a translated failure
 * saying which form it came from, so the page shows the message next to that form.
 */
export async function write(event: RequestEvent, method: string, path: string, body?: unknown, context: { form?: string; values?: Record<string, string> } = {}) {
  const res = await api(event, method, path, body);
  return res.ok ? null : fail(res.status, { error: errorText(res.error), field: errorField(res.error) ?? null, form: context.form ?? null, values: context.values ?? {} });
}

/** The join link as an inline SVG QR code, made on the server: nothing to download, prints sharply. */
export const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });

/** The time zones with a label a person can read: "Vietnam — Ho Chi Minh (UTC+07:00, Indochina Time)". */
export function timeZoneOptions(locale: string) {
  return timeZoneChoices(locale).map((z) => ({
    code: z.id,
    name: z.country ? m.workshops_time_zone_option({ country: z.countryName, city: z.city, offset: z.offset, name: z.name }) : `${z.name} (UTC)`,
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

export const WORKSHOP_FIELDS = ['title', 'city', 'country', 'locale', 'timeZone', 'startsOn', 'endsOn', 'description', 'maxParticipants'];

/**
 * The API body from the workshop form. Creating leaves out what is empty; editing sends empty optional fields as null
 * (clearing them). A number typed wrongly is passed on as text, so the API says what is wrong with it.
 */
export function workshopBody(values: Record<string, string>, mode: 'create' | 'edit') {
  const optional = (v: string | undefined, map: (s: string) => unknown = (s) => s) => {
    const text = (v ?? '').trim();
    if (text) return map(text);
    return mode === 'edit' ? null : undefined;
  };
  const body: Record<string, unknown> = {
    title: values.title, city: values.city, country: values.country, locale: values.locale, timeZone: values.timeZone,
    startsOn: values.startsOn, endsOn: values.endsOn,
    description: optional(values.description, () => values.description),
    maxParticipants: optional(values.maxParticipants, (s) => (/^\d+$/.test(s) ? Number(s) : s)),
  };
  if (mode === 'edit') Object.assign(body, { joinFrom: optional(values.joinFrom), joinUntil: optional(values.joinUntil) });
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
