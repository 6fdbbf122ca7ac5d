// Who may manage other people's accounts. Deny unless a rule grants.
// Signing up, signing in and redeeming a slip are open to anyone (what proves who they are is the password or the
// code). The /api/me routes act on the caller's own account, named by the session, so no object needs a rule. Admins
// list people and change their roles. A new sign-in slip (which replaces a password once used) follows maySlip below.
// First-admin setup is guarded by the one-time token the server prints, not by a person (accounts.service.ts).
import type { UserRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { Forbidden, Unauthorized } from '../../http/errors.ts';

export type AccountAction = 'users.manage'; // list and search people, change a person's role

export function allows(actor: Actor | null, action: AccountAction): boolean {
  if (!actor) return false;
  switch (action) {
    case 'users.manage':
      return actor.role === 'admin';
  }
}

/** Checks the action; every account service method for admins starts here (the route guard refuses the same people first). */
export function requireAccountAccess(actor: Actor | null, action: AccountAction): asserts actor is Actor {
  if (allows(actor, action)) return;
  throw actor ? Forbidden() : Unauthorized();
}

/**
 * Who may give whom a new slip (which replaces their password once used). The one rule, for every route:
 * - nobody, for an admin;
 * - an admin, for anyone else;
 * - a facilitator acting for a workshop (the caller has checked they manage it), only for a learner that workshop's
 *   import created and who has never chosen a password: never for a self-registered account, another workshop's
 *   import, someone who used their slip, a facilitator or an admin.
 * Its list filter is slipEligible (sign-in-codes.ts): the participant list offers the button only where this allows.
 */
export type SlipGiver = { actor: Actor; workshopId: string | null };
export type SlipTarget = Pick<UserRow, 'role' | 'createdByWorkshopId' | 'passwordSetAt'>;

export function maySlip(giver: SlipGiver, target: SlipTarget): boolean {
  if (target.role === 'admin') return false;
  if (giver.actor.role === 'admin') return true;
  return (
    giver.actor.role === 'facilitator' &&
    giver.workshopId !== null &&
    target.role === 'learner' &&
    target.createdByWorkshopId === giver.workshopId &&
    target.passwordSetAt === null
  );
}

/** Why a slip is refused: an admin is nobody's to reset; anyone else's slip is for an admin to give. */
export const slipRefused = (target: Pick<UserRow, 'role' | 'name'>) =>
  target.role === 'admin'
    ? Forbidden(
        `${target.name} is an admin: an admin's password cannot be reset with a slip. They can change it on their account page, or on the server with npm run admin:create.`,
        'auth.slip_not_for_admin',
      )
    : Forbidden(
        `Only an admin can give ${target.name} a new sign-in slip: this workshop's list did not create the account, or its owner has chosen their own password.`,
        'auth.slip_not_allowed',
      );

/** Checks maySlip; the service method that prints a slip starts here, once it has found the person. */
export function requireSlip(giver: SlipGiver, target: SlipTarget & Pick<UserRow, 'name'>): void {
  if (!maySlip(giver, target)) throw slipRefused(target);
}
