// Who may ask for, read and revoke a certificate, and which certificates a list may show. Deny unless a rule grants.
// Anyone signed in asks for their own certificate of a course (it is issued when the course is complete: that is a
// course rule, in the service). A certificate is read (with its PDF and signed credential) by its owner and by admins;
// anyone else is told it does not exist. Only admins revoke. Verifying, the issuer's keys and the revocation list are
// public: they show only what is printed on a certificate, so no rule guards them.
import type { Db } from '../../db/client.ts';
import type { CertificateRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { Forbidden, NotFound, Unauthorized } from '../../http/errors.ts';
import * as repo from './certificates.repository.ts';

export type CertificateAction =
  | 'certificate.issue' // ask for one's own certificate of a course
  | 'certificate.read' // read a certificate, download its PDF and its signed credential
  | 'certificate.revoke'; // revoke a certificate, with the reason

export function allows(
  actor: Actor | null,
  action: CertificateAction,
  certificate?: Pick<CertificateRow, 'userId'>,
): boolean {
  if (!actor) return false;
  switch (action) {
    case 'certificate.issue':
      return true;
    case 'certificate.read':
      return !!certificate && (certificate.userId === actor.id || actor.role === 'admin');
    case 'certificate.revoke':
      return actor.role === 'admin';
  }
}

export const certificateNotFound = () => NotFound('This certificate', 'certificates.not_found');

/** Checks an action that names no certificate yet ('certificate.issue'). */
export function requireCertificateAction(actor: Actor | null, action: 'certificate.issue'): asserts actor is Actor {
  if (!allows(actor, action)) throw Unauthorized();
}

/**
 * Loads the certificate and checks the action; every certificate service method that names one starts here.
 * A certificate the actor may not read is reported as not found; one they may not revoke, as forbidden.
 */
export async function requireCertificate(
  db: Db,
  actor: Actor,
  action: 'certificate.read' | 'certificate.revoke',
  id: string,
): Promise<CertificateRow> {
  const row = await repo.findCertificate(db, id);
  if (action === 'certificate.read') {
    if (!row || !allows(actor, action, row)) throw certificateNotFound();
    return row;
  }
  if (!allows(actor, action, row)) throw Forbidden(); // as the route's guard answers
  if (!row) throw certificateNotFound();
  return row;
}

/**
 * The list filter for "my certificates": the actor's own. An admin reads anyone's certificate by its id but lists only
 * their own here, so the list never shows a certificate its detail route would refuse.
 */
export function ownCertificatesFilter(actor: Actor): { userId: string } {
  return { userId: actor.id };
}
