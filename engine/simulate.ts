// The Monte Carlo core: runs a compiled community week by week, `runs` times, in blocks of RUN_BLOCK
// runs side by side (see simulate-week.ts for the block's state and the phases of a week), each
// block from its own random stream (random.ts, BlockStreams), so blocks can run anywhere — this
// thread or the worker pool (runtime/) — into their runs of one set of result arrays
// (week/results.ts) and give the same bytes; and reads the stored results back (SeriesReader, rawValue).
import { BlockStreams, type Draws } from './random.js';
import { S, type CompiledCommunity } from './compile.js';
import {
    bassHazard,
    Block,
    RUN_BLOCK,
    storedSlots,
    roiOf,
    startBlock,
    weekCapacity,
    weekCohorts,
    weekHazards,
    weekJoins,
    weekKpis,
    weekMoves,
    weekOutflows,
    weekRates,
    weekRecord,
    weekRetention,
} from './simulate-week.js';
import { releaseBlock } from './week/block.js';
import { carveResults, type ResultArrays } from './week/results.js';
import { endObservedHistory, observedWeekStart, replayObservedWeek, type ObservedStart } from './observed-start.js';

export { COUNT_LIMIT, MONEY_LIMIT, RUN_BLOCK, storedSlots } from './simulate-week.js';
export { COST_CATEGORIES, type CostCategory } from './cost-categories.js';

export interface RawResult {
    compiled: CompiledCommunity;
    runs: number;
    /**
     * Values of the stored series that are not counts of people (money, shares), week-major:
     * [(storedSlot[s] * horizon + w) * runs + r]; NaN = undefined that week. Series that follow exactly
     * from others (see `storedSlots`) are not stored; read any series with `rawValue` or a `SeriesReader`.
     */
    series: Float64Array;
    /**
     * The stored counts of people (members per tier, new, active, churned, promotions, demotions), laid
     * out as `series`. Counts are whole numbers within [0, addressable audience], so they are kept as
     * Float32 — exactly — when no audience can exceed 2^24 people, else as Float64.
     */
    counts: Float32Array | Float64Array;
    /** Slot of each series in `series` or `counts` (see `isCount`), −1 for a derived one. */
    storedSlot: Int32Array;
    /** 1 for a series stored in `counts`. */
    isCount: Uint8Array;
    /** Staff hours per week (the same in every run). */
    staffHours: Float64Array;
    /** KPI values at their deadlines: [k * runs + r]; NaN = undefined. */
    kpiValues: Float64Array;
    /** Total cost over the horizon per category (COST_CATEGORIES order) and run: [category * runs + r]. */
    costByCategory: Float64Array;
    /** New members by source (compiled.sources) per run over the horizon, [source * runs + r]; they add up to the run's new members. */
    joinsBySource: Float64Array;
    /** New members by source summed over all runs per week, [source * horizon + w] (divide by runs for the mean). */
    joinsBySourceWeekly: Float64Array;
    /** Contribution margin of each run (1 = ROI on gross sales). */
    marginByRun: Float64Array;
    /** Revenue the members would have brought without the community, per run over the horizon. */
    baselineRevenue: Float64Array;
    /** Weeks replayed from the observed history before the simulated ones (engine/observed-start.ts); absent or 0 = from the plan's start. */
    observedWeeks?: number;
}

/**
 * Reads every run's value of a series in one week. Cumulative series (and ROI) keep running sums
 * per run, so reading the weeks of a series in increasing order costs one pass over the runs per week.
 */
export class SeriesReader {
    private readonly raw: RawResult;
    private readonly H: number;
    private readonly R: number;
    private readonly cost: Float64Array;
    private readonly revenue: Float64Array;
    private readonly members: Float64Array;
    private costWeek = -1;
    private revenueWeek = -1;

    constructor(raw: RawResult) {
        this.raw = raw;
        this.H = raw.compiled.horizon;
        this.R = raw.runs;
        this.cost = new Float64Array(raw.runs);
        this.revenue = new Float64Array(raw.runs);
        this.members = new Float64Array(raw.runs);
    }

    private stored(s: number, w: number): number {
        return (this.raw.storedSlot[s] * this.H + w) * this.R;
    }

    private valuesOf(s: number): Float32Array | Float64Array {
        return this.raw.isCount[s] ? this.raw.counts : this.raw.series;
    }

    /** Running sums of a weekly series up to week w (restarted when asked for an earlier week). */
    private advance(acc: Float64Array, weekly: number, from: number, w: number): void {
        const R = this.R;
        const v = this.valuesOf(weekly);
        if (from > w) {
            acc.fill(0);
            from = -1;
        }
        for (let x = from + 1; x <= w; x++) {
            const o = this.stored(weekly, x);
            for (let r = 0; r < R; r++) acc[r] += v[o + r];
        }
    }

    private cumulative(which: 'cost' | 'revenue', w: number): Float64Array {
        if (which === 'cost') {
            this.advance(this.cost, S.cost, this.costWeek, w);
            this.costWeek = w;
            return this.cost;
        }
        this.advance(this.revenue, S.revenue, this.revenueWeek, w);
        this.revenueWeek = w;
        return this.revenue;
    }

    private totalMembers(w: number): Float64Array {
        const c = this.raw.compiled;
        const v = this.raw.counts;
        const m = this.members;
        m.fill(0);
        for (let t = 0; t < c.T; t++) {
            const o = this.stored(c.tierSeries0 + t, w);
            for (let r = 0; r < this.R; r++) m[r] += v[o + r];
        }
        return m;
    }

    /** Fills out[0..runs) with series `s` in week `w` (0-based). */
    read(s: number, w: number, out: Float64Array): Float64Array {
        const { raw, R } = this;
        const c = raw.compiled;
        if (raw.storedSlot[s] >= 0) {
            const o = this.stored(s, w);
            out.set(this.valuesOf(s).subarray(o, o + R));
            return out;
        }
        if (s === S.staffHours) return out.fill(raw.staffHours[w], 0, R);
        if (s === S.cumulativeCost || s === S.cumulativeRevenue) {
            out.set(this.cumulative(s === S.cumulativeCost ? 'cost' : 'revenue', w).subarray(0, R));
            return out;
        }
        if (s === S.roi) {
            const cost = this.cumulative('cost', w);
            const revenue = this.cumulative('revenue', w);
            const margin = raw.marginByRun;
            for (let r = 0; r < R; r++) out[r] = roiOf(revenue[r] * margin[r], cost[r]);
            return out;
        }
        const m = this.totalMembers(w);
        if (s === S.members) out.set(m.subarray(0, R));
        else if (s === S.activeRate) {
            const o = this.stored(S.activeMembers, w);
            const active = raw.counts;
            for (let r = 0; r < R; r++) out[r] = m[r] > 0 ? active[o + r] / m[r] : NaN;
        } else {
            const g = s - c.groupSeries0;
            const cap = c.groupCapacities[g];
            const mask = c.groupTiers[g];
            if (mask.every((x) => x === 1)) for (let r = 0; r < R; r++) out[r] = Math.ceil(m[r] / cap);
            else {
                // Only the tiers that live on this platform need its groups.
                out.fill(0, 0, R);
                for (let t = 0; t < c.T; t++) {
                    if (!mask[t]) continue;
                    const o = this.stored(c.tierSeries0 + t, w);
                    for (let r = 0; r < R; r++) out[r] += raw.counts[o + r];
                }
                for (let r = 0; r < R; r++) out[r] = Math.ceil(out[r] / cap);
            }
        }
        return out;
    }
}

/** Value of series `s` in week `w` (0-based) of run `r`. */
export function rawValue(raw: RawResult, s: number, w: number, r: number): number {
    if (raw.storedSlot[s] >= 0) return storedValue(raw, s, w, r);
    const c = raw.compiled;
    if (s === S.staffHours) return raw.staffHours[w];
    if (s === S.cumulativeCost) return cumulativeValue(raw, S.cost, w, r);
    if (s === S.cumulativeRevenue) return cumulativeValue(raw, S.revenue, w, r);
    if (s === S.roi) {
        return roiOf(cumulativeValue(raw, S.revenue, w, r) * raw.marginByRun[r], cumulativeValue(raw, S.cost, w, r));
    }
    let members = 0;
    for (let t = 0; t < c.T; t++) members += storedValue(raw, c.tierSeries0 + t, w, r);
    if (s === S.members) return members;
    if (s === S.activeRate) return members > 0 ? storedValue(raw, S.activeMembers, w, r) / members : NaN;
    const g = s - c.groupSeries0;
    let onPlatform = 0;
    for (let t = 0; t < c.T; t++) if (c.groupTiers[g][t]) onPlatform += storedValue(raw, c.tierSeries0 + t, w, r);
    return Math.ceil(onPlatform / c.groupCapacities[g]);
}

/** Value of stored series `s` in week `w` of run `r`. */
function storedValue(raw: RawResult, s: number, w: number, r: number): number {
    return (raw.isCount[s] ? raw.counts : raw.series)[(raw.storedSlot[s] * raw.compiled.horizon + w) * raw.runs + r];
}

/** Sum of stored weekly series `weekly` over weeks 0..w of run `r`. */
function cumulativeValue(raw: RawResult, weekly: number, w: number, r: number): number {
    let acc = 0;
    for (let x = 0; x <= w; x++) acc += storedValue(raw, weekly, x, r);
    return acc;
}

export interface SimulateOptions {
    runs: number;
    /** Start from this observed history instead of the plan's start (engine/observed-start.ts). */
    start?: ObservedStart;
    /** Called after every block of runs with the number of runs done. */
    onProgress?: (done: number) => void;
}

/** Probability that a not-yet-reached person adopts during one week under the Bass model (exact for the ODE). */
export function bassWeeklyHazard(p: number, q: number, F0: number): number {
    return bassHazard(p, q, F0, Math.exp(-(p + q)));
}

/**
 * The weeks of the block started in `b` (the order of the phases is the order of the draws). With an
 * observed start, its weeks are replayed first — no draws, the same history in every run — and the
 * simulated weeks follow from the state it leaves.
 */
function runBlockWeeks(b: Block, rng: Draws, start?: ObservedStart): void {
    const from = start ? Math.min(start.weeks, b.H) : 0;
    for (let w = 0; w < from; w++) {
        observedWeekStart(b, start!, w);
        weekRates(b, w);
        replayObservedWeek(b, start!, w);
        weekRecord(b, w);
        weekCohorts(b, w);
        weekRetention(b, w);
        weekKpis(b, w);
    }
    if (from > 0) endObservedHistory(b, start!);
    for (let w = from; w < b.H; w++) {
        weekRates(b, w);
        weekOutflows(b, rng);
        if (b.hasCapacity) weekCapacity(b);
        weekMoves(b, w);
        weekHazards(b, w);
        weekJoins(b, rng, w);
        weekRecord(b, w);
        weekCohorts(b, w);
        weekRetention(b, w);
        weekKpis(b, w);
    }
}

/**
 * Runs all runs from one source of draws, block after block. For draws that are not the Monte Carlo
 * streams — the mean-field pass (ExpectedDraws), the backtest's posterior draws; the forecast runs
 * `BlockRun`s over the blocks' streams (`simulateStreams`, runtime/).
 */
export function simulateCommunity(c: CompiledCommunity, rng: Draws, options: SimulateOptions): RawResult {
    const R = Math.max(1, Math.floor(options.runs));
    // Nothing here yields, so the Block's working arrays can be the last ones of its layout (block.ts).
    const b = new Block(c, R, true);
    for (let r0 = 0; r0 < R; r0 += b.B) {
        startBlock(b, rng, r0, Math.min(b.B, R - r0));
        runBlockWeeks(b, rng, options.start);
        if (options.onProgress) options.onProgress(r0 + b.nb);
    }
    const raw = rawOf(c, b.results, options.start, { slot: b.storedSlot, isCount: b.isCount });
    releaseBlock(b);
    return raw;
}

/**
 * The RawResult over a simulation's result arrays: the arrays as they are, and the weekly joins
 * summed over their regions in block order (one region: taken as it is).
 */
function rawOf(
    c: CompiledCommunity,
    results: ResultArrays,
    start?: ObservedStart,
    stored: { slot: Int32Array; isCount: Uint8Array } = storedSlots(c),
): RawResult {
    let weekly = results.joinsBySourceWeekly;
    if (results.blocks > 1) {
        // Block after block from zero, as one thread adds them up: the same bytes wherever the blocks ran.
        const n = c.sources.length * c.horizon;
        weekly = new Float64Array(n);
        for (let k = 0; k < results.blocks; k++) for (let i = 0; i < n; i++) weekly[i] += results.joinsBySourceWeekly[k * n + i];
    }
    const raw: RawResult = {
        compiled: c,
        runs: results.runs,
        series: results.series,
        counts: results.counts,
        storedSlot: stored.slot,
        isCount: stored.isCount,
        staffHours: results.staffHours,
        kpiValues: results.kpiValues,
        costByCategory: results.costByCategory,
        joinsBySource: results.joinsBySource,
        joinsBySourceWeekly: weekly,
        marginByRun: results.marginByRun,
        baselineRevenue: results.baselineRevenue,
    };
    if (start) raw.observedWeeks = Math.min(start.weeks, c.horizon);
    return raw;
}

// ---- Monte Carlo over independent block streams ----

/** Blocks of `runs` runs: RUN_BLOCK runs each, the last one shorter. */
export function blockCount(runs: number): number {
    return Math.ceil(Math.max(1, Math.floor(runs)) / RUN_BLOCK);
}

/**
 * The result arrays of a `runs`-run simulation over independent block streams: one weekly-joins
 * region per block, so each block's sums stay apart until they are added up in block order. New
 * ones; on a new SharedArrayBuffer with 'shared' (the pool's main thread: its workers write their
 * blocks straight into it); or the views on such a `buffer` (a worker, given the buffer).
 */
export function streamResults(c: CompiledCommunity, runs: number, buffer?: SharedArrayBuffer | 'shared'): ResultArrays {
    const R = Math.max(1, Math.floor(runs));
    return carveResults(c, R, blockCount(R), buffer);
}

export class SimulationCancelled extends Error {
    constructor() {
        super('The simulation was cancelled.');
        this.name = 'SimulationCancelled';
    }
}

export interface BlockHooks {
    /** Called after each block with the runs it simulated. */
    onBlock?: (runs: number) => void;
    /** Checked before each block; true stops the simulation with SimulationCancelled. */
    isCancelled?: () => boolean;
}

/**
 * The blocks of `runs` runs of stream `stream` of `seed`, each simulated by a `step` into its own
 * runs of the result arrays — so a caller can stop or yield between blocks (the in-thread runner,
 * runtime/run.ts), and several BlockRuns over one shared set of arrays (the pool's workers, each
 * with the blocks it was given) fill in the same bytes as one BlockRun stepping every block.
 */
export class BlockRun {
    readonly results: ResultArrays;
    private readonly b: Block;
    private readonly streams: BlockStreams;
    private readonly blocks: number;

    /**
     * `results`: the simulation's arrays (`streamResults`), new ones when absent. `pooled`: the
     * working arrays come from, and `release` gives them back to, the pool of block.ts — only for a
     * BlockRun that steps without yielding in between (a worker's task).
     */
    constructor(
        private readonly c: CompiledCommunity,
        seed: number,
        stream: number,
        runs: number,
        private readonly start?: ObservedStart,
        results?: ResultArrays,
        pooled = false,
    ) {
        const R = Math.max(1, Math.floor(runs));
        this.results = results ?? streamResults(c, R);
        this.blocks = blockCount(R);
        if (this.results.blocks !== this.blocks) throw new RangeError(`results of ${this.results.blocks} blocks for a simulation of ${this.blocks}`);
        this.b = new Block(c, R, pooled, this.results);
        this.streams = new BlockStreams(seed, stream);
    }

    /** Simulates block k (0 ≤ k < blockCount(runs); each once, in any order); returns its runs. */
    step(k: number): number {
        const { b, results } = this;
        if (!(k >= 0 && k < this.blocks)) throw new RangeError(`block ${k} is outside a simulation of ${this.blocks} blocks`);
        const n = this.c.sources.length * this.c.horizon;
        // This block's own weekly sums (zero until it runs), added up in block order by `result`.
        b.joinsBySourceWeekly = results.joinsBySourceWeekly.subarray(k * n, (k + 1) * n);
        const rng = this.streams.block(k);
        const r0 = k * RUN_BLOCK;
        startBlock(b, rng, r0, Math.min(RUN_BLOCK, results.runs - r0));
        runBlockWeeks(b, rng, this.start);
        return b.nb;
    }

    /** The result (call once every block has run, here or in another BlockRun over the same arrays). */
    result(): RawResult {
        return rawOf(this.c, this.results, this.start);
    }

    /** Gives a pooled BlockRun's working arrays to the next pooled Block (this one must not step again). */
    release(): void {
        releaseBlock(this.b);
    }
}

/** The RawResult of a simulation whose blocks other threads wrote into `results` (the pool, once every block is done). */
export function streamsResult(c: CompiledCommunity, results: ResultArrays, start?: ObservedStart): RawResult {
    return rawOf(c, results, start);
}

/** Every block of a simulation in this thread (what the pool does over its workers, with the same bytes). */
export function simulateStreams(c: CompiledCommunity, seed: number, stream: number, runs: number, hooks: BlockHooks = {}, start?: ObservedStart): RawResult {
    const run = new BlockRun(c, seed, stream, runs, start);
    for (let k = 0; k < blockCount(runs); k++) {
        if (hooks.isCancelled?.()) throw new SimulationCancelled();
        const nb = run.step(k);
        hooks.onBlock?.(nb);
    }
    return run.result();
}

/** True when `value op target` holds. */
export function meetsTarget(value: number, op: '>=' | '<=' | '>' | '<', target: number): boolean {
    if (Number.isNaN(value)) return false;
    switch (op) {
        case '>=':
            return value >= target - 1e-12;
        case '<=':
            return value <= target + 1e-12;
        case '>':
            return value > target;
        case '<':
            return value < target;
    }
}
