import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCredential, signCredential } from '../../../server/modules/certificates/credential.ts';
import { publicKeySet } from '../../../server/modules/certificates/issuer-key-documents.ts';
import { renderCertificatePdf } from '../../../server/modules/certificates/pdf.ts';
import { createQrPayload } from '../../../server/modules/certificates/qr-payload.ts';
import { COURSE, ISSUER_URL, NAMES, PUBLIC_URL, makeIssuer } from '../../unit/certificates/fixtures.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lca-cert-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = { ...process.env, PUBLIC_URL: ISSUER_URL, DATA_DIR: dir, CERT_ISSUER_KEYS: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cert-verify.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

t.test('cert-verify CLI: PDF, credential JSON, QR text; valid and not', async (t) => {
  const { keyring, signingKey, publicKeys } = await makeIssuer();
  const keysFile = join(dir, 'issuer-keys.json');
  writeFileSync(keysFile, JSON.stringify(keyring)); // the keyring file itself works (only public parts are read)
  const pubFile = join(dir, 'public-keys.json');
  writeFileSync(pubFile, JSON.stringify(publicKeySet(keyring)));

  const name = NAMES.km;
  const q = createQrPayload(
    { certificateId: 'LCA-2026-000123', name, courseId: COURSE.id, courseTitle: COURSE.title, issuedOn: '2026-03-14' },
    { signingKey, publicUrl: PUBLIC_URL },
  );
  const pdf = await renderCertificatePdf({
    name,
    courseTitle: COURSE.title,
    locale: 'km',
    issuedOn: '2026-03-14',
    issuerName: 'Learning Cities Academy',
    certificateNumber: 'LCA-2026-000123',
    verifyUrl: q.url,
  });
  const pdfFile = join(dir, 'cert.pdf');
  writeFileSync(pdfFile, pdf);
  const cred = await signCredential(
    buildCredential({
      certificateId: 'LCA-2026-000123',
      issuerUrl: ISSUER_URL,
      issuerName: 'Learning Cities Academy',
      learner: { name },
      course: { ...COURSE, inLanguage: 'km' },
      issuedOn: '2026-03-14',
      statusListIndex: 7,
    }),
    { signingKey, issuerPublicKeys: publicKeys, issuerUrl: ISSUER_URL },
  );
  const credFile = join(dir, 'cred.json');
  writeFileSync(credFile, JSON.stringify(cred));
  const badCred = structuredClone(cred);
  badCred.validFrom = '2025-01-01T00:00:00Z';
  const badCredFile = join(dir, 'bad.json');
  writeFileSync(badCredFile, JSON.stringify(badCred));
  const badPdfFile = join(dir, 'bad.pdf');
  writeFileSync(
    badPdfFile,
    Buffer.from(
      pdf.toString('latin1').replaceAll(q.url, q.url.replace('LCA-2026-000123#', 'LCA-2026-000124#')),
      'latin1',
    ),
  );

  let r = cli(pdfFile, '--keys', keysFile);
  t.equal(r.code, 0, 'PDF valid');
  t.match(r.out, /^VALID/);
  t.match(r.out, new RegExp(`signed name:\\s+${name}`));
  r = cli(badPdfFile, '--keys', pubFile);
  t.equal(r.code, 1, 'PDF with an altered certificate number is not valid');
  t.match(r.out, /NOT VALID[\s\S]*signature does not match/);
  r = cli(credFile, '--keys', pubFile);
  t.equal(r.code, 0, 'credential valid');
  t.match(r.out, /VALID[\s\S]*key https:\/\/academy\.example\.org\/issuer#key-1/);
  r = cli(badCredFile, '--keys', pubFile);
  t.equal(r.code, 1, 'edited credential not valid');
  t.match(r.out, /NOT VALID[\s\S]*reason: /);
  r = cli(q.url, '--keys', pubFile);
  t.equal(r.code, 0, 'QR text valid');
  r = cli('complete garbage', '--keys', pubFile);
  t.equal(r.code, 1);
  t.match(r.out, /NOT VALID[\s\S]*reason: malformed/);
  const other = await makeIssuer();
  const otherKeys = join(dir, 'other.json');
  writeFileSync(otherKeys, JSON.stringify(publicKeySet(other.keyring)));
  t.equal(cli(credFile, '--keys', otherKeys).code, 1, 'wrong issuer keys: not valid');
  t.equal(cli(q.url).code, 2, 'no keys: usage error');
});
