import t from 'tap';
import { build, completeCourse as completeCourseOf, injectAs, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newLearner } from '../../helpers/factories.ts';
import { verifyCredential } from '../../../server/modules/certificates/credential.ts';
import { parsePublicKeys } from '../../../server/modules/certificates/issuer-key-documents.ts';
import { verifyQrPayload } from '../../../server/modules/certificates/qr-payload.ts';
import { extractVerifyUrls } from '../../../server/modules/certificates/pdf-extract.ts';

const app = await build(t);
const inject = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  injectAs(app, u, { method, url, payload });

const completeCourse = (u: TestUser) => completeCourseOf(app, u);

t.test('a learner who has not completed gets 403 with what is missing', async (t) => {
  const learner = await newLearner(app);
  const res = await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' });
  t.equal(res.statusCode, 403);
  t.equal(res.json().error.code, 'certificates.not_complete');
  t.match(res.json().error.message, /Still to do: 1\./);
  t.equal(res.json().error.details.missing.length, 7);
  t.equal((await inject(null, 'POST', '/api/certificates', { courseId: 'learning-city' })).statusCode, 401);
});

t.test(
  'after completing, the certificate is issued once with a signed credential, a QR payload and a PDF',
  async (t) => {
    const learner = await newLearner(app, { name: 'សុខ សុភា' });
    await completeCourse(learner);
    const first = await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' });
    t.equal(first.statusCode, 201);
    const cert = first.json();
    t.equal(cert.name, 'សុខ សុភា');
    t.equal(cert.status, 'valid');
    const again = await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' });
    t.equal(again.statusCode, 200);
    t.equal(again.json().id, cert.id, 're-requests return the same certificate');

    const jwks = (await inject(null, 'GET', '/.well-known/issuer-keys.json')).json();
    const keys = await parsePublicKeys(jwks);
    const credential = (await inject(learner, 'GET', `/api/certificates/${cert.id}/credential`)).json();
    t.same(credential.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    t.equal(
      (await verifyCredential(credential, { issuerPublicKeys: keys })).verified,
      true,
      'the credential verifies with the published keys',
    );
    const forged = structuredClone(credential);
    forged.credentialSubject.identifier[0].identityHash = 'Someone Else';
    t.equal(
      (await verifyCredential(forged, { issuerPublicKeys: keys })).verified,
      false,
      'an edited credential does not',
    );

    const qr = verifyQrPayload(cert.verifyUrl, keys);
    t.ok(qr.valid, 'the QR payload verifies offline');
    t.equal(qr.valid && qr.fields.name, 'សុខ សុភា');

    const pdf = await inject(learner, 'GET', `/api/certificates/${cert.id}/pdf`);
    t.equal(pdf.headers['content-type'], 'application/pdf');
    t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    t.ok(extractVerifyUrls(pdf.rawPayload).includes(cert.verifyUrl), 'the PDF carries the signed verify URL');

    const issuer = await inject(null, 'GET', '/issuer');
    t.equal(issuer.json().assertionMethod.length, 1);
  },
);

t.test('only the owner or an admin reads a certificate; the public verify shows only what is printed', async (t) => {
  const owner = await newLearner(app, { name: 'فاطمة الزهراء', email: `fatima.${Date.now()}@example.org` });
  await completeCourse(owner);
  const cert = (await inject(owner, 'POST', '/api/certificates', { courseId: 'learning-city' })).json();
  const other = await newLearner(app);
  for (const suffix of ['', '/pdf', '/credential']) {
    t.equal(
      (await inject(other, 'GET', `/api/certificates/${cert.id}${suffix}`)).statusCode,
      404,
      `other learner: ${suffix || 'detail'}`,
    );
    t.equal(
      (await inject(null, 'GET', `/api/certificates/${cert.id}${suffix}`)).statusCode,
      401,
      `anonymous: ${suffix || 'detail'}`,
    );
  }
  const admin = await newAdmin(app);
  t.equal((await inject(admin, 'GET', `/api/certificates/${cert.id}`)).statusCode, 200, 'admin can');
  const verify = (await inject(null, 'GET', `/api/verify/${cert.id}`)).json();
  t.same(verify, {
    status: 'valid',
    name: 'فاطمة الزهراء',
    course: 'Building a Learning City',
    issuedOn: cert.issuedOn,
    issuer: 'Learning Cities Academy',
  });
  t.notMatch(JSON.stringify(verify), owner.email, 'no email on the public page');
  t.same((await inject(null, 'GET', '/api/verify/0123456789abcdef0123')).json(), { status: 'unknown' });
  t.same((await inject(null, 'GET', '/api/verify/%3Cscript%3E')).json(), { status: 'unknown' });
});

t.test('an admin revokes with a reason; the online check says revoked; a learner cannot revoke', async (t) => {
  const owner = await newLearner(app);
  await completeCourse(owner);
  const cert = (await inject(owner, 'POST', '/api/certificates', { courseId: 'learning-city' })).json();
  t.equal(
    (await inject(owner, 'POST', `/api/admin/certificates/${cert.id}/revoke`, { reason: 'issued by mistake' }))
      .statusCode,
    403,
  );
  const admin = await newAdmin(app);
  const revoked = await inject(admin, 'POST', `/api/admin/certificates/${cert.id}/revoke`, {
    reason: 'issued by mistake',
  });
  t.equal(revoked.statusCode, 200);
  const verify = (await inject(null, 'GET', `/api/verify/${cert.id}`)).json();
  t.equal(verify.status, 'revoked');
  t.equal(verify.reason, 'issued by mistake');
  t.ok(verify.revokedOn);
  t.equal(
    (await inject(admin, 'POST', `/api/admin/certificates/${cert.id}/revoke`, { reason: 'again' })).statusCode,
    409,
  );
  const reissued = await inject(owner, 'POST', '/api/certificates', { courseId: 'learning-city' });
  t.equal(reissued.statusCode, 201, 'a new certificate can be issued after a revocation');
  t.not(reissued.json().id, cert.id);
});

t.test(
  'a typo fixed before issuing is simply the name; after issuing, a name change reissues and supersedes',
  async (t) => {
    const learner = await newLearner(app, { name: 'Nguyen Thi Minh Kai' });
    await completeCourse(learner);
    await inject(learner, 'PATCH', '/api/me', { name: 'Nguyễn Thị Minh Khai' });
    const first = (await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' })).json();
    t.equal(first.name, 'Nguyễn Thị Minh Khai', 'the name fixed before issuing is printed');
    const renamed = await injectAs(app, learner, {
      method: 'PATCH',
      url: '/api/me',
      payload: { name: 'Nguyễn Thị Minh Khải' },
    });
    t.equal(renamed.statusCode, 200);
    const mine = (await inject(learner, 'GET', '/api/certificates')).json();
    const current = mine.find((c: { status: string }) => c.status === 'valid');
    t.equal(current.name, 'Nguyễn Thị Minh Khải');
    t.not(current.id, first.id, 'a new id');
    const old = (await inject(null, 'GET', `/api/verify/${first.id}`)).json();
    t.equal(old.status, 'revoked');
    t.equal(old.reason, 'superseded');
    t.equal((await inject(null, 'GET', `/api/verify/${current.id}`)).json().status, 'valid');
  },
);

t.test(
  'the revocation list the credentials point to is published, signed, and marks revoked certificates',
  async (t) => {
    const { isSet } = await import('../../../server/modules/certificates/status-list.ts');
    const owner = await newLearner(app);
    await completeCourse(owner);
    const cert = (await inject(owner, 'POST', '/api/certificates', { courseId: 'learning-city' })).json();
    const credential = (await inject(owner, 'GET', `/api/certificates/${cert.id}/credential`)).json();
    const index = Number(credential.credentialStatus.statusListIndex);
    t.equal(credential.credentialStatus.statusListCredential, 'http://localhost:3000/status/1');
    const before = (await inject(null, 'GET', '/status/1')).json();
    t.same(before.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
    t.equal(before.proof.cryptosuite, 'eddsa-rdfc-2022', 'signed');
    t.equal(isSet(before.credentialSubject.encodedList, index), false, 'not revoked yet');
    const admin = await newAdmin(app);
    await inject(admin, 'POST', `/api/admin/certificates/${cert.id}/revoke`, { reason: 'issued by mistake' });
    const after = (await inject(null, 'GET', '/status/1')).json();
    t.equal(isSet(after.credentialSubject.encodedList, index), true, 'its bit is set after revocation');
    t.equal(isSet(after.credentialSubject.encodedList, index + 1), false, 'and only its bit');
  },
);

t.test('the certificate is printed in the language the course was taken in', async (t) => {
  const { execFileSync } = await import('node:child_process');
  const learner = await newLearner(app, { name: '张伟', locale: 'zh' });
  await completeCourse(learner);
  const cert = (await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' })).json();
  t.equal(cert.locale, 'zh');
  t.equal(cert.courseTitle, (await inject(null, 'GET', '/api/courses/learning-city?locale=zh')).json().title);
  const pdf = (await inject(learner, 'GET', `/api/certificates/${cert.id}/pdf`)).rawPayload;
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
  t.match(text, '结业证书', 'Chinese labels');
  t.match(text, '张伟');
  t.match(text, cert.courseTitle);
});
