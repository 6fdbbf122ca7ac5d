// MEDIA_WORKER decides whether a process renders tutorials and transcodes uploads; anything but on/off is refused at boot.
import t from 'tap';
import { loadConfig } from '../../../server/config.ts';

t.test('MEDIA_WORKER is on unless set off, and a typo is a configuration problem', async (t) => {
  t.equal(loadConfig({}).mediaWorker, true);
  t.equal(loadConfig({ MEDIA_WORKER: 'on' }).mediaWorker, true);
  t.equal(loadConfig({ MEDIA_WORKER: 'off' }).mediaWorker, false);
  t.throws(() => loadConfig({ MEDIA_WORKER: 'no' }), /MEDIA_WORKER must be on or off \(got "no"\)/);
});
