import { shareWhenAnonymous } from '$lib/server/shared-render.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => shareWhenAnonymous(event);
