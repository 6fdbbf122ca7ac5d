import t from 'tap';
import { catalogProblems, readCatalog } from '../../../scripts/i18n-compile.ts';
import { LOCALES } from '../../../server/i18n/locales.ts';
import { localeFromAcceptLanguage } from '../../../server/i18n/locales.ts';

t.test('every locale has every UI message, with the same placeholders', async (t) => {
  t.same(catalogProblems(readCatalog()), []);
});

t.test('a missing key is reported, not silently shown in English', async (t) => {
  const catalog = readCatalog();
  delete catalog.km['nav.signin'];
  t.match(catalogProblems(catalog), ['km.json: missing "nav.signin"']);
});

t.test('all eight locales are present', async (t) => {
  t.same([...LOCALES].sort(), ['ar', 'en', 'es', 'fr', 'km', 'ru', 'vi', 'zh']);
});

t.test('Accept-Language picks the best supported locale, else nothing', async (t) => {
  t.equal(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  t.equal(localeFromAcceptLanguage('de-DE,km;q=0.5'), 'km');
  t.equal(localeFromAcceptLanguage('de-DE'), undefined);
  t.equal(localeFromAcceptLanguage(''), undefined);
});
