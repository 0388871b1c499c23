// The simulation pool: worker threads (piscina) that run blocks of the forecast's simulations, so a
// forecast, a sensitivity analysis or a solve step uses every core. Each task is one block of one
// job; the main thread keeps at most two tasks per thread in flight (so a cancel stops the work
// within a block), merges the blocks of each job in block order (engine/simulate.ts, mergeBlocks)
// and so gives the same bytes as one thread. Calibration runs whole in a worker, reading the
// shared cancel flag between evaluations.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Actuals } from '../engine/actuals/parse.js';
import type { Calibration } from '../engine/calibrate/calibrate.js';
import type { CompiledCommunity } from '../engine/compile.js';
import { compileJob, type SimulationJob } from '../engine/jobs.js';
import { blockCount, mergeBlocks, SimulationCancelled, type BlockRange, type RawResult } from '../engine/simulate.js';
import type { CancelToken } from './cancel.js';
import type { BlocksTask, CalibrateAnswer, CalibrateTask, WorkerTask } from './simulation-worker.js';

/**
 * The worker script next to this code: from source (runtime/pool.ts under tsx or vitest) the
 * bootstrap that loads the TypeScript worker; from a bundle (out/cli/main.cjs, out/server/main.cjs)
 * out/runtime/simulation-worker.cjs. Undefined when there is none (a single-executable server), and
 * the work then runs in this thread.
 */
export function workerScript(from: string = import.meta.url): string | undefined {
    let here: string;
    try {
        here = fileURLToPath(from);
    } catch {
        return undefined;
    }
    const candidate = here.endsWith('.ts') ? join(dirname(here), 'worker-source.mjs') : join(dirname(here), '..', 'runtime', 'simulation-worker.cjs');
    return existsSync(candidate) ? candidate : undefined;
}

/** Threads to use: COMMUNITY_THREADS when set (1 = never start workers), else one per core. */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env): number {
    const set = Number(env.COMMUNITY_THREADS);
    if (Number.isInteger(set) && set >= 1) return Math.min(set, 64);
    return Math.max(1, availableParallelism());
}

export interface PoolHooks {
    token?: CancelToken;
    /** Runs done over all jobs, after each block. */
    onProgress?: (done: number) => void;
}

export class SimulationPool {
    readonly threads: number;
    private readonly piscina: Piscina<WorkerTask, unknown>;
    private jobs = 0;

    private constructor(script: string, threads: number) {
        this.threads = threads;
        // Threads start now and stay (a warm pool: the server keeps one for the preview).
        this.piscina = new Piscina({ filename: script, minThreads: threads, maxThreads: threads, idleTimeout: 2 ** 31 - 1, atomics: 'disabled' });
    }

    /**
     * A pool of `threads` workers, or undefined when there is no worker script or `threads` is one
     * (blocks then run in this thread) — unless `evenOne`: a calibration runs whole in one worker so
     * that this thread stays free to see Ctrl-C.
     */
    static create(threads = defaultThreads(), script = workerScript(), evenOne = false): SimulationPool | undefined {
        if (script === undefined || threads < 1 || (threads === 1 && !evenOne)) return undefined;
        return new SimulationPool(script, threads);
    }

    /** Resolves when every thread has loaded the engine. */
    async warm(): Promise<void> {
        await Promise.all(Array.from({ length: this.threads }, () => this.piscina.run({ kind: 'warm' })));
    }

    /** Simulates every job over the workers; the results equal `runSimulations`' byte for byte. */
    runJobs(jobs: SimulationJob[], hooks: PoolHooks = {}): Promise<RawResult[]> {
        const { token, onProgress } = hooks;
        const compiled = jobs.map(compileJob);
        const id = this.jobs++;
        const tasks: { job: number; first: number }[] = [];
        jobs.forEach((job, j) => {
            for (let k = 0; k < blockCount(job.runs); k++) tasks.push({ job: j, first: k });
        });
        const ranges: BlockRange[][] = jobs.map(() => []);
        const inFlight = 2 * this.threads;
        return new Promise<RawResult[]>((resolve, reject) => {
            let next = 0;
            let running = 0;
            let done = 0;
            let settled = false;
            const finish = (error?: unknown) => {
                if (settled) return;
                settled = true;
                stopListening();
                if (error !== undefined) return reject(error);
                try {
                    resolve(jobs.map((job, j) => mergeBlocks(compiled[j], job.runs, ranges[j])));
                } catch (e) {
                    reject(e);
                }
            };
            const stopListening = token ? token.onCancel(() => finish(new SimulationCancelled())) : () => undefined;
            const pump = () => {
                if (settled) return;
                if (token?.isCancelled()) return finish(new SimulationCancelled());
                if (next >= tasks.length && running === 0) return finish();
                while (running < inFlight && next < tasks.length) {
                    const t = tasks[next++];
                    running++;
                    const task: BlocksTask = { kind: 'blocks', key: `${id}:${t.job}`, job: jobs[t.job], first: t.first, count: 1 };
                    this.piscina.run(task).then(
                        (range) => {
                            running--;
                            if (settled) return;
                            ranges[t.job].push(range as BlockRange);
                            done += (range as BlockRange).runs;
                            onProgress?.(done);
                            pump();
                        },
                        (error) => {
                            running--;
                            finish(error);
                        },
                    );
                }
            };
            pump();
        });
    }

    /** A calibration in a worker; rejects with SimulationCancelled when the token is cancelled (checked between evaluations). */
    async calibrate(
        compiled: CompiledCommunity,
        actuals: Actuals,
        options: { seed: number; backtest?: number; token?: CancelToken; onProgress?: (done: number, total: number) => void },
    ): Promise<Calibration> {
        const control = new Int32Array(new SharedArrayBuffer(12));
        const stop = options.token?.onCancel(() => Atomics.store(control, 0, 1));
        const poll = options.onProgress
            ? setInterval(() => {
                  const total = Atomics.load(control, 2);
                  if (total > 0) options.onProgress!(Atomics.load(control, 1), total);
              }, 100)
            : undefined;
        try {
            const task: CalibrateTask = { kind: 'calibrate', compiled, actuals, seed: options.seed, backtest: options.backtest, control };
            const answer = (await this.piscina.run(task)) as CalibrateAnswer;
            if (answer.cancelled) throw new SimulationCancelled();
            return answer.calibration;
        } finally {
            stop?.();
            if (poll) clearInterval(poll);
        }
    }

    /** Stops the workers (a CLI command calls this when done, so the process can exit). */
    async destroy(): Promise<void> {
        await this.piscina.destroy();
    }
}
