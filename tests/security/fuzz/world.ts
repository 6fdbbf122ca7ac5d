// The people and things the fuzzer works on: a learner, a facilitator with a workshop, an admin, a person to act on,
import { randomUUID } from 'node:crypto';
// and real ids (course, modules, lessons, quizzes, an open attempt, an assignment), so requests reach real rows.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { contentBundle } from '../../helpers/db.ts';
import { GOOD_PASSWORD, userWithRole } from '../../helpers/app.ts';
import { newParticipant, newWorkshop } from '../../helpers/workshops.ts';
import type { Hints } from './schema-values.ts';

export type Actor = { label: string; cookie?: string };

export async function buildWorld(app: FastifyInstance) {
  const bundle = contentBundle();
  const admin = await userWithRole(app, 'admin');
  const facilitator = await userWithRole(app, 'facilitator');
  const learner = await userWithRole(app, 'learner');
  const workshop = await newWorkshop(app, facilitator);
  const participant = await newParticipant(app, workshop, { name: 'Fuzz Participant' });
  const as = (cookie: string, method: 'POST', url: string, payload: object) =>
    app.inject({ method, url, headers: { cookie }, payload });
  await as(learner.cookie, 'POST', '/api/workshops/join', { code: workshop.joinCode });
  const moduleId = bundle.modules[0]!.id;
  const assignment = (
    await as(facilitator.cookie, 'POST', `/api/workshops/${workshop.id}/assignments`, { moduleId, dueOn: '2030-01-01' })
  ).json();
  const quiz = bundle.quizzes[0]!;
  const attempt = (await as(learner.cookie, 'POST', `/api/quizzes/${quiz.id}/attempts`, {})).json();
  const imported = (
    await as(facilitator.cookie, 'POST', `/api/workshops/${workshop.id}/participants/import`, {
      csv: 'name,username\nSlip Person,slip.person\n',
    })
  ).json();
  const slip = imported.slips?.[0] as { username: string; code: string } | undefined;

  const common: Record<string, readonly unknown[]> = {
    courseId: [bundle.course.id],
    moduleId: bundle.modules.map((m) => m.id),
    lessonId: bundle.lessons.slice(0, 5).map((l) => l.id),
    quizId: bundle.quizzes.map((q) => q.id),
    tutorialId: bundle.modules.map((m) => m.tutorialId).filter(Boolean) as string[],
    attemptId: [attempt.attemptId],
    questionId: quiz.questions.map((q) => q.id),
    response: quiz.questions.map((q) => q.answer),
    userId: [participant.id, learner.id, crypto.randomUUID()],
    assignmentId: [assignment.id],
    locale: ['en', 'fr', 'ar', 'km', 'xx', 'zzz'],
    code: [workshop.joinCode, slip?.code ?? 'ABCD-EFGH-JKMN', 'K7QM-3XPA'],
    username: [slip?.username ?? 'slip.person', 'new.person'],
    login: [participant.email, slip?.username ?? 'slip.person'],
    email: [participant.email, 'someone.new@example.org'],
    password: [GOOD_PASSWORD, 'short'],
    csv: [
      'name,email\nA Person,a.person@example.org\n',
      'name\n王芳\n',
      'name,username\nNUL\u0000Name,nul.name\n',
      'name\n\u202Eevil\n',
      'name,email\n"unterminated,\n',
      '\u0000',
      'x,y\n1,2\n',
    ],
    country: ['KH', 'FR', 'zz', 'K\u0000'],
    timeZone: ['Asia/Phnom_Penh', 'UTC', 'Not/AZone', '../../etc/passwd'],
    dueTime: ['09:00', '23:59'],
    q: ['fuzz', 'a%b', '_', "'"],
    returnTo: ['/admin/media', '/admin/media?x=1'],
    type: ['lesson.opened', 'lesson.completed', 'tutorial.watched'],
  };
  /** Real values for a field, by name; `id` means a different thing on each path. */
  const hintsFor =
    (path: string): Hints =>
    (name) => {
      if (name === 'id') {
        if (path.startsWith('/api/workshops/')) return [workshop.id];
        if (path.startsWith('/api/admin/users/')) return [participant.id];
        if (path.includes('certificates') || path.startsWith('/api/verify')) return ['0123456789abcdef0123'];
        return [crypto.randomUUID()];
      }
      return common[name];
    };

  // Correctly signed sessions that name no one, or name something that is not an id at all.
  const forged = (sub: string) => `lca_session=${app.jwt.sign({ sub, sid: randomUUID() }, { expiresIn: '1h' })}`;
  const actors = {
    anonymous: { label: 'anonymous' } as Actor,
    learner: { label: 'learner', cookie: learner.cookie } as Actor,
    facilitator: { label: 'facilitator', cookie: facilitator.cookie } as Actor,
    admin: { label: 'admin', cookie: admin.cookie } as Actor,
    forged: [
      { label: 'signed session, sub not a UUID', cookie: forged('not-a-uuid') },
      { label: 'signed session, sub with NUL', cookie: forged('a\u0000b') },
      { label: 'signed session, unknown UUID', cookie: forged(crypto.randomUUID()) },
      { label: 'garbage session cookie', cookie: 'lca_session=x.y.z' },
    ] as Actor[],
  };
  return { actors, hintsFor, workshop, admin, facilitator, learner };
}
