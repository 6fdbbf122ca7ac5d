// Superseded renders are removed: a locale keeps its current render and the one before it, nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { pruneRenders } from '../../../server/modules/media/render/render-tutorial.ts';

t.test('only the same locale’s other finished renders go; pointers, other locales and uploads stay', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-prune-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const names = [
    'en-aaaaaaaaaaaaaaaa',
    'en-bbbbbbbbbbbbbbbb',
    'en-cccccccccccccccc',
    'fr-aaaaaaaaaaaaaaaa',
    'en-dddddddddddddddd.tmp-1-x',
  ];
  for (const n of names) {
    fs.mkdirSync(path.join(dir, n));
    fs.writeFileSync(path.join(dir, n, 'manifest.json'), '{}');
  }
  fs.writeFileSync(path.join(dir, 'en.json'), '{}');
  const removed = pruneRenders(dir, 'en', ['en-cccccccccccccccc', 'en-bbbbbbbbbbbbbbbb']);
  t.same(removed, ['en-aaaaaaaaaaaaaaaa']);
  t.same(fs.readdirSync(dir).sort(), [
    'en-bbbbbbbbbbbbbbbb',
    'en-cccccccccccccccc',
    'en-dddddddddddddddd.tmp-1-x',
    'en.json',
    'fr-aaaaaaaaaaaaaaaa',
  ]);
});
