// Plurals through the i18n layer: ICU plural blocks chosen by Intl.PluralRules in the message's language, and
// the catalog check that every language has the forms it needs.
import t from 'tap';
import { catalogProblems, pluralCategories, readCatalog } from '../../../scripts/i18n-compile.ts';
import { format, placeholders } from '../../../web/src/lib/i18n/runtime.ts';
import { translator } from '../../../server/i18n/messages.ts';

const people = '{count, plural, one {# person} other {# people}}';

t.test('English: one person, two people, no "1 people"', async (t) => {
  t.equal(format(people, { count: 1 }, 'en'), '1 person');
  t.equal(format(people, { count: 2 }, 'en'), '2 people');
  t.equal(format(people, { count: 0 }, 'en'), '0 people');
});

t.test('an exact branch wins over the category; other text and placeholders are kept', async (t) => {
  const msg = 'Hello {name}: {count, plural, =0 {nobody yet} one {# person} other {# people}} in {place}.';
  t.equal(format(msg, { name: 'Ana', count: 0, place: 'Espoo' }, 'en'), 'Hello Ana: nobody yet in Espoo.');
  t.equal(format(msg, { name: 'Ana', count: 1, place: 'Espoo' }, 'en'), 'Hello Ana: 1 person in Espoo.');
  t.same(placeholders(msg), ['count', 'name', 'place']);
});

t.test('Arabic and Russian pick their own forms', async (t) => {
  const ar = '{count, plural, zero {لا أحد} one {شخص واحد} two {شخصان} few {# أشخاص} many {# شخصًا} other {# شخص}}';
  t.same(
    [0, 1, 2, 3, 11, 100].map((n) => format(ar, { count: n }, 'ar')),
    ['لا أحد', 'شخص واحد', 'شخصان', '3 أشخاص', '11 شخصًا', '100 شخص'],
  );
  const ru = '{count, plural, one {# урок} few {# урока} many {# уроков} other {# урока}}';
  t.same(
    [1, 3, 5, 21, 22, 25].map((n) => format(ru, { count: n }, 'ru')),
    ['1 урок', '3 урока', '5 уроков', '21 урок', '22 урока', '25 уроков'],
  );
});

t.test('two plurals in one message', async (t) => {
  t.equal(
    format(
      '{a, plural, one {# lesson} other {# lessons}} · {b, plural, one {# minute} other {# minutes}}',
      { a: 1, b: 25 },
      'en',
    ),
    '1 lesson · 25 minutes',
  );
});

t.test('the UI messages use it: the admin count and the module meta', async (t) => {
  const catalog = readCatalog();
  t.equal(format(catalog.en['admin.users_count'], { count: 1 }, 'en'), '1 person');
  t.equal(format(catalog.en['admin.users_count'], { count: 7 }, 'en'), '7 people');
  t.equal(format(catalog.en['course.module_meta'], { lessons: 1, minutes: 9 }, 'en'), '1 lesson · about 9 minutes');
  t.equal(format(catalog.ru['course.module_meta'], { lessons: 4, minutes: 30 }, 'ru'), '4 урока · около 30 мин');
  t.equal(
    translator('media', 'fr')('media.captions_count', { language: 'anglais', count: 1 }),
    'anglais : 1 sous-titre',
  );
});

t.test('the catalog check wants every plural form a language uses, and an "other"', async (t) => {
  t.same(pluralCategories('ar'), ['few', 'many', 'one', 'other', 'two', 'zero']);
  t.same(pluralCategories('km'), ['other']);
  const catalog = readCatalog();
  catalog.ar['admin.users_count'] = '{count, plural, one {شخص واحد} other {# شخص}}';
  catalog.fr['admin.users_count'] = '{count, plural, one {# personne}}';
  catalog.es['admin.users_count'] = '{count, plural, one {# persona} other {# personas}';
  const problems = catalogProblems(catalog);
  t.ok(
    problems.some((p) => p.startsWith('ar.json: "admin.users_count" plural "count" lacks few, many, two, zero')),
    'Arabic forms missing',
  );
  t.ok(
    problems.some((p) => p.includes('fr.json: "admin.users_count"') && p.includes('no "other" branch')),
    'no other branch',
  );
  t.ok(
    problems.some((p) => p.includes('es.json: "admin.users_count"') && p.includes('unclosed')),
    'broken syntax',
  );
});
