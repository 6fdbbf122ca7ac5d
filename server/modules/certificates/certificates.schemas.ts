import { Type, type Static } from 'typebox';

export const CertificateParams = Type.Object(
  { id: Type.String({ pattern: '^[a-f0-9]{20}$', description: 'Certificate id' }) },
  { additionalProperties: false },
);
/** Any text may arrive at the public verify route; unknown ids answer "unknown", not 400. */
export const VerifyParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const IssueBody = Type.Object(
  { courseId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const RevokeBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);

export const Certificate = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  name: Type.String(),
  locale: Type.String(),
  issuedOn: Type.String({ format: 'date' }),
  verifyUrl: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revokedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type CertificateBody = Static<typeof Certificate>;
export const CertificateList = Type.Array(Certificate);

/** What the public sees: only what is printed on the certificate. */
export const Verification = Type.Object({
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('unknown')]),
  name: Type.Optional(Type.String()),
  course: Type.Optional(Type.String()),
  issuedOn: Type.Optional(Type.String({ format: 'date' })),
  issuer: Type.Optional(Type.String()),
  revokedOn: Type.Optional(Type.String({ format: 'date' })),
  reason: Type.Optional(Type.String()),
});
export type VerificationBody = Static<typeof Verification>;

/** The issuer's public keys at /.well-known/issuer-keys.json. Public keys only: the schema lets no private field through. */
export const IssuerKeys = Type.Object({
  issuer: Type.String(),
  keys: Type.Array(
    Type.Object({ kty: Type.String(), crv: Type.String(), x: Type.String(), kid: Type.Optional(Type.String()) }),
  ),
});
export type IssuerKeysBody = Static<typeof IssuerKeys>;
