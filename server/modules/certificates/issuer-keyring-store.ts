// The issuer keyring on disk: DATA_DIR/keys/issuer-keys.json, written atomically with mode 0600.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createKeyring,
  normaliseIssuerUrl,
  unlockActiveKey,
  type IssuerKeyring,
  type IssuerSigningKey,
} from './issuer-keys.ts';

export const KEYRING_FILE = 'issuer-keys.json';

export function assertKeyring(o: any): asserts o is IssuerKeyring {
  if (
    !o ||
    o.version !== 1 ||
    typeof o.issuerUrl !== 'string' ||
    !Array.isArray(o.keys) ||
    typeof o.activeKeyId !== 'string'
  ) {
    throw new Error('not an issuer keyring (version 1)');
  }
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, path);
  await chmod(path, 0o600);
}

export async function saveKeyring(dir: string, ring: IssuerKeyring): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(join(dir, KEYRING_FILE), JSON.stringify(ring, null, 2) + '\n');
}

export async function loadKeyring(dir: string): Promise<IssuerKeyring | null> {
  let text: string;
  try {
    text = await readFile(join(dir, KEYRING_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const ring = JSON.parse(text);
  assertKeyring(ring);
  return ring;
}

/**
 * Loads `${dir}/issuer-keys.json`, creating it with key-1 if missing. The secret is checked by
 * unlocking the active key, so a wrong secret fails at start-up rather than at first issue.
 */
export async function loadOrCreateIssuerKeys(
  dir: string,
  secret: string,
  issuerUrl: string,
): Promise<{ keyring: IssuerKeyring; signingKey: IssuerSigningKey; created: boolean }> {
  const url = normaliseIssuerUrl(issuerUrl);
  let keyring = await loadKeyring(dir);
  let created = false;
  if (!keyring) {
    keyring = await createKeyring(url, secret);
    await saveKeyring(dir, keyring);
    created = true;
  } else if (keyring.issuerUrl !== url) {
    throw new Error(`issuer key file is for ${keyring.issuerUrl}, not ${url}`);
  }
  return { keyring, signingKey: await unlockActiveKey(keyring, secret), created };
}
