import { redirect } from '@sveltejs/kit';
import { verifyPathOf } from '$lib/certificates/code.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const code = url.searchParams.get('code');
  if (code === null) return { code: '', notACode: false };
  const target = verifyPathOf(code);
  // A redirect keeps the #p= part, so the signature is checked on the next page.
  if (target) redirect(303, target);
  return { code, notACode: true };
};
