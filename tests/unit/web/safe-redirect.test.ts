// A redirect target from a form or the address bar is a path on this site, or the fallback: never another origin, never a 500.
import t from 'tap';
import { safeRedirectPath } from '../../../web/src/lib/safe-redirect.ts';

const ORIGIN = 'https://academy.example';
/** Where a browser would land after `Location: <path>` from our origin. */
const landsOn = (location: string) => new URL(location, ORIGIN).origin;

t.test('same-site paths are kept (normalised)', async (t) => {
  t.equal(safeRedirectPath('/learning', '/x'), '/learning');
  t.equal(safeRedirectPath('/ok?x=1#y', '/x'), '/ok?x=1#y');
  t.equal(safeRedirectPath('/courses/learning-cities?tab=modules', '/x'), '/courses/learning-cities?tab=modules');
  t.equal(
    safeRedirectPath('/%09/evil.example', '/x'),
    '/%09/evil.example',
    'an encoded tab stays an encoded tab in our own path',
  );
  t.equal(safeRedirectPath('/caf\u00e9', '/x'), '/caf%C3%A9', 'Latin-1 is percent-encoded');
});

const nasty = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/ok\r\nSet-Cookie: x=1',
  '/\u0000/evil.example',
  '/\u0085/evil.example',
  '/\u007f/evil.example',
  'https://evil.example',
  'https:evil.example',
  'http://academy.example.evil.example/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  ' /learning',
  '/\u202e/evil.example',
  '/\u3002evil.example',
  '/\uff0f\uff0fevil.example',
  '/\ud800',
  '',
  '/'.padEnd(5000, 'a'),
];

t.test('anything else gives the fallback, and the fallback lands on our origin', async (t) => {
  for (const target of nasty) {
    const got = safeRedirectPath(target, '/learning');
    t.equal(got, '/learning', JSON.stringify(target));
    t.equal(landsOn(got), ORIGIN);
  }
  t.equal(safeRedirectPath(null, '/home'), '/home');
  t.equal(safeRedirectPath(undefined), '/');
});

t.test('every result is a header-safe path on our origin', async (t) => {
  const samples = [...nasty, '/a/../b', '/%2e%2e//evil.example', '/./', '/a?next=//evil.example', '/#//evil.example'];
  for (const target of samples) {
    const got = safeRedirectPath(target, '/');
    t.match(got, /^\/(?!\/)[\x21-\x7e]*$/, JSON.stringify(target));
    t.equal(landsOn(got), ORIGIN, JSON.stringify(target));
  }
});
