// Workshop factories for tests: a workshop made through the API by a facilitator, people who join it.
import type { FastifyInstance } from 'fastify';
import { injectAs, signUp, type TestUser } from './app.ts';

/** Dates around today, so a new workshop is running (the join rules depend on it). */
export const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const workshopInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'CLC capacity-building workshop, Kampot',
  city: 'Kampot',
  country: 'KH',
  locale: 'km',
  timeZone: 'Asia/Phnom_Penh',
  startsOn: dayFromToday(-1),
  endsOn: dayFromToday(3),
  ...overrides,
});

export type TestWorkshop = { id: string; joinCode: string; joinUrl: string; [key: string]: unknown };

export async function newWorkshop(
  app: FastifyInstance,
  facilitator: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<TestWorkshop> {
  const res = await injectAs(app, facilitator, {
    method: 'POST',
    url: '/api/workshops',
    payload: workshopInput(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`workshop not created ${res.statusCode}: ${res.body}`);
  return res.json();
}

export async function joinAs(app: FastifyInstance, user: TestUser, code: string) {
  return injectAs(app, user, { method: 'POST', url: '/api/workshops/join', payload: { code } });
}

/** A new learner who has joined the workshop. */
export async function newParticipant(
  app: FastifyInstance,
  workshop: TestWorkshop,
  fields: Parameters<typeof signUp>[1] = {},
) {
  const user = await signUp(app, fields);
  const res = await joinAs(app, user, workshop.joinCode);
  if (res.statusCode !== 201) throw new Error(`join failed ${res.statusCode}: ${res.body}`);
  return user;
}
