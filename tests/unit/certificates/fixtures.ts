// Shared data for the certificate tests (not a test file itself).
import { publicKeySet } from '../../../server/modules/certificates/issuer-key-documents.ts';
import { createKeyring, unlockActiveKey } from '../../../server/modules/certificates/issuer-keys.ts';

export const ISSUER_URL = 'https://academy.example.org';
export const PUBLIC_URL = 'https://academy.example.org';
export const SECRET = 'test secret: correct horse battery staple';

export const NAMES = {
  km: 'សុខ សុភា',
  ar: 'فاطمة الزهراء',
  zh: '张伟',
  vi: 'Nguyễn Thị Minh Khai',
} as const;

export const COURSE = {
  id: 'lc-101',
  title: 'Learning Cities 101: Building a City That Learns Together',
  description: 'What a learning city is and how neighbourhoods, libraries and employers build one.',
  criteria: 'Completed every module and passed the final quiz with at least 70%.',
};

export async function makeIssuer(issuerUrl = ISSUER_URL) {
  const keyring = await createKeyring(issuerUrl, SECRET);
  const signingKey = await unlockActiveKey(keyring, SECRET);
  return { keyring, signingKey, publicKeys: publicKeySet(keyring).keys };
}
