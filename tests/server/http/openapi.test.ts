// The served OpenAPI document is valid OpenAPI 3 (as @apidevtools/swagger-parser, which client
// generators use, checks it) and says what a client must send: a parameter with a default is optional.
import { randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import t from 'tap';
import { build, injectAs } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';

const app = await build(t);
const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
const doc = res.json();

t.test('the document validates', async (t) => {
  t.equal(res.statusCode, 200);
  let problems = '';
  try {
    await SwaggerParser.validate(structuredClone(doc));
  } catch (err) {
    problems = (err as Error).message;
  }
  t.equal(problems, '', 'no validation errors');
});

t.test('parameters with a default are not required', async (t) => {
  const wrong: string[] = [];
  let defaulted = 0;
  for (const [path, ops] of Object.entries<
    Record<string, { parameters?: { name: string; in: string; required?: boolean; schema?: { default?: unknown } }[] }>
  >(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) {
        if (p.schema?.default === undefined) continue;
        defaulted++;
        if (p.required) wrong.push(`${method.toUpperCase()} ${path} ${p.in}.${p.name}`);
      }
    }
  }
  t.ok(defaulted > 0, 'the API has parameters with defaults');
  t.same(wrong, [], 'none of them is marked required');
});

t.test('video ranges are described as pairs of seconds', async (t) => {
  t.notMatch(JSON.stringify(doc), /"additionalItems"/, 'no tuple keywords OpenAPI 3.0 does not know');
  const found: unknown[] = [];
  const walk = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (k === 'ranges') found.push(v);
      else walk(v);
    }
  };
  walk(doc.paths['/api/progress/events']);
  t.match(found, [
    {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number', minimum: 0, maximum: 86400 } },
    },
  ]);
});

t.test('the ranges schema still takes exactly pairs', async (t) => {
  const learner = await newLearner(app);
  const lessonId = contentBundle().modules[0].lessonIds[0];
  const send = (ranges: unknown) =>
    injectAs(app, learner, {
      method: 'POST',
      url: '/api/progress/events',
      payload: {
        events: [{ id: randomUUID(), type: 'video.watched', lessonId, at: new Date().toISOString(), ranges }],
      },
    });
  t.equal((await send([[0, 10]])).statusCode, 200, 'a pair');
  for (const bad of [[[0, 10, 20]], [[5]], [[]], [['0', 10]], [[0, 86_401]], []]) {
    const res = await send(bad);
    t.equal(res.statusCode, 400, JSON.stringify(bad));
    t.match(res.json(), { error: { code: String, message: String } });
  }
});
