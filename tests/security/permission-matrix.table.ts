// Who may call each API route: one row per route (method and path as the app registers them), one column per actor.
// permission-matrix.test.ts sends every cell as a request that is valid apart from the actor, and fails when a
// route exists that this table does not list: a new route must be added here, with its rule.
// The rules behind the rows are the domains' permissions files (server/modules/*/*.permissions.ts: workshops, teams,
// quizzes, certificates, media/uploads, accounts), each with an allow and a deny test per rule in tests/unit/<domain>/.
//
// The actors, in a world built once (see permission-world.ts):
//   anonymous         no session cookie
//   learner           a participant of workshop A; owns the progress, quiz attempt and certificate a row's :id names
//   otherLearner      a learner in workshop B only (a participant, just not of A)
//   otherFacilitator  a facilitator who owns workshop B and has nothing to do with A
//   coFacilitator     a co-facilitator (not the owner) of workshop A
//   admin             an admin
// A row's workshop :id is A; its other ids are named in the comment when the row is not obvious. A route may have
// more rows, "ROUTE (the object)", for another kind of object behind the same address.
//
// Outcomes: 'allow' is a 2xx (the action worked). A refusal is the status and the usual error body:
//   401  not signed in
//   403  signed in, not allowed
//   404  signed in, and the object is hidden from this actor (it answers as if it did not exist)
//   409  allowed to ask, but the action does not apply to this actor's relation to the object
//        (leaving a workshop one is not a participant of)

export const ACTORS = ['anonymous', 'learner', 'otherLearner', 'otherFacilitator', 'coFacilitator', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];
export type Outcome = 'allow' | 401 | 403 | 404 | 409;
export type Rule = Record<ActorName, Outcome>;

const ok = 'allow';

export const PERMISSION_MATRIX = {
  // System and the issuer's public identity
  'GET /api/openapi.json':                                  { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/health':                                        { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /issuer':                                            { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /status/1':                                          { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /.well-known/issuer-keys.json':                      { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },

  // Accounts: signing up and in is for anyone; "me" is always the caller's own account
  'POST /api/auth/signup':                                  { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/auth/login':                                   { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/auth/sign-in-code':                            { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/auth/password-reset':                          { anonymous: ok ,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/auth/password-reset':                         { anonymous: ok ,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/auth/password-reset/confirm':                 { anonymous: ok ,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/auth/logout':                                  { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/me':                                            { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'PATCH /api/me':                                          { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'PUT /api/me/password':                                   { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'PUT /api/me/email':                                     { anonymous: 401,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/admin/users':                                   { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'PATCH /api/admin/users/:id':                             { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'POST /api/admin/users/:id/sign-in-code':                 { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'POST /api/admin/users/:id/sign-in-code (an admin)':      { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'GET /api/setup':                                         { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  // Public, guarded by the one-time token the server prints while no admin exists (each cell runs in that state).
  'POST /api/setup':                                        { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },

  // The course: reading is public; what is personal (enrolment, progress) is the caller's own
  'GET /api/courses':                                       { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/courses/:courseId':                             { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/modules/:moduleId':                             { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/lessons/:lessonId':                             { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/courses/:courseId/enrol':                      { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/modules/:moduleId/offline':                     { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/tutorials/:tutorialId':                         { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/progress/events':                              { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },

  // Quizzes: anyone signed in takes a quiz; an attempt is its taker's alone (not even an admin or the
  // learner's facilitators read it: they see item analysis on the dashboard)
  'POST /api/quizzes/:quizId/attempts':                     { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/quizzes/:quizId/attempts':                      { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/attempts/:attemptId':                           { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: 404 },
  'PUT /api/attempts/:attemptId/answers':                   { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: 404 },
  'POST /api/attempts/:attemptId/submit':                   { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: 404 },

  // Certificates: anyone who completed the course gets their own; its owner and admins read it; anyone verifies
  'POST /api/certificates':                                 { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/certificates':                                  { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/certificates/:id':                              { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: ok },
  'GET /api/certificates/:id/pdf':                          { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: ok },
  'GET /api/certificates/:id/credential':                   { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: ok },
  'GET /api/verify/:id':                                    { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/admin/certificates/:id/revoke':                { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },

  // Uploaded videos: admins manage them; their captions are public (learners play the video)
  'POST /api/admin/media':                                  { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'GET /api/admin/media':                                   { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'GET /api/admin/media/:id':                               { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'DELETE /api/admin/media/:id':                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'POST /api/admin/media/:id/captions':                     { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'GET /api/media/uploads/:id/captions/:locale':            { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/media/uploads/:id/transcript/:locale':          { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },

  // Workshops: facilitators create and list their own; joining is by code; a workshop's facilitators manage it,
  // its owner alone archives it and chooses co-facilitators; its participants read it and may leave
  'POST /api/workshops':                                    { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/workshops':                                     { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/workshops/mine':                                { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/workshops/join-preview':                       { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/workshops/join':                               { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/workshops/:id':                                 { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'PATCH /api/workshops/:id':                               { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'POST /api/workshops/:id/archive':                        { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'POST /api/workshops/:id/join-code':                      { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  // Invitations (an import naming an existing account's email): only the invited person sees and answers theirs
  'GET /api/workshop-invitations':                          { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/workshop-invitations/:workshopId/accept':      { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: 404 },
  'POST /api/workshop-invitations/:workshopId/decline':     { anonymous: 401, learner: ok,  otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: 404 },
  'POST /api/workshops/:id/leave':                          { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 409, admin: 409 },
  'GET /api/workshops/:id/participants':                    { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'POST /api/workshops/:id/participants/import':            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  // Issue 13 point 1, the target rule: a facilitator may reissue a slip only for an account this workshop's import
  // created whose owner never set a password; an admin for any non-admin; nobody for an admin. Besides the plain row
  // (an imported participant who never signed in), the two takeovers the probe found are rows of their own.
  'POST /api/workshops/:id/participants/:userId/sign-in-code':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  // :userId signed up with a username and chose their own password, then joined A by its code
  'POST /api/workshops/:id/participants/:userId/sign-in-code (self-registered participant)':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  // :userId was imported by A, used the slip, and was made an admin since
  'POST /api/workshops/:id/participants/:userId/sign-in-code (participant who is now an admin)':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'POST /api/workshops/:id/participants/:userId/sign-in-code (a participant of B)':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 404, admin: 404 },
  'DELETE /api/workshops/:id/participants/:userId':         { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  // Another workshop's objects through A's address are not found, even by an admin (cross-workshop ids)
  'DELETE /api/workshops/:id/participants/:userId (a participant of B)':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 404, admin: 404 },
  'POST /api/workshops/:id/facilitators':                   { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'DELETE /api/workshops/:id/facilitators/:userId':         { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: ok },
  'POST /api/workshops/:id/assignments':                    { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'PATCH /api/workshops/:id/assignments/:assignmentId':     { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'DELETE /api/workshops/:id/assignments/:assignmentId':    { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'PATCH /api/workshops/:id/assignments/:assignmentId (an assignment of B)':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 404, admin: 404 },
  'DELETE /api/workshops/:id/assignments/:assignmentId (an assignment of B)':
                                                            { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: 404, admin: 404 },
  'GET /api/workshops/:id/dashboard':                       { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'GET /api/workshops/:id/export.csv':                      { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'GET /api/workshops/:id/export.xlsx':                     { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  // A workshop's city teams on its dashboard (issue 17 item 5): plan progress and profiles, for those who see the dashboard.
  'GET /api/workshops/:id/teams':                           { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'GET /api/workshops/:id/teams/export.xlsx':               { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },

  // City teams (issue 17): anyone signed in forms a team of their own or joins one by its code; a workshop's teams
  // are listed for its facilitators (who form them and hand out their codes); its participants join one each by code; a team is read by its
  // members, its workshop's facilitators and admins, and only its members rate. T_A is a team of workshop A the
  // learner is a member of; T_B is the other learner's own team.
  'GET /api/teams/framework':                               { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/teams':                                        { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  // the learner is already in T_A, so in A's workshop they may not form a second team (one team per workshop)
  'POST /api/teams (in workshop A)':                        { anonymous: 401, learner: 409, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'GET /api/teams/mine':                                    { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/teams':                                         { anonymous: 401, learner: 403, otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'POST /api/teams/join':                                   { anonymous: 401, learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'POST /api/teams/join (a team of workshop A)':            { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'GET /api/teams/:id':                                     { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'POST /api/teams/:id/leave':                              { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 409, admin: 409 },
  'POST /api/teams/:id/assessments':                        { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'GET /api/teams/:id/assessments':                         { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'GET /api/teams/:id/assessments/:assessmentId':           { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: ok },
  'GET /api/teams/:id/assessments/:assessmentId (an assessment of another team)':
                                                            { anonymous: 401, learner: 404, otherLearner: 403, otherFacilitator: 403, coFacilitator: 404, admin: 404 },
  'PUT /api/teams/:id/assessments/:assessmentId/actions/:actionId':
                                                            { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'PUT /api/teams/:id/assessments/:assessmentId/actions/:actionId (an assessment of another team)':
                                                            { anonymous: 401, learner: 404, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  // Action plans (issue 17, items 3-4): members read and write their team's plan; the workshop's facilitators read,
  // download and comment; nobody else, admins included, reads a plan unless a member shares a link; anyone with a
  // live link reads it (a revoked link is gone for everyone).
  'GET /api/teams/:id/plan':                                { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: 403 },
  'PUT /api/teams/:id/plan':                                { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'POST /api/teams/:id/plan/sections/:sectionId/comments':  { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: 403 },
  'GET /api/teams/:id/plan/document.pdf':                   { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: 403 },
  'GET /api/teams/:id/plan/document.docx':                  { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: ok,  admin: 403 },
  'GET /api/teams/:id/plan/shares':                         { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'POST /api/teams/:id/plan/shares':                        { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'DELETE /api/teams/:id/plan/shares/:shareId':             { anonymous: 401, learner: ok,  otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'DELETE /api/teams/:id/plan/shares/:shareId (a share link of another team)':
                                                            { anonymous: 401, learner: 404, otherLearner: 403, otherFacilitator: 403, coFacilitator: 403, admin: 403 },
  'GET /api/shared-plans/:token':                           { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/shared-plans/:token (a revoked link)':          { anonymous: 404, learner: 404, otherLearner: 404, otherFacilitator: 404, coFacilitator: 404, admin: 404 },
  'GET /api/shared-plans/:token/document.pdf':              { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
  'GET /api/shared-plans/:token/document.docx':             { anonymous: ok,  learner: ok,  otherLearner: ok,  otherFacilitator: ok,  coFacilitator: ok,  admin: ok },
} satisfies Record<string, Rule>;

export type MatrixKey = keyof typeof PERMISSION_MATRIX;

/** Registered routes (as "METHOD /url") that are no API operation with a rule of their own, and why. */
export const NOT_IN_MATRIX: { routes: RegExp; why: string }[] = [
  { routes: /^[A-Z]+ \/api\/docs(\/.*)?$/, why: 'Swagger UI and its static files (@fastify/swagger-ui), public' },
  { routes: /^[A-Z]+ \/api\/\*$/, why: 'the catch-all that answers a 404 in JSON for an unknown API path, to everyone' },
  { routes: /^GET \/media\/\*$/, why: 'rendered and transcoded media files, public; which paths are served is tested in tests/server/media' },
];

/** "POST /api/x (a variant)" -> "POST /api/x": the route a row is about. */
export const routeOf = (key: string) => key.replace(/ \(.*\)$/, '');
