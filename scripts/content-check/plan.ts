// content:check for the action plan's sections (content/plan/): the same check the server runs at first use.
import { checkPlanSections } from '../../server/modules/teams/plan-sections.ts';

export const planProblems = (dir: string) => checkPlanSections(dir).problems;
