// The drizzle schema: the one source of row types, one file per domain in server/db/schema/. Migrations are
// generated from it (npm run db:generate; drizzle.config.ts points here), and code imports tables from here.
export * from './schema/accounts.ts';
export * from './schema/catalog.ts';
export * from './schema/enrolment.ts';
export * from './schema/quizzes.ts';
export * from './schema/progress.ts';
export * from './schema/workshops-table.ts';
export * from './schema/workshops.ts';
export * from './schema/certificates.ts';
export * from './schema/jobs.ts';
export * from './schema/media.ts';
export * from './schema/teams.ts';
export * from './schema/rate-limits.ts';
