// The goal seek in a worker thread, so the language server keeps answering (and reading the
// client's $/cancelRequest) while candidates are scored. It runs engine/solve.ts — the same code as
// `community solve` — and asks the shared stop flag before every candidate evaluation.
import { parentPort, workerData } from 'node:worker_threads';
import type { Plan } from '../engine/model.js';
import { solve, SolveCancelled, SolveError, type SolveOptions } from '../engine/solve.js';

export interface SolveJob {
    plan: Plan;
    options: Omit<SolveOptions, 'onProgress' | 'shouldStop'>;
    /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the request is cancelled. */
    stop: Int32Array;
}

export type WorkerMessage =
    | { type: 'progress'; done: number; total: number }
    | { type: 'result'; result: ReturnType<typeof solve> }
    | { type: 'cancelled' }
    | { type: 'solve-error'; message: string }
    | { type: 'failed'; message: string };

const job = workerData as SolveJob;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);
try {
    const result = solve(job.plan, {
        ...job.options,
        onProgress: (done, total) => post({ type: 'progress', done, total }),
        shouldStop: () => Atomics.load(job.stop, 0) === 1,
    });
    post({ type: 'result', result });
} catch (error) {
    if (error instanceof SolveCancelled) post({ type: 'cancelled' });
    else if (error instanceof SolveError) post({ type: 'solve-error', message: error.message });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
