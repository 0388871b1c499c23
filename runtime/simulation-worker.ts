// The worker thread of the simulation pool (runtime/pool.ts): runs blocks of a simulation job — the
// engine's pure "run block k of the plan" (engine/simulate.ts, BlockRun) — or a whole calibration.
// A block's outputs are written into the staging buffer the pool lent with the task and moved back
// with the answer (piscina's transferable marks): no copy either way, and no memory a worker keeps.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Actuals } from '../engine/actuals/parse.js';
import { calibrateCommunity, type Calibration } from '../engine/calibrate/calibrate.js';
import type { CompiledCommunity } from '../engine/compile.js';
import { compileJob, jobStart, type SimulationJob } from '../engine/jobs.js';
import type { ObservedStart } from '../engine/observed-start.js';
import { BlockRun, RUN_BLOCK, SimulationCancelled, type BlockRange } from '../engine/simulate.js';

export interface BlocksTask {
    kind: 'blocks';
    /** Names the job across its blocks, so a worker compiles it once. */
    key: string;
    job: SimulationJob;
    first: number;
    count: number;
    /**
     * The pool's staging buffer for this task's slot (runtime/pool.ts), transferred here and back: the
     * outputs of the blocks are carved from it, so no block allocates (and first touches) output arrays.
     */
    staging: ArrayBuffer;
}

/** A block's answer: its outputs as views on the staging buffer, which moves back with them. */
export interface BlocksAnswer {
    range: BlockRange;
    staging: ArrayBuffer;
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

function blocks(task: BlocksTask): unknown {
    const { job, staging } = task;
    const { compiled, start } = compiledFor(task.key, job);
    // Pooled working arrays: the task runs to its end without yielding, and the next task in this
    // worker takes them again (no fresh pages for every block). Only full blocks: the pool keys the
    // arrays by layout, and every job's shorter last block would keep a set of its own for good.
    const full = job.runs - task.first * RUN_BLOCK >= task.count * RUN_BLOCK;
    const run = new BlockRun(compiled, job.seed, job.community, job.runs, task.first, task.count, start, { outputs: staging, pooled: full });
    for (let k = 0; k < task.count; k++) run.step(k);
    const range = run.result();
    run.release();
    const answer: BlocksAnswer = { range, staging };
    // The staging buffer moves back (the same piscina module instance as the worker runtime's, which
    // checks the mark: one bundle, out/runtime/simulation-worker.cjs); the per-block weekly joins, a
    // few KB on their own buffer, are cloned with it.
    return move({ [transferableSymbol]: [staging], [valueSymbol]: answer } as never);
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
            return blocks(task);
        case 'calibrate':
            return calibrate(task);
        case 'warm':
            return true;
    }
}
