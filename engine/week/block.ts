// The state of one block of runs (structure of arrays, [item * B + run]) and the stored-series layout.
import { S, type CompiledCommunity } from '../compile.js';
import { cohortKernel, cohortStride, type CohortKernel } from '../cohort-kernel.js';
import { COST_CATEGORIES } from '../cost-categories.js';
import { clampTo, COUNT_LIMIT, RUN_BLOCK } from './numbers.js';
import { Scratch } from './scratch.js';

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

/** True when `age` is a whole week either side of one of the first `d` retention days. */
function seenAge(days: readonly number[], d: number, age: number): boolean {
    for (let e = 0; e < d; e++) if (Math.floor(days[e] / 7) === age || Math.ceil(days[e] / 7) === age) return true;
    return false;
}

/**
 * The working arrays of the pooled Blocks not in use, by layout (the sizes they are carved for), most
 * recently released last; a plan's communities have few layouts, an editor session not many more.
 */
const pool = new Map<string, Scratch>();
const POOL_LIMIT = 16;

function takeScratch(layout: string): Scratch {
    const scratch = pool.get(layout);
    if (!scratch) return new Scratch(true);
    pool.delete(layout);
    scratch.rewind();
    return scratch;
}

/** Gives a pooled Block's working arrays to the next pooled Block of its layout (`b` must not be used again). */
export function releaseBlock(b: Block): void {
    if (b.layout === '') return;
    pool.delete(b.layout);
    pool.set(b.layout, b.scratch);
    if (pool.size > POOL_LIMIT) pool.delete(pool.keys().next().value!);
}

/** Counts below this are whole numbers stored exactly in a Float32Array. */
const FLOAT32_EXACT = 2 ** 24;

/** Bytes of the outputs of `runs` runs carved from one buffer: the counts as Float32 when exact, rounded to 8-byte steps so the views after them stay aligned. */
function layoutBytes(stored: { values: number; counts: number }, H: number, K: number, NS: number, runs: number, exact32: boolean): number {
    const nCounts = stored.counts * H * runs;
    const countBytes = exact32 ? Math.ceil(nCounts / 2) * 8 : nCounts * 8;
    return (stored.values * H * runs + H + K * runs + COST_CATEGORIES.length * runs + NS * runs + NS * H + 2 * runs) * 8 + countBytes;
}

/** Bytes of the outputs of a Block of `runs` runs of `c` carved from one buffer (see the Block's `outputs`). */
export function outputBytes(c: CompiledCommunity, runs: number): number {
    return layoutBytes(storedSlots(c), c.horizon, c.kpis.length, c.sources.length, runs, peopleBound(c) < FLOAT32_EXACT);
}

/** The whole state of a simulation: outputs for all runs, and the working arrays of the current block of runs. */
export class Block {
    readonly c: CompiledCommunity;
    readonly R: number;
    readonly H: number;
    readonly T: number;
    readonly F: number;
    readonly A: number;
    readonly K: number;
    readonly CH: number;
    readonly RF: number;
    readonly D: number;
    /** Runs per block (the stride of every per-block array). */
    readonly B: number;
    /** First run of the current block and the number of runs in it. */
    r0 = 0;
    nb = 0;

    // ---- outputs ----
    readonly storedSlot: Int32Array;
    readonly isCount: Uint8Array;
    readonly series: Float64Array;
    readonly counts: Float32Array | Float64Array;
    readonly staffHoursW: Float64Array;
    readonly kpiValues: Float64Array;
    /** Total cost over the horizon per category (COST_CATEGORIES) and run: [category * R + r]. */
    readonly costByCategory: Float64Array;
    /** Posts of each content, runs of each activity and spend factors of each channel summed over the horizon. */
    readonly postsOverHorizon: Float64Array;
    /** Joins of each inflow source (c.sources) per run over the horizon, [source * R + r], and summed over runs per week, [source * H + w]. */
    readonly joinsBySource: Float64Array;
    readonly joinsBySourceWeekly: Float64Array;
    /** Per run: the contribution margin used for ROI (1 = gross) and the baseline revenue over the horizon. */
    readonly marginByRun: Float64Array;
    readonly baselineRevenue: Float64Array;
    readonly runsOverHorizon: Float64Array;
    readonly spendOverHorizon: Float64Array;

    // ---- flat structure of the community ----
    readonly flowFrom: Int32Array;
    readonly flowTo: Int32Array;
    readonly flowDemotion: Uint8Array;
    readonly outStart: Int32Array;
    readonly outList: Int32Array;
    readonly hasCapacity: boolean;
    readonly staffHoursPerRun: Float64Array;
    readonly moneyIdx: Int32Array;
    readonly countIdx: Int32Array;
    /** Inflow sources (organic, channels, referrals) and their draw classes: sources into one tier share a class, except a rewarded referral, whose joins are counted for its cost. */
    readonly SRC: number;
    /** Public content items (draw sources after the referrals). */
    readonly PC: number;
    readonly srcClass: Int32Array;
    readonly classInto: Int32Array;
    readonly classReferral: Int32Array;
    readonly NCL: number;
    readonly unbounded: boolean;

    // ---- per-block arrays, [item * B + j] ----
    readonly P: Float64Array;
    readonly churnW: Float64Array;
    readonly activeW: Float64Array;
    readonly buysW: Float64Array;
    readonly feeWeekly: Float64Array;
    readonly feeOnce: Float64Array;
    readonly flowW: Float64Array;
    readonly dChurn: Float64Array;
    readonly dActive: Float64Array;
    readonly dBuys: Float64Array;
    readonly dFlow: Float64Array;
    readonly reach: Float64Array;
    readonly runCost: Float64Array;
    readonly spend: Float64Array;
    readonly cpj: Float64Array;
    readonly growth: Float64Array;
    readonly reward: Float64Array;
    readonly orderValue: Float64Array;
    readonly referralPush: Float64Array;
    readonly spendFactorW: Float64Array;
    readonly pW: Float64Array;
    readonly qW: Float64Array;
    readonly bassE: Float64Array;
    readonly M: Float64Array;
    /** 1 / M (0 without an audience). */
    readonly invSize: Float64Array;
    readonly reached: Float64Array;
    readonly cumCost: Float64Array;
    readonly cumRev: Float64Array;
    readonly costW: Float64Array;
    readonly membersW: Float64Array;
    readonly activeNow: Float64Array;
    readonly m: Float64Array;
    readonly startM: Float64Array;
    readonly churnEff: Float64Array;
    readonly activeEff: Float64Array;
    readonly flowEff: Float64Array;
    readonly churned: Float64Array;
    readonly moved: Float64Array;
    readonly room: Float64Array;
    readonly joinsTo: Float64Array;
    readonly entrants: Float64Array;
    readonly joinsW: Float64Array;
    readonly stayFrac: Float64Array;
    readonly flowFrac: Float64Array;
    /** Per draw class and run, [k * B + j]: chance of staying unreached, weight in the split, expected joins (without an audience). */
    readonly clsStay: Float64Array;
    readonly clsWeight: Float64Array;
    readonly clsMean: Float64Array;
    /** Joins per draw class of the run being drawn. */
    readonly clsJoins: Float64Array;
    /** Each source's part of its class this week ([source * B + j]: its hazard, or its expected joins without an audience). */
    readonly srcShare: Float64Array;
    /** Sources of each class: srcOfClass[classStart[k] .. classStart[k + 1]). */
    readonly classStart: Int32Array;
    readonly srcOfClass: Int32Array;
    /** Per block: weekly purchase rate with content, activity trace per activity, participants this week, margin, baseline rate, joins per public post. */
    readonly buysEff: Float64Array;
    /**
     * Repurchase (复购): per tier and run, the weekly repurchase rate minus the weekly buy rate (0 when
     * the tier declares none), members still in the tier who have bought once / at least twice (expected
     * composition: fractions of people), and per run everyone who has bought once / twice since the start.
     */
    readonly dRepurchase: Float64Array;
    readonly boughtOnce: Float64Array;
    readonly boughtTwice: Float64Array;
    readonly everBuyers: Float64Array;
    readonly repeatBuyers: Float64Array;
    readonly movedOnce: Float64Array;
    readonly movedTwice: Float64Array;
    readonly tierFirst: Float64Array;
    readonly tierAgain: Float64Array;
    readonly trace: Float64Array;
    readonly participants: Float64Array;
    readonly marginW: Float64Array;
    readonly baselineW: Float64Array;
    readonly pcYield: Float64Array;
    /** Paid spend of the week per run; saturation factor and unreached share per run ([j], [B + j]). */
    readonly paid: Float64Array;
    readonly sat: Float64Array;
    /**
     * Cohorts: one tier vector per live weekly cohort ([t * B + j], a view per ring slot) plus a spare
     * that each propagation writes into before the two swap; sizes [slot * B + j]. Survival is kept only
     * at the ages a retention row reads (the whole weeks either side of each retention day):
     * [(slot * NA + ageIndex[age]) * B + j].
     */
    readonly AGE: number;
    readonly AG1: number;
    /** Cohort vectors of all ring slots, [(slot * T + t) * CB + j], stepped in place by `stepCohorts`. */
    readonly cohorts: Float64Array;
    readonly CB: number;
    /** The live cohorts of the week being stepped: offset, survival offset, size offset, moves on (see CohortKernel). */
    readonly live: Int32Array;
    readonly stepCohorts: CohortKernel;
    readonly keepFrac: Float64Array;
    readonly cohortSize: Float64Array;
    readonly ageIndex: Int32Array;
    readonly NA: number;
    readonly survival: Float64Array;
    /** KPI accumulators (new members, churn and conversion windows). */
    readonly kpiA: Float64Array;
    readonly kpiB: Float64Array;
    /** Where the working arrays came from, and the layout they were carved for ('' unless pooled). */
    readonly scratch: Scratch;
    readonly layout: string;

    /**
     * A Block of `runs` runs of `c`. A `pooled` one takes its working arrays from the last pooled Block
     * of the same layout (see `releaseBlock`): for passes that run to the end without yielding (the
     * checker's projections, the calibration's likelihood), never for a Block kept across awaits.
     */
    constructor(c: CompiledCommunity, runs: number, pooled = false, outputs?: ArrayBuffer) {
        const R = (this.R = runs);
        const H = (this.H = c.horizon);
        const T = (this.T = c.T);
        const F = (this.F = c.flows.length);
        const A = (this.A = c.activities.length);
        const K = (this.K = c.kpis.length);
        const CH = (this.CH = c.channels.length);
        const RF = (this.RF = c.referrals.length);
        const D = (this.D = c.dists.length);
        const B = (this.B = Math.min(R, RUN_BLOCK));
        this.c = c;

        const stored = storedSlots(c);
        this.storedSlot = stored.slot;
        this.isCount = stored.isCount;
        const nSeries = stored.values * H * R;
        const nCounts = stored.counts * H * R;
        const exact32 = peopleBound(c) < FLOAT32_EXACT;
        const NS = c.sources.length;
        const NCC = COST_CATEGORIES.length;
        if (pooled || outputs) {
            // One buffer for all the outputs: a synchronous pass's results stay in this thread (an
            // off-heap buffer each cost more than a small pass's weeks), and a pool worker writes its
            // block into the staging buffer the pool lent it (runtime/pool.ts), reused block after block.
            const bytes = layoutBytes(stored, H, K, NS, R, exact32);
            if (outputs && outputs.byteLength < bytes) throw new RangeError(`the outputs need ${bytes} bytes, not ${outputs.byteLength}`);
            const buffer = outputs ?? new ArrayBuffer(bytes);
            // A lent buffer holds the last block's outputs: zeroed, the outputs start as fresh arrays do (the same bytes).
            if (outputs) new Uint8Array(outputs, 0, bytes).fill(0);
            let at = 0;
            const take = (n: number) => {
                const a = new Float64Array(buffer, at, n);
                at += n * 8;
                return a;
            };
            this.series = take(nSeries);
            this.counts = exact32 ? new Float32Array(buffer, at, nCounts) : new Float64Array(buffer, at, nCounts);
            at += exact32 ? Math.ceil(nCounts / 2) * 8 : nCounts * 8;
            this.staffHoursW = take(H);
            this.kpiValues = take(K * R);
            this.costByCategory = take(NCC * R);
            this.joinsBySource = take(NS * R);
            this.joinsBySourceWeekly = take(NS * H);
            this.marginByRun = take(R);
            this.baselineRevenue = take(R);
        } else {
            this.series = new Float64Array(nSeries);
            this.counts = exact32 ? new Float32Array(nCounts) : new Float64Array(nCounts);
            this.staffHoursW = new Float64Array(H);
            this.kpiValues = new Float64Array(K * R);
            this.costByCategory = new Float64Array(NCC * R);
            this.joinsBySource = new Float64Array(NS * R);
            this.joinsBySourceWeekly = new Float64Array(NS * H);
            this.marginByRun = new Float64Array(R);
            this.baselineRevenue = new Float64Array(R);
        }
        // Sums over the horizon of the posts of each content, runs of each activity and spend factors of each channel.
        const NC = c.contentCost.length;
        const posts = (this.postsOverHorizon = new Float64Array(NC));
        for (let k = 0; k < NC; k++) {
            let sum = 0;
            for (let w = 0; w < H; w++) sum += c.contentPosts[k * H + w];
            posts[k] = sum;
        }
        const runsOver = (this.runsOverHorizon = new Float64Array(A));
        for (let a = 0; a < A; a++) {
            const runsOf = c.activities[a].runs;
            let sum = 0;
            for (let w = 0; w < H; w++) sum += runsOf[w];
            runsOver[a] = sum;
        }
        const spendOver = (this.spendOverHorizon = new Float64Array(CH));
        for (let k = 0; k < CH; k++) {
            const factor = c.channels[k].spendFactor;
            let sum = 0;
            for (let w = 0; w < H; w++) sum += factor[w];
            spendOver[k] = sum;
        }

        this.flowFrom = new Int32Array(F);
        this.flowTo = new Int32Array(F);
        this.flowDemotion = new Uint8Array(F);
        for (let f = 0; f < F; f++) {
            const flow = c.flows[f];
            this.flowFrom[f] = flow.from;
            this.flowTo[f] = flow.to;
            this.flowDemotion[f] = flow.demotion ? 1 : 0;
        }
        this.outStart = new Int32Array(T + 1);
        this.outList = new Int32Array(F);
        for (let t = 0, n = 0; t < T; t++) {
            this.outStart[t] = n;
            for (const f of c.flowsOut[t]) this.outList[n++] = f;
            this.outStart[t + 1] = n;
        }
        let hasCapacity = false;
        for (let t = 0; t < T; t++) if (c.tierCapacity[t] !== Infinity) hasCapacity = true;
        this.hasCapacity = hasCapacity;
        this.staffHoursPerRun = new Float64Array(A);
        for (let a = 0; a < A; a++) this.staffHoursPerRun[a] = clampTo(c.activities[a].staffHoursPerRun, COUNT_LIMIT);
        // Slots clamped right after sampling: amounts of money and counts of people.
        const moneySlots: number[] = [];
        const money = (slot: number) => {
            if (slot >= 0) moneySlots.push(slot);
        };
        for (let k = 0; k < NC; k++) money(c.contentCost[k]);
        money(c.orderValue);
        for (let t = 0; t < c.tierFee.length; t++) money(c.tierFee[t]);
        for (let a = 0; a < A; a++) money(c.activities[a].costPerRun);
        for (let k = 0; k < CH; k++) money(c.channels[k].spend);
        for (let k = 0; k < RF; k++) money(c.referrals[k].reward);
        this.moneyIdx = Int32Array.from(moneySlots);
        const countSlots: number[] = [];
        for (let t = 0; t < c.tierSeed.length; t++) if (c.tierSeed[t] >= 0) countSlots.push(c.tierSeed[t]);
        for (const slot of c.audiences) if (slot >= 0) countSlots.push(slot);
        this.countIdx = Int32Array.from(countSlots);

        const PC = (this.PC = c.publicContents.length);
        const SRC = (this.SRC = (c.organic ? 1 : 0) + CH + RF + PC);
        this.srcClass = new Int32Array(SRC);
        // Draw classes: one per receiving tier, one per rewarded referral (its key: the tier, or −1 − the referral).
        const classKey: number[] = [];
        const classInto: number[] = [];
        const classReferral: number[] = [];
        const add = (i: number, into: number, referral: number) => {
            const key = referral >= 0 ? -1 - referral : into;
            let k = classKey.indexOf(key);
            if (k < 0) {
                k = classKey.length;
                classKey.push(key);
                classInto.push(into);
                classReferral.push(referral);
            }
            this.srcClass[i] = k;
        };
        let i = 0;
        if (c.organic) add(i++, c.organic.into, -1);
        for (let k = 0; k < CH; k++) add(i++, c.channels[k].into, -1);
        for (let k = 0; k < RF; k++) add(i++, c.referrals[k].into, c.referrals[k].reward >= 0 ? k : -1);
        for (let k = 0; k < PC; k++) add(i++, c.publicContents[k].into, -1);
        this.classInto = Int32Array.from(classInto);
        this.classReferral = Int32Array.from(classReferral);
        const NCL = (this.NCL = classInto.length);
        this.unbounded = c.audiences.length === 0;
        this.classStart = new Int32Array(NCL + 1);
        this.srcOfClass = new Int32Array(SRC);
        for (let k = 0, n = 0; k < NCL; k++) {
            for (let s = 0; s < SRC; s++) if (this.srcClass[s] === k) this.srcOfClass[n++] = s;
            this.classStart[k + 1] = n;
        }

        // Ages a retention row reads (the whole weeks either side of each retention day), counted
        // before the working arrays are carved: their sizes are the block's layout.
        const AGE = (this.AGE = c.maxCohortAge);
        const AG1 = (this.AG1 = AGE + 1);
        const days = c.retentionDays;
        let NA = 0;
        for (let d = 0; d < days.length; d++) {
            const lo = Math.floor(days[d] / 7);
            const hi = Math.ceil(days[d] / 7);
            if (!seenAge(days, d, lo)) NA++;
            if (hi !== lo && !seenAge(days, d, hi)) NA++;
        }
        this.NA = NA;
        const CB = (this.CB = cohortStride(B));

        // Working arrays, carved from shared buffers (scratch.ts); the results above have their own. A
        // pooled Block takes the Scratch its layout used last (the same arrays, zeroed).
        this.layout = pooled ? `${D} ${T} ${F} ${A} ${K} ${CH} ${RF} ${PC} ${SRC} ${NCL} ${B} ${AG1} ${NA}` : '';
        const scratch = (this.scratch = pooled ? takeScratch(this.layout) : new Scratch());
        this.P = scratch.f64(D * B);
        this.churnW = scratch.f64(T * B);
        this.activeW = scratch.f64(T * B);
        this.buysW = scratch.f64(T * B);
        this.feeWeekly = scratch.f64(T * B);
        this.feeOnce = scratch.f64(T * B);
        this.flowW = scratch.f64(F * B);
        this.dChurn = scratch.f64(A * T * B);
        this.dActive = scratch.f64(A * T * B);
        this.dBuys = scratch.f64(A * T * B);
        this.dFlow = scratch.f64(A * F * B);
        this.reach = scratch.f64(A * B);
        this.runCost = scratch.f64(A * B);
        this.spend = scratch.f64(CH * B);
        this.cpj = scratch.f64(CH * B);
        this.growth = scratch.f64(RF * B);
        this.reward = scratch.f64(RF * B);
        this.orderValue = scratch.f64(B);
        this.referralPush = scratch.f64(RF * B);
        this.spendFactorW = scratch.f64(CH);
        this.pW = scratch.f64(B);
        this.qW = scratch.f64(B);
        this.bassE = scratch.f64(B);
        this.M = scratch.f64(B);
        this.invSize = scratch.f64(B);
        this.reached = scratch.f64(B);
        this.cumCost = scratch.f64(B);
        this.cumRev = scratch.f64(B);
        this.costW = scratch.f64(B);
        this.membersW = scratch.f64(B);
        this.activeNow = scratch.f64(B);
        this.m = scratch.f64(T * B);
        this.startM = scratch.f64(T * B);
        this.churnEff = scratch.f64(T * B);
        this.activeEff = scratch.f64(T * B);
        this.flowEff = scratch.f64(F * B);
        this.churned = scratch.f64(T * B);
        this.moved = scratch.f64(F * B);
        this.room = scratch.f64(T * B);
        this.joinsTo = scratch.f64(T * B);
        this.entrants = scratch.f64(T * B);
        this.joinsW = scratch.f64(B);
        this.stayFrac = scratch.f64(T * B);
        this.flowFrac = scratch.f64(F * B);
        this.clsStay = scratch.f64(NCL * B);
        this.clsWeight = scratch.f64(NCL * B);
        this.clsMean = scratch.f64(NCL * B);
        this.clsJoins = scratch.f64(NCL);
        this.srcShare = scratch.f64(this.SRC * B);
        this.buysEff = scratch.f64(T * B);
        this.dRepurchase = scratch.f64(T * B);
        this.boughtOnce = scratch.f64(T * B);
        this.boughtTwice = scratch.f64(T * B);
        this.everBuyers = scratch.f64(B);
        this.repeatBuyers = scratch.f64(B);
        this.movedOnce = scratch.f64(F * B);
        this.movedTwice = scratch.f64(F * B);
        this.tierFirst = scratch.f64(T);
        this.tierAgain = scratch.f64(T);
        this.trace = scratch.f64(A * B);
        this.participants = scratch.f64(B);
        this.marginW = scratch.f64(B);
        this.baselineW = scratch.f64(B);
        this.pcYield = scratch.f64(PC * B);
        this.paid = scratch.f64(B);
        this.sat = scratch.f64(2 * B);

        this.cohorts = scratch.f64(AG1 * T * CB);
        this.live = scratch.i32(4 * AG1);
        this.stepCohorts = cohortKernel(T, this.flowFrom, this.flowTo, B, CB);
        this.keepFrac = scratch.f64(T * B);
        this.cohortSize = scratch.f64(AG1 * B);
        this.ageIndex = scratch.i32(AG1).fill(-1);
        for (let d = 0, n = 0; d < days.length; d++) {
            const lo = Math.floor(days[d] / 7);
            const hi = Math.ceil(days[d] / 7);
            if (this.ageIndex[lo] < 0) this.ageIndex[lo] = n++;
            if (this.ageIndex[hi] < 0) this.ageIndex[hi] = n++;
        }
        this.survival = scratch.f64(AG1 * NA * B);
        this.kpiA = scratch.f64(K * B);
        this.kpiB = scratch.f64(K * B);
    }

    /** Offset of series `s`, week `w`, first run of the block in `series` or `counts`. */
    out(s: number, w: number): number {
        return (this.storedSlot[s] * this.H + w) * this.R + this.r0;
    }

    /** Sampled value of a distribution slot in run j of the block (0 for an absent slot). */
    at(slot: number, j: number): number {
        return slot < 0 ? 0 : this.P[slot * this.B + j];
    }
}
