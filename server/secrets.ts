// Secrets that must survive restarts: generated once and kept in DATA_DIR when not configured.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function persistentSecret(dataDir: string, fileName: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, fileName);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
