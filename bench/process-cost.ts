// What a whole process costs: its wall time and its CPU time (user + system of the child, all its
// threads), measured the same way for every command so the figures can be set side by side as
// ratios. The CPU time comes from bash's `times` (getrusage of its children), so a neighbour
// process on a shared machine slows the wall figure but barely the CPU one.
import { spawnSync } from 'node:child_process';

export interface ProcessCost {
    /** Medians over the samples, in ms. */
    wall: number;
    cpu: number;
}

// The command's stderr goes to fd 3, so a failure can say why while stdout carries the figures.
const SCRIPT = 's=$EPOCHREALTIME; "$@" >/dev/null 2>&3; code=$?; e=$EPOCHREALTIME; echo "$s $e $code"; times';

/** Seconds of `times` output ("0m0.352s"). */
function seconds(text: string): number {
    const m = /^(\d+)m([\d.]+)s$/.exec(text);
    if (!m) throw new Error(`unexpected times output: ${text}`);
    return Number(m[1]) * 60 + Number(m[2]);
}

/** One run of `command args…` (stdout discarded): its wall and CPU time in ms; throws when it fails. */
export function runOnce(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean }): ProcessCost {
    const r = spawnSync('bash', ['-c', `exec 3>&2 2>/dev/null; ${SCRIPT}`, '_', command, ...args], {
        cwd: options.cwd,
        encoding: 'utf8',
        env: { ...process.env, ...options.env },
    });
    const lines = r.stdout.trim().split('\n');
    if (r.status !== 0 || lines.length < 3) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
    const [start, end, code] = lines[0].split(' ');
    if (code !== '0' && !options.allowFailure) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${r.stderr}`);
    const [user, system] = lines[2].split(' ').map(seconds);
    return { wall: (Number(end) - Number(start)) * 1000, cpu: (user + system) * 1000 };
}

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Several commands measured in turn, `samples` rounds of one run each (interleaved, so a change of
 * load on the machine hits all of them alike), after `warmup` untimed rounds; medians per command.
 */
export function interleaved(
    commands: Array<{ command: string; args: string[]; env?: NodeJS.ProcessEnv }>,
    options: { cwd: string; samples: number; warmup: number },
): ProcessCost[] {
    const walls: number[][] = commands.map(() => []);
    const cpus: number[][] = commands.map(() => []);
    for (let round = 0; round < options.warmup + options.samples; round++) {
        commands.forEach((c, i) => {
            const cost = runOnce(c.command, c.args, { cwd: options.cwd, env: c.env });
            if (round < options.warmup) return;
            walls[i].push(cost.wall);
            cpus[i].push(cost.cpu);
        });
    }
    return commands.map((_, i) => ({ wall: median(walls[i]), cpu: median(cpus[i]) }));
}
