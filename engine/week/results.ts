// The one layout of a simulation's results: which series are stored (and which are derived on
// reading), and every output array of all the runs carved from one buffer. The Block of a synchronous
// pass, the in-thread runner's BlockRun and the pool's workers all write into this layout: the pool's
// main thread allocates it once on a SharedArrayBuffer, and each worker carves the same views from
// that buffer (this function, the same arithmetic) and writes its blocks straight into their runs — no
// block arrays moved back, no merge copying them into the result.
import { S, type CompiledCommunity } from '../compile.js';
import { COST_CATEGORIES } from '../cost-categories.js';
import { clampTo, COUNT_LIMIT } from './numbers.js';

/** Counts below this are whole numbers stored exactly in a Float32Array. */
export const FLOAT32_EXACT = 2 ** 24;

/** Largest number of people any run can hold (the addressable audience or the seeds), Infinity without an audience. */
export function peopleBound(c: CompiledCommunity): number {
    if (c.audiences.length === 0) return Infinity;
    const max = (slot: number) => {
        if (slot < 0) return 0;
        const d = c.dists[slot];
        return Math.round(clampTo(d.kind === 'fixed' ? d.value : d.max, COUNT_LIMIT));
    };
    let audience = 0;
    for (const slot of c.audiences) audience += max(slot);
    let seeds = 0;
    for (const slot of c.tierSeed) seeds += max(slot);
    return Math.max(audience, seeds);
}

/**
 * Slot of each series in the stored values, −1 for the series computed from others on reading, with
 * the same arithmetic the simulation would use: members (sum of the tiers), active rate (active /
 * members), cumulative cost and revenue (running sums of the weekly ones), ROI, groups needed
 * (ceil(members / capacity)) and staff hours (the same in every run, kept once per week).
 */
export function storedSlots(c: CompiledCommunity): { slot: Int32Array; isCount: Uint8Array; values: number; counts: number } {
    const slot = new Int32Array(c.series.length);
    const isCount = new Uint8Array(c.series.length);
    let values = 0;
    let counts = 0;
    for (let s = 0; s < slot.length; s++) {
        const derived =
            s === S.members ||
            s === S.activeRate ||
            s === S.cumulativeCost ||
            s === S.cumulativeRevenue ||
            s === S.roi ||
            s === S.staffHours ||
            (s >= c.groupSeries0 && s < c.groupSeries0 + c.groupCapacities.length);
        const count =
            s === S.newMembers ||
            s === S.activeMembers ||
            s === S.churned ||
            s === S.promotions ||
            s === S.demotions ||
            (s >= c.tierSeries0 && s < c.tierSeries0 + c.T);
        isCount[s] = count ? 1 : 0;
        slot[s] = derived ? -1 : count ? counts++ : values++;
    }
    return { slot, isCount, values, counts };
}

/**
 * The output arrays of a simulation of `runs` runs, row-major [row * runs + r] (see RawResult in
 * engine/simulate.ts for what each holds), all views on `buffer`.
 */
export interface ResultArrays {
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    readonly runs: number;
    /** Regions of `joinsBySourceWeekly`: one per block of runs when blocks run apart, else one summed over all. */
    readonly blocks: number;
    readonly series: Float64Array;
    readonly counts: Float32Array | Float64Array;
    readonly staffHours: Float64Array;
    readonly kpiValues: Float64Array;
    readonly costByCategory: Float64Array;
    readonly joinsBySource: Float64Array;
    /** New members by source per week summed over the runs of each region: [(region * sources + source) * H + w]. */
    readonly joinsBySourceWeekly: Float64Array;
    readonly marginByRun: Float64Array;
    readonly baselineRevenue: Float64Array;
}

type Stored = ReturnType<typeof storedSlots>;

/** Lengths of the arrays of ResultArrays (8-byte ones in buffer order, then the counts) and the buffer's size in bytes. */
function layoutOf(c: CompiledCommunity, runs: number, blocks: number, stored: Stored) {
    const H = c.horizon;
    const R = runs;
    const exact32 = peopleBound(c) < FLOAT32_EXACT;
    const series = stored.values * H * R;
    const weekly = blocks * c.sources.length * H;
    const f64Length = series + H + c.kpis.length * R + COST_CATEGORIES.length * R + c.sources.length * R + weekly + 2 * R;
    // The counts last, so a Float32Array of odd length needs no padding before an 8-byte array.
    const counts = stored.counts * H * R;
    return { series, weekly, counts, exact32, bytes: f64Length * 8 + counts * (exact32 ? 4 : 8) };
}

/** Bytes of the ResultArrays of `runs` runs with `blocks` weekly regions (what a forecast holds per community). */
export function resultBytes(c: CompiledCommunity, runs: number, blocks: number): number {
    return layoutOf(c, runs, blocks, storedSlots(c)).bytes;
}

/**
 * The ResultArrays of `runs` runs of `c` with `blocks` weekly regions, on `buffer` (which must be
 * `resultBytes` long: the same buffer gives the same views in every thread), or on a new zeroed
 * buffer — a SharedArrayBuffer when `buffer` is 'shared', for the pool's workers to write into.
 * `stored`: `storedSlots(c)` when the caller has it already.
 */
export function carveResults(
    c: CompiledCommunity,
    runs: number,
    blocks: number,
    buffer?: ArrayBuffer | SharedArrayBuffer | 'shared',
    stored: Stored = storedSlots(c),
): ResultArrays {
    const layout = layoutOf(c, runs, blocks, stored);
    const into = buffer === 'shared' ? new SharedArrayBuffer(layout.bytes) : (buffer ?? new ArrayBuffer(layout.bytes));
    if (into.byteLength !== layout.bytes) throw new RangeError(`a result buffer of ${into.byteLength} bytes, not the ${layout.bytes} of this layout`);
    let at = 0;
    const take = (n: number) => {
        const a = new Float64Array(into, at, n);
        at += n * 8;
        return a;
    };
    const series = take(layout.series);
    const staffHours = take(c.horizon);
    const kpiValues = take(c.kpis.length * runs);
    const costByCategory = take(COST_CATEGORIES.length * runs);
    const joinsBySource = take(c.sources.length * runs);
    const joinsBySourceWeekly = take(layout.weekly);
    const marginByRun = take(runs);
    const baselineRevenue = take(runs);
    const counts = layout.exact32 ? new Float32Array(into, at, layout.counts) : new Float64Array(into, at, layout.counts);
    return {
        buffer: into,
        runs,
        blocks,
        series,
        counts,
        staffHours,
        kpiValues,
        costByCategory,
        joinsBySource,
        joinsBySourceWeekly,
        marginByRun,
        baselineRevenue,
    };
}
