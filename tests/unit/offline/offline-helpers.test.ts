// The service worker's pure pieces: answering a Range request from a stored response, and the retry backoff.
import t from 'tap';
import { AUTOSAVE_BACKOFF, backoffMs } from '../../../web/src/lib/offline/backoff.ts';
import { rangeResponse } from '../../../web/src/lib/offline/range.ts';

const stored = () =>
  new Response(new Uint8Array(Array.from({ length: 100 }, (_, i) => i)), { headers: { 'content-type': 'video/mp4' } });
const ask = (range?: string) => new Request('http://x/media/a.mp4', { headers: range ? { range } : {} });

t.test('a video element asking for ranges gets 206 with the right bytes', async (t) => {
  const res = await rangeResponse(ask('bytes=10-19'), stored());
  t.equal(res.status, 206);
  t.equal(res.headers.get('content-range'), 'bytes 10-19/100');
  t.equal(res.headers.get('content-type'), 'video/mp4');
  t.same([...new Uint8Array(await res.arrayBuffer())], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);

  const open = await rangeResponse(ask('bytes=90-'), stored());
  t.equal(open.headers.get('content-range'), 'bytes 90-99/100');
  const suffix = await rangeResponse(ask('bytes=-5'), stored());
  t.same([...new Uint8Array(await suffix.arrayBuffer())], [95, 96, 97, 98, 99]);
  const past = await rangeResponse(ask('bytes=0-1000'), stored());
  t.equal(past.headers.get('content-range'), 'bytes 0-99/100', 'an end past the file is clipped');
});

t.test('no range: the whole file; an impossible range: 416', async (t) => {
  const whole = await rangeResponse(ask(), stored());
  t.equal(whole.status, 200);
  t.equal((await whole.arrayBuffer()).byteLength, 100);
  const bad = await rangeResponse(ask('bytes=200-300'), stored());
  t.equal(bad.status, 416);
  t.equal(bad.headers.get('content-range'), 'bytes */100');
  t.equal((await rangeResponse(ask('items=1-2'), stored())).status, 416);
});

t.test('backoff doubles from 2 s to at most 5 min, with jitter', async (t) => {
  t.equal(
    backoffMs(1, () => 0.5),
    2_000,
  );
  t.equal(
    backoffMs(2, () => 0.5),
    4_000,
  );
  t.equal(
    backoffMs(5, () => 0.5),
    32_000,
  );
  t.equal(
    backoffMs(30, () => 0.5),
    300_000,
  );
  t.equal(
    backoffMs(1, () => 0),
    1_600,
  );
  t.equal(
    backoffMs(1, () => 1),
    2_400,
  );
});

t.test('the quiz autosave tries again after 3 s, 6 s … at most a minute, without jitter', async (t) => {
  const wait = (failures: number) => backoffMs(failures, () => 1, AUTOSAVE_BACKOFF);
  t.same([1, 2, 3, 4, 5, 6, 10].map(wait), [3_000, 6_000, 12_000, 24_000, 48_000, 60_000, 60_000]);
});
