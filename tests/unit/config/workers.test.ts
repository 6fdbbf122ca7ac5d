// WORKERS sets how many server processes share the port: a number, or auto for one per core; anything else is refused at boot.
import os from 'node:os';
import t from 'tap';
import { loadConfig } from '../../../server/config.ts';
import { singleProcessReason } from '../../../server/cluster.ts';

t.test('WORKERS is 1 unless set, auto means one per core, and a typo is a configuration problem', async (t) => {
  t.equal(loadConfig({}).workers, 1);
  t.equal(loadConfig({ WORKERS: '4' }).workers, 4);
  t.equal(loadConfig({ WORKERS: 'auto' }).workers, os.availableParallelism());
  t.throws(
    () => loadConfig({ WORKERS: 'two' }),
    /WORKERS must be a whole number of processes from 1 to 256, or auto for one per core \(got "two"\)/,
  );
  t.throws(() => loadConfig({ WORKERS: '0' }), /WORKERS must be/);
});

t.test('several workers need Postgres: with the embedded database the server says it runs one process', async (t) => {
  t.match(
    singleProcessReason(loadConfig({ WORKERS: '2' })),
    /WORKERS=2 is ignored: the embedded database \(DATABASE_URL unset\) belongs to one process/,
  );
  t.equal(singleProcessReason(loadConfig({ WORKERS: '2', DATABASE_URL: 'postgres://db/academy' })), null);
  t.equal(singleProcessReason(loadConfig({})), null);
});
