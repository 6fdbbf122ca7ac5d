// One process at a time may open the embedded database in a DATA_DIR. The lock is a file naming its owner
// (host, boot, pid and that pid's start time), created atomically. A lock whose owner process is gone (kill -9,
// a crash, a power cut) is taken over at once; one whose owner still runs is refused.
// An owner on another host cannot be checked from here, so its lock is refused until someone removes the file.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type LockOwner = { pid: number; host: string; boot?: string; started?: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      `data directory ${dataDir} is locked by ${owner ? `process ${owner.pid} on ${owner.host}` : 'another process'}`,
    );
  }
}

const readIfExists = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const bootId = () => readIfExists('/proc/sys/kernel/random/boot_id')?.trim();

/** The process's start time in clock ticks since boot (Linux), so a reused pid is told apart from the owner. */
function startTimeOf(pid: number): string | undefined {
  const stat = readIfExists(`/proc/${pid}/stat`);
  // Field 22; the command name (field 2) may hold spaces and parentheses, so count from the last ')'.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function currentOwner(): LockOwner {
  return { pid: process.pid, host: os.hostname(), boot: bootId(), started: startTimeOf(process.pid) };
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Number.isInteger(owner?.pid) && typeof owner?.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

export function ownerIsAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true; // cannot be checked from this machine
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return false; // the machine restarted since
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = startTimeOf(owner.pid);
  return !(owner.started && started && owner.started !== started); // a different process now has that pid
}

/** Takes the lock file in dataDir, or throws DataDirLockedError naming the live owner. Returns the release function. */
export function lockDataDir(dataDir: string, name = 'pglite.lock.json'): () => void {
  const lockFile = path.join(dataDir, name);
  const me = currentOwner();
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written whole under a private name, then linked into place: the lock file never exists half-written.
    const draft = `${lockFile}.${process.pid}.${randomUUID()}`;
    fs.writeFileSync(draft, JSON.stringify(me));
    try {
      fs.linkSync(draft, lockFile);
      return () => {
        const owner = readOwner(lockFile);
        if (owner?.pid === me.pid && owner.started === me.started) fs.rmSync(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(draft, { force: true });
    }
    const owner = readOwner(lockFile);
    if (owner && ownerIsAlive(owner)) throw new DataDirLockedError(dataDir, owner);
    // The owner is gone. Move its file aside (one rename wins if several start at once), then check that what
    // was moved is the dead owner's and not a lock a live process took in between; if it is, put it back.
    const aside = `${lockFile}.stale.${process.pid}.${randomUUID()}`;
    try {
      fs.renameSync(lockFile, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readOwner(aside);
    if (moved && ownerIsAlive(moved)) {
      try {
        fs.linkSync(aside, lockFile);
      } finally {
        fs.rmSync(aside, { force: true });
      }
      throw new DataDirLockedError(dataDir, moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new DataDirLockedError(dataDir, readOwner(lockFile));
}
