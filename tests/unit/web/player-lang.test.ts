// The video player (video.js, where the browser has no HLS of its own) speaks every UI language: our own
// translations for Indonesian and Khmer, which video.js ships none for, cover all its strings and keep their
// placeholders; every UI language but English gets a lang/<locale>.js that registers the page's language code.
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { LOCALES } from '../../../server/i18n/locales.ts';
import { OWN_PLAYER_LANG_DIR, PLAYER_LOCALES, playerLangScript, playerTranslations } from '../../../scripts/build.ts';

const en: Record<string, string> = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../node_modules/video.js/dist/lang/en.json'), 'utf8'),
);
const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();
/**
 * Strings video.js 8 asks for under a spelling its en.json lacks (the modal dialog's description, read by screen
 * readers; the picture-in-picture notice), so no shipped translation has them; ours do.
 */
const EXTRA_KEYS: Record<string, string> = {
  'This is a modal window.': 'This is a modal window',
  'Playing in picture-in-picture': 'Playing in Picture-in-Picture',
};
/** The same word in English and Indonesian. */
const SAME_AS_ENGLISH: Record<string, string[]> = { id: ['Magenta'], km: [] };

for (const locale of ['id', 'km'] as const) {
  t.test(`${locale}: every video.js string is translated, with its placeholders`, async (t) => {
    const ours: Record<string, string> = JSON.parse(
      fs.readFileSync(path.join(OWN_PLAYER_LANG_DIR, `${locale}.json`), 'utf8'),
    );
    t.equal(Object.keys(en).length, 95, 'video.js 8 has 95 strings (a new video.js may add some: translate them too)');
    t.same(
      Object.keys(en).filter((k) => !(k in ours)),
      [],
      'no string is missing',
    );
    t.same(
      Object.keys(ours).filter((k) => !(k in en) && !(k in EXTRA_KEYS)),
      [],
      'no key that video.js does not use (a typo would never show)',
    );
    for (const [key, same] of Object.entries(EXTRA_KEYS))
      t.ok(
        ours[key] && ours[key].replace(/[.។]$/, '') === ours[same].replace(/[.។]$/, ''),
        `"${key}" says what "${same}" says`,
      );
    for (const [key, english] of Object.entries(en)) {
      const text = ours[key];
      if (typeof text !== 'string' || !text.trim()) {
        t.fail(`"${key}" is empty`);
        continue;
      }
      t.same(placeholders(text), placeholders(english), `"${key}" keeps its placeholders`);
      if (!SAME_AS_ENGLISH[locale].includes(key)) t.not(text, english, `"${key}" is translated, not an English copy`);
      if (locale === 'km' && !/[\u1780-\u17ff]/.test(text)) t.fail(`"${key}" has no Khmer script: ${text}`);
    }
    t.same(playerTranslations(locale), ours, 'the build uses our file');
  });
}

t.test('every UI language but English gets a player translation, registered under the page language', async (t) => {
  t.same(
    [...PLAYER_LOCALES].sort(),
    LOCALES.filter((l) => l !== 'en').sort(),
    'tutorial-player.js loads lang/<lang>.js for every page language but English',
  );
  for (const locale of PLAYER_LOCALES) {
    const added: [string, Record<string, string>][] = [];
    new Function('videojs', playerLangScript(locale))({
      addLanguage: (code: string, data: Record<string, string>) => added.push([code, data]),
    });
    t.equal(added.length, 1, `lang/${locale}.js calls videojs.addLanguage once`);
    const note = locale === 'zh' ? ' (video.js\'s own file says "zh-Hans")' : '';
    t.equal(added[0][0], locale, `lang/${locale}.js registers "${locale}", the page's <html lang>${note}`);
    t.ok(added[0][1].Play && added[0][1].Play !== 'Play', `${locale}: "Play" is translated (${added[0][1].Play})`);
  }
  const player = fs.readFileSync(
    path.resolve(import.meta.dirname, '../../../web/src/client/tutorial-player.ts'),
    'utf8',
  );
  t.notMatch(player, /PLAYER_LANGS\s*=/, 'the player script keeps no language list of its own to drift from the build');
});
