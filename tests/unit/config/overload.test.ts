// MAX_EVENT_LOOP_DELAY_MS sets the overload guard (503 with Retry-After); a bad value is a configuration problem at boot.
import t from 'tap';
import { DEFAULT_MAX_EVENT_LOOP_DELAY_MS, loadConfig } from '../../../server/config.ts';

t.test(
  'MAX_EVENT_LOOP_DELAY_MS: a default limit, 0 turns the overload guard off, anything else is refused with a message',
  async (t) => {
    t.equal(loadConfig({}).overload.maxEventLoopDelayMs, DEFAULT_MAX_EVENT_LOOP_DELAY_MS);
    t.equal(loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '250' }).overload.maxEventLoopDelayMs, 250);
    t.equal(loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '0' }).overload.maxEventLoopDelayMs, 0);
    t.throws(
      () => loadConfig({ MAX_EVENT_LOOP_DELAY_MS: 'fast' }),
      /MAX_EVENT_LOOP_DELAY_MS must be a whole number of milliseconds, or 0 to turn the overload guard off \(got "fast"\)/,
    );
    t.throws(() => loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '-5' }), /MAX_EVENT_LOOP_DELAY_MS/);
  },
);
