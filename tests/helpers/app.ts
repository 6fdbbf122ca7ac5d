// build(t): an app on a fresh database, closed in teardown; plus sign-up helpers for tests.
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { freshDatabase, testDataDir } from './db.ts';

type Tap = { teardown: (fn: () => unknown) => void };

export const WEB_BUILD_DIR = path.resolve(import.meta.dirname, '../../web/build');

export async function build(t: Tap, opts: { web?: boolean; config?: Partial<Config> } = {}): Promise<FastifyInstance> {
  const database = await freshDatabase();
  const dataDir = testDataDir(t);
  const config = loadConfig(
    { PUBLIC_URL: 'http://localhost:3000', DATA_DIR: dataDir },
    { logLevel: 'silent', overload: { maxEventLoopDelayMs: 0, retryAfterSeconds: 5 }, ...opts.config },
  );
  const app = await buildApp({
    config,
    database,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256-signing',
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
    web: opts.web ? { buildDir: WEB_BUILD_DIR, secure: false } : false,
  });
  await app.ready();
  t.teardown(async () => {
    await app.close();
    await database.close();
  });
  return app;
}

let counter = 0;
export const uniqueEmail = (prefix = 'person') => `${prefix}.${process.pid}.${++counter}@example.org`;
export const GOOD_PASSWORD = 'Learning-city-2025!';

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((c) => c.name === 'lca_session');
  if (!c?.value) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `lca_session=${c.value}`;
}

export type TestUser = { id: string; name: string; email: string; role: string; cookie: string };

/**
 * `app.inject` as a signed-in person (their session cookie added to the headers), or anonymously for `null`.
 * Headers given in the request win, so a test can still send another cookie on purpose.
 */
export function injectAs(
  app: FastifyInstance,
  user: { cookie: string } | null | undefined,
  request: InjectOptions,
): Promise<LightMyRequestResponse> {
  const headers = { ...(user ? { cookie: user.cookie } : {}), ...request.headers };
  return app.inject({ ...request, headers });
}

export async function signUp(
  app: FastifyInstance,
  fields: { name?: string; email?: string; password?: string; locale?: string } = {},
): Promise<TestUser> {
  const body = {
    name: fields.name ?? 'Test Learner',
    email: fields.email ?? uniqueEmail(),
    password: fields.password ?? GOOD_PASSWORD,
    ...(fields.locale ? { locale: fields.locale } : {}),
  };
  const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: body });
  if (res.statusCode !== 201) throw new Error(`signup failed ${res.statusCode}: ${res.body}`);
  return { ...res.json(), cookie: sessionCookie(res) };
}

/** A person with the given role (promoted directly through the accounts service, as an admin would). */
export async function userWithRole(
  app: FastifyInstance,
  role: 'learner' | 'facilitator' | 'admin',
  fields: Parameters<typeof signUp>[1] = {},
) {
  const user = await signUp(app, fields);
  if (role !== 'learner') {
    const { updateUser } = await import('../../server/modules/accounts/accounts.repository.ts');
    await updateUser(app.database.db, user.id, { role });
  }
  return { ...user, role };
}

/**
 * Completes the whole course through the API, as a learner would: every lesson finished, every core quiz passed
 * (but for the quizzes in `opts.exceptQuizzes`, left for the test to take).
 */
export async function completeCourse(app: FastifyInstance, u: TestUser, opts: { exceptQuizzes?: string[] } = {}) {
  const { contentBundle } = await import('./db.ts');
  const { randomUUID } = await import('node:crypto');
  const bundle = contentBundle();
  const inject = (method: 'POST', url: string, payload: object) => injectAs(app, u, { method, url, payload });
  await inject('POST', '/api/progress/events', {
    events: bundle.lessons.map((l) => ({
      id: randomUUID(),
      type: 'lesson.completed',
      lessonId: l.id,
      at: new Date().toISOString(),
    })),
  });
  for (const m of bundle.modules.filter((x) => x.kind === 'core' && !opts.exceptQuizzes?.includes(x.quizId!))) {
    const quiz = bundle.quizzes.find((q) => q.id === m.quizId)!;
    const attempt = (await inject('POST', `/api/quizzes/${quiz.id}/attempts`, {})).json();
    const answers = attempt.questions.map((q: { questionId: string }) => ({
      questionId: q.questionId,
      response: quiz.questions.find((x) => x.id === q.questionId)!.answer,
    }));
    await inject('POST', `/api/attempts/${attempt.attemptId}/submit`, { answers });
  }
}
