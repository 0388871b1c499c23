// Runs one goal seek off the server's event loop: in a worker thread (server/solve-worker.ts, built
// to out/server/solve-worker.cjs beside the server bundle; from the TypeScript sources through tsx
// in tests), so cancellation reaches the engine between candidate evaluations through a shared flag.
// Where no worker file exists (the single-executable server), the solve runs in this thread: the
// same answer, cancellable only before it starts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plan } from '../engine/model.js';
import { solve, SolveCancelled, SolveError, type SolveResult } from '../engine/solve.js';
import type { SolveJob, WorkerMessage } from './solve-worker.js';

export interface SolveControl {
    isCancelled: () => boolean;
    /** Registers a callback for cancellation (the LSP token's onCancellationRequested). */
    onCancel: (listener: () => void) => { dispose(): void };
    onProgress?: (done: number, total: number) => void;
}

function workerFile(): { file: string; execArgv: string[] } | undefined {
    const here = import.meta.url;
    if (here.endsWith('.cjs')) {
        const file = fileURLToPath(new URL('./solve-worker.cjs', here));
        return existsSync(file) ? { file, execArgv: [] } : undefined;
    }
    const file = fileURLToPath(new URL('./solve-worker.ts', here));
    return existsSync(file) ? { file, execArgv: ['--import', 'tsx'] } : undefined;
}

export function runSolve(plan: Plan, options: SolveJob['options'], control: SolveControl): Promise<SolveResult> {
    if (control.isCancelled()) return Promise.reject(new SolveCancelled());
    const worker = workerFile();
    if (!worker) {
        return new Promise((resolve, reject) => {
            try {
                resolve(solve(plan, { ...options, onProgress: control.onProgress, shouldStop: control.isCancelled }));
            } catch (error) {
                reject(error);
            }
        });
    }
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const job: SolveJob = { plan, options, stop };
    return new Promise<SolveResult>((resolve, reject) => {
        const thread = new Worker(worker.file, { workerData: job, execArgv: worker.execArgv });
        const cancel = control.onCancel(() => Atomics.store(stop, 0, 1));
        let settled = false;
        const settle = (fn: () => void) => {
            if (settled) return;
            settled = true;
            cancel.dispose();
            fn();
            void thread.terminate();
        };
        thread.on('message', (m: WorkerMessage) => {
            if (m.type === 'progress') control.onProgress?.(m.done, m.total);
            else if (m.type === 'result') settle(() => resolve(m.result));
            else if (m.type === 'cancelled') settle(() => reject(new SolveCancelled()));
            else if (m.type === 'solve-error') settle(() => reject(new SolveError(m.message)));
            else settle(() => reject(new Error(m.message)));
        });
        thread.on('error', (error) => settle(() => reject(error)));
        thread.on('exit', (code) => settle(() => reject(new Error(`the solve worker stopped (exit ${code})`))));
    });
}
