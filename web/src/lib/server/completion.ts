// The signed-in learner's certificate for a course, for the "Your certificate" box (course page, My learning).
import type { RequestEvent } from '@sveltejs/kit';
import { apiClient, settle } from './api.ts';

/** The id of the learner's valid certificate for this course, or null (not signed in, not complete, not issued yet). */
export async function certificateIdFor(
  event: RequestEvent,
  course: { id: string; completed: boolean | null },
): Promise<string | null> {
  if (!event.locals.user || !course.completed) return null;
  const res = await settle(apiClient(event).GET('/api/certificates'));
  return res.ok ? (res.data.find((c) => c.courseId === course.id && c.status === 'valid')?.id ?? null) : null;
}
