import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import { fail, redirect } from '@sveltejs/kit';
import type { CertificateBody } from '$server/modules/certificates/certificates.schemas.ts';
import { api } from '$lib/server/api.ts';
import { certificateIdFor } from '$lib/server/completion.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const course = await fetchOrFail<CourseDetailBody>(event, `/api/courses/${encodeURIComponent(event.params.courseId)}`);
  return { course, certificateId: await certificateIdFor(event, course) };
};

export const actions: Actions = {
  certificate: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await api<CertificateBody>(event, 'POST', '/api/certificates', { courseId: event.params.courseId });
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    redirect(303, `/certificates/${res.data.id}`);
  },
};
