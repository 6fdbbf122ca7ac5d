// The installable app's manifest, in the language asked for (browsers fetch it without cookies).
import { isLocale, RTL_LOCALES } from '$server/i18n/locales.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { runInLocale } from '$lib/server/locale.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) => {
  const wanted = url.searchParams.get('locale');
  const locale = isLocale(wanted) ? wanted : locals.locale;
  const manifest = runInLocale(locale, () => ({
    id: '/',
    name: m.site_name(),
    short_name: m.site_name(),
    description: m.offline_manifest_description(),
    lang: locale,
    dir: RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr',
    start_url: '/learning',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b5394',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  }));
  return new Response(JSON.stringify(manifest), {
    headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'public, max-age=86400' },
  });
};
