// The one progress bar of long commands (simulate, compile, solve, calibrate): on stderr, only on a
// terminal, fed by the engine as each block of runs completes (a calibration by its evaluations).
// A bar that would flash by is not drawn: it appears once the work has taken `delayMs`.
import { SingleBar } from 'cli-progress';

export interface Progress {
    update(done: number, total: number): void;
    stop(): void;
}

export interface ProgressOptions {
    /** What the count counts ("runs"); without it the bar shows a percentage only. */
    unit?: string;
    /** Draw nothing before the work has taken this long (default 1 s). */
    delayMs?: number;
    stream?: NodeJS.WriteStream;
}

/** A progress bar labelled `label` ("simulating"), or undefined when stderr is not a terminal. */
export function progressBar(label: string, options: ProgressOptions = {}): Progress | undefined {
    const stream = options.stream ?? process.stderr;
    if (!stream.isTTY) return undefined;
    const started = Date.now();
    const delay = options.delayMs ?? 1000;
    const format = `${label} [{bar}] {percentage}%${options.unit ? ` | {value}/{total} ${options.unit}` : ''} | ETA {eta}s`;
    let bar: SingleBar | undefined;
    return {
        update(done, total) {
            if (!bar) {
                if (Date.now() - started < delay) return;
                bar = new SingleBar({ stream, format, hideCursor: true, clearOnComplete: true });
                bar.start(Math.max(total, done), done);
            }
            // A solve's total is an estimate: never let the count run past it.
            bar.setTotal(Math.max(total, done));
            bar.update(done);
        },
        stop() {
            bar?.stop();
            bar = undefined;
        },
    };
}
