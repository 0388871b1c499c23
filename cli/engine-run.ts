// How a command runs the engine's long work: large work on the simulation pool (started only when
// needed, stopped when the command ends, so the process can exit), small work in this thread; and
// Ctrl-C cancels it between blocks — the progress bar is cleared, nothing is written, exit 130. A
// second Ctrl-C exits at once.
import { SimulationCancelled } from '../engine/simulate.js';
import { CancelSource, type CancelToken } from '../runtime/cancel.js';
import { SimulationPool } from '../runtime/pool.js';
import { POOL_MIN_RUN_WEEKS, type RunOptions } from '../runtime/run.js';
import { Interrupted, said } from './errors.js';
import type { Progress } from './progress.js';

export interface EngineRun {
    token: CancelToken;
    /** Options for runtime/run.ts: the pool (started on first use), the token, progress. */
    options(onProgress?: (done: number) => void): RunOptions;
    /** The pool, started now if it is not yet (undefined on one core or COMMUNITY_THREADS=1, unless `evenOne`). */
    pool(evenOne?: boolean): SimulationPool | undefined;
}

// Made on first use: a startup snapshot (cli/entries/simulate-snapshot.ts) cannot hold the SharedArrayBuffer of one.
let cancel: CancelSource | undefined;
let shown: Progress | undefined;
let listening = false;
let interrupts = 0;
const onSigint = () => {
    if (++interrupts > 1) process.exit(130);
    shown?.stop();
    cancel?.cancel();
};

/**
 * Called first by a long command: from here on Ctrl-C no longer kills the process but cancels the
 * work, which stops at its next block (a Ctrl-C while the plan still loads stops before the first).
 */
export function listenForCtrlC(): void {
    if (listening) return;
    listening = true;
    cancel = new CancelSource();
    interrupts = 0;
    process.on('SIGINT', onSigint);
}

function stopListening(): void {
    listening = false;
    shown = undefined;
    process.off('SIGINT', onSigint);
}

/**
 * Run-weeks (runs × weeks over all jobs) from which a command uses the pool; below, the work runs in
 * this thread. Higher than the library's POOL_MIN_RUN_WEEKS (runtime/run.ts, for the server, whose
 * thread must stay free): a command's process has nothing else to do while it waits, and on two
 * cores the pool costs more than it saves up to tens of thousands of runs. Each worker boots (~0.1 s
 * of CPU: Node's internal modules, the worker bundle) and tiers up the kernel again from the
 * interpreter (its first block costs ~4× a warm one, ~2× more while the other worker tiers up on the
 * other core and V8's compiler threads have no core of their own), and two threads simulating at once
 * run each block ~1.5–2× slower than one thread alone (measured with 1 and 2 workers on this
 * machine). `simulate --runs 10000` of the 52-week fitness plan: 1.5 s wall and CPU in one thread
 * against 2.0–3.0 s with two (BENCHMARKS.md, eighth session, pool helper).
 * COMMUNITY_POOL_FROM sets another threshold (0 = always the pool, as the tests that compare thread
 * counts do).
 */
export const CLI_POOL_MIN_RUN_WEEKS = 2_000_000;

/** The threshold in force: COMMUNITY_POOL_FROM when it is a whole number ≥ 0, else CLI_POOL_MIN_RUN_WEEKS. */
export function cliPoolFrom(env: NodeJS.ProcessEnv = process.env): number {
    const set = env.COMMUNITY_POOL_FROM;
    const n = set === undefined || set.trim() === '' ? NaN : Number(set);
    return Number.isInteger(n) && n >= 0 ? n : Math.max(CLI_POOL_MIN_RUN_WEEKS, POOL_MIN_RUN_WEEKS);
}

let pool: SimulationPool | undefined;
let started = false;
const getPool = (evenOne = false) => {
    if (!started) {
        started = true;
        pool = SimulationPool.create(undefined, undefined, evenOne);
    }
    return pool;
};

/**
 * Starts the pool's threads now, while the plan is still loading and checking, when the flags
 * already say the work will be large (`simulate --runs 10000`): the threads then boot beside the
 * parser instead of after it.
 */
export function startPoolEarly(): void {
    getPool();
}

export async function withEngine<T>(progress: Progress | undefined, body: (run: EngineRun) => Promise<T>): Promise<T> {
    listenForCtrlC();
    shown = progress;
    try {
        const token = (cancel ??= new CancelSource());
        if (token.isCancelled()) throw new SimulationCancelled();
        return await body({ token, pool: getPool, options: (onProgress) => ({ pool: () => getPool(), token, onProgress, poolFrom: cliPoolFrom() }) });
    } catch (error) {
        if (error instanceof SimulationCancelled) throw new Interrupted(said('cli.interrupted', {}));
        throw error;
    } finally {
        stopListening();
        progress?.stop();
        const stopping = pool;
        pool = undefined;
        started = false;
        await stopping?.destroy();
    }
}
