// The worker thread of the simulation pool (runtime/pool.ts): runs one block of a simulation job — the
// engine's pure "run block k of the plan" (engine/simulate.ts, BlockRun) — straight into the job's
// result arrays, which the main thread allocated on a SharedArrayBuffer (nothing is sent back but the
// block's runs), or a whole calibration.
import type { Actuals } from '../engine/actuals/parse.js';
import { calibrateCommunity, type Calibration } from '../engine/calibrate/calibrate.js';
import type { CompiledCommunity } from '../engine/compile.js';
import { compileJob, jobStart, type SimulationJob } from '../engine/jobs.js';
import type { ObservedStart } from '../engine/observed-start.js';
import { BlockRun, SimulationCancelled, streamResults } from '../engine/simulate.js';

export interface BlocksTask {
    kind: 'blocks';
    /** Names the job across its blocks, so a worker compiles it once. */
    key: string;
    job: SimulationJob;
    /** The block to simulate. */
    block: number;
    /** The job's result arrays (engine/simulate.ts, streamResults), which this block writes its runs of. */
    results: SharedArrayBuffer;
}

export interface CalibrateTask {
    kind: 'calibrate';
    compiled: CompiledCommunity;
    actuals: Actuals;
    seed: number;
    backtest?: number;
    /** Shared [cancelled, done, total]: the main thread sets the first, reads the others for its progress bar. */
    control: Int32Array;
}

export type WorkerTask = BlocksTask | CalibrateTask | { kind: 'warm' };
export type CalibrateAnswer = { cancelled: true } | { cancelled: false; calibration: Calibration };

/** A job compiled once per worker, with the observed history it starts from (the same in every thread: computed from the job alone). */
interface CompiledJob {
    compiled: CompiledCommunity;
    start?: ObservedStart;
}

const compiledJobs = new Map<string, CompiledJob>();
const CACHE_LIMIT = 16;

function compiledFor(key: string, job: SimulationJob): CompiledJob {
    let c = compiledJobs.get(key);
    if (!c) {
        const compiled = compileJob(job);
        c = { compiled, start: jobStart(job, compiled) };
        compiledJobs.set(key, c);
        if (compiledJobs.size > CACHE_LIMIT) compiledJobs.delete(compiledJobs.keys().next().value!);
    }
    return c;
}

/** Simulates the task's block into the shared result arrays; answers the runs it simulated. */
function block(task: BlocksTask): number {
    const { job } = task;
    const { compiled, start } = compiledFor(task.key, job);
    // The same views on the buffer as the main thread's (one layout, engine/week/results.ts). The task
    // runs to its end without yielding, so the Block's working arrays can be the pooled ones of its
    // layout: this thread's earlier blocks' arrays, already touched, instead of fresh pages each time.
    const run = new BlockRun(compiled, job.seed, job.community, job.runs, start, streamResults(compiled, job.runs, task.results), true);
    try {
        return run.step(task.block);
    } finally {
        run.release();
    }
}

function calibrate(task: CalibrateTask): CalibrateAnswer {
    const control = task.control;
    try {
        const calibration = calibrateCommunity(task.compiled, task.actuals, {
            seed: task.seed,
            backtest: task.backtest,
            isCancelled: () => Atomics.load(control, 0) !== 0,
            onProgress(done, total) {
                Atomics.store(control, 1, done);
                Atomics.store(control, 2, total);
            },
        });
        return { cancelled: false, calibration };
    } catch (error) {
        if (error instanceof SimulationCancelled) return { cancelled: true };
        throw error;
    }
}

export default function run(task: WorkerTask): unknown {
    switch (task.kind) {
        case 'blocks':
            return block(task);
        case 'calibrate':
            return calibrate(task);
        case 'warm':
            return true;
    }
}
