// The simulation pool: worker threads (piscina) that run blocks of the forecast's simulations, so a
// forecast, a sensitivity analysis or a solve step uses every core. Each task is one block of one
// job; the main thread keeps at most two tasks per thread in flight (so a cancel stops the work
// within a block). Each task in flight holds one of the pool's staging buffers (a slot): the worker
// writes its block there, the buffer moves back with the answer, and this thread copies the block
// into its job's own arrays (engine/simulate.ts, BlockMerge) while the other workers run theirs, then
// lends the buffer to the next task. The per-block sums are added in block order at the end, so the
// bytes are one thread's. Calibration runs whole in a worker, reading the shared cancel flag between
// evaluations.
//
// Why staging buffers moved back and forth, not one SharedArrayBuffer per job that the workers write
// into (BENCHMARKS.md, twelfth session): a worker frees its views on a SharedArrayBuffer only when it
// collects its own heap, which it seldom does, so every finished job's buffer stayed alive for the
// life of the pool. A transferred ArrayBuffer belongs to one thread at a time and is never pinned by
// a worker; the pool owns a fixed number of them (one per slot), grown only when a block needs more,
// so its staging memory is at most slots × the largest block's outputs, and a result shares nothing.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Actuals } from '../engine/actuals/parse.js';
import type { Calibration } from '../engine/calibrate/calibrate.js';
import type { CompiledCommunity } from '../engine/compile.js';
import { compileJob, type SimulationJob } from '../engine/jobs.js';
import { BlockMerge, blockCount, outputBytes, RUN_BLOCK, SimulationCancelled, type RawResult } from '../engine/simulate.js';
import type { CancelToken } from './cancel.js';
import type { BlocksAnswer, BlocksTask, CalibrateAnswer, CalibrateTask, WorkerTask } from './simulation-worker.js';

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

/** One staging buffer of the pool: here while free, in a worker while its task runs (then `buffer` is detached here). */
interface Slot {
    buffer: ArrayBuffer | undefined;
    /** Its size, known while it is away. */
    bytes: number;
}

/** What the pool's staging buffers cost: buffers allocated since it started, and bytes it owns now. */
export interface StagingStats {
    slots: number;
    allocated: number;
    bytes: number;
    /** Slots not lent to a task now (all of them between calls: a slot that never comes back is a leak). */
    free: number;
}

/**
 * How long an idle pool keeps its staging buffers (modelling choice: a forecast preview that re-runs
 * on each edit finds them warm; a server that ran one large plan and then sits idle does not keep
 * slots × its largest block for the rest of the session).
 */
export const STAGING_IDLE_MS = 30_000;

export class SimulationPool {
    readonly threads: number;
    private readonly piscina: Piscina<WorkerTask, unknown>;
    private jobs = 0;
    /** Slots not lent to a task; two per thread, as many as one call keeps in flight. */
    private readonly free: Slot[] = [];
    private readonly slots: number;
    private allocated = 0;
    private bytes = 0;
    /**
     * The pumps of the calls running now with their tasks in flight, woken when a slot comes back
     * (calls share the slots). The call with the fewest tasks in flight is woken first, so a short
     * call started beside a long one gets the next slot instead of waiting for the long one's last task.
     */
    private readonly waiting = new Map<() => void, () => number>();
    private idleTimer: ReturnType<typeof setTimeout> | undefined;

    private constructor(script: string, threads: number) {
        this.threads = threads;
        this.slots = 2 * threads;
        for (let i = 0; i < this.slots; i++) this.free.push({ buffer: undefined, bytes: 0 });
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

    /** The staging buffers' count and size (for tests and benchmarks: bounded by slots × the largest block). */
    stagingStats(): StagingStats {
        return { slots: this.slots, allocated: this.allocated, bytes: this.bytes, free: this.free.length };
    }

    /** A free slot whose buffer holds at least `bytes`, or undefined when every slot is lent. */
    private takeSlot(bytes: number): Slot | undefined {
        if (this.free.length === 0) return undefined;
        // One that fits if there is one (the last returned first: its pages are the warmest), else one to grow.
        const fitting = this.free.findLastIndex((x) => x.buffer !== undefined && x.bytes >= bytes);
        const slot = this.free.splice(fitting >= 0 ? fitting : this.free.length - 1, 1)[0];
        if (slot.buffer === undefined || slot.bytes < bytes) {
            // Grown only: a pool that ran a large plan keeps buffers that fit it (the old one is
            // dropped here, in the thread that owns it, so nothing else holds it).
            this.bytes += bytes - slot.bytes;
            this.allocated++;
            slot.buffer = new ArrayBuffer(bytes);
            slot.bytes = bytes;
        }
        return slot;
    }

    /** A slot back from its task (with its buffer, or without one when the task failed and kept it). */
    private giveSlot(slot: Slot, buffer: ArrayBuffer | undefined): void {
        if (buffer === undefined) {
            this.bytes -= slot.bytes;
            slot.bytes = 0;
        }
        slot.buffer = buffer;
        this.free.push(slot);
        const calls = [...this.waiting].sort((a, b) => a[1]() - b[1]());
        for (const [wake] of calls) wake();
        this.whenIdle();
    }

    /** With no call running and every slot back, drops the staging buffers after STAGING_IDLE_MS. */
    private whenIdle(): void {
        if (this.idleTimer) clearTimeout(this.idleTimer);
        this.idleTimer = undefined;
        if (this.waiting.size > 0 || this.free.length < this.slots) return;
        this.idleTimer = setTimeout(() => this.releaseStaging(), STAGING_IDLE_MS);
        // The timer alone must not keep a CLI process alive.
        this.idleTimer.unref();
    }

    /** Drops every free slot's buffer (the next call allocates afresh); also what an idle pool does. */
    releaseStaging(): void {
        for (const slot of this.free) {
            this.bytes -= slot.bytes;
            slot.buffer = undefined;
            slot.bytes = 0;
        }
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
        const merges = jobs.map((job, j) => new BlockMerge(compiled[j], job.runs));
        // A full block's outputs (the last, shorter block fits in the same buffer).
        const blockBytes = jobs.map((job, j) => outputBytes(compiled[j], Math.min(Math.max(1, Math.floor(job.runs)), RUN_BLOCK)));
        const inFlight = 2 * this.threads;
        return new Promise<RawResult[]>((resolve, reject) => {
            let next = 0;
            let running = 0;
            let done = 0;
            let settled = false;
            const finish = (error?: unknown) => {
                if (settled) return;
                settled = true;
                this.waiting.delete(pump);
                this.whenIdle();
                stopListening();
                if (error !== undefined) return reject(error);
                try {
                    resolve(merges.map((m) => m.result()));
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
                    const t = tasks[next];
                    const slot = this.takeSlot(blockBytes[t.job]);
                    // Every slot is lent (to this call or another one): a returning slot wakes this pump.
                    if (!slot) return;
                    next++;
                    running++;
                    const staging = slot.buffer!;
                    const task: BlocksTask = { kind: 'blocks', key: `${id}:${t.job}`, job: jobs[t.job], first: t.first, count: 1, staging };
                    this.piscina.run(task, { transferList: [staging] }).then(
                        (answer) => {
                            running--;
                            const { range, staging: back } = answer as BlocksAnswer;
                            // Copied out before the buffer is lent again; after a cancel the block is dropped.
                            // Whatever throws here (the copy, the caller's progress hook) fails this call and
                            // still gives the slot back, so the pool never loses one.
                            try {
                                if (!settled) {
                                    merges[t.job].add(range);
                                    done += range.runs;
                                    onProgress?.(done);
                                }
                            } catch (e) {
                                finish(e);
                            } finally {
                                // Wakes the pumps waiting for a slot, this one among them (it is waiting until it settles).
                                this.giveSlot(slot, back);
                            }
                        },
                        (error) => {
                            running--;
                            // The buffer stayed in the failed worker: the slot gets a new one when next used.
                            finish(error);
                            this.giveSlot(slot, undefined);
                        },
                    );
                }
            };
            this.waiting.set(pump, () => running);
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
        if (this.idleTimer) clearTimeout(this.idleTimer);
        await this.piscina.destroy();
    }
}
