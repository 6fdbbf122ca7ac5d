// Workshop pages: reads through the in-process API (errors become the error page), the join QR code,
// and the country and time-zone choices for the workshop form.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { countryCode } from '$server/modules/workshops/places.ts';
import { api } from './api.ts';
import { errorText } from './forms.ts';

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
  return res.ok ? null : fail(res.status, { error: errorText(res.error), form: context.form ?? null, values: context.values ?? {} });
}

/** The join link as an inline SVG QR code, made on the server: nothing to download, prints sharply. */
export const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });

let codes: string[] | undefined;
/** ISO 3166-1 alpha-2 codes with their names in the page's language, sorted by name. */
export function countryChoices(locale: string) {
  codes ??= Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).filter((c) => countryCode(c));
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  const collator = new Intl.Collator(locale);
  return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}

export const timeZoneChoices = () => ['UTC', ...Intl.supportedValuesOf('timeZone')];
