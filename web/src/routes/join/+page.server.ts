import { fail, redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

/** Where sign-up and sign-in send a person back to: this page, with the code they came with. */
const backHere = (code: string) => encodeURIComponent(`/join${code ? `?code=${encodeURIComponent(code)}` : ''}`);

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  const code = (url.searchParams.get('code') ?? '').slice(0, 40);
  // The workshop the code leads to, named before the person signs up or joins (only what a code holder may see).
  const preview = code
    ? await settle(apiClient(event).GET('/api/workshops/join-preview', { params: { query: { code } } }))
    : null;
  return {
    code,
    signedIn: !!locals.user,
    preview: preview?.ok ? preview.data : null,
    previewError: preview && !preview.ok ? errorText(preview.error) : null,
    signupHref: `/signup?redirectTo=${backHere(code)}`,
    signinHref: `/signin?redirectTo=${backHere(code)}`,
    slipHref: `/signin/code?redirectTo=${backHere(code)}`,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'code');
    requireSignedIn(event.locals, new URL(`/join?code=${encodeURIComponent(values.code)}`, event.url));
    const res = await settle(apiClient(event).POST('/api/workshops/join', { body: { code: values.code } }));
    if (!res.ok) return fail(res.status, { error: errorText(res.error), values });
    redirect(303, `/workshops/${res.data.workshopId}?done=joined`);
  },
};
