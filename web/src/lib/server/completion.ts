// The signed-in learner's certificate for a course, for the "Your certificate" box (course page, My learning).
import type { RequestEvent } from '@sveltejs/kit';
import type { CertificateBody } from '$server/modules/certificates/certificates.schemas.ts';
import { api } from './api.ts';

/** The id of the learner's valid certificate for this course, or null (not signed in, not complete, not issued yet). */
export async function certificateIdFor(event: RequestEvent, course: { id: string; completed: boolean | null }): Promise<string | null> {
  if (!event.locals.user || !course.completed) return null;
  const res = await api<CertificateBody[]>(event, 'GET', '/api/certificates');
  return res.ok ? (res.data.find((c) => c.courseId === course.id && c.status === 'valid')?.id ?? null) : null;
}
