// Data factories for API tests: the people and workshops a test needs, made through the API as a person would.
import type { FastifyInstance } from 'fastify';
import { signUp, userWithRole, type TestUser } from './app.ts';
import { newWorkshop, type TestWorkshop } from './workshops.ts';

export { completeCourse } from './app.ts';
export { joinAs, newParticipant, newWorkshop } from './workshops.ts'; // newParticipant: a learner enrolled in a workshop

type PersonFields = Parameters<typeof signUp>[1];

/** A learner who has just signed up. */
export const newLearner = (app: FastifyInstance, fields: PersonFields = {}): Promise<TestUser> => signUp(app, fields);

/** A person an admin has made a facilitator. */
export const newFacilitator = (app: FastifyInstance, fields: PersonFields = {}): Promise<TestUser> =>
  userWithRole(app, 'facilitator', fields);

/** A person an admin has made an admin. */
export const newAdmin = (app: FastifyInstance, fields: PersonFields = {}): Promise<TestUser> =>
  userWithRole(app, 'admin', fields);

/** A facilitator and the running workshop they own (`overrides` change the workshop's fields). */
export async function newFacilitatorWithWorkshop(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
  fields: PersonFields = {},
): Promise<{ facilitator: TestUser; workshop: TestWorkshop }> {
  const facilitator = await newFacilitator(app, fields);
  return { facilitator, workshop: await newWorkshop(app, facilitator, overrides) };
}
