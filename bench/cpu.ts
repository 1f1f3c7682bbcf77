// CPU time of another process, read from /proc (Linux only). Server CPU per request stays comparable
// between runs on a noisy machine, where req/s and latency swing with whatever else is running.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Kernel clock ticks per second (USER_HZ), the unit of utime/stime in /proc/<pid>/stat. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // the value on practically every Linux build
    }
  }
  return ticksPerSecond;
}

/** User + system CPU time consumed so far by process `pid`, in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) is parenthesised and may contain spaces: split what follows the last ')'.
  // That rest starts at field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`Unexpected /proc/${pid}/stat: ${stat}`);
  return (ticks * 1000) / clockTicksPerSecond();
}
