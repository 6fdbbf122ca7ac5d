import { layoutData } from '$lib/server/layout-data.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => layoutData(event);
