import t from 'tap';
import { catalogProblems, readCatalog } from '../../../scripts/i18n-compile.ts';
import { LOCALES } from '../../../server/i18n/locales.ts';
import { LOCALE_NAMES, localeFromAcceptLanguage } from '../../../server/i18n/locales.ts';
import { languageName } from '../../../web/src/lib/i18n/content.ts';
import { format } from '../../../web/src/lib/i18n/runtime.ts';

t.test('every locale has every UI message, with the same placeholders', async (t) => {
  t.same(catalogProblems(readCatalog()), []);
});

t.test('a missing key is reported, not silently shown in English', async (t) => {
  const catalog = readCatalog();
  delete catalog.km['nav.signin'];
  t.match(catalogProblems(catalog), ['km.json: missing "nav.signin"']);
});

t.test('all nine locales are present', async (t) => {
  t.same([...LOCALES].sort(), ['ar', 'en', 'es', 'fr', 'id', 'km', 'ru', 'vi', 'zh']);
});

t.test('Indonesian has every message in its own words, named in Indonesian in the switcher', async (t) => {
  const { en, id } = readCatalog();
  t.same(Object.keys(id).sort(), Object.keys(en).sort(), 'every key');
  t.equal(LOCALE_NAMES.id, 'Bahasa Indonesia');
  // The site's name, codes and formats may stay as they are; sentences may not.
  const same = Object.keys(en).filter(
    (k) => id[k] === en[k] && /\s\p{L}{3,}\s/u.test(en[k].replaceAll('Learning Cities Academy', '')),
  );
  t.same(same, [], 'no sentence left in English');
  t.match(id['home.title'], /kota pembelajar/, 'the official term for a learning city');
  t.ok(
    Object.values(id).every((text) => !/\bkamu\b|\bmu\b/i.test(text)),
    'the formal register (Anda), never kamu',
  );
});

t.test('Accept-Language picks the best supported locale, else nothing', async (t) => {
  t.equal(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  t.equal(localeFromAcceptLanguage('de-DE,km;q=0.5'), 'km');
  t.equal(localeFromAcceptLanguage('id-ID,id;q=0.9,en-US;q=0.8'), 'id');
  t.equal(
    localeFromAcceptLanguage('in-ID,en;q=0.5'),
    'id',
    "older Android browsers say Indonesian with Java's legacy code",
  );
  t.equal(localeFromAcceptLanguage('de-DE'), undefined);
  t.equal(localeFromAcceptLanguage(''), undefined);
});

t.test('Khmer says "module" with one word, ម៉ូឌុល, never មេរៀន ("lesson")', async (t) => {
  const catalog = readCatalog();
  const words = (key: string) => catalog.en[key].replace(/\{\w+\}/g, '');
  const aboutModules = Object.keys(catalog.en).filter(
    (key) => /\bmodules?\b/i.test(words(key)) && !/\blessons?\b/i.test(words(key)),
  );
  t.ok(aboutModules.length > 10);
  t.same(
    aboutModules.filter((key) => !catalog.km[key].includes('ម៉ូឌុល')),
    [],
    'every message about a module says ម៉ូឌុល',
  );
});

t.test('a language named inside a UI sentence is named in the UI language (no "វីដេអូនេះជា English")', async (t) => {
  const sentence = format(readCatalog().km['media.other_language'], { language: languageName('en', 'km') }, 'km');
  t.notMatch(sentence, /English/);
  t.match(sentence, /វីដេអូនេះជាភាសាអង់គ្លេស/);
  t.equal(languageName('en', 'ar'), 'الإنجليزية');
});
