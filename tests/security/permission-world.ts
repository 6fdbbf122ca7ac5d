// The world the permission matrix runs in (built once per file), and for each row of the table how to send a request
// that is valid apart from the actor: an allowed cell then proves the action works, a refused one proves the refusal.
// A cell whose allowed action would use up or change what later cells need gets its own fresh object.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { users } from '../../server/db/schema.ts';
import {
  completeCourse,
  GOOD_PASSWORD,
  injectAs,
  sessionCookie,
  signUp,
  uniqueEmail,
  userWithRole,
  type TestUser,
} from '../helpers/app.ts';
import { requestResetLink } from '../../server/modules/accounts/password-reset-links.ts';
import { contentBundle } from '../helpers/db.ts';
import { makeVideo, multipart, uploadForm } from '../helpers/videos.ts';
import { dayFromToday, joinAs, newWorkshop } from '../helpers/workshops.ts';
import type { ActorName, MatrixKey } from './permission-matrix.table.ts';

type Tap = { teardown: (fn: () => unknown) => void };
type SignedIn = Exclude<ActorName, 'anonymous'>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One cell's request. `cookie` replaces the actor's session (null: none); `after` puts back what the cell set aside. */
export type CellRequest = {
  method: Method;
  url: string;
  payload?: InjectOptions['payload'];
  headers?: Record<string, string>;
  cookie?: string | null;
  after?: () => Promise<void>;
};
/** `allowed`: the table expects this cell to succeed, so it gets a fresh object where succeeding uses one up. */
type RequestFor = (w: World, actor: ActorName, allowed: boolean) => CellRequest | Promise<CellRequest>;

export type World = Awaited<ReturnType<typeof buildWorld>>;

const NEW_PASSWORD = 'Another-learning-city-2026!';
const captionsForm = (locale = 'en') =>
  multipart([
    { name: 'locale', value: locale },
    {
      name: 'file',
      filename: 'c.vtt',
      content: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nWelcome to the city\n'),
    },
  ]);

export async function buildWorld(app: FastifyInstance, t: Tap) {
  const bundle = contentBundle();
  const course = bundle.course;
  const modules = bundle.modules.filter((m) => m.quizId && m.tutorialId);
  const [firstModule] = modules;

  async function send(cookie: string | undefined, method: Method, url: string, payload?: InjectOptions['payload']) {
    const res = await app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });
    if (res.statusCode >= 300) throw new Error(`fixture: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res;
  }

  // People
  const admin = await userWithRole(app, 'admin', { name: 'Ada Admin' });
  const lead = await userWithRole(app, 'facilitator', { name: 'Lena Lead' });
  const coFacilitator = await userWithRole(app, 'facilitator', { name: 'Colin Co' });
  const otherFacilitator = await userWithRole(app, 'facilitator', { name: 'Olga Other' });
  const spareFacilitator = await userWithRole(app, 'facilitator', { name: 'Sam Spare' });
  const learner = await signUp(app, { name: 'Lina Learner' });
  const otherLearner = await signUp(app, { name: 'Omar Other' });
  const actors: Record<SignedIn, TestUser> = { learner, otherLearner, otherFacilitator, coFacilitator, admin };

  // Workshop A (lead owns it, coFacilitator helps, learner takes part), B (otherFacilitator's, with otherLearner),
  // and J, which everyone may join by its code.
  const workshopA = await newWorkshop(app, lead, { title: 'Workshop A' });
  await send(lead.cookie, 'POST', `/api/workshops/${workshopA.id}/facilitators`, { email: coFacilitator.email });
  await joinAs(app, learner, workshopA.joinCode);
  const assignmentA = (
    await send(lead.cookie, 'POST', `/api/workshops/${workshopA.id}/assignments`, {
      moduleId: firstModule.id,
      dueOn: dayFromToday(1),
    })
  ).json();
  const workshopB = await newWorkshop(app, otherFacilitator, { title: 'Workshop B' });
  await joinAs(app, otherLearner, workshopB.joinCode);
  const assignmentB = (
    await send(otherFacilitator.cookie, 'POST', `/api/workshops/${workshopB.id}/assignments`, {
      moduleId: firstModule.id,
      dueOn: dayFromToday(1),
    })
  ).json();
  const workshopJ = await newWorkshop(app, lead, { title: 'Open day' });

  const importInto = async (workshopId: string, names: string[]) =>
    (
      await send(lead.cookie, 'POST', `/api/workshops/${workshopId}/participants/import`, {
        csv: `name\n${names.join('\n')}`,
      })
    ).json().slips as { userId: string; username: string; code: string }[];
  // Participants A's import created: one who never used their slip; one who did and has been made an admin since.
  const [neverSignedIn, promoted] = await importInto(workshopA.id, ['Nadia Never', 'Pavel Promoted']);
  await send(undefined, 'POST', '/api/auth/sign-in-code', {
    username: promoted.username,
    code: promoted.code,
    password: GOOD_PASSWORD,
  });
  await send(admin.cookie, 'PATCH', `/api/admin/users/${promoted.userId}`, { role: 'admin' });
  const [importedByB] = (
    await send(otherFacilitator.cookie, 'POST', `/api/workshops/${workshopB.id}/participants/import`, {
      csv: 'name\nBea Imported',
    })
  ).json().slips;
  // A participant who signed up with a username and their own password (no email), then joined A.
  const selfRegisteredSignup = await send(undefined, 'POST', '/api/auth/signup', {
    name: 'Sara Self',
    username: `sara${crypto.randomBytes(3).toString('hex')}`,
    password: GOOD_PASSWORD,
  });
  const selfRegistered = selfRegisteredSignup.json();
  await send(sessionCookie(selfRegisteredSignup), 'POST', '/api/workshops/join', { code: workshopA.joinCode });
  // Unused slips, one for each cell that redeems one.
  const slips = await importInto(workshopJ.id, [
    'Slip One',
    'Slip Two',
    'Slip Three',
    'Slip Four',
    'Slip Five',
    'Slip Six',
  ]);
  const loginProbe = await signUp(app, { name: 'Logan Login' });

  // Learning: every signed-in actor has completed the course and holds a certificate; the learner also has an
  // attempt open at a quiz (the attempt rows name it).
  for (const u of Object.values(actors)) await completeCourse(app, u);
  const certificateOf = async (u: TestUser) =>
    (await send(u.cookie, 'POST', '/api/certificates', { courseId: course.id })).json().id as string;
  const certificateId = await certificateOf(learner);
  const otherCertificateId = await certificateOf(otherLearner);
  const quizId = firstModule.quizId!;
  const openAttempt = (await send(learner.cookie, 'POST', `/api/quizzes/${quizId}/attempts`)).json();

  // An uploaded video with English captions.
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-matrix-files-'));
  t.teardown(() => fs.rmSync(files, { recursive: true, force: true }));
  const video = await makeVideo(files, 'clip.mp4', { seconds: 1, size: '64x36' });
  const upload = async () => {
    const form = uploadForm(video);
    const res = await injectAs(app, admin, {
      method: 'POST',
      url: '/api/admin/media',
      headers: form.headers,
      payload: form.payload,
    });
    if (res.statusCode !== 202) throw new Error(`fixture: upload answered ${res.statusCode}: ${res.body}`);
    return res.json().id as string;
  };
  const uploadId = await upload();
  const captions = captionsForm();
  await injectAs(app, admin, {
    method: 'POST',
    url: `/api/admin/media/${uploadId}/captions`,
    headers: captions.headers,
    payload: captions.payload,
  });

  // City teams: T_A in workshop A (formed by lead, the learner joined it, with an assessment the learner started);
  // T_B, the other learner's own team with an assessment; T_open, a team of its own anyone may join by its code.
  const teamA = (
    await send(lead.cookie, 'POST', '/api/teams', { city: 'Kampot', country: 'KH', workshopId: workshopA.id })
  ).json();
  await send(learner.cookie, 'POST', '/api/teams/join', { code: teamA.joinCode });
  const assessmentA = (await send(learner.cookie, 'POST', `/api/teams/${teamA.id}/assessments`, {})).json();
  const teamB = (await send(otherLearner.cookie, 'POST', '/api/teams', { city: 'Surabaya', country: 'ID' })).json();
  const assessmentB = (await send(otherLearner.cookie, 'POST', `/api/teams/${teamB.id}/assessments`, {})).json();
  const teamOpen = (await send(loginProbe.cookie, 'POST', '/api/teams', { city: 'Balanga', country: 'PH' })).json();
  // Action plans: a share link of T_A and one of T_B; a link of T_A made and revoked.
  const newShareOfA = async () =>
    (await send(learner.cookie, 'POST', `/api/teams/${teamA.id}/plan/shares`)).json() as { id: string; token: string };
  const shareA = await newShareOfA();
  const shareB = (await send(otherLearner.cookie, 'POST', `/api/teams/${teamB.id}/plan/shares`)).json();
  const revokedShare = await newShareOfA();
  await send(learner.cookie, 'DELETE', `/api/teams/${teamA.id}/plan/shares/${revokedShare.id}`);

  // Modules not yet assigned in A, handed out one per cell that assigns one.
  const unassigned = modules.slice(1).map((m) => m.id);

  return {
    app,
    cookieOf: (actor: ActorName) => (actor === 'anonymous' ? undefined : actors[actor].cookie),
    person: (actor: SignedIn) => actors[actor],
    ids: {
      courseId: course.id,
      moduleId: firstModule.id,
      lessonId: firstModule.lessonIds[0],
      tutorialId: firstModule.tutorialId!,
      quizId,
      workshopA: workshopA.id,
      workshopB: workshopB.id,
      assignmentA: assignmentA.id as string,
      assignmentB: assignmentB.id as string,
      importedByB: importedByB.userId as string,
      attemptId: openAttempt.attemptId as string,
      certificateId,
      otherCertificateId,
      uploadId,
      neverSignedIn: neverSignedIn.userId,
      promoted: promoted.userId,
      selfRegistered: selfRegistered.id as string,
      spareFacilitator: spareFacilitator.id,
      teamA: teamA.id as string,
      assessmentA: assessmentA.id as string,
      teamB: teamB.id as string,
      assessmentB: assessmentB.id as string,
    },
    teamCodes: { teamA: teamA.joinCode as string, open: teamOpen.joinCode as string },
    shares: { tokenA: shareA.token, shareB: shareB.id as string, revokedToken: revokedShare.token },
    /** A new share link of T_A, for the cell that revokes one. */
    newShareOfA: async () => (await newShareOfA()).id,
    /** A team of the learner's own (they are its only member), for cells that use a team up. */
    newTeamOfLearner: async () =>
      (await send(learner.cookie, 'POST', '/api/teams', { city: 'Kep', country: 'KH' })).json().id as string,
    joinCodeJ: workshopJ.joinCode,
    spareFacilitatorEmail: spareFacilitator.email,
    loginProbe,
    nextSlip: () => slips.shift() ?? failFixture('more sign-in cells than slips'),
    /** A module not assigned in A; `use` takes it off the list. */
    unassignedModule: (use: boolean) =>
      (use ? unassigned.shift() : unassigned[0]) ?? failFixture('more assignment cells than modules'),
    /** A session of its own for the actor (signing out must not end the one the other cells use). */
    freshCookie: async (actor: SignedIn) =>
      sessionCookie(
        await send(undefined, 'POST', '/api/auth/login', { login: actors[actor].email, password: GOOD_PASSWORD }),
      ),
    /** A workshop like A: lead owns it, coFacilitator helps, learner takes part. */
    workshopLikeA: async () => {
      const w = await newWorkshop(app, lead, { title: 'Workshop like A' });
      await send(lead.cookie, 'POST', `/api/workshops/${w.id}/facilitators`, { email: coFacilitator.email });
      await joinAs(app, learner, w.joinCode);
      return w.id;
    },
    /** A new workshop of lead's whose import invites the learner (an existing account): only they may answer it. */
    invitationForLearner: async () => {
      const w = await newWorkshop(app, lead, { title: 'Inviting workshop' });
      await send(lead.cookie, 'POST', `/api/workshops/${w.id}/participants/import`, {
        csv: `name,email\nLena Learner,${learner.email}`,
      });
      return w.id as string;
    },
    newParticipantOfA: async () => (await importInto(workshopA.id, ['Fresh Participant']))[0].userId,
    ensureSpareCoFacilitatorOfA: () =>
      send(lead.cookie, 'POST', `/api/workshops/${workshopA.id}/facilitators`, { email: spareFacilitator.email }),
    newAssignmentInA: async () =>
      (
        await send(lead.cookie, 'POST', `/api/workshops/${workshopA.id}/assignments`, {
          moduleId: unassigned.shift() ?? failFixture('no module left'),
          dueOn: dayFromToday(1),
        })
      ).json().id as string,
    newUpload: upload,
    uploadForm: () => uploadForm(video),
    /** Sets every admin aside for a moment (first-admin setup is only for a server with none), with a setup token. */
    withoutAdmins: async () => {
      const db = app.database.db;
      const setAside = await db
        .update(users)
        .set({ role: 'learner' })
        .where(eq(users.role, 'admin'))
        .returning({ id: users.id });
      return {
        token: app.setupTokens.issue(),
        restore: async () => {
          await db
            .update(users)
            .set({ role: 'admin' })
            .where(
              inArray(
                users.id,
                setAside.map((r) => r.id),
              ),
            );
        },
      };
    },
  };
}

function failFixture(what: string): never {
  throw new Error(`fixture: ${what}`);
}

const json = (method: Method, url: string, payload?: object): CellRequest => ({ method, url, payload });
const get = (url: string): CellRequest => ({ method: 'GET', url });
const form = (
  method: Method,
  url: string,
  body: { payload: Buffer; headers: Record<string, string> },
): CellRequest => ({ method, url, payload: body.payload, headers: body.headers });
const lessonCompleted = (lessonId: string) => ({
  events: [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId, at: new Date().toISOString() }],
});

/** Rows whose allowed cells end sessions (a password change ends all of a person's sessions): they run after every other row. */
export const RUN_LAST: MatrixKey[] = ['PUT /api/me/password'];

export const REQUESTS: Record<MatrixKey, RequestFor> = {
  'GET /api/openapi.json': () => get('/api/openapi.json'),
  'GET /api/health': () => get('/api/health'),
  'GET /issuer': () => get('/issuer'),
  'GET /status/1': () => get('/status/1'),
  'GET /.well-known/issuer-keys.json': () => get('/.well-known/issuer-keys.json'),

  'POST /api/auth/signup': () =>
    json('POST', '/api/auth/signup', { name: 'New Person', email: uniqueEmail('matrix'), password: GOOD_PASSWORD }),
  'POST /api/auth/login': (w) =>
    json('POST', '/api/auth/login', { login: w.loginProbe.email, password: GOOD_PASSWORD }),
  'POST /api/auth/sign-in-code': (w) => {
    const slip = w.nextSlip();
    return json('POST', '/api/auth/sign-in-code', {
      username: slip.username,
      code: slip.code,
      password: GOOD_PASSWORD,
    });
  },
  'GET /api/auth/password-reset': () => get('/api/auth/password-reset'),
  'POST /api/auth/password-reset': () => json('POST', '/api/auth/password-reset', { email: uniqueEmail('forgot') }),
  'POST /api/auth/password-reset/confirm': async (w) => {
    // A link of its own for a fresh person: using it ends every session of that person only.
    const person = await signUp(w.app);
    const mail = await requestResetLink(w.app.database.db, person.email, 'http://localhost:3000');
    const token = decodeURIComponent(mail!.text.match(/token=([\w%-]+)/)![1]);
    return json('POST', '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
  },
  'POST /api/auth/logout': async (w, actor) => ({
    ...json('POST', '/api/auth/logout'),
    cookie: actor === 'anonymous' ? null : await w.freshCookie(actor),
  }),
  'GET /api/me': () => get('/api/me'),
  'PATCH /api/me': () => json('PATCH', '/api/me', { locale: 'en' }),
  'PUT /api/me/password': () =>
    json('PUT', '/api/me/password', { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD }),
  // The actor's own email again: allowed, and nothing later cells sign in with changes.
  'PUT /api/me/email': (w, actor) =>
    json('PUT', '/api/me/email', {
      email: actor === 'anonymous' ? uniqueEmail('anon') : w.person(actor).email,
      currentPassword: GOOD_PASSWORD,
    }),
  'GET /api/admin/users': () => get('/api/admin/users'),
  'PATCH /api/admin/users/:id': (w) =>
    json('PATCH', `/api/admin/users/${w.ids.spareFacilitator}`, { role: 'facilitator' }),
  'POST /api/admin/users/:id/sign-in-code': (w) =>
    json('POST', `/api/admin/users/${w.ids.spareFacilitator}/sign-in-code`),
  'POST /api/admin/users/:id/sign-in-code (an admin)': (w) =>
    json('POST', `/api/admin/users/${w.ids.promoted}/sign-in-code`),
  'GET /api/setup': () => get('/api/setup'),
  'POST /api/setup': async (w) => {
    const { token, restore } = await w.withoutAdmins();
    return {
      ...json('POST', '/api/setup', {
        token,
        name: 'First Admin',
        email: uniqueEmail('setup'),
        password: GOOD_PASSWORD,
      }),
      after: restore,
    };
  },

  'GET /api/courses': () => get('/api/courses'),
  'GET /api/courses/:courseId': (w) => get(`/api/courses/${w.ids.courseId}`),
  'GET /api/modules/:moduleId': (w) => get(`/api/modules/${w.ids.moduleId}`),
  'GET /api/lessons/:lessonId': (w) => get(`/api/lessons/${w.ids.lessonId}`),
  'POST /api/courses/:courseId/enrol': (w) => json('POST', `/api/courses/${w.ids.courseId}/enrol`),
  'GET /api/modules/:moduleId/offline': (w) => get(`/api/modules/${w.ids.moduleId}/offline`),
  'GET /api/tutorials/:tutorialId': (w) => get(`/api/tutorials/${w.ids.tutorialId}`),
  'POST /api/progress/events': (w) => json('POST', '/api/progress/events', lessonCompleted(w.ids.lessonId)),

  'POST /api/quizzes/:quizId/attempts': (w) => json('POST', `/api/quizzes/${w.ids.quizId}/attempts`),
  'GET /api/quizzes/:quizId/attempts': (w) => get(`/api/quizzes/${w.ids.quizId}/attempts`),
  'GET /api/attempts/:attemptId': (w) => get(`/api/attempts/${w.ids.attemptId}`),
  'PUT /api/attempts/:attemptId/answers': (w) =>
    json('PUT', `/api/attempts/${w.ids.attemptId}/answers`, { answers: [] }),
  // The learner submits an attempt of their own at another quiz, so the open one stays open for the rows above.
  'POST /api/attempts/:attemptId/submit': async (w, actor, allowed) => {
    if (!allowed || actor !== 'learner')
      return json('POST', `/api/attempts/${w.ids.attemptId}/submit`, { answers: [] });
    const quizId = contentBundle().modules.find((m) => m.quizId && m.quizId !== w.ids.quizId)!.quizId;
    const attempt = await w.app.inject({
      method: 'POST',
      url: `/api/quizzes/${quizId}/attempts`,
      headers: { cookie: w.cookieOf('learner')! },
    });
    return json('POST', `/api/attempts/${attempt.json().attemptId}/submit`, { answers: [] });
  },

  'POST /api/certificates': (w) => json('POST', '/api/certificates', { courseId: w.ids.courseId }),
  'GET /api/certificates': () => get('/api/certificates'),
  'GET /api/certificates/:id': (w) => get(`/api/certificates/${w.ids.certificateId}`),
  'GET /api/certificates/:id/pdf': (w) => get(`/api/certificates/${w.ids.certificateId}/pdf`),
  'GET /api/certificates/:id/credential': (w) => get(`/api/certificates/${w.ids.certificateId}/credential`),
  'GET /api/verify/:id': (w) => get(`/api/verify/${w.ids.certificateId}`),
  // :id is the other learner's certificate, which no other row reads
  'POST /api/admin/certificates/:id/revoke': (w) =>
    json('POST', `/api/admin/certificates/${w.ids.otherCertificateId}/revoke`, { reason: 'Issued by mistake' }),

  'POST /api/admin/media': (w) => form('POST', '/api/admin/media', w.uploadForm()),
  'GET /api/admin/media': () => get('/api/admin/media'),
  'GET /api/admin/media/:id': (w) => get(`/api/admin/media/${w.ids.uploadId}`),
  'DELETE /api/admin/media/:id': async (w, _actor, allowed) => ({
    method: 'DELETE',
    url: `/api/admin/media/${allowed ? await w.newUpload() : w.ids.uploadId}`,
  }),
  'POST /api/admin/media/:id/captions': (w) =>
    form('POST', `/api/admin/media/${w.ids.uploadId}/captions`, captionsForm()),
  'GET /api/media/uploads/:id/captions/:locale': (w) => get(`/api/media/uploads/${w.ids.uploadId}/captions/en`),
  'GET /api/media/uploads/:id/transcript/:locale': (w) => get(`/api/media/uploads/${w.ids.uploadId}/transcript/en`),

  'POST /api/workshops': () =>
    json('POST', '/api/workshops', {
      title: 'A new workshop',
      city: 'Kampot',
      country: 'KH',
      locale: 'km',
      timeZone: 'Asia/Phnom_Penh',
      startsOn: dayFromToday(0),
      endsOn: dayFromToday(2),
    }),
  'GET /api/workshops': () => get('/api/workshops'),
  'GET /api/workshops/mine': () => get('/api/workshops/mine'),
  'GET /api/workshops/join-preview': (w) => get(`/api/workshops/join-preview?code=${encodeURIComponent(w.joinCodeJ)}`),
  'POST /api/workshops/join': (w) => json('POST', '/api/workshops/join', { code: w.joinCodeJ }),
  'GET /api/workshops/:id': (w) => get(`/api/workshops/${w.ids.workshopA}`),
  'PATCH /api/workshops/:id': (w) => json('PATCH', `/api/workshops/${w.ids.workshopA}`, { city: 'Kampot' }),
  'POST /api/workshops/:id/archive': async (w, _actor, allowed) =>
    json('POST', `/api/workshops/${allowed ? await w.workshopLikeA() : w.ids.workshopA}/archive`),
  'POST /api/workshops/:id/join-code': (w) => json('POST', `/api/workshops/${w.ids.workshopA}/join-code`),
  'GET /api/workshop-invitations': () => json('GET', '/api/workshop-invitations'),
  'POST /api/workshop-invitations/:workshopId/accept': async (w) =>
    json('POST', `/api/workshop-invitations/${await w.invitationForLearner()}/accept`),
  'POST /api/workshop-invitations/:workshopId/decline': async (w) =>
    json('POST', `/api/workshop-invitations/${await w.invitationForLearner()}/decline`),
  'POST /api/workshops/:id/leave': async (w, _actor, allowed) =>
    json('POST', `/api/workshops/${allowed ? await w.workshopLikeA() : w.ids.workshopA}/leave`),
  'GET /api/workshops/:id/participants': (w) => get(`/api/workshops/${w.ids.workshopA}/participants`),
  'POST /api/workshops/:id/participants/import': (w) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/participants/import`, { csv: 'name\nIrene Imported' }),
  'POST /api/workshops/:id/participants/:userId/sign-in-code': (w) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/participants/${w.ids.neverSignedIn}/sign-in-code`),
  'POST /api/workshops/:id/participants/:userId/sign-in-code (self-registered participant)': (w) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/participants/${w.ids.selfRegistered}/sign-in-code`),
  'POST /api/workshops/:id/participants/:userId/sign-in-code (participant who is now an admin)': (w) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/participants/${w.ids.promoted}/sign-in-code`),
  'DELETE /api/workshops/:id/participants/:userId': async (w, _actor, allowed) =>
    json(
      'DELETE',
      `/api/workshops/${w.ids.workshopA}/participants/${allowed ? await w.newParticipantOfA() : w.person('learner').id}`,
    ),
  'DELETE /api/workshops/:id/participants/:userId (a participant of B)': (w) =>
    json('DELETE', `/api/workshops/${w.ids.workshopA}/participants/${w.person('otherLearner').id}`),
  'POST /api/workshops/:id/participants/:userId/sign-in-code (a participant of B)': (w) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/participants/${w.ids.importedByB}/sign-in-code`),
  'POST /api/workshops/:id/facilitators': (w) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/facilitators`, { email: w.spareFacilitatorEmail }),
  'DELETE /api/workshops/:id/facilitators/:userId': async (w) => {
    await w.ensureSpareCoFacilitatorOfA();
    return json('DELETE', `/api/workshops/${w.ids.workshopA}/facilitators/${w.ids.spareFacilitator}`);
  },
  'POST /api/workshops/:id/assignments': (w, _actor, allowed) =>
    json('POST', `/api/workshops/${w.ids.workshopA}/assignments`, {
      moduleId: w.unassignedModule(allowed),
      dueOn: dayFromToday(1),
    }),
  'PATCH /api/workshops/:id/assignments/:assignmentId': (w) =>
    json('PATCH', `/api/workshops/${w.ids.workshopA}/assignments/${w.ids.assignmentA}`, { dueOn: dayFromToday(2) }),
  'DELETE /api/workshops/:id/assignments/:assignmentId': async (w, _actor, allowed) =>
    json(
      'DELETE',
      `/api/workshops/${w.ids.workshopA}/assignments/${allowed ? await w.newAssignmentInA() : w.ids.assignmentA}`,
    ),
  'PATCH /api/workshops/:id/assignments/:assignmentId (an assignment of B)': (w) =>
    json('PATCH', `/api/workshops/${w.ids.workshopA}/assignments/${w.ids.assignmentB}`, { dueOn: dayFromToday(2) }),
  'DELETE /api/workshops/:id/assignments/:assignmentId (an assignment of B)': (w) =>
    json('DELETE', `/api/workshops/${w.ids.workshopA}/assignments/${w.ids.assignmentB}`),
  'GET /api/workshops/:id/dashboard': (w) => get(`/api/workshops/${w.ids.workshopA}/dashboard`),
  'GET /api/workshops/:id/export.csv': (w) => get(`/api/workshops/${w.ids.workshopA}/export.csv`),
  'GET /api/workshops/:id/export.xlsx': (w) => get(`/api/workshops/${w.ids.workshopA}/export.xlsx`),
  'GET /api/workshops/:id/teams': (w) => get(`/api/workshops/${w.ids.workshopA}/teams`),
  'GET /api/workshops/:id/teams/export.xlsx': (w) => get(`/api/workshops/${w.ids.workshopA}/teams/export.xlsx`),

  'GET /api/teams/framework': () => get('/api/teams/framework'),
  'POST /api/teams': () => json('POST', '/api/teams', { city: 'Kampot', country: 'KH' }),
  'POST /api/teams (in workshop A)': (w) =>
    json('POST', '/api/teams', { city: 'Kep', country: 'KH', workshopId: w.ids.workshopA }),
  'GET /api/teams/mine': () => get('/api/teams/mine'),
  'GET /api/teams': (w) => get(`/api/teams?workshopId=${w.ids.workshopA}`),
  'POST /api/teams/join': (w) => json('POST', '/api/teams/join', { code: w.teamCodes.open }),
  'POST /api/teams/join (a team of workshop A)': (w) => json('POST', '/api/teams/join', { code: w.teamCodes.teamA }),
  'GET /api/teams/:id': (w) => get(`/api/teams/${w.ids.teamA}`),
  'POST /api/teams/:id/leave': async (w, actor, allowed) =>
    json('POST', `/api/teams/${allowed && actor === 'learner' ? await w.newTeamOfLearner() : w.ids.teamA}/leave`),
  'POST /api/teams/:id/assessments': async (w, actor, allowed) =>
    json(
      'POST',
      `/api/teams/${allowed && actor === 'learner' ? await w.newTeamOfLearner() : w.ids.teamA}/assessments`,
      {},
    ),
  'GET /api/teams/:id/assessments': (w) => get(`/api/teams/${w.ids.teamA}/assessments`),
  'GET /api/teams/:id/assessments/:assessmentId': (w) =>
    get(`/api/teams/${w.ids.teamA}/assessments/${w.ids.assessmentA}`),
  'GET /api/teams/:id/assessments/:assessmentId (an assessment of another team)': (w) =>
    get(`/api/teams/${w.ids.teamA}/assessments/${w.ids.assessmentB}`),
  'PUT /api/teams/:id/assessments/:assessmentId/actions/:actionId': (w) =>
    json('PUT', `/api/teams/${w.ids.teamA}/assessments/${w.ids.assessmentA}/actions/4.1`, {
      rating: 2,
      evidence: 'Two new kindergartens',
    }),
  'PUT /api/teams/:id/assessments/:assessmentId/actions/:actionId (an assessment of another team)': (w) =>
    json('PUT', `/api/teams/${w.ids.teamA}/assessments/${w.ids.assessmentB}/actions/4.1`, { rating: 2 }),
  'GET /api/teams/:id/plan': (w) => get(`/api/teams/${w.ids.teamA}/plan`),
  'PUT /api/teams/:id/plan': (w) =>
    json('PUT', `/api/teams/${w.ids.teamA}/plan`, {
      fields: [{ sectionId: 'vision', fieldId: 'vision', value: 'Everyone learns.' }],
    }),
  'POST /api/teams/:id/plan/sections/:sectionId/comments': (w) =>
    json('POST', `/api/teams/${w.ids.teamA}/plan/sections/vision/comments`, { body: 'Name a lead.' }),
  'GET /api/teams/:id/plan/document.pdf': (w) => get(`/api/teams/${w.ids.teamA}/plan/document.pdf`),
  'GET /api/teams/:id/plan/document.docx': (w) => get(`/api/teams/${w.ids.teamA}/plan/document.docx`),
  'GET /api/teams/:id/plan/shares': (w) => get(`/api/teams/${w.ids.teamA}/plan/shares`),
  'POST /api/teams/:id/plan/shares': (w) => json('POST', `/api/teams/${w.ids.teamA}/plan/shares`),
  'DELETE /api/teams/:id/plan/shares/:shareId': async (w) =>
    json('DELETE', `/api/teams/${w.ids.teamA}/plan/shares/${await w.newShareOfA()}`),
  'DELETE /api/teams/:id/plan/shares/:shareId (a share link of another team)': (w) =>
    json('DELETE', `/api/teams/${w.ids.teamA}/plan/shares/${w.shares.shareB}`),
  'GET /api/shared-plans/:token': (w) => get(`/api/shared-plans/${w.shares.tokenA}`),
  'GET /api/shared-plans/:token (a revoked link)': (w) => get(`/api/shared-plans/${w.shares.revokedToken}`),
  'GET /api/shared-plans/:token/document.pdf': (w) => get(`/api/shared-plans/${w.shares.tokenA}/document.pdf`),
  'GET /api/shared-plans/:token/document.docx': (w) => get(`/api/shared-plans/${w.shares.tokenA}/document.docx`),
};
