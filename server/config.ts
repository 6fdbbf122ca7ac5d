// Environment parsed and validated once at boot into a typed, frozen config.
import os from 'node:os';
import path from 'node:path';

export type Config = Readonly<{
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  /** Where the rate limits count (REDIS_URL); undefined: in the database, table rate_limit_hits. */
  redisUrl: string | undefined;
  dataDir: string;
  /** Rendered tutorials (`${dataDir}/media`), served at /media/. */
  mediaDir: string;
  jwtSecret: string | undefined; // undefined: generated once and kept in dataDir
  certKeySecret: string | undefined; // encrypts the issuer's private key; undefined: generated once and kept in dataDir
  logLevel: string;
  bodyLimit: number;
  /** Largest video an admin may upload, in bytes (MAX_UPLOAD_BYTES, default 2 GB). */
  maxUploadBytes: number;
  /** Which proxies may set X-Forwarded-For (rate limits count per client address): false, or Fastify's trustProxy value. */
  trustProxy: boolean | string;
  secureCookies: boolean;
  /**
   * Overload: when the event loop's mean delay over a second passes this (MAX_EVENT_LOOP_DELAY_MS; 0 turns it off),
   * requests get 503 with Retry-After at once instead of queueing for seconds.
   */
  overload: Readonly<{ maxEventLoopDelayMs: number; retryAfterSeconds: number }>;
  /**
   * Server processes on the one port (WORKERS: a number, or auto for one per core; default 1). More than one needs
   * DATABASE_URL: the embedded database serves one process (server/cluster.ts says so and runs one).
   */
  workers: number;
  /** Whether this process renders tutorials and transcodes uploads (MEDIA_WORKER, default on). */
  mediaWorker: boolean;
  /** Outgoing mail for password-reset links (SMTP_URL and MAIL_FROM); undefined: this install sends no mail. */
  mail: Readonly<{ smtpUrl: string; from: string }> | undefined;
}>;

/** Measured (README, MAX_EVENT_LOOP_DELAY_MS): full load at 20 connections stays under ~100 ms; overload passes 250 ms. */
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 300;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, '');
  try {
    const u = new URL(publicUrl);
    if (!['http:', 'https:'].includes(u.protocol)) throw new Error();
  } catch {
    problems.push(
      `PUBLIC_URL must be an http(s) address such as https://academy.example.org (got "${env.PUBLIC_URL}")`,
    );
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379');
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');
  if (env.CERT_KEY_SECRET && env.CERT_KEY_SECRET.length < 32)
    problems.push('CERT_KEY_SECRET must be at least 32 characters long');
  const logLevel = env.LOG_LEVEL || 'warn';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const maxUploadBytes = env.MAX_UPLOAD_BYTES ? Number(env.MAX_UPLOAD_BYTES) : 2 * 1024 ** 3;
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 1)
    problems.push(
      `MAX_UPLOAD_BYTES must be a whole number of bytes, e.g. 2147483648 for 2 GB (got "${env.MAX_UPLOAD_BYTES}")`,
    );
  const mediaWorker =
    env.MEDIA_WORKER === undefined || env.MEDIA_WORKER === ''
      ? true
      : env.MEDIA_WORKER === 'on'
        ? true
        : env.MEDIA_WORKER === 'off'
          ? false
          : undefined;
  if (mediaWorker === undefined) problems.push(`MEDIA_WORKER must be on or off (got "${env.MEDIA_WORKER}")`);
  const smtpUrl = env.SMTP_URL || undefined;
  const mailFrom = env.MAIL_FROM?.trim() || undefined;
  if (smtpUrl) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below
    }
    if (!['smtp:', 'smtps:'].includes(protocol))
      problems.push(
        'SMTP_URL must be an smtp:// or smtps:// address such as smtps://user:password@mail.example.org:465',
      );
    if (!mailFrom)
      problems.push(
        'MAIL_FROM must be set when SMTP_URL is, e.g. MAIL_FROM="Learning Cities Academy <academy@example.org>"',
      );
  } else if (mailFrom) {
    problems.push(
      'MAIL_FROM is set but SMTP_URL is not: set SMTP_URL to the mail server that sends it, or unset MAIL_FROM',
    );
  }
  const maxEventLoopDelayMs =
    env.MAX_EVENT_LOOP_DELAY_MS === undefined || env.MAX_EVENT_LOOP_DELAY_MS === ''
      ? DEFAULT_MAX_EVENT_LOOP_DELAY_MS
      : Number(env.MAX_EVENT_LOOP_DELAY_MS);
  if (!Number.isInteger(maxEventLoopDelayMs) || maxEventLoopDelayMs < 0)
    problems.push(
      `MAX_EVENT_LOOP_DELAY_MS must be a whole number of milliseconds, or 0 to turn the overload guard off (got "${env.MAX_EVENT_LOOP_DELAY_MS}")`,
    );
  const workersText = env.WORKERS?.trim() || '1';
  const workers = workersText === 'auto' ? os.availableParallelism() : Number(workersText);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    problems.push(
      `WORKERS must be a whole number of processes from 1 to 256, or auto for one per core (got "${env.WORKERS}")`,
    );
  if (problems.length) throw new ConfigError(`Configuration problem:\n  - ${problems.join('\n  - ')}`);
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return Object.freeze({
    port,
    host,
    publicUrl,
    databaseUrl,
    redisUrl,
    dataDir,
    mediaDir: path.join(overrides.dataDir ?? dataDir, 'media'),
    jwtSecret,
    certKeySecret: env.CERT_KEY_SECRET || undefined,
    logLevel,
    bodyLimit: 1024 * 1024,
    maxUploadBytes,
    trustProxy: env.TRUST_PROXY ? (env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY) : false,
    secureCookies: publicUrl.startsWith('https:'),
    workers,
    mediaWorker: mediaWorker!,
    overload: Object.freeze({ maxEventLoopDelayMs, retryAfterSeconds: 5 }),
    mail: smtpUrl && mailFrom ? Object.freeze({ smtpUrl, from: mailFrom }) : undefined,
    ...overrides,
  });
}
