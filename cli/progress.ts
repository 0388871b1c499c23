// The one progress bar of long commands (simulate, compile, solve, calibrate): on stderr, only on a
// terminal, fed by the engine as each block of runs completes (a calibration by its evaluations).
// A bar that would flash by is not drawn: it appears once the work has taken `delayMs`.
import { SingleBar } from 'cli-progress';
import { t, type Lang } from '../engine/messages.js';

export interface Progress {
    update(done: number, total: number): void;
    stop(): void;
}

export type ProgressLabel = 'simulating' | 'forecasting' | 'solving' | 'calibrating';

export interface ProgressOptions {
    /** Counts runs ("1200/10000 runs"); without it the bar shows a percentage only. */
    runs?: boolean;
    /** The language of the label, the count's unit and the time left (default English). */
    lang?: Lang;
    /** Draw nothing before the work has taken this long (default 1 s). */
    delayMs?: number;
    stream?: NodeJS.WriteStream;
}

/** A progress bar labelled "simulating" (模拟中) …, or undefined when the stream (stderr) is not a terminal. */
export function progressBar(label: ProgressLabel, options: ProgressOptions = {}): Progress | undefined {
    const stream = options.stream ?? process.stderr;
    if (!stream.isTTY) return undefined;
    const started = Date.now();
    const delay = options.delayMs ?? 1000;
    const lang = options.lang ?? 'en';
    // cli-progress fills {bar}, {percentage}, {value}, {total} and {eta}; the words around them are the language's.
    const count = options.runs ? ` | {value}/{total} ${t('progress.runs', {}, lang)}` : '';
    const format = `${t(`progress.${label}`, {}, lang)} [{bar}] {percentage}%${count} | ${t('progress.eta', {}, lang)} {eta}${t('progress.seconds', {}, lang)}`;
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
