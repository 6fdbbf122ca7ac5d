// CPU time of other processes for the benchmarks (Linux /proc): the server's workers and the local PostgreSQL, so a
// table can say where each request's CPU went. Elsewhere, or for a PostgreSQL on another machine, it reads nothing
// and the benchmarks say so.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of a process so far, ms; 0 when it cannot be read. */
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** The processes of a PostgreSQL server on this machine (its backends among them), or none. */
export function localPostgresPids(): number[] {
  try {
    return execFileSync('pgrep', ['-x', 'postgres']).toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Starts counting the CPU of `pids` (read again at the end: backends started meanwhile are counted from 0). */
export function cpuMeter(pids: () => number[]) {
  const start = new Map(pids().map((pid) => [pid, processCpuMs(pid)]));
  return {
    /** CPU ms used since the start, or undefined when nothing could be read. */
    stop(): number | undefined {
      const now = pids();
      if (!now.length && !start.size) return undefined;
      return now.reduce((sum, pid) => sum + processCpuMs(pid) - (start.get(pid) ?? 0), 0);
    },
  };
}
