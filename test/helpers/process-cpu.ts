// How far another process has got, measured by the CPU time it has used rather than by the clock:
// a test that must interrupt a command in the middle of its work waits for the work, not for a
// wall-clock guess that a loaded machine stretches (Linux: /proc/<pid>/stat; elsewhere the guess).
import { readFileSync } from 'node:fs';

/** CPU seconds process `pid` has used so far, all its threads; undefined where that cannot be read. */
export function cpuSeconds(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // utime and stime (fields 14 and 15 of proc(5); 12 and 13 after the command name), in clock ticks of 1/100 s.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
        return undefined;
    }
}

/**
 * Until process `pid` has used `cpuS` seconds of CPU more than `since` (its CPU time when the work was
 * asked for; 0: since it started), at most 30 s; where its CPU time cannot be read, `fallbackMs` of wall time.
 */
export async function usedCpu(pid: number | undefined, cpuS: number, fallbackMs: number, since = 0): Promise<void> {
    if (cpuSeconds(pid) === undefined) {
        await new Promise((r) => setTimeout(r, fallbackMs));
        return;
    }
    const end = Date.now() + 30_000;
    while ((cpuSeconds(pid) ?? Infinity) - since < cpuS && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}
