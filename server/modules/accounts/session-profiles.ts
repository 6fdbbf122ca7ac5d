// The person as the session check read them (the same row, the same query): `GET /api/me`, which every signed-in
// page asks first, answers from it instead of reading the person again. Keyed by the actor object the check made, so
// an entry lives exactly as long as that request's actor.
import type { Actor } from '../../http/auth.ts';
import type { User } from './accounts.schemas.ts';

const profiles = new WeakMap<Actor, User>();

export const rememberSessionProfile = (actor: Actor, user: User) => profiles.set(actor, user);
export const profileFromSessionCheck = (actor: Actor): User | undefined => profiles.get(actor);
