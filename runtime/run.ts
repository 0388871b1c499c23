// Runs the engine's described work (engine/forecast.ts: Simulations and Stepwise) where it is
// cheapest: small work in this thread — starting workers costs more than a 500-run preview takes —
// and larger work on the pool. Either way a cancel token is checked between blocks, and this
// thread yields to the event loop between blocks, so a cancel request or Ctrl-C is seen at once.
// The results are the same bytes wherever the blocks ran.
import { compileJob, jobStart, type SimulationJob, type Simulations, type Stepwise } from '../engine/jobs.js';
import { BlockRun, blockCount, mergeBlocks, SimulationCancelled, type RawResult } from '../engine/simulate.js';
import type { CancelToken } from './cancel.js';
import type { SimulationPool } from './pool.js';

/**
 * Below this many simulated run-weeks (runs × weeks over all jobs) work stays in this thread: about
 * 2,000 runs of a 52-week plan, some 100 ms of one core. The editor's 500-run preview stays below.
 */
export const POOL_MIN_RUN_WEEKS = 100_000;

export interface RunOptions {
    /** The pool for large work (or a function that starts it when first needed); without one, everything runs in this thread. */
    pool?: SimulationPool | (() => SimulationPool | undefined);
    token?: CancelToken;
    /** Runs done over all jobs of the call, after each block. */
    onProgress?: (done: number) => void;
    /** Run-weeks from which the pool is used (default POOL_MIN_RUN_WEEKS; 0 = always). */
    poolFrom?: number;
}

/** Run-weeks of a set of jobs. */
export function runWeeks(jobs: SimulationJob[]): number {
    return jobs.reduce((n, job) => n + Math.max(1, Math.floor(job.runs)) * job.plan.horizonWeeks, 0);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every job in this thread, one block at a time, yielding between blocks. */
async function inThisThread(jobs: SimulationJob[], options: RunOptions): Promise<RawResult[]> {
    const { token, onProgress } = options;
    let done = 0;
    const out: RawResult[] = [];
    for (const job of jobs) {
        const c = compileJob(job);
        const start = jobStart(job, c);
        // One BlockRun for all blocks: their outputs land in one set of arrays, which mergeBlocks takes without copying.
        const blocks = blockCount(job.runs);
        const run = new BlockRun(c, job.seed, job.community, job.runs, 0, blocks, start);
        for (let k = 0; k < blocks; k++) {
            if (token?.isCancelled()) throw new SimulationCancelled();
            done += run.step(k);
            onProgress?.(done);
            await yieldToEventLoop();
        }
        out.push(mergeBlocks(c, job.runs, [run.result()]));
    }
    if (token?.isCancelled()) throw new SimulationCancelled();
    return out;
}

/** Simulates jobs on the pool when they are large enough to be worth it, else in this thread. */
export function runJobs(jobs: SimulationJob[], options: RunOptions = {}): Promise<RawResult[]> {
    if (options.pool && runWeeks(jobs) >= (options.poolFrom ?? POOL_MIN_RUN_WEEKS)) {
        const pool = typeof options.pool === 'function' ? options.pool() : options.pool;
        if (pool) return pool.runJobs(jobs, options);
    }
    return inThisThread(jobs, options);
}

/** Runs described work (a forecast, a sensitivity analysis) and makes its result. */
export async function runWork<T>(work: Simulations<T>, options: RunOptions = {}): Promise<T> {
    return work.finish(await runJobs(work.jobs, options));
}

/** Runs stepwise work (goal seeking); progress counts runs over all steps so far. */
export async function runSteps<R>(steps: Stepwise<R>, options: RunOptions = {}): Promise<R> {
    let before = 0;
    let next = steps.next();
    while (!next.done) {
        const jobs = next.value;
        const base = before;
        const raws = await runJobs(jobs, { ...options, onProgress: options.onProgress ? (n) => options.onProgress!(base + n) : undefined });
        before += jobs.reduce((n, job) => n + Math.max(1, Math.floor(job.runs)), 0);
        next = steps.next(raws);
    }
    return next.value;
}
