// The Monte Carlo core: runs a compiled community week by week, `runs` times, in blocks of RUN_BLOCK
// runs side by side (see simulate-week.ts for the block's state and the phases of a week), each
// block from its own random stream (random.ts, BlockStreams), so blocks can run anywhere — this
// thread or the worker pool (runtime/) — and merge into the same bytes; and reads the stored results
// back (SeriesReader, rawValue).
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
export { outputBytes } from './week/block.js';
import { endObservedHistory, observedWeekStart, replayObservedWeek, type ObservedStart } from './observed-start.js';

export { COUNT_LIMIT, MONEY_LIMIT, RUN_BLOCK, storedSlots } from './simulate-week.js';
export { COST_CATEGORIES, type CostCategory } from './cost-categories.js';
import { COST_CATEGORIES } from './cost-categories.js';

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
 * `simulateBlocks` / `simulateStreams`.
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
    const raw = rawOf(b, options.start);
    releaseBlock(b);
    return raw;
}

function rawOf(b: Block, start?: ObservedStart): RawResult {
    const raw: RawResult = {
        compiled: b.c,
        runs: b.R,
        series: b.series,
        counts: b.counts,
        storedSlot: b.storedSlot,
        isCount: b.isCount,
        staffHours: b.staffHoursW,
        kpiValues: b.kpiValues,
        costByCategory: b.costByCategory,
        joinsBySource: b.joinsBySource,
        joinsBySourceWeekly: b.joinsBySourceWeekly,
        marginByRun: b.marginByRun,
        baselineRevenue: b.baselineRevenue,
    };
    if (start) raw.observedWeeks = Math.min(start.weeks, b.H);
    return raw;
}

// ---- Monte Carlo over independent block streams ----

/** Blocks of `runs` runs: RUN_BLOCK runs each, the last one shorter. */
export function blockCount(runs: number): number {
    return Math.ceil(Math.max(1, Math.floor(runs)) / RUN_BLOCK);
}

/**
 * The outputs of blocks [first, first + count) of a simulation: the arrays of a RawResult over the
 * runs of those blocks only, and the per-week sums over runs kept per block (`joinsBySourceWeekly`,
 * [(block − first) * sources * H + source * H + w]) so that adding them up in block order gives the
 * same bytes however the blocks were grouped.
 */
export interface BlockRange extends Pick<
    RawResult,
    | 'series'
    | 'counts'
    | 'staffHours'
    | 'kpiValues'
    | 'costByCategory'
    | 'joinsBySource'
    | 'joinsBySourceWeekly'
    | 'marginByRun'
    | 'baselineRevenue'
    | 'observedWeeks'
> {
    first: number;
    count: number;
    /** Runs in these blocks. */
    runs: number;
}

export class SimulationCancelled extends Error {
    constructor() {
        super('The simulation was cancelled.');
        this.name = 'SimulationCancelled';
    }
}

/** Where a BlockRun's arrays come from (defaults: fresh outputs, fresh working arrays). */
export interface BlockRunOptions {
    /** Carve the outputs from this buffer (at least `outputBytes(c, runs of the blocks)` long; a pool worker's staging buffer). */
    outputs?: ArrayBuffer;
    /** Take the working arrays of the last pooled Block of the same layout; only for a BlockRun that runs to the end without yielding, then `release`d. */
    pooled?: boolean;
}

export interface BlockHooks {
    /** Called after each block with the runs it simulated. */
    onBlock?: (runs: number) => void;
    /** Checked before each block; true stops the simulation with SimulationCancelled. */
    isCancelled?: () => boolean;
}

/**
 * Blocks [first, first + count) of `runs` runs of stream `stream` of `seed`, simulated one block per
 * `step` into one Block of all their runs — so a caller can stop or yield between blocks (the CLI's
 * and the server's in-thread runs, runtime/run.ts) and still get the outputs of all of them in one
 * set of arrays, which `mergeBlocks` then takes as they are instead of copying them.
 */
export class BlockRun {
    readonly count: number;
    private readonly b: Block;
    private readonly streams: BlockStreams;
    private readonly perBlock: Float64Array;
    private readonly end: number;
    private readonly begin: number;

    constructor(
        private readonly c: CompiledCommunity,
        seed: number,
        stream: number,
        runs: number,
        private readonly first: number,
        count: number,
        private readonly start?: ObservedStart,
        options: BlockRunOptions = {},
    ) {
        const R = Math.max(1, Math.floor(runs));
        this.begin = first * RUN_BLOCK;
        this.end = Math.min(R, (first + count) * RUN_BLOCK);
        if (!(count >= 1) || this.begin >= this.end) throw new RangeError(`blocks ${first}..${first + count - 1} are outside a simulation of ${R} runs`);
        this.count = count;
        this.b = new Block(c, this.end - this.begin, options.pooled === true, options.outputs);
        this.streams = new BlockStreams(seed, stream);
        this.perBlock = new Float64Array(count * this.b.joinsBySourceWeekly.length);
    }

    /** Simulates block first + k (0 ≤ k < count; each once, in any order); returns its runs. */
    step(k: number): number {
        const { b, end, begin } = this;
        const weekly = b.joinsBySourceWeekly;
        const rng = this.streams.block(this.first + k);
        const r0 = k * RUN_BLOCK;
        weekly.fill(0);
        startBlock(b, rng, r0, Math.min(RUN_BLOCK, end - begin - r0));
        runBlockWeeks(b, rng, this.start);
        this.perBlock.set(weekly, k * weekly.length);
        return b.nb;
    }

    /** The outputs of the blocks (call once every block has run). */
    result(): BlockRange {
        const { b, start } = this;
        const range: BlockRange = {
            first: this.first,
            count: this.count,
            runs: this.end - this.begin,
            series: b.series,
            counts: b.counts,
            staffHours: b.staffHoursW,
            kpiValues: b.kpiValues,
            costByCategory: b.costByCategory,
            joinsBySource: b.joinsBySource,
            joinsBySourceWeekly: this.perBlock,
            marginByRun: b.marginByRun,
            baselineRevenue: b.baselineRevenue,
        };
        if (start) range.observedWeeks = Math.min(start.weeks, this.c.horizon);
        return range;
    }

    /** Gives a pooled BlockRun's working arrays to the next pooled Block of its layout (call after `result`; the run must not step again). */
    release(): void {
        releaseBlock(this.b);
    }
}

/**
 * Simulates blocks [first, first + count) of `runs` runs of stream `stream` of `seed` (the pure "run
 * block k of the plan"), from the plan's start or, with `start`, from the observed history.
 */
export function simulateBlocks(
    c: CompiledCommunity,
    seed: number,
    stream: number,
    runs: number,
    first: number,
    count: number,
    hooks: BlockHooks = {},
    start?: ObservedStart,
): BlockRange {
    const run = new BlockRun(c, seed, stream, runs, first, count, start);
    for (let k = 0; k < count; k++) {
        if (hooks.isCancelled?.()) throw new SimulationCancelled();
        const nb = run.step(k);
        hooks.onBlock?.(nb);
    }
    return run.result();
}

/** Puts block ranges that together cover every block of a `runs`-run simulation into one RawResult. */
export function mergeBlocks(c: CompiledCommunity, runs: number, ranges: BlockRange[]): RawResult {
    const R = Math.max(1, Math.floor(runs));
    const sorted = [...ranges].sort((a, b) => a.first - b.first);
    let next = 0;
    for (const x of sorted) {
        if (x.first !== next) throw new RangeError(`block ${next} is missing from the simulation`);
        next += x.count;
    }
    if (next !== blockCount(R)) throw new RangeError(`the simulation has ${blockCount(R)} blocks, not ${next}`);
    if (sorted.length === 1) return wholeRange(c, R, sorted[0], storedSlots(c));
    const merge = new BlockMerge(c, R);
    for (const x of sorted) merge.add(x);
    return merge.result();
}

/**
 * The RawResult of a simulation put together block range by block range as the ranges arrive, in any
 * order (the pool copies each worker's block out of its staging buffer as soon as it is back, while
 * the other workers still run theirs): `add` copies a range's runs into this result's own arrays, so
 * the range's buffer can be reused at once; `result` then adds up the per-block weekly joins in block
 * order, which gives the same bytes however the blocks were grouped or ordered.
 */
export class BlockMerge {
    private readonly R: number;
    private readonly stored: ReturnType<typeof storedSlots>;
    private readonly blocks: number;
    /** Per-block weekly joins, [block * sources * H + source * H + w], summed in block order at the end. */
    private readonly weekly: Float64Array;
    private readonly seen: Uint8Array;
    private arrays: Pick<RawResult, 'series' | 'counts' | 'kpiValues' | 'costByCategory' | 'joinsBySource' | 'marginByRun' | 'baselineRevenue'> | undefined;
    private staffHours: Float64Array | undefined;
    private observedWeeks: number | undefined;

    constructor(
        private readonly c: CompiledCommunity,
        runs: number,
    ) {
        this.R = Math.max(1, Math.floor(runs));
        this.stored = storedSlots(c);
        this.blocks = blockCount(this.R);
        this.weekly = new Float64Array(this.blocks * c.sources.length * c.horizon);
        this.seen = new Uint8Array(this.blocks);
    }

    /** Copies the runs of a range (blocks not added before) into the result. */
    add(x: BlockRange): void {
        const { c, R, stored } = this;
        const H = c.horizon;
        if (x.first < 0 || x.first + x.count > this.blocks)
            throw new RangeError(`blocks ${x.first}..${x.first + x.count - 1} are outside a simulation of ${R} runs`);
        for (let k = x.first; k < x.first + x.count; k++) {
            if (this.seen[k]) throw new RangeError(`block ${k} is in the simulation twice`);
            this.seen[k] = 1;
        }
        // The counts' type is the blocks' (Float32 when exact): the first range says which.
        const a = (this.arrays ??= {
            series: new Float64Array(stored.values * H * R),
            counts: x.counts instanceof Float32Array ? new Float32Array(stored.counts * H * R) : new Float64Array(stored.counts * H * R),
            kpiValues: new Float64Array(c.kpis.length * R),
            costByCategory: new Float64Array(COST_CATEGORIES.length * R),
            joinsBySource: new Float64Array(c.sources.length * R),
            marginByRun: new Float64Array(R),
            baselineRevenue: new Float64Array(R),
        });
        const r0 = x.first * RUN_BLOCK;
        // Row-major [row * n + r] arrays: each range holds rows of its own length, one contiguous copy per row.
        const scatter = (into: Float64Array | Float32Array, from: Float64Array | Float32Array, rows: number, n: number) => {
            for (let row = 0; row < rows; row++) into.set(from.subarray(row * n, (row + 1) * n), row * R + r0);
        };
        scatter(a.series, x.series, stored.values * H, x.runs);
        scatter(a.counts, x.counts, stored.counts * H, x.runs);
        scatter(a.kpiValues, x.kpiValues, c.kpis.length, x.runs);
        scatter(a.costByCategory, x.costByCategory, COST_CATEGORIES.length, x.runs);
        scatter(a.joinsBySource, x.joinsBySource, c.sources.length, x.runs);
        a.marginByRun.set(x.marginByRun.subarray(0, x.runs), r0);
        a.baselineRevenue.set(x.baselineRevenue.subarray(0, x.runs), r0);
        const n = c.sources.length * H;
        this.weekly.set(x.joinsBySourceWeekly.subarray(0, x.count * n), x.first * n);
        // Every block has the same staff hours and observed weeks; the first block's are kept, as one range's would be.
        if (x.first === 0) {
            this.staffHours = Float64Array.from(x.staffHours);
            if (x.observedWeeks) this.observedWeeks = x.observedWeeks;
        }
    }

    /** The whole simulation (every block added). */
    result(): RawResult {
        const { c, R, stored } = this;
        const missing = this.seen.indexOf(0);
        if (missing >= 0) throw new RangeError(`block ${missing} is missing from the simulation`);
        return rawResult(c, R, stored, this.arrays!, this.staffHours!, this.weekly, this.blocks, this.observedWeeks);
    }
}

/**
 * The RawResult of one range that holds every block: its arrays as they are (a copy would be the same
 * bytes, for ~80 MB of copying at 10,000 × 52), the weekly joins summed over blocks in block order as
 * `mergeBlocks` sums them.
 */
function wholeRange(c: CompiledCommunity, R: number, x: BlockRange, stored: ReturnType<typeof storedSlots>): RawResult {
    return rawResult(c, R, stored, x, x.staffHours, x.joinsBySourceWeekly, x.count, x.observedWeeks);
}

/**
 * A simulation's RawResult from its run-major arrays, the weekly joins of its `blocks` blocks summed
 * in block order (the same sum whether the blocks came from one range or were merged one by one).
 */
function rawResult(
    c: CompiledCommunity,
    R: number,
    stored: ReturnType<typeof storedSlots>,
    a: Pick<RawResult, 'series' | 'counts' | 'kpiValues' | 'costByCategory' | 'joinsBySource' | 'marginByRun' | 'baselineRevenue'>,
    staffHours: Float64Array,
    weekly: Float64Array,
    blocks: number,
    observedWeeks: RawResult['observedWeeks'],
): RawResult {
    const n = c.sources.length * c.horizon;
    const joinsBySourceWeekly = new Float64Array(n);
    for (let k = 0; k < blocks; k++) for (let i = 0; i < n; i++) joinsBySourceWeekly[i] += weekly[k * n + i];
    const raw: RawResult = {
        compiled: c,
        runs: R,
        series: a.series,
        counts: a.counts,
        storedSlot: stored.slot,
        isCount: stored.isCount,
        staffHours,
        kpiValues: a.kpiValues,
        costByCategory: a.costByCategory,
        joinsBySource: a.joinsBySource,
        joinsBySourceWeekly,
        marginByRun: a.marginByRun,
        baselineRevenue: a.baselineRevenue,
    };
    if (observedWeeks) raw.observedWeeks = observedWeeks;
    return raw;
}

/** Every block of a simulation in this thread (what the pool does over its workers, with the same bytes). */
export function simulateStreams(c: CompiledCommunity, seed: number, stream: number, runs: number, hooks: BlockHooks = {}, start?: ObservedStart): RawResult {
    return mergeBlocks(c, runs, [simulateBlocks(c, seed, stream, runs, 0, blockCount(runs), hooks, start)]);
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
