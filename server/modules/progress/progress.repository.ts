// All SQL for progress: the event log and the state derived from it.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { preparedSql, type Bound } from '../../db/prepared.ts';
import { lessonProgress, progressEvents } from '../../db/schema.ts';

export type EventRow = typeof progressEvents.$inferInsert;

/**
 * One lesson's state from a set of its events, as aggregates over rows with columns type, at, seconds, and `range`
 * (one watched range per row, null for other events: rangesOf joins the events' ranges in). The same rules as
 * deriveLessonState (lesson-state.ts): earliest event opens, earliest completion completes, the latest position wins
 * (the furthest one when two share a time, so the order the events arrive in never matters), ranges are merged.
 */
const stateOfEvents = sql`
  min(at) as opened_at,
  min(at) filter (where type = 'lesson.completed') as completed_at,
  max(at) as last_active_at,
  (array_agg(seconds order by at desc, seconds desc) filter (where type = 'position' and seconds is not null))[1] as position_seconds,
  max(at) filter (where type = 'position' and seconds is not null) as position_at,
  ${mergedRanges(sql`coalesce(jsonb_agg(pair) filter (where pair is not null), '[]'::jsonb)`)} as watched_ranges`;

/** Each event's watched ranges, one per row (one row with a null range for an event without any). */
const rangesOf = (events: SQL) =>
  sql`left join lateral jsonb_array_elements(case when ${events}.type = 'video.watched' then ${events}.ranges end) as ranges(pair) on true`;

/**
 * The union of a jsonb array of [from, to] pairs, sorted and merged as mergeRanges does (overlapping or touching
 * ranges join; empty ones drop): a new range starts where its start passes every end before it.
 */
function mergedRanges(pairs: SQL) {
  return sql`(select coalesce(jsonb_agg(jsonb_build_array(s, e) order by s), '[]'::jsonb) from (
    select min(a) as s, max(b) as e from (
      select a, b, sum(starts) over (order by a, b rows unbounded preceding) as island from (
        select a, b, case when a <= max(b) over (order by a, b rows between unbounded preceding and 1 preceding) then 0 else 1 end as starts
        from (select (p->>0)::numeric as a, (p->>1)::numeric as b from jsonb_array_elements(${pairs}) as p) as pairs where b > a
      ) as marked
    ) as islands group by island
  ) as merged)`;
}

const newPositionWins = sql`excluded.position_at is not null and (old.position_at is null or old.position_seconds is null
  or excluded.position_at > old.position_at or (excluded.position_at = old.position_at and excluded.position_seconds >= old.position_seconds))`;

/**
 * Stores a batch in one statement: inserts the events not seen before and folds those into the learners' lesson
 * state (created, or updated from the stored state and the new events alone). The events' and the states' row locks
 * are taken in one order (events by id, states by lesson), so two devices sending at once wait for each other
 * instead of interleaving: no advisory lock, no transaction around several round trips. The same statement checks
 * that every lesson named exists (not retired): if one does not, nothing is stored and `lessonsKnown` is false.
 * The batch arrives as one array per column, so the statement's text is the same for every batch: it is prepared
 * once (server/db/prepared.ts). Returns how many events were new.
 */
export async function recordBatch(
  db: DbOrTx,
  userId: string,
  rows: Omit<EventRow, 'userId'>[],
): Promise<{ lessonsKnown: boolean; accepted: number }> {
  if (!rows.length) return { lessonsKnown: true, accepted: 0 };
  const result = await recordBatchStatement(db).execute({
    userId,
    ids: rows.map((e) => e.id),
    types: rows.map((e) => e.type),
    lessonIds: rows.map((e) => e.lessonId),
    ats: rows.map((e) => e.at.toISOString()),
    ranges: rows.map((e) => (e.ranges ? JSON.stringify(e.ranges) : null)),
    seconds: rows.map((e) => e.seconds ?? null),
  });
  const [row] = rowsOf<{ known: boolean; accepted: number }>(result);
  return { lessonsKnown: row.known, accepted: Number(row.accepted) };
}

const recordBatchStatement = preparedSql(
  'progress_record_batch',
  sql`
    with batch as (
      select * from unnest(
        ${sql.placeholder('ids')}::uuid[], ${sql.placeholder('types')}::text[], ${sql.placeholder('lessonIds')}::text[],
        ${sql.placeholder('ats')}::timestamptz[], ${sql.placeholder('ranges')}::jsonb[], ${sql.placeholder('seconds')}::integer[]
      ) as b(id, type, lesson_id, at, ranges, seconds)
    ),
    known as (
      select count(*) = (select count(distinct lesson_id) from batch) as ok from lessons
      where id in (select lesson_id from batch) and retired_at is null
    ),
    inserted as (
      insert into progress_events (id, user_id, type, lesson_id, at, ranges, seconds)
      select id, ${sql.placeholder('userId')}::uuid, type, lesson_id, at, ranges, seconds from batch
      where (select ok from known) order by id
      on conflict do nothing
      returning lesson_id, type, at, ranges, seconds
    ),
    states as (
      select lesson_id, ${stateOfEvents} from inserted ${rangesOf(sql`inserted`)} group by lesson_id
    ),
    upserted as (
      insert into lesson_progress as old (user_id, lesson_id, opened_at, completed_at, last_active_at, position_seconds, position_at, watched_ranges)
      select ${sql.placeholder('userId')}::uuid, lesson_id, opened_at, completed_at, last_active_at, position_seconds, position_at, watched_ranges from states order by lesson_id
      on conflict (user_id, lesson_id) do update set
        opened_at = least(old.opened_at, old.last_active_at, excluded.opened_at),
        completed_at = least(old.completed_at, excluded.completed_at),
        last_active_at = greatest(old.last_active_at, excluded.last_active_at),
        position_seconds = case when ${newPositionWins} then excluded.position_seconds else old.position_seconds end,
        position_at = case when ${newPositionWins} then excluded.position_at else old.position_at end,
        watched_ranges = case when excluded.watched_ranges = '[]'::jsonb then old.watched_ranges else ${mergedRanges(sql`old.watched_ranges || excluded.watched_ranges`)} end
      returning 1
    )
    select (select ok from known) as known, (select count(*) from inserted)::integer as accepted, (select count(*) from upserted)::integer as lessons`,
);

/** node-postgres answers { rows }, PGlite an array-like result with rows too; drizzle's execute passes either through. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** Derives every learner's lesson state from the whole log in one statement (the rebuild); returns how many learners. */
export async function rebuildLessonStates(db: DbOrTx): Promise<number> {
  await db.delete(lessonProgress);
  await db.execute(sql`
    insert into lesson_progress (user_id, lesson_id, opened_at, completed_at, last_active_at, position_seconds, position_at, watched_ranges)
    select user_id, lesson_id, ${stateOfEvents} from progress_events ${rangesOf(sql`progress_events`)} group by user_id, lesson_id`);
  const [{ learners }] = await db
    .select({ learners: sql<number>`count(distinct ${progressEvents.userId})::integer` })
    .from(progressEvents);
  return learners;
}

export const lessonStatesOf = (db: DbOrTx, userId: string) =>
  db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));

export async function lessonStates(db: DbOrTx, userId: string, lessonIds: string[]) {
  if (!lessonIds.length) return [];
  return db
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, lessonIds)));
}

export type LessonStateRow = typeof lessonProgress.$inferSelect;

/** One learner's state of one lesson as a subquery (at most one row), to be read in the same round trip as other things. */
export const lessonStateSubquery = (db: DbOrTx, userId: Bound<string>, lessonId: Bound<string>) =>
  db
    .select({
      openedAt: lessonProgress.openedAt,
      completedAt: lessonProgress.completedAt,
      watchedRanges: lessonProgress.watchedRanges,
    })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));

/** Lesson state of many learners at once (workshop dashboards). */
/**
 * Many learners' lesson states, only the columns a status without a video duration and the last activity need:
 * a 500-person dashboard reads some 10,000 rows, and parsing the watched ranges and the other timestamps was most of its time.
 */
export async function lessonStatesOfMany(db: DbOrTx, userIds: string[], lessonIds: string[]) {
  if (!userIds.length || !lessonIds.length) return [];
  return db
    .select({
      userId: lessonProgress.userId,
      lessonId: lessonProgress.lessonId,
      completedAt: lessonProgress.completedAt,
      lastActiveAt: lessonProgress.lastActiveAt,
    })
    .from(lessonProgress)
    .where(and(inArray(lessonProgress.userId, userIds), inArray(lessonProgress.lessonId, lessonIds)));
}
