// Certificates: issued once when the course is complete, signed three ways (Open Badges 3.0 credential,
// QR payload, PDF carrying both), verifiable by anyone; revoked with a reason, never deleted.
import { randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { CertificateRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { printableName } from '../../http/text.ts';
import { getCourse } from '../catalog/catalog.service.ts';
import { courseCompletion } from '../learning/learning.service.ts';
import type { Issuer } from './issuer.ts';
import { PDF_LABELS } from './labels.ts';
import { renderCertificatePdf } from './pdf.ts';
import { createQrPayload } from './qr-payload.ts';
import { statusListCredential } from './status-list.ts';
import { ownCertificatesFilter, requireCertificate, requireCertificateAction } from './certificates.permissions.ts';
import * as repo from './certificates.repository.ts';
import type { CertificateBody, VerificationBody } from './certificates.schemas.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

function toCertificate(row: CertificateRow): CertificateBody {
  return {
    id: row.id,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    name: row.name,
    locale: row.locale,
    issuedOn: day(row.issuedAt),
    verifyUrl: row.verifyUrl ?? '',
    status: row.revokedAt ? 'revoked' : 'valid',
    revokedOn: row.revokedAt ? day(row.revokedAt) : null,
    reason: row.revokedReason,
  };
}

type NewCertificate = {
  userId: string;
  name: string;
  courseId: string;
  locale: string;
  courseTitle: string;
  courseSummary: string;
};

/** Inserts a certificate and signs it (credential and QR payload) in the caller's transaction; null when one is already active. */
async function createSignedCertificate(tx: DbOrTx, issuer: Issuer, certificate: NewCertificate) {
  // A name stored before the name rule existed may hold control characters: it is certified without them.
  const c = { ...certificate, name: printableName(certificate.name) };
  const id = randomBytes(10).toString('hex');
  const created = await repo.insertCertificate(tx, {
    id,
    userId: c.userId,
    courseId: c.courseId,
    name: c.name,
    locale: c.locale,
    courseTitle: c.courseTitle,
  });
  if (!created) return null; // issued at the same moment by another request
  const issuedOn = day(created.issuedAt);
  const { issueCertificateCredential } = await import('./credential.ts');
  const credential = await issueCertificateCredential(
    {
      certificateId: id,
      issuerUrl: issuer.url,
      issuerName: issuer.name,
      learner: { name: c.name },
      course: {
        id: c.courseId,
        title: c.courseTitle,
        description: c.courseSummary,
        criteria: 'Completed every module of the course: all lessons read and every module quiz passed.',
        inLanguage: c.locale,
        url: `${issuer.url}/courses/${c.courseId}`,
      },
      issuedOn,
      statusListIndex: created.statusIndex,
    },
    { signingKey: issuer.signingKey, issuerPublicKeys: issuer.publicKeys },
  );
  const qr = createQrPayload(
    { certificateId: id, name: c.name, courseId: c.courseId, courseTitle: c.courseTitle, issuedOn },
    { signingKey: issuer.signingKey, publicUrl: issuer.url },
  );
  await repo.completeCertificate(tx, id, credential, qr.url);
  return { ...created, credential, verifyUrl: qr.url };
}

/**
 * After a name change, each valid certificate with the old name is replaced: a new one (new id) with the
 * new name, and the old one revoked as "superseded" — in one transaction per certificate.
 */
export async function reissueAfterNameChange(db: DbOrTx, issuer: Issuer, userId: string, name: string) {
  const active = (await repo.certificatesOf(db, userId)).filter((c) => !c.revokedAt && c.name !== printableName(name));
  for (const old of active) {
    const course = await getCourse(db as Db, old.courseId, old.locale);
    await db.transaction(async (tx) => {
      if (!(await repo.revokeCertificate(tx, old.id, 'superseded'))) return;
      const fresh = await createSignedCertificate(tx, issuer, {
        userId,
        name,
        courseId: old.courseId,
        locale: old.locale,
        courseTitle: old.courseTitle,
        courseSummary: course.summary,
      });
      if (fresh) await repo.markSuperseded(tx, old.id, fresh.id);
    });
  }
}

/** Issues the certificate once the course is complete; asking again returns the same one. */
export async function issueCertificate(
  db: Db,
  issuer: Issuer,
  actor: Actor & { name: string },
  courseId: string,
  locale: string,
) {
  requireCertificateAction(actor, 'certificate.issue');
  const existing = await repo.activeCertificate(db, actor.id, courseId);
  if (existing) return { created: false, certificate: toCertificate(existing) };
  const { course, completed, missing } = await courseCompletion(db, actor.id, courseId, locale);
  if (!completed) {
    throw new AppError(
      403,
      'certificates.not_complete',
      `The certificate comes when every module is complete (its lessons read and its quiz passed). Still to do: ${missing.join('; ')}.`,
      { missing },
    );
  }
  const row = await db.transaction((tx) =>
    createSignedCertificate(tx, issuer, {
      userId: actor.id,
      name: actor.name,
      courseId,
      locale: course.locale,
      courseTitle: course.title,
      courseSummary: course.summary,
    }),
  );
  const final = row ?? (await repo.activeCertificate(db, actor.id, courseId));
  if (!final)
    throw Conflict('certificates.busy', 'The certificate is being issued in another window. Reload the page.');
  return { created: !!row, certificate: toCertificate(final) };
}

export async function myCertificates(db: Db, actor: Actor) {
  return (await repo.certificatesOf(db, ownCertificatesFilter(actor).userId)).map(toCertificate);
}

export async function getCertificate(db: Db, actor: Actor, id: string) {
  return toCertificate(await requireCertificate(db, actor, 'certificate.read', id));
}

export async function certificateCredential(db: Db, actor: Actor, id: string) {
  const row = await requireCertificate(db, actor, 'certificate.read', id);
  if (!row.credential) throw NotFound('This credential', 'certificates.not_found');
  return row.credential;
}

export async function certificatePdf(db: Db, issuer: Issuer, actor: Actor, id: string) {
  const row = await requireCertificate(db, actor, 'certificate.read', id);
  return renderCertificatePdf({
    name: printableName(row.name),
    courseTitle: row.courseTitle,
    locale: row.locale,
    issuedOn: day(row.issuedAt),
    issuerName: issuer.name,
    certificateNumber: row.id,
    verifyUrl: row.verifyUrl ?? `${issuer.url}/verify/${row.id}`,
    labels: PDF_LABELS[row.locale],
  });
}

/** The public check: only what is printed on the certificate. */
export async function verifyCertificate(db: Db, issuer: Issuer, id: string): Promise<VerificationBody> {
  const row = /^[a-f0-9]{20}$/.test(id) ? await repo.findCertificate(db, id) : undefined;
  if (!row) return { status: 'unknown' };
  const printed = { name: row.name, course: row.courseTitle, issuedOn: day(row.issuedAt), issuer: issuer.name };
  if (row.revokedAt)
    return { status: 'revoked', ...printed, revokedOn: day(row.revokedAt), reason: row.revokedReason ?? '' };
  return { status: 'valid', ...printed };
}

export async function revokeCertificate(db: Db, actor: Actor, id: string, reason: string) {
  const row = await requireCertificate(db, actor, 'certificate.revoke', id);
  if (row.revokedAt)
    throw Conflict('certificates.already_revoked', `This certificate was already revoked on ${day(row.revokedAt)}.`);
  const trimmed = reason.trim();
  if (trimmed.length < 3)
    throw BadRequest('certificates.reason_required', 'Give the reason for revoking, in a few words.', [
      { field: 'body.reason' },
    ]);
  return toCertificate((await repo.revokeCertificate(db, id, trimmed))!);
}

export async function revocationList(db: Db, issuer: Issuer) {
  return statusListCredential(issuer, await repo.revokedStatusIndexes(db));
}
