// A lesson reads the same for everyone in one language: its body is built once per content version and language and
// kept here, already serialised, with an ETag. Only the person's part (status, enrolment) is read per request.
import crypto from 'node:crypto';
import { SingleFlight } from '../../shared/single-flight.ts';
import { RECENT_READ_MS, RecentReads } from './recent-reads.ts';
import { BoundedMap } from '../../shared/bounded-map.ts';

/**
 * How long an anonymous reader's lesson may rest on the content version read for an earlier reader: an import by
 * another process (the content CLI, another worker) reaches anonymous readers within this time; signed-in readers read
 * the version with their own state, and an import by this process is seen at once.
 */
export const VERSION_TTL_MS = RECENT_READ_MS;

export type LessonPayload = {
  /** The content version (the hash of the import) it was built from. */
  version: string;
  courseId: string;
  /** The JSON body without its closing brace: the person's status is appended per request, no re-serialising. */
  head: string;
  /** Hash of `head`: the same bytes give the same tag, whatever the version. */
  tag: string;
};

/** A bounded map (least recently used out first) of built lesson bodies, per app. */
export class LessonPayloads {
  readonly #entries: BoundedMap<string, LessonPayload>;
  constructor(readonly max = 500) {
    this.#entries = new BoundedMap(max);
  }

  get(lessonId: string, wanted: string | undefined): LessonPayload | undefined {
    const key = `${lessonId}\u0000${wanted ?? ''}`;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.set(key, entry); // most recently used
    return entry;
  }

  set(
    lessonId: string,
    wanted: string | undefined,
    body: Record<string, unknown>,
    version: string,
    courseId: string,
  ): LessonPayload {
    const head = JSON.stringify(body).slice(0, -1);
    const entry = {
      version,
      courseId,
      head,
      tag: crypto.createHash('sha1').update(head).digest('base64url').slice(0, 20),
    };
    const key = `${lessonId}\u0000${wanted ?? ''}`;
    this.#entries.set(key, entry);
    return entry;
  }

  get size() {
    return this.#entries.size;
  }

  readonly #building = new SingleFlight<string, LessonPayload>();
  /**
   * The body as `build` makes it, or as a build already under way for the same lesson and language will: a room
   * opening a lesson nobody has read yet builds it once, not once per person (each build reads the lesson, its module
   * and the course's outline).
   */
  buildOnce(lessonId: string, wanted: string | undefined, build: () => Promise<LessonPayload>): Promise<LessonPayload> {
    return this.#building.run(`${lessonId}\u0000${wanted ?? ''}`, build);
  }

  readonly #version = new RecentReads<string>(1);
  /** The content version as `read` gives it, read again when older than VERSION_TTL_MS or after an import here. */
  recentVersion(read: () => Promise<string>, now = Date.now()): Promise<string> {
    return this.#version.get('', read, now);
  }

  /** A version just read from the database (with a person's state, or to build a body): anonymous readers follow it. */
  sawVersion(version: string, now = Date.now()) {
    this.#version.set('', version, now);
  }
}

/** The body and its ETag for one person: the shared part with their status appended. */
export function personalise(payload: LessonPayload, status: string | null) {
  return {
    etag: `W/"${payload.tag}-${status ?? 'anonymous'}"`,
    body: `${payload.head},"status":${JSON.stringify(status)}}`,
  };
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}
