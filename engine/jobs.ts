// Simulation jobs: plain descriptions of the Monte Carlo work a forecast, a sensitivity analysis, a
// solve step or a calibration needs, and the in-thread runner. The worker threads (runtime/) import
// this module and the engine's core only — no plan schema (zod) and no report shaping — so a worker
// starts in a fraction of the time; runtime/pool.ts runs the same jobs there with the same bytes.
import { Assumptions } from './assumptions.js';
import { compileCommunity, type CompiledCommunity } from './compile.js';
import type { Plan } from './model.js';
import { observedStart, type ObservedStart, type ObservedWeeks } from './observed-start.js';
import { simulateStreams, type RawResult } from './simulate.js';

/**
 * One simulation that a forecast, a sensitivity analysis or a solve step needs: community
 * `community` of `plan` (scenario already applied), `runs` runs from stream `community` of `seed`.
 * Plain data, so it can be sent to a worker (runtime/), which compiles it again.
 */
export interface SimulationJob {
    plan: Plan;
    community: number;
    seed: number;
    runs: number;
    /** The community's observed weeks: simulate from the last one's state rather than the plan's start. */
    observed?: ObservedWeeks;
}

/** Work described before it runs: the simulations, and what to make of their results (in job order). */
export interface Simulations<T> {
    jobs: SimulationJob[];
    finish(raws: RawResult[]): T;
}

export interface RunHooks {
    /** Runs done so far over all jobs, after each block. */
    onProgress?: (done: number) => void;
    /** Checked between blocks; true stops the work with SimulationCancelled. */
    isCancelled?: () => boolean;
}

/** The compiled community of a job (with the plan's ignored assumptions as notes). */
export function compileJob(job: SimulationJob): CompiledCommunity {
    const assumptions = new Assumptions(job.plan.assumptions);
    const compiled = compileCommunity(job.plan, job.plan.communities[job.community], assumptions);
    for (const problem of assumptions.problems) compiled.notes.push(`Assumption ignored: ${problem}.`);
    return compiled;
}

/**
 * What the simulation of a job starts from: undefined = the plan's start, else the observed history
 * (computed from the job alone, so every thread that simulates a block of it gets the same one).
 */
export function jobStart(job: SimulationJob, compiled: CompiledCommunity): ObservedStart | undefined {
    return job.observed ? observedStart(compiled, job.observed) : undefined;
}

/** Runs of all jobs together (for progress bars). */
export function totalRuns(jobs: SimulationJob[]): number {
    return jobs.reduce((n, job) => n + Math.max(1, Math.floor(job.runs)), 0);
}

/** Runs every job in this thread, block after block (the pool in runtime/ gives the same bytes). */
export function runSimulations<T>(work: Simulations<T>, hooks: RunHooks = {}): T {
    let done = 0;
    const onBlock = (n: number) => {
        done += n;
        hooks.onProgress?.(done);
    };
    return work.finish(
        work.jobs.map((job) => {
            const c = compileJob(job);
            return simulateStreams(c, job.seed, job.community, job.runs, { onBlock, isCancelled: hooks.isCancelled }, jobStart(job, c));
        }),
    );
}

/**
 * Work whose next simulations depend on the last ones' results (goal seeking): a generator that
 * yields the jobs of a step, receives their results, and returns the answer.
 */
export type Stepwise<R> = Generator<SimulationJob[], R, RawResult[]>;

/** Runs stepwise work in this thread. */
export function runStepwise<R>(steps: Stepwise<R>, hooks: RunHooks = {}): R {
    let next = steps.next();
    while (!next.done) {
        const jobs = next.value;
        next = steps.next(runSimulations({ jobs, finish: (raws) => raws }, hooks));
    }
    return next.value;
}
