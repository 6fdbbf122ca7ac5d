// The drizzle schema: the one source of row types. Migrations are generated from it (npm run db:generate).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['learner', 'facilitator', 'admin']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email'),
    /** For people without an email they want to use (workshop participants): unique case-insensitively. */
    username: text('username'),
    passwordHash: text('password_hash'),
    /** When the person last chose their own password (sign-up, a slip used, a change); null: never. */
    passwordSetAt: timestamp('password_set_at', { withTimezone: true }),
    /** The first time this person signed in (any way: password, a slip, sign-up); null: never. A workshop's "Joined" is from it. */
    firstSignedInAt: timestamp('first_signed_in_at', { withTimezone: true }),
    /** The workshop whose participant import created this account; only its facilitators may print this person a slip. */
    createdByWorkshopId: uuid('created_by_workshop_id').references((): AnyPgColumn => workshops.id, { onDelete: 'set null' }),
    role: roleEnum('role').notNull().default('learner'),
    locale: text('locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    // The admin search (ilike '%…%' on name or email): trigram indexes, so it reads the matches, not every person
    // (bench:scale: a sequential scan of every user at 10,000 people; pg_trgm is created by the migration).
    index('users_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('users_email_trgm_idx').using('gin', t.email.op('gin_trgm_ops')),
  ],
);

export type UserRow = typeof users.$inferSelect;

/** A signed-in device: the session cookie names a row here; deleting the row signs that device out. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Every new sign-in slip given for an existing account (who, when); the person is told at their next sign-in. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    resetBy: uuid('reset_by').references(() => users.id, { onDelete: 'set null' }),
    /** The name at the time, so the notice still says who when that account is gone. */
    resetByName: text('reset_by_name').notNull(),
    workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
/**
 * A "forgot your password?" link sent by email: only a SHA-256 hash of its token is kept. A person holds at most one
 * (a new request replaces the old link); using it deletes the row, so it works once. Kept apart from password_resets,
 * which records resets other people made (and tells the person at their next sign-in), and lives on after use.
 */
export const passwordResetTokens = pgTable('password_reset_tokens', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Role = (typeof roleEnum.enumValues)[number];

// ---- Catalog: the course imported from content/ (stable ids from the files; retired, never deleted) ----

/** Text per locale, English always present. */
export type LocalizedJson<T> = { en: T } & Partial<Record<string, T>>;

export const contentImports = pgTable('content_imports', {
  hash: text('hash').primaryKey(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

export const courses = pgTable('courses', {
  id: text('id').primaryKey(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  summary: jsonb('summary').$type<LocalizedJson<string>>().notNull(),
  audience: jsonb('audience').$type<LocalizedJson<string>>().notNull(),
  hours: integer('hours').notNull(),
  locales: jsonb('locales').$type<string[]>().notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const modules = pgTable('modules', {
  id: text('id').primaryKey(),
  courseId: text('course_id').notNull().references(() => courses.id),
  position: integer('position').notNull(),
  number: integer('number').notNull(),
  kind: text('kind').$type<'core' | 'thematic'>().notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  summary: jsonb('summary').$type<LocalizedJson<string>>().notNull(),
  objectives: jsonb('objectives').$type<LocalizedJson<string[]>>().notNull(),
  quizId: text('quiz_id'),
  activityId: text('activity_id'),
  tutorialId: text('tutorial_id'),
  /** A key-area module's checklist of the Guidelines' action points (content/sources/guidelines-2015.yaml); null otherwise. */
  checklist: jsonb('checklist').$type<ModuleChecklistJson>(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export type ModuleChecklistJson = {
  area: number;
  complete: boolean;
  source: { title: string; url: string };
  items: LocalizedJson<{ id: string; area: number; point: number; text: string }[]>;
  reviewedLocales: string[];
};

export const lessons = pgTable('lessons', {
  id: text('id').primaryKey(),
  moduleId: text('module_id').notNull().references(() => modules.id),
  position: integer('position').notNull(),
  minutes: integer('minutes').notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  keyPoints: jsonb('key_points').$type<LocalizedJson<string[]>>().notNull(),
  html: jsonb('html').$type<LocalizedJson<string>>().notNull(),
  toc: jsonb('toc').$type<LocalizedJson<{ id: string; text: string; level: number }[]>>().notNull(),
  sources: jsonb('sources').$type<{ title: string; url: string }[]>().notNull(),
  words: jsonb('words').$type<LocalizedJson<number>>().notNull(),
  /** Locales whose translation of this lesson a reviewer has marked reviewed (content: `translation: reviewed`). */
  reviewedLocales: jsonb('reviewed_locales').$type<string[]>().notNull().default([]),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const activities = pgTable('activities', {
  id: text('id').primaryKey(),
  moduleId: text('module_id').notNull().references(() => modules.id),
  minutes: integer('minutes').notNull(),
  groupSize: text('group_size').notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  materials: jsonb('materials').$type<LocalizedJson<string[]>>().notNull(),
  outputs: jsonb('outputs').$type<LocalizedJson<string[]>>().notNull(),
  html: jsonb('html').$type<LocalizedJson<string>>().notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const quizzes = pgTable('quizzes', {
  id: text('id').primaryKey(),
  moduleId: text('module_id').notNull().references(() => modules.id),
  passMark: integer('pass_mark').notNull(),
  questionsPerAttempt: integer('questions_per_attempt').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** Answer keys live here and are read by the server only. */
export const quizQuestions = pgTable('quiz_questions', {
  id: text('id').primaryKey(),
  quizId: text('quiz_id').notNull().references(() => quizzes.id),
  position: integer('position').notNull(),
  type: text('type').$type<'single' | 'multiple' | 'truefalse' | 'ordering'>().notNull(),
  optionIds: jsonb('option_ids').$type<string[]>().notNull(),
  answer: jsonb('answer').$type<string[]>().notNull(),
  /** Multiple-answer only: each choice scores +1/n or -1/n (never below 0) instead of all-or-nothing. */
  partialCredit: boolean('partial_credit').notNull().default(false),
  text: jsonb('text').$type<LocalizedJson<{ prompt: string; options: { id: string; text: string }[]; explanation: string }>>().notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const storyboards = pgTable('storyboards', {
  id: text('id').primaryKey(),
  moduleId: text('module_id').notNull().references(() => modules.id),
  hash: text('hash').notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  scenes: jsonb('scenes').$type<{ id: string; layout: string; icon: string; text: LocalizedJson<{ heading: string; bullets: string[]; narration: string }> }[]>().notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

// ---- Enrolment: who is enrolled in what, and why ----
export const enrolments = pgTable(
  'enrolments',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull().references(() => courses.id),
    source: text('source').$type<'self' | 'workshop'>().notNull().default('self'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] })],
);

// ---- Quizzes: attempts snapshot the questions they drew, so later content changes never regrade them ----
export type DrawnQuestion = {
  questionId: string;
  type: 'single' | 'multiple' | 'truefalse' | 'ordering';
  /** The option order this attempt shows, drawn once when the attempt starts, so every reload and device shows the same. */
  optionOrder: string[];
  answer: string[];
  /** Absent in attempts drawn before partial credit existed: those grade all-or-nothing. */
  partialCredit?: boolean;
  text: LocalizedJson<{ prompt: string; options: { id: string; text: string }[]; explanation: string }>;
};
/** `credit`: the share of the question's point earned, 0 to 1 (absent in attempts graded before partial credit: 1 if correct). */
export type GradedQuestion = { questionId: string; response: string[]; correctResponse: string[]; correct: boolean; credit?: number };

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    quizId: text('quiz_id').notNull().references(() => quizzes.id),
    attemptNumber: integer('attempt_number').notNull(),
    passMark: integer('pass_mark').notNull(),
    questions: jsonb('questions').$type<DrawnQuestion[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull().default({}),
    status: text('status').$type<'open' | 'submitted'>().notNull().default('open'),
    score: integer('score'),
    passed: boolean('passed'),
    graded: jsonb('graded').$type<GradedQuestion[]>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('quiz_attempts_number_idx').on(t.userId, t.quizId, t.attemptNumber)],
);

// ---- Progress: an append-only log of client-identified events, and the state derived from it ----
export const progressEvents = pgTable(
  'progress_events',
  {
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'lesson.opened' | 'lesson.completed' | 'video.watched' | 'position'>().notNull(),
    lessonId: text('lesson_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ranges: jsonb('ranges').$type<[number, number][]>(),
    seconds: integer('seconds'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] })],
);

export const lessonProgress = pgTable(
  'lesson_progress',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull(),
    positionSeconds: integer('position_seconds'),
    positionAt: timestamp('position_at', { withTimezone: true }),
    watchedRanges: jsonb('watched_ranges').$type<[number, number][]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] })],
);

export const quizBest = pgTable(
  'quiz_best',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    quizId: text('quiz_id').notNull(),
    bestScore: integer('best_score').notNull(),
    passed: boolean('passed').notNull(),
    attempts: integer('attempts').notNull(),
    lastSubmittedAt: timestamp('last_submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.quizId] })],
);

// ---- Workshops: a facilitator's cohort, joined by code; assignments with due dates (overdue is derived, never stored) ----
export const workshops = pgTable(
  'workshops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2, upper case. */
    country: text('country').notNull(),
    locale: text('locale').notNull(),
    /** IANA name; due dates are shown in it. */
    timeZone: text('time_zone').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    maxParticipants: integer('max_participants'),
    /** 8 characters, stored without the grouping dash. */
    joinCode: text('join_code').notNull(),
    joinClosedAt: timestamp('join_closed_at', { withTimezone: true }),
    /** Optional join window set by the facilitator (UTC); outside it the code answers 410 saying which side. */
    joinFrom: timestamp('join_from', { withTimezone: true }),
    joinUntil: timestamp('join_until', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A code is unique among workshops that are not archived; archived ones keep theirs for the record.
  (t) => [uniqueIndex('workshops_active_join_code_idx').on(t.joinCode).where(sql`archived_at is null`)],
);

export const workshopFacilitators = pgTable(
  'workshop_facilitators',
  {
    workshopId: uuid('workshop_id').notNull().references(() => workshops.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<'owner' | 'co_facilitator'>().notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('workshop_facilitators_user_idx').on(t.userId)],
);

export const workshopParticipants = pgTable(
  'workshop_participants',
  {
    workshopId: uuid('workshop_id').notNull().references(() => workshops.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the person leaves: they drop out of dashboards and exports; their own progress stays theirs. */
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('workshop_participants_user_idx').on(t.userId)],
);

/**
 * A facilitator named an existing account in a participant list: that person is invited, not enrolled. They become a
 * participant only by accepting (the row is then deleted and a workshop_participants row written); declining deletes it.
 */
export const workshopInvitations = pgTable(
  'workshop_invitations',
  {
    workshopId: uuid('workshop_id').notNull().references(() => workshops.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('workshop_invitations_user_idx').on(t.userId)],
);

export const workshopAssignments = pgTable(
  'workshop_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id').notNull().references(() => workshops.id, { onDelete: 'cascade' }),
    moduleId: text('module_id').notNull().references(() => modules.id),
    /** UTC; entered and shown in the workshop's time zone. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workshop_assignments_module_idx').on(t.workshopId, t.moduleId)],
);

/**
 * One-time sign-in codes printed on slips for participants a facilitator added without email: used once to
 * set a password (the row is deleted on use). Only a hash of the code is stored.
 */
export const signInCodes = pgTable('sign_in_codes', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type WorkshopRow = typeof workshops.$inferSelect;
export type WorkshopAssignmentRow = typeof workshopAssignments.$inferSelect;

// ---- Certificates: issued once per person and course; revoked, never deleted ----
export const certificates = pgTable(
  'certificates',
  {
    /** Random and unguessable: it is the public verification address. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull().references(() => courses.id),
    /** The name exactly as printed (the person's display name when issued). */
    name: text('name').notNull(),
    locale: text('locale').notNull(),
    courseTitle: text('course_title').notNull(),
    /** Position in the revocation status list. */
    statusIndex: serial('status_index').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    credential: jsonb('credential').$type<Record<string, unknown>>(),
    verifyUrl: text('verify_url'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    supersededBy: text('superseded_by'),
  },
  (t) => [
    uniqueIndex('certificates_status_index_idx').on(t.statusIndex),
    uniqueIndex('certificates_active_idx').on(t.userId, t.courseId).where(sql`${t.revokedAt} is null`),
  ],
);
export type CertificateRow = typeof certificates.$inferSelect;

// ---- Jobs: the durable background queue (server/jobs/queue.ts) ----
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** Dedupe key: one queued or running job per (kind, key). */
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** 'queued' | 'running' | 'done' | 'failed' */
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    /** While running: the claim expires then (the worker died) and the job is claimed again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** 0-100 */
    progress: integer('progress').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_active_key_idx').on(t.kind, t.key).where(sql`${t.status} in ('queued', 'running')`),
    index('jobs_due_idx').on(t.status, t.runAfter),
  ],
);
export type JobRow = typeof jobs.$inferSelect;

// ---- Uploaded videos: an admin's own video for a tutorial, transcoded by the job queue into the same ladder ----
export const mediaUploads = pgTable(
  'media_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The storyboard tutorial this video belongs to (modules.tutorial_id). */
    tutorialId: text('tutorial_id').notNull(),
    /** Language spoken in the video. */
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    /** 'replace': learners get this instead of the rendered tutorial; 'beside': offered as another version. */
    placement: text('placement').$type<'replace' | 'beside'>().notNull().default('beside'),
    status: text('status').$type<'processing' | 'ready' | 'failed'>().notNull().default('processing'),
    originalName: text('original_name').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    durationSeconds: real('duration_seconds'),
    width: integer('width'),
    height: integer('height'),
    /** The finished output folder under DATA_DIR/media/uploads/<id>/, once ready. */
    outputDir: text('output_dir'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('media_uploads_tutorial_idx').on(t.tutorialId)],
);
export type MediaUploadRow = typeof mediaUploads.$inferSelect;

/** Captions attached to an uploaded video: validated and stored as WebVTT, one per locale. */
export const mediaCaptions = pgTable(
  'media_captions',
  {
    uploadId: uuid('upload_id').notNull().references(() => mediaUploads.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    vtt: text('vtt').notNull(),
    cueCount: integer('cue_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.locale] })],
);

// ---- City teams and the learning-city self-assessment (issue 17) ----
// A team is one city's group of people, in a workshop or on its own; the action plan (issue 17, items 3-5) will
// hang off city_teams.id as well.
export const cityTeams = pgTable(
  'city_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null: a team formed outside any workshop (a learner taking the course alone). */
    workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2, upper case (the workshops' list). */
    country: text('country').notNull(),
    /** 8 characters from the workshops' join-code alphabet, stored without the dash. */
    joinCode: text('join_code').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('city_teams_join_code_idx').on(t.joinCode), index('city_teams_workshop_idx').on(t.workshopId)],
);
export type CityTeamRow = typeof cityTeams.$inferSelect;

export const cityTeamMembers = pgTable(
  'city_team_members',
  {
    teamId: uuid('team_id').notNull().references(() => cityTeams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** The team's workshop, copied here so that the database itself keeps a person in one team per workshop. */
    workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('city_team_members_user_idx').on(t.userId),
    uniqueIndex('city_team_members_one_per_workshop_idx').on(t.workshopId, t.userId).where(sql`workshop_id is not null`),
  ],
);

/** One dated self-assessment of a team; a team repeats it later (a year on) and compares. */
export const cityAssessments = pgTable(
  'city_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id').notNull().references(() => cityTeams.id, { onDelete: 'cascade' }),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('city_assessments_team_date_idx').on(t.teamId, t.assessedOn)],
);
export type CityAssessmentRow = typeof cityAssessments.$inferSelect;

/** Who last changed one field of an action, and when (last write wins per field). */
export type FieldChange = { by: string; at: string };

/** A team's answer for one action of the framework (content/self-assessment/framework.yaml). */
export const cityAssessmentActions = pgTable(
  'city_assessment_actions',
  {
    assessmentId: uuid('assessment_id').notNull().references(() => cityAssessments.id, { onDelete: 'cascade' }),
    /** "<area>.<bullet>", e.g. "4.3". */
    actionId: text('action_id').notNull(),
    /** 0 not started, 1 planned, 2 started, 3 established, 4 embedded; null: not rated yet. */
    rating: integer('rating'),
    evidence: text('evidence'),
    link: text('link'),
    lead: text('lead'),
    /** Per field: { rating: { by: userId, at: ISO time }, ... }, merged on each save. */
    changes: jsonb('changes').$type<Record<string, FieldChange>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.actionId] }), check('city_assessment_actions_rating_check', sql`rating between 0 and 4`)],
);
export type CityAssessmentActionRow = typeof cityAssessmentActions.$inferSelect;

// ---- The city team's action plan (issue 17, items 3-4): sections defined in content/plan/sections.yaml ----

/** One field of a team's plan: last write wins per field, and the row says who wrote it last and when. */
export const cityPlanFields = pgTable(
  'city_plan_fields',
  {
    teamId: uuid('team_id').notNull().references(() => cityTeams.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    fieldId: text('field_id').notNull(),
    value: text('value'),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.sectionId, t.fieldId] })],
);
export type CityPlanFieldRow = typeof cityPlanFields.$inferSelect;

/** A comment on one section of a team's plan, by a member or a facilitator of the team's workshop. */
export const cityPlanComments = pgTable(
  'city_plan_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id').notNull().references(() => cityTeams.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('city_plan_comments_team_idx').on(t.teamId, t.sectionId)],
);

/** A read-only share link of a plan. Only the SHA-256 of its token is kept; revoking deletes the row. */
export const cityPlanShares = pgTable(
  'city_plan_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id').notNull().references(() => cityTeams.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('city_plan_shares_token_idx').on(t.tokenHash), index('city_plan_shares_team_idx').on(t.teamId)],
);

/**
 * Rate-limit counters (@fastify/rate-limit's store, server/http/rate-limit-store.ts): one row per limit and key, so
 * every process and machine on this database counts the same attempts. A row whose window has passed starts again at
 * 1 on its next hit; expired rows are swept now and then.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    /** `<limit>:<key>`, e.g. the sign-in limit per account and the account's normalised login. */
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_reset_idx').on(t.resetAt)],
);
