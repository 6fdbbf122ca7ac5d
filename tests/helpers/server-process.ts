// The real server as a child process (`npm start`'s scripts/start.mjs, which serves the bundle in dist/server/), for tests of crashes, restarts and start-up errors.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type ServerProcess = {
  child: ChildProcess;
  /** Everything written so far, stdout and stderr. */
  output: () => string;
  stderr: () => string;
  /** The address once it serves, or null when it exited first. */
  ready: Promise<string | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9 of the server and anything it started (its process group). */
  kill9: () => Promise<void>;
};

type Tap = { teardown: (fn: () => unknown) => void };

export function startServer(t: Tap, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: '',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      MEDIA_WORKER: 'off',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    detached: true, // its own process group, so kill -9 reaches ffmpeg and friends too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => {
    out += d;
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string | null>((resolve) => {
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', check);
    exited.then(() => resolve(null));
  });
  const kill9 = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
  };
  t.teardown(kill9);
  return { child, output: () => out, stderr: () => err, ready, exited, kill9 };
}
