// One block of runs of the Monte Carlo core, and the phases of one simulated week over it.
//
// The state of a block lives in typed arrays indexed [item * B + run] (structure of arrays), so every
// inner loop is a tight loop over runs and nothing is allocated per run or per week. Each phase is its
// own small function: V8 optimises small functions called every week far better than one long
// function that could only be optimised on the fly (on-stack replacement) and kept falling back.
//
// Phases of a week, from the start-of-week state (`simulateCommunity` calls them in this order, which
// is the order of the random draws):
//  1. weekRates: effective weekly rates per tier (base + content effects + activity lifts for the share
//     of targeted members taking part, capped by capacity) and the week's content/activity costs;
//  2. weekOutflows: outflows per tier as a multinomial by sequential binomials (churn, then
//     promotions/demotions); weekCapacity: promotions into a full tier stay put;
//  3. weekMoves: apply churn and tier moves; referral pressure of the week;
//  4. weekHazards, weekJoins: inflows from the not-yet-reached pool (Bass organic diffusion, paid
//     channels with diminishing returns, referral campaigns: one binomial over the pool, split among the
//     sources only as far as the split matters), then active members, buyers and money;
//  5. weekRecord, weekCohorts, weekRetention, weekKpis: stored series, cohorts and KPI windows.
//
// Robustness: every sampled count (seeds, audience sizes) and amount of money is clamped to
// [0, COUNT_LIMIT] / [0, MONEY_LIMIT], rates to [0, 1], Bass coefficients and referral growth to
// finite ceilings, so no plan the schema accepts can produce NaN or Infinity (see
// docs/forecast-model.md, "Limits").
import { WEEKS_PER } from './model.js';
import { EXACT_DRAW_LIMIT, type Draws as Random } from './random.js';
import { S, type CompiledCommunity } from './compile.js';
import { cohortKernel, cohortStride, type CohortKernel } from './cohort-kernel.js';
import { COST_CATEGORIES } from './cost-categories.js';

/** Runs simulated side by side (one block of typed arrays). Part of the draw order: changing it changes results. */
export const RUN_BLOCK = 1024;
/** Ceiling of any count of people (seeds, audience sizes, expected joins per week). */
export const COUNT_LIMIT = 1e12;
/** Ceiling of any sampled amount of money (per post, run, week, join, member, order). */
export const MONEY_LIMIT = 1e12;
// Cost categories (engine/cost-categories.ts) kept as totals over the horizon per run.
const CONTENT_COST = 0;
const ACTIVITY_COST = 1;
const PAID_COST = 2;
const REFERRAL_COST = 3;

/** Ceiling of the weekly Bass coefficients p and q (above ~20 everyone adopts within the week anyway). */
const BASS_LIMIT = 100;
/** Ceiling of a referral campaign's weekly growth factor g. */
const GROWTH_LIMIT = 1e6;

export function clamp01(x: number): number {
    return x > 0 ? (x < 1 ? x : 1) : 0;
}

export function clampTo(x: number, limit: number): number {
    return x > 0 ? (x < limit ? x : limit) : 0;
}

/** A rate per period of `weeksPer` weeks converted exactly to a weekly one. */
function weekly(p: number, weeksPer: number): number {
    if (!(p > 0)) return 0;
    if (p >= 1) return 1;
    return weeksPer === 1 ? p : 1 - Math.pow(1 - p, 1 / weeksPer);
}

/**
 * Bass weekly hazard with E = e^{−(p+q)} precomputed: the share of the not-yet-reached who adopt
 * within the week, starting from the adopted fraction F0. From the exact solution of the Bass ODE,
 * (F1 − F0)/(1 − F0) simplifies to (1 − E)(p + qF0) / (p + qF0 + Eq(1 − F0)): one division.
 */
export function bassHazard(p: number, q: number, F0: number, E: number): number {
    if (!(F0 < 1)) return 0;
    const rate = p + q * F0;
    if (!(rate > 0)) return 0;
    const h = ((1 - E) * rate) / (rate + E * q * (1 - F0));
    return h > 0 ? (h < 1 ? h : 1) : 0;
}

/**
 * Sum over tiers of Binomial(n[t], p[t]) for one run, for outputs that feed nothing back (active
 * members, buyers). The sum is a Poisson-binomial count: when its variance Σnp(1 − p) is at least
 * EXACT_DRAW_LIMIT it is drawn as one normal N(Σnp, Σnp(1 − p)) (as accurate as the normal draw of a
 * single binomial past the exact-draw limit); otherwise each tier below the exact-draw limit is drawn
 * exactly and the others with one normal draw for their part.
 */
function binomialSum(rng: Random, n: Float64Array, p: Float64Array, T: number, B: number, j: number): number {
    let sure = 0;
    let mu = 0;
    let v = 0;
    let big = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const nt = n[i];
        const pt = p[i];
        if (!(nt > 0) || !(pt > 0)) continue;
        if (pt >= 1) sure += nt;
        else {
            const mean = nt * pt;
            mu += mean;
            v += mean * (1 - pt);
            big += nt;
        }
    }
    if (v >= EXACT_DRAW_LIMIT) return sure + normalCount(rng, mu, v, big);
    if (!(v > 0)) return sure;
    let total = sure;
    mu = 0;
    v = 0;
    big = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const nt = n[i];
        const pt = p[i];
        if (!(nt > 0) || !(pt > 0) || pt >= 1) continue;
        const mean = nt * pt;
        if (mean < EXACT_DRAW_LIMIT || nt - mean < EXACT_DRAW_LIMIT) total += rng.binomial(nt, pt);
        else {
            mu += mean;
            v += mean * (1 - pt);
            big += nt;
        }
    }
    return v > 0 ? total + normalCount(rng, mu, v, big) : total;
}

/** A count drawn from N(mean, variance), rounded and clamped to [0, max]. */
function normalCount(rng: Random, mean: number, variance: number, max: number): number {
    const k = Math.round(mean + Math.sqrt(variance) * rng.normal());
    return k < 0 ? 0 : k > max ? max : k;
}

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
        const derived = s === S.members || s === S.activeRate || s === S.cumulativeCost || s === S.cumulativeRevenue || s === S.roi || s === S.staffHours || (s >= c.groupSeries0 && s < c.groupSeries0 + c.groupCapacities.length);
        const count = s === S.newMembers || s === S.activeMembers || s === S.churned || s === S.promotions || s === S.demotions || (s >= c.tierSeries0 && s < c.tierSeries0 + c.T);
        isCount[s] = count ? 1 : 0;
        slot[s] = derived ? -1 : count ? counts++ : values++;
    }
    return { slot, isCount, values, counts };
}

/** Counts below this are whole numbers stored exactly in a Float32Array. */
const FLOAT32_EXACT = 2 ** 24;

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

    constructor(c: CompiledCommunity, runs: number) {
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
        this.series = new Float64Array(stored.values * H * R);
        this.counts = peopleBound(c) < FLOAT32_EXACT ? new Float32Array(stored.counts * H * R) : new Float64Array(stored.counts * H * R);
        this.staffHoursW = new Float64Array(H);
        this.kpiValues = new Float64Array(K * R);
        this.costByCategory = new Float64Array(COST_CATEGORIES.length * R);
        this.joinsBySource = new Float64Array(c.sources.length * R);
        this.joinsBySourceWeekly = new Float64Array(c.sources.length * H);
        this.marginByRun = new Float64Array(R);
        this.baselineRevenue = new Float64Array(R);
        const overHorizon = (n: number, at: (i: number, w: number) => number) =>
            Float64Array.from({ length: n }, (_, i) => {
                let sum = 0;
                for (let w = 0; w < H; w++) sum += at(i, w);
                return sum;
            });
        this.postsOverHorizon = overHorizon(c.contentCost.length, (k, w) => c.contentPosts[k * H + w]);
        this.runsOverHorizon = overHorizon(A, (a, w) => c.activities[a].runs[w]);
        this.spendOverHorizon = overHorizon(CH, (k, w) => c.channels[k].spendFactor[w]);

        this.flowFrom = Int32Array.from(c.flows, (f) => f.from);
        this.flowTo = Int32Array.from(c.flows, (f) => f.to);
        this.flowDemotion = Uint8Array.from(c.flows, (f) => (f.demotion ? 1 : 0));
        this.outStart = new Int32Array(T + 1);
        this.outList = new Int32Array(F);
        for (let t = 0, n = 0; t < T; t++) {
            this.outStart[t] = n;
            for (const f of c.flowsOut[t]) this.outList[n++] = f;
            this.outStart[t + 1] = n;
        }
        this.hasCapacity = c.tierCapacity.some((x) => x !== Infinity);
        this.staffHoursPerRun = Float64Array.from(c.activities, (a) => clampTo(a.staffHoursPerRun, COUNT_LIMIT));
        // Slots clamped right after sampling: amounts of money and counts of people.
        const moneySlots: number[] = [...c.contentCost, c.orderValue, ...c.tierFee];
        for (const a of c.activities) moneySlots.push(a.costPerRun);
        for (const ch of c.channels) moneySlots.push(ch.spend);
        for (const rf of c.referrals) moneySlots.push(rf.reward);
        const countSlots: number[] = [...c.tierSeed, ...c.audiences];
        this.moneyIdx = Int32Array.from(moneySlots.filter((s) => s >= 0));
        this.countIdx = Int32Array.from(countSlots.filter((s) => s >= 0));

        const PC = (this.PC = c.publicContents.length);
        this.SRC = (c.organic ? 1 : 0) + CH + RF + PC;
        this.srcClass = new Int32Array(this.SRC);
        const classInto: number[] = [];
        const classReferral: number[] = [];
        const keys: string[] = [];
        const add = (i: number, into: number, referral: number) => {
            const key = referral >= 0 ? `r${referral}` : `t${into}`;
            let k = keys.indexOf(key);
            if (k < 0) {
                k = keys.length;
                keys.push(key);
                classInto.push(into);
                classReferral.push(referral);
            }
            this.srcClass[i] = k;
        };
        let i = 0;
        if (c.organic) add(i++, c.organic.into, -1);
        for (const ch of c.channels) add(i++, ch.into, -1);
        c.referrals.forEach((rf, j) => add(i++, rf.into, rf.reward >= 0 ? j : -1));
        for (const pc of c.publicContents) add(i++, pc.into, -1);
        this.classInto = Int32Array.from(classInto);
        this.classReferral = Int32Array.from(classReferral);
        const NCL = (this.NCL = classInto.length);
        this.unbounded = c.audiences.length === 0;
        const bySrc: number[][] = classInto.map(() => []);
        for (let s = 0; s < this.SRC; s++) bySrc[this.srcClass[s]].push(s);
        this.classStart = new Int32Array(NCL + 1);
        for (let k = 0; k < NCL; k++) this.classStart[k + 1] = this.classStart[k] + bySrc[k].length;
        this.srcOfClass = Int32Array.from(bySrc.flat());

        this.P = new Float64Array(D * B);
        this.churnW = new Float64Array(T * B);
        this.activeW = new Float64Array(T * B);
        this.buysW = new Float64Array(T * B);
        this.feeWeekly = new Float64Array(T * B);
        this.feeOnce = new Float64Array(T * B);
        this.flowW = new Float64Array(F * B);
        this.dChurn = new Float64Array(A * T * B);
        this.dActive = new Float64Array(A * T * B);
        this.dBuys = new Float64Array(A * T * B);
        this.dFlow = new Float64Array(A * F * B);
        this.reach = new Float64Array(A * B);
        this.runCost = new Float64Array(A * B);
        this.spend = new Float64Array(CH * B);
        this.cpj = new Float64Array(CH * B);
        this.growth = new Float64Array(RF * B);
        this.reward = new Float64Array(RF * B);
        this.orderValue = new Float64Array(B);
        this.referralPush = new Float64Array(RF * B);
        this.spendFactorW = new Float64Array(CH);
        this.pW = new Float64Array(B);
        this.qW = new Float64Array(B);
        this.bassE = new Float64Array(B);
        this.M = new Float64Array(B);
        this.invSize = new Float64Array(B);
        this.reached = new Float64Array(B);
        this.cumCost = new Float64Array(B);
        this.cumRev = new Float64Array(B);
        this.costW = new Float64Array(B);
        this.membersW = new Float64Array(B);
        this.activeNow = new Float64Array(B);
        this.m = new Float64Array(T * B);
        this.startM = new Float64Array(T * B);
        this.churnEff = new Float64Array(T * B);
        this.activeEff = new Float64Array(T * B);
        this.flowEff = new Float64Array(F * B);
        this.churned = new Float64Array(T * B);
        this.moved = new Float64Array(F * B);
        this.room = new Float64Array(T * B);
        this.joinsTo = new Float64Array(T * B);
        this.entrants = new Float64Array(T * B);
        this.joinsW = new Float64Array(B);
        this.stayFrac = new Float64Array(T * B);
        this.flowFrac = new Float64Array(F * B);
        this.clsStay = new Float64Array(NCL * B);
        this.clsWeight = new Float64Array(NCL * B);
        this.clsMean = new Float64Array(NCL * B);
        this.clsJoins = new Float64Array(NCL);
        this.srcShare = new Float64Array(this.SRC * B);
        this.buysEff = new Float64Array(T * B);
        this.dRepurchase = new Float64Array(T * B);
        this.boughtOnce = new Float64Array(T * B);
        this.boughtTwice = new Float64Array(T * B);
        this.everBuyers = new Float64Array(B);
        this.repeatBuyers = new Float64Array(B);
        this.movedOnce = new Float64Array(F * B);
        this.movedTwice = new Float64Array(F * B);
        this.tierFirst = new Float64Array(T);
        this.tierAgain = new Float64Array(T);
        this.trace = new Float64Array(A * B);
        this.participants = new Float64Array(B);
        this.marginW = new Float64Array(B);
        this.baselineW = new Float64Array(B);
        this.pcYield = new Float64Array(PC * B);
        this.paid = new Float64Array(B);
        this.sat = new Float64Array(2 * B);

        const AGE = (this.AGE = c.maxCohortAge);
        const AG1 = (this.AG1 = AGE + 1);
        const CB = (this.CB = cohortStride(B));
        this.cohorts = new Float64Array(AG1 * T * CB);
        this.live = new Int32Array(4 * AG1);
        this.stepCohorts = cohortKernel(T, this.flowFrom, this.flowTo, B, CB);
        this.keepFrac = new Float64Array(T * B);
        this.cohortSize = new Float64Array(AG1 * B);
        this.ageIndex = new Int32Array(AG1).fill(-1);
        let NA = 0;
        for (const d of c.retentionDays) for (const age of [Math.floor(d / 7), Math.ceil(d / 7)]) if (this.ageIndex[age] < 0) this.ageIndex[age] = NA++;
        this.NA = NA;
        this.survival = new Float64Array(AG1 * NA * B);
        this.kpiA = new Float64Array(K * B);
        this.kpiB = new Float64Array(K * B);
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

/** Starts the block of runs [r0, r0 + nb): samples every distribution once per run, derives the per-run rates and sets the initial state. */
export function startBlock(b: Block, rng: Random, r0: number, nb: number): void {
    b.r0 = r0;
    b.nb = nb;
    const { c, B, D, T, F, A, CH, RF, P } = b;
    for (let j = 0; j < nb; j++) for (let i = 0; i < D; i++) P[i * B + j] = rng.sample(c.dists[i], i);
    for (const i of b.moneyIdx) for (let j = 0; j < nb; j++) P[i * B + j] = clampTo(P[i * B + j], MONEY_LIMIT);
    for (const i of b.countIdx) for (let j = 0; j < nb; j++) P[i * B + j] = Math.round(clampTo(P[i * B + j], COUNT_LIMIT));

    // ---- per-run rates ----
    for (let t = 0; t < T; t++) {
        const cs = c.tierChurn[t];
        const as = c.tierActive[t];
        const bs = c.tierBuys[t];
        const fs = c.tierFee[t];
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            b.churnW[i] = weekly(b.at(cs, j), c.tierChurnWeeksPer[t]);
            b.activeW[i] = weekly(b.at(as, j), c.tierActiveWeeksPer[t]);
            b.buysW[i] = weekly(b.at(bs, j), c.tierBuysWeeksPer[t]);
            const rs = c.tierRepurchase[t];
            b.dRepurchase[i] = rs >= 0 ? weekly(clamp01(P[rs * B + j]), c.tierRepurchaseWeeksPer[t]) - b.buysW[i] : 0;
            b.boughtOnce[i] = 0;
            b.boughtTwice[i] = 0;
            const fee = b.at(fs, j);
            b.feeWeekly[i] = fee * c.tierFeeWeekly[t];
            b.feeOnce[i] = fee * c.tierFeeOnce[t];
        }
    }
    for (let f = 0; f < F; f++) {
        const slot = c.flows[f].rate;
        const wp = c.flows[f].weeksPer;
        for (let j = 0; j < nb; j++) b.flowW[f * B + j] = weekly(P[slot * B + j], wp);
    }
    for (let a = 0; a < A; a++) {
        const act = c.activities[a];
        for (let j = 0; j < nb; j++) {
            b.reach[a * B + j] = clamp01(P[act.reach * B + j]);
            b.runCost[a * B + j] = b.at(act.costPerRun, j) + b.staffHoursPerRun[a] * c.staffHourCost;
            const lr = b.at(act.liftRetention, j);
            const la = b.at(act.liftActivity, j);
            const lp = b.at(act.liftPromotion, j);
            const lb = b.at(act.liftBuys, j);
            for (let t = 0; t < T; t++) {
                const i = (a * T + t) * B + j;
                b.dChurn[i] = 0;
                b.dActive[i] = 0;
                b.dBuys[i] = 0;
                if (!act.tierMask[t]) continue;
                if (lb !== 0) b.dBuys[i] = weekly(clamp01(b.at(c.tierBuys[t], j) + lb), c.tierBuysWeeksPer[t]) - b.buysW[t * B + j];
                if (lr !== 0 && c.tierChurn[t] >= 0) b.dChurn[i] = weekly(Math.max(0, P[c.tierChurn[t] * B + j] - lr), c.tierChurnWeeksPer[t]) - b.churnW[t * B + j];
                if (la !== 0) b.dActive[i] = weekly(clamp01(b.at(c.tierActive[t], j) + la), c.tierActiveWeeksPer[t]) - b.activeW[t * B + j];
            }
            for (let f = 0; f < F; f++) {
                const fl = c.flows[f];
                b.dFlow[(a * F + f) * B + j] = lp !== 0 && !fl.demotion && act.tierMask[fl.from] ? weekly(clamp01(P[fl.rate * B + j] + lp), fl.weeksPer) - b.flowW[f * B + j] : 0;
            }
        }
    }
    for (let k = 0; k < CH; k++) {
        const ch = c.channels[k];
        for (let j = 0; j < nb; j++) {
            b.spend[k * B + j] = b.at(ch.spend, j);
            b.cpj[k * B + j] = b.at(ch.costPerJoin, j);
        }
    }
    for (let k = 0; k < RF; k++) {
        const rf = c.referrals[k];
        for (let j = 0; j < nb; j++) {
            const invitesPerCycle = (clampTo(P[rf.invites * B + j], COUNT_LIMIT) / rf.invitesWeeksPer) * (rf.cycleDays / 7);
            const kf = invitesPerCycle * clamp01(P[rf.conversion * B + j] * rf.conversionScale);
            let g = kf > 0 ? Math.pow(1 + kf, 7 / rf.cycleDays) - 1 : 0;
            if (!(g < GROWTH_LIMIT)) g = GROWTH_LIMIT;
            b.growth[k * B + j] = g;
            b.reward[k * B + j] = b.at(rf.reward, j) * rf.rewardSides;
        }
    }
    for (let k = 0; k < b.PC; k++) {
        const pc = c.publicContents[k];
        for (let j = 0; j < nb; j++) b.pcYield[k * B + j] = clampTo(P[pc.reach * B + j], COUNT_LIMIT) * clamp01(P[pc.joinRate * B + j]);
    }
    b.trace.fill(0);
    for (let j = 0; j < nb; j++) {
        const margin = c.margin >= 0 ? clamp01(P[c.margin * B + j]) : 1;
        b.marginW[j] = margin;
        b.marginByRun[r0 + j] = margin;
        b.baselineW[j] = c.baselineBuys >= 0 ? weekly(P[c.baselineBuys * B + j], c.baselineBuysWeeksPer) : 0;
        b.baselineRevenue[r0 + j] = 0;
        b.orderValue[j] = b.at(c.orderValue, j);
        if (c.organic) {
            b.pW[j] = Math.min(BASS_LIMIT, clampTo(P[c.organic.p * B + j], Infinity) / c.organic.pWeeksPer);
            b.qW[j] = Math.min(BASS_LIMIT, clampTo(P[c.organic.q * B + j], Infinity) / c.organic.qWeeksPer);
            b.bassE[j] = Math.exp(-(b.pW[j] + b.qW[j]));
        }
    }

    // ---- cost by category that follows from the sampled values alone (referral rewards follow joins) ----
    const byCategory = b.costByCategory;
    for (let j = 0; j < nb; j++) {
        let content = 0;
        for (let k = 0; k < c.contentCost.length; k++) if (c.contentCost[k] >= 0) content += b.postsOverHorizon[k] * P[c.contentCost[k] * B + j];
        let activities = 0;
        for (let a = 0; a < A; a++) activities += b.runsOverHorizon[a] * b.runCost[a * B + j];
        let paid = 0;
        for (let k = 0; k < CH; k++) paid += b.spend[k * B + j] * b.spendOverHorizon[k];
        byCategory[CONTENT_COST * b.R + r0 + j] = content;
        byCategory[ACTIVITY_COST * b.R + r0 + j] = activities;
        byCategory[PAID_COST * b.R + r0 + j] = paid;
        byCategory[REFERRAL_COST * b.R + r0 + j] = 0;
    }

    // ---- initial state ----
    for (let j = 0; j < nb; j++) {
        let seeds = 0;
        for (let t = 0; t < T; t++) {
            let n = b.at(c.tierSeed[t], j);
            if (n > c.tierCapacity[t]) n = Math.max(0, Math.floor(c.tierCapacity[t]));
            b.m[t * B + j] = n;
            seeds += n;
        }
        let size = Infinity;
        if (!b.unbounded) {
            size = 0;
            for (const slot of c.audiences) size += P[slot * B + j];
            if (size < seeds) size = seeds;
        }
        b.M[j] = size;
        b.invSize[j] = size > 0 && size !== Infinity ? 1 / size : 0;
        b.reached[j] = seeds;
        b.cumCost[j] = 0;
        b.cumRev[j] = 0;
        b.everBuyers[j] = 0;
        b.repeatBuyers[j] = 0;
    }
    b.cohorts.fill(0);
    b.cohortSize.fill(0);
    b.survival.fill(NaN);
    b.kpiA.fill(0);
    b.kpiB.fill(0);
}

/**
 * 1. Effective rates of week w and the week's costs of content and activities. Activities act on the
 * share of targeted members taking part (reach, capped by capacity × runs under way); that share
 * lingers after a run, decaying by `activityCarry` a week (a run's trace never adds to a new run,
 * the larger of the two applies). Then engagement → retention: a tier's churn is scaled by
 * (r·a + 1 − a) / (r·a0 + 1 − a0), a0 its own active rate, a the week's effective one, r the
 * active-churn ratio — exactly 1 when nothing lifts activity. Content's promotional-share and
 * fatigue churn come on top.
 */
export function weekRates(b: Block, w: number): void {
    const { c, T, A, B, H, nb, churnW, activeW, buysW, churnEff, activeEff, buysEff, flowEff, costW, P, m, reach, dChurn, dActive, dBuys, dFlow, runCost, staffHoursPerRun, trace, participants } = b;
    const F = b.F;
    for (let t = 0; t < T; t++) {
        const ca = c.contentActive[w * T + t];
        const cb = c.contentBuys[w * T + t];
        for (let j = t * B, e = j + nb; j < e; j++) {
            churnEff[j] = churnW[j];
            activeEff[j] = activeW[j] + ca;
            buysEff[j] = buysW[j] + cb;
        }
    }
    flowEff.set(b.flowW);
    costW.fill(0);
    participants.fill(0, 0, nb);
    const NC = c.contentCost.length;
    for (let k = 0; k < NC; k++) {
        const slot = c.contentCost[k];
        const posts = c.contentPosts[k * H + w];
        if (slot < 0 || posts === 0) continue;
        for (let j = 0; j < nb; j++) costW[j] += posts * P[slot * B + j];
    }
    let staffHours = c.contentHours[w];
    const carry = c.activityCarry;
    for (let a = 0; a < A; a++) {
        const act = c.activities[a];
        const runs = act.runs[w];
        if (runs > 0) {
            staffHours += runs * staffHoursPerRun[a];
            for (let j = 0; j < nb; j++) costW[j] += runs * runCost[a * B + j];
        }
        const covered = act.cover[w] > 0;
        const cap = act.capacity * act.runsUnderWay[w];
        // Incentives go to those taking part in the runs that start this week.
        const incentive = runs > 0 && act.incentivePerParticipant > 0 ? (act.incentivePerParticipant * runs) / Math.max(runs, act.runsUnderWay[w]) : 0;
        const tiers = act.tiers;
        for (let j = 0; j < nb; j++) {
            const ai = a * B + j;
            let share = 0;
            if (covered) {
                let eligible = 0;
                for (const t of tiers) eligible += m[t * B + j];
                if (eligible > 0) {
                    let part = reach[ai] * eligible;
                    if (part > cap) part = cap;
                    participants[j] += part;
                    if (incentive > 0) {
                        costW[j] += part * incentive;
                        b.costByCategory[ACTIVITY_COST * b.R + b.r0 + j] += part * incentive;
                    }
                    share = part / eligible;
                }
            }
            const lingering = carry * trace[ai];
            if (lingering > share) share = lingering;
            trace[ai] = share;
            if (share === 0) continue;
            for (const t of tiers) {
                churnEff[t * B + j] += share * dChurn[(a * T + t) * B + j];
                activeEff[t * B + j] += share * dActive[(a * T + t) * B + j];
                buysEff[t * B + j] += share * dBuys[(a * T + t) * B + j];
            }
            for (let f = 0; f < F; f++) flowEff[f * B + j] += share * dFlow[(a * F + f) * B + j];
        }
    }
    b.staffHoursW[w] = staffHours;
    // Participation: those taking part in a run this week over the members at the start of the week.
    const participationPos = b.out(S.participation, w);
    for (let j = 0; j < nb; j++) {
        let members = 0;
        for (let t = 0; t < T; t++) members += m[t * B + j];
        b.series[participationPos + j] = members > 0 ? Math.min(1, participants[j] / members) : NaN;
    }
    const r = c.activeChurnRatio;
    for (let t = 0; t < T; t++) {
        const cc = c.contentChurn[w * T + t];
        for (let j = t * B, e = j + nb; j < e; j++) {
            const a0 = activeW[j];
            const a1 = clamp01(activeEff[j]);
            if (a1 !== a0) {
                const den = r * a0 + 1 - a0;
                if (den > 0) churnEff[j] *= (r * a1 + 1 - a1) / den;
            }
            churnEff[j] += cc;
        }
    }
}

/** 2. Outflows per tier: churn, then each flow out of the tier, by sequential binomials. */
export function weekOutflows(b: Block, rng: Random): void {
    const { T, B, nb, m, startM, churnEff, flowEff, churned, moved, outStart, outList } = b;
    for (let t = 0; t < T; t++) {
        const o0 = outStart[t];
        const o1 = outStart[t + 1];
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            const n = m[i];
            startM[i] = n;
            const pc = clamp01(churnEff[i]);
            let total = pc;
            for (let o = o0; o < o1; o++) {
                const fi = outList[o] * B + j;
                const pf = clamp01(flowEff[fi]);
                flowEff[fi] = pf;
                total += pf;
            }
            const scale = total > 1 ? 1 / total : 1;
            const k = rng.binomial(n, pc * scale);
            churned[i] = k;
            let rem = n - k;
            let remP = 1 - pc * scale;
            for (let o = o0; o < o1; o++) {
                const fi = outList[o] * B + j;
                const pf = flowEff[fi] * scale;
                const x = remP > 1e-12 ? rng.binomial(rem, pf / remP) : 0;
                moved[fi] = x;
                rem -= x;
                remP -= pf;
            }
        }
    }
}

/**
 * Capacity: room left in each tier after its own outflows; promotions into a full tier stay put. The
 * members who stay because their destination is full still take room in the tier they stay in, so
 * a tier pushed over its capacity by them lets fewer in from the tiers below (repeated until no tier
 * is over: every pass only lowers moves, and a tier with no inflows holds at most its start).
 */
export function weekCapacity(b: Block): void {
    const { c, T, F, B, nb, m, churned, moved, room, outStart, outList, flowTo, flowFrom } = b;
    for (let t = 0; t < T; t++) {
        const cap = c.tierCapacity[t];
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            let left = m[i] - churned[i];
            for (let o = outStart[t]; o < outStart[t + 1]; o++) left -= moved[outList[o] * B + j];
            room[i] = cap - left;
        }
    }
    for (let f = 0; f < F; f++) {
        const to = flowTo[f];
        const from = flowFrom[f];
        for (let j = 0; j < nb; j++) {
            const fi = f * B + j;
            const ti = to * B + j;
            const drawn = moved[fi];
            if (drawn > room[ti]) moved[fi] = Math.max(0, Math.floor(room[ti]));
            room[ti] -= moved[fi];
            room[from * B + j] -= drawn - moved[fi];
        }
    }
    for (let j = 0; j < nb; j++) {
        // Every pass only lowers moves, so this ends; a deficit bouncing between two capped tiers
        // (a promotion one way, a demotion back) can take many passes, hence the generous bound and,
        // past it, inflows into a tier still over are cut whole.
        for (let pass = 0; pass <= 64 * (F + 1); pass++) {
            let changed = false;
            for (let f = 0; f < F; f++) {
                const ti = flowTo[f] * B + j;
                const fi = f * B + j;
                if (!(room[ti] < 0) || !(moved[fi] > 0)) continue;
                const cut = pass < 64 * F ? Math.min(moved[fi], -room[ti]) : moved[fi];
                moved[fi] -= cut;
                room[ti] += cut;
                room[flowFrom[f] * B + j] -= cut;
                changed = true;
            }
            if (!changed) break;
        }
    }
}

/** 3. Applies churn and tier moves (counting promotions and demotions) and sets the week's referral pressure. */
export function weekMoves(b: Block, w: number): void {
    const { c, T, F, RF, B, nb, m, churned, joinsTo, entrants, moved, counts, flowFrom, flowTo, flowDemotion, referralPush, startM, growth } = b;
    if (c.tracksRepurchase && c.orderValue >= 0) buyersMove(b);
    for (let t = 0; t < T; t++) {
        for (let j = t * B, e = j + nb; j < e; j++) {
            m[j] -= churned[j];
            joinsTo[j] = 0;
            entrants[j] = 0;
        }
    }
    const promotionsPos = b.out(S.promotions, w);
    const demotionsPos = b.out(S.demotions, w);
    for (let j = 0; j < nb; j++) {
        counts[promotionsPos + j] = 0;
        counts[demotionsPos + j] = 0;
    }
    for (let f = 0; f < F; f++) {
        const from = flowFrom[f];
        const to = flowTo[f];
        const demotion = flowDemotion[f] === 1;
        const pos = demotion ? demotionsPos : promotionsPos;
        for (let j = 0; j < nb; j++) {
            const x = moved[f * B + j];
            m[from * B + j] -= x;
            m[to * B + j] += x;
            counts[pos + j] += x;
            if (!demotion) entrants[to * B + j] += x;
        }
    }
    // Per week: channel spend factors, and referral joins at an empty pool (inviters × g × window).
    for (let k = 0; k < b.CH; k++) b.spendFactorW[k] = c.channels[k].spendFactor[w];
    for (let k = 0; k < RF; k++) {
        const rf = c.referrals[k];
        const kb = k * B;
        referralPush.fill(0, kb, kb + nb);
        for (let t = 0; t < T; t++) {
            if (!rf.tierMask[t]) continue;
            for (let j = 0; j < nb; j++) referralPush[kb + j] += startM[t * B + j];
        }
        // Shareable content of the week makes members invite more (word of mouth; 1 without content).
        const win = rf.window[w] * c.wordOfMouth[w];
        for (let j = 0; j < nb; j++) referralPush[kb + j] *= growth[kb + j] * win;
    }
}

/**
 * 4a. Each draw class's chance of reaching a not-yet-reached person this week, class by class over all
 * runs (long loops): Bass organic diffusion, paid channels with diminishing returns as the pool is
 * used up, referral pressure; and the week's paid spend per run.
 */
export function weekHazards(b: Block, w: number): void {
    const { c, CH, RF, PC, B, nb, M, invSize, reached, pW, qW, bassE, spend, cpj, spendFactorW, referralPush, srcClass, NCL, unbounded, clsStay, clsWeight, clsMean, paid, sat, srcShare } = b;
    const gamma = c.paidSaturation;
    for (let k = 0; k < NCL; k++) {
        clsStay.fill(1, k * B, k * B + nb);
        clsWeight.fill(0, k * B, k * B + nb);
        clsMean.fill(0, k * B, k * B + nb);
    }
    paid.fill(0, 0, nb);
    let si = 0;
    if (c.organic) {
        const kb = srcClass[si++] * B;
        const wom = c.wordOfMouth[w];
        if (!unbounded) {
            for (let j = 0; j < nb; j++) {
                // Shareable content raises imitation q for the week (wom = 1 without content: the plain Bass step).
                const h = wom === 1 ? bassHazard(pW[j], qW[j], reached[j] * invSize[j], bassE[j]) : bassHazard(pW[j], qW[j] * wom, reached[j] * invSize[j], Math.exp(-(pW[j] + qW[j] * wom)));
                clsStay[kb + j] *= 1 - h;
                clsWeight[kb + j] += h;
                srcShare[j] = h;
            }
        } else srcShare.fill(0, 0, nb);
    }
    if (CH + RF + PC === 0) return;
    // Share of the audience not yet reached, and the saturation factor it gives paid channels.
    for (let j = 0; j < nb; j++) {
        const size = M[j];
        const pool = size - reached[j];
        const share = unbounded ? 1 : pool > 0 ? pool / size : 0;
        sat[j] = unbounded || gamma === 0 ? 1 : gamma === 1 ? share : Math.pow(share, gamma);
        sat[B + j] = share;
    }
    for (let k = 0; k < CH; k++) {
        const kb = srcClass[si++] * B;
        const factor = spendFactorW[k];
        for (let j = 0; j < nb; j++) {
            const weekSpend = spend[k * B + j] * factor;
            paid[j] += weekSpend;
            const q = cpj[k * B + j];
            let mean = q > 0 ? weekSpend / q : 0;
            if (!(mean < COUNT_LIMIT)) mean = COUNT_LIMIT;
            mean *= sat[j];
            const pool = M[j] - reached[j];
            const h = pool > 0 ? Math.min(1, mean / pool) : 0;
            clsMean[kb + j] += mean;
            clsStay[kb + j] *= 1 - h;
            clsWeight[kb + j] += h;
            srcShare[si * B - B + j] = unbounded ? mean : h;
        }
    }
    for (let k = 0; k < RF; k++) {
        const kb = srcClass[si++] * B;
        for (let j = 0; j < nb; j++) {
            const mean = Math.min(COUNT_LIMIT, referralPush[k * B + j] * sat[B + j]);
            const pool = M[j] - reached[j];
            const h = pool > 0 ? Math.min(1, mean / pool) : 0;
            clsMean[kb + j] += mean;
            clsStay[kb + j] *= 1 - h;
            clsWeight[kb + j] += h;
            srcShare[si * B - B + j] = unbounded ? mean : h;
        }
    }
    // Public content: posts × views per post × join rate, from the part of the audience not yet reached.
    for (let k = 0; k < PC; k++) {
        const kb = srcClass[si++] * B;
        const posts = c.publicContents[k].posts[w];
        for (let j = 0; j < nb; j++) {
            const mean = posts > 0 ? Math.min(COUNT_LIMIT, posts * b.pcYield[k * B + j] * sat[B + j]) : 0;
            const pool = M[j] - reached[j];
            const h = pool > 0 ? Math.min(1, mean / pool) : 0;
            clsMean[kb + j] += mean;
            clsStay[kb + j] *= 1 - h;
            clsWeight[kb + j] += h;
            srcShare[si * B - B + j] = unbounded ? mean : h;
        }
    }
}

/**
 * 4b. Joins from the not-yet-reached pool (one binomial over the pool, split among the draw classes),
 * capped by the receiving tiers' room; then active members, buyers and the week's money.
 */
export function weekJoins(b: Block, rng: Random, w: number): void {
    const { H, R, T, B, nb, r0, M, reached, classInto, classReferral, clsStay, clsWeight, clsMean, clsJoins, paid, room, m, joinsTo, entrants, reward, joinsW, feeWeekly, feeOnce, activeEff, orderValue, costW, cumCost, cumRev, membersW, activeNow, counts, series } = b;
    const { srcShare, classStart, srcOfClass, joinsBySource, joinsBySourceWeekly, baselineW, baselineRevenue } = b;
    const { SRC, NCL, unbounded, hasCapacity } = b;
    const costPos = b.out(S.cost, w);
    const revPos = b.out(S.revenue, w);
    const repurchasePos = b.out(S.repurchaseRate, w);
    const newPos = b.out(S.newMembers, w);
    const activePos = b.out(S.activeMembers, w);
    const byCategory = b.costByCategory;
    const referralAt = REFERRAL_COST * b.R + b.r0;
    for (let j = 0; j < nb; j++) {
        const pool = M[j] - reached[j];
        let referralCost = 0;
        let joins = 0;
        if (SRC > 0) {
            if (unbounded) {
                for (let k = 0; k < NCL; k++) clsJoins[k] = rng.poisson(clsMean[k * B + j]);
            } else if (pool > 0) {
                let stay = 1;
                let sumW = 0;
                for (let k = 0; k < NCL; k++) {
                    stay *= clsStay[k * B + j];
                    sumW += clsWeight[k * B + j];
                }
                let left = rng.binomial(pool, 1 - stay);
                for (let k = 0; k < NCL; k++) {
                    const weight = clsWeight[k * B + j];
                    const x = k === NCL - 1 || sumW <= 0 ? left : rng.binomial(left, weight / sumW);
                    clsJoins[k] = x;
                    left -= x;
                    sumW -= weight;
                }
            } else for (let k = 0; k < NCL; k++) clsJoins[k] = 0;
            // Capacity of the receiving tiers: people who cannot get in stay in the pool.
            for (let k = 0; k < NCL; k++) {
                const ti = classInto[k] * B + j;
                let x = clsJoins[k];
                if (hasCapacity && x > room[ti]) x = Math.max(0, Math.floor(room[ti]));
                if (hasCapacity) room[ti] -= x;
                joins += x;
                m[ti] += x;
                joinsTo[ti] += x;
                entrants[ti] += x;
                if (classReferral[k] >= 0) referralCost += x * reward[classReferral[k] * B + j];
                // Attribution: a class's joins go to its sources in proportion to their part of its pull this week.
                if (x > 0) {
                    const s0 = classStart[k];
                    const s1 = classStart[k + 1];
                    if (s1 - s0 === 1) {
                        const src = srcOfClass[s0];
                        joinsBySource[src * R + r0 + j] += x;
                        joinsBySourceWeekly[src * H + w] += x;
                    } else {
                        const total = unbounded ? clsMean[k * B + j] : clsWeight[k * B + j];
                        for (let q = s0; q < s1; q++) {
                            const src = srcOfClass[q];
                            const part = total > 0 ? (x * srcShare[src * B + j]) / total : x / (s1 - s0);
                            joinsBySource[src * R + r0 + j] += part;
                            joinsBySourceWeekly[src * H + w] += part;
                        }
                    }
                }
            }
        }
        reached[j] += joins;
        joinsW[j] = joins;

        // ---- active members, buyers, money ----
        let members = 0;
        let revenue = 0;
        for (let t = 0; t < T; t++) {
            const i = t * B + j;
            members += m[i];
            activeEff[i] = clamp01(activeEff[i]);
            revenue += m[i] * feeWeekly[i] + entrants[i] * feeOnce[i];
        }
        const active = binomialSum(rng, m, activeEff, T, B, j);
        if (orderValue[j] > 0) {
            revenue += (b.c.tracksRepurchase ? buyersOfWeek(b, rng, j) : binomialSum(rng, m, b.buysEff, T, B, j)) * orderValue[j];
            // What the same members would have bought anyway (expected; no draw): the baseline of incremental revenue.
            baselineRevenue[r0 + j] += members * baselineW[j] * orderValue[j];
        }
        const cost = costW[j] + paid[j] + referralCost;
        if (referralCost > 0) byCategory[referralAt + j] += referralCost;
        cumCost[j] += cost;
        cumRev[j] += revenue;
        membersW[j] = members;
        activeNow[j] = active;
        counts[newPos + j] = joins;
        counts[activePos + j] = active;
        series[costPos + j] = cost;
        series[revPos + j] = revenue;
        series[repurchasePos + j] = b.everBuyers[j] > 0 ? b.repeatBuyers[j] / b.everBuyers[j] : NaN;
    }
}

/**
 * Buyers leave with the members who churn and move with the members who change tier, in proportion
 * to their share of the tier at the start of the week (the composition is an expectation, not a draw:
 * a modelling choice that leaves the draws, and so every plan without a repurchase rate, as before).
 */
function buyersMove(b: Block): void {
    const { T, F, B, nb, startM, churned, moved, flowFrom, flowTo, boughtOnce, boughtTwice, movedOnce, movedTwice } = b;
    // Every tier's leavers are taken at its start-of-week shares before any buyer arrives.
    for (let t = 0; t < T; t++) {
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            const n = startM[i];
            if (!(n > 0)) continue;
            let out = churned[i];
            for (let f = 0; f < F; f++) {
                if (flowFrom[f] !== t) continue;
                const x = moved[f * B + j];
                out += x;
                movedOnce[f * B + j] = (boughtOnce[i] * x) / n;
                movedTwice[f * B + j] = (boughtTwice[i] * x) / n;
            }
            const keep = out >= n ? 0 : 1 - out / n;
            boughtOnce[i] *= keep;
            boughtTwice[i] *= keep;
        }
    }
    for (let f = 0; f < F; f++) {
        const from = flowFrom[f] * B;
        const to = flowTo[f] * B;
        for (let j = 0; j < nb; j++) {
            if (!(startM[from + j] > 0)) continue;
            boughtOnce[to + j] += movedOnce[f * B + j];
            boughtTwice[to + j] += movedTwice[f * B + j];
        }
    }
}

/**
 * This week's purchases of run j: one draw over the tiers as before, then split over the tiers and
 * the buyer classes in proportion to their expected purchases. Members who never bought buy at the
 * tier's rate (first purchases), those who did at its repurchase rate (the same rate when the tier
 * declares none, so the draw is exactly the one of a plan without repurchase). The split is an
 * expectation (fractions of people): the count of purchases is random, who made them is not.
 */
function buyersOfWeek(b: Block, rng: Random, j: number): number {
    const { T, B, m, buysEff, dRepurchase, boughtOnce, boughtTwice, tierFirst, tierAgain } = b;
    let mu = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const n = m[i];
        const pF = clamp01(buysEff[i]);
        const pR = clamp01(buysEff[i] + dRepurchase[i]);
        const old = n > 0 ? Math.min(n, boughtOnce[i] + boughtTwice[i]) : 0;
        const eF = n > 0 ? (n - old) * pF : 0;
        const eR = old * pR;
        tierFirst[t] = eF;
        tierAgain[t] = eR;
        mu += eF + eR;
        // The tier's purchase rate over all its members this week (unchanged without a repurchase rate).
        if (dRepurchase[i] !== 0 && n > 0) buysEff[i] = (eF + eR) / n;
    }
    const events = binomialSum(rng, m, buysEff, T, B, j);
    if (!(mu > 0) || !(events > 0)) return events;
    const scale = events / mu;
    let first = 0;
    let again = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const n = m[i];
        if (!(n > 0)) continue;
        const once = Math.min(boughtOnce[i], n);
        const twice = Math.min(boughtTwice[i], n - once);
        const newBuyers = Math.min(n - once - twice, tierFirst[t] * scale);
        const repeats = tierAgain[t] * scale;
        const secondBuys = once + twice > 0 ? Math.min(once, (repeats * once) / (once + twice)) : 0;
        boughtOnce[i] = once + newBuyers - secondBuys;
        boughtTwice[i] = twice + secondBuys;
        first += newBuyers;
        again += secondBuys;
    }
    b.everBuyers[j] += first;
    b.repeatBuyers[j] += again;
    return events;
}

/** 5. Stores members per tier and the week's churn. */
export function weekRecord(b: Block, w: number): void {
    const { T, B, nb, m, churned, counts } = b;
    const churnedPos = b.out(S.churned, w);
    for (let j = 0; j < nb; j++) counts[churnedPos + j] = 0;
    for (let t = 0; t < T; t++) {
        const pos = b.out(b.c.tierSeries0 + t, w);
        for (let j = 0; j < nb; j++) {
            counts[pos + j] = m[t * B + j];
            counts[churnedPos + j] += churned[t * B + j];
        }
    }
}

/** Cohorts: the week's realised fractions applied to every cohort still tracked, then the new cohort. */
export function weekCohorts(b: Block, w: number): void {
    const { T, F, B, nb, startM, churned, moved, stayFrac, keepFrac, flowFrac, flowFrom, live, survival, cohortSize, ageIndex, AGE, AG1, NA, joinsTo, joinsW, CB } = b;
    for (let t = 0; t < T; t++) {
        for (let j = t * B, e = j + nb; j < e; j++) {
            const n = startM[j];
            const keep = n > 0 ? 1 - churned[j] / n : 0;
            stayFrac[j] = keep;
            keepFrac[j] = keep;
        }
    }
    for (let f = 0; f < F; f++) {
        const from = flowFrom[f] * B;
        for (let j = 0; j < nb; j++) {
            const n = startM[from + j];
            const x = n > 0 ? moved[f * B + j] / n : 0;
            flowFrac[f * B + j] = x;
            stayFrac[from + j] -= x;
        }
    }
    // Every live cohort moves through the week's fractions. A cohort at the oldest tracked age is not
    // moved on (nobody reads it again); its survival is still recorded.
    let count = 0;
    for (let co = Math.max(0, w - AGE); co < w; co++) {
        const slot = co % AG1;
        const age = w - co;
        const ai = ageIndex[age];
        if (ai < 0 && age >= AGE) continue;
        live[4 * count] = slot * T * CB;
        live[4 * count + 1] = ai >= 0 ? (slot * NA + ai) * B : -1;
        live[4 * count + 2] = slot * B;
        live[4 * count + 3] = age < AGE ? 1 : 0;
        count++;
    }
    if (count > 0) b.stepCohorts(b.cohorts, live, count, stayFrac, keepFrac, flowFrac, survival, cohortSize, nb);
    const slot = w % AG1;
    for (let t = 0; t < T; t++) b.cohorts.set(joinsTo.subarray(t * B, t * B + nb), (slot * T + t) * CB);
    cohortSize.set(joinsW, slot * B);
    if (NA > 0) {
        survival.fill(NaN, slot * NA * B, (slot + 1) * NA * B);
        const a0 = ageIndex[0];
        if (a0 >= 0) for (let j = 0; j < nb; j++) if (joinsW[j] > 0) survival[(slot * NA + a0) * B + j] = 1;
    }
}

/** Retention: row w shows the cohort that joined ceil(D/7) weeks earlier, interpolated between whole weeks. */
export function weekRetention(b: Block, w: number): void {
    const { c, B, nb, NA, AG1, ageIndex, survival, series } = b;
    for (let d = 0; d < c.retentionDays.length; d++) {
        const age = c.retentionDays[d] / 7;
        const lo = Math.floor(age);
        const hi = Math.ceil(age);
        const frac = age - lo;
        const pos = b.out(c.retentionSeries0 + d, w);
        const co = w - hi;
        if (co < 0) {
            for (let j = 0; j < nb; j++) series[pos + j] = NaN;
            continue;
        }
        const slot = co % AG1;
        const sl = (slot * NA + ageIndex[lo]) * B;
        const sh = (slot * NA + ageIndex[hi]) * B;
        for (let j = 0; j < nb; j++) {
            const sLo = survival[sl + j];
            series[pos + j] = sLo + frac * (survival[sh + j] - sLo);
        }
    }
}

/** KPIs: windows accumulate, values are taken at the deadline. */
export function weekKpis(b: Block, w: number): void {
    const { c, K, T, F, B, R, nb, r0, kpiA, kpiB, entrants, joinsW, churned, startM, moved, flowFrom, flowTo, kpiValues, membersW, activeNow, cumCost, cumRev } = b;
    for (let k = 0; k < K; k++) {
        const ck = c.kpis[k];
        if (w > ck.week) continue;
        const metric = ck.kpi.metric;
        const kb = k * B;
        if (metric === 'new-members') {
            if (ck.tier >= 0) for (let j = 0; j < nb; j++) kpiA[kb + j] += entrants[ck.tier * B + j];
            else for (let j = 0; j < nb; j++) kpiA[kb + j] += joinsW[j];
        } else if (metric === 'participation' && w > ck.week - c.kpiRateWindow) {
            // The average weekly participation over the KPI window (weeks without members do not count).
            const pos = b.out(S.participation, w);
            for (let j = 0; j < nb; j++) {
                const v = b.series[pos + j];
                if (v === v) {
                    kpiA[kb + j] += v;
                    kpiB[kb + j] += 1;
                }
            }
        } else if ((metric === 'churn' || metric === 'conversion') && w > ck.week - c.kpiRateWindow) {
            if (metric === 'churn') {
                for (let t = 0; t < T; t++) {
                    if (ck.tier >= 0 && t !== ck.tier) continue;
                    for (let j = 0; j < nb; j++) {
                        kpiA[kb + j] += churned[t * B + j];
                        kpiB[kb + j] += startM[t * B + j];
                    }
                }
            } else if (ck.from >= 0 && ck.to >= 0) {
                for (let j = 0; j < nb; j++) kpiB[kb + j] += startM[ck.from * B + j];
                for (let f = 0; f < F; f++) if (flowFrom[f] === ck.from && flowTo[f] === ck.to) for (let j = 0; j < nb; j++) kpiA[kb + j] += moved[f * B + j];
            }
        }
        if (w === ck.week) {
            const dst = k * R + r0;
            for (let j = 0; j < nb; j++) kpiValues[dst + j] = kpiValue(b, k, w, j, kpiA[kb + j], kpiB[kb + j], membersW[j], activeNow[j], cumCost[j], cumRev[j]);
        }
    }
}

/**
 * KPI value of run j at its deadline week w, from the stored series and this week's totals (members,
 * active members, cumulative cost and revenue) computed as the derived series are.
 */
function kpiValue(b: Block, k: number, w: number, j: number, a: number, bw: number, members: number, active: number, cumCost: number, cumRev: number): number {
    const c = b.c;
    const ck = c.kpis[k];
    const perWeeks = ck.kpi.targetPer ? WEEKS_PER[ck.kpi.targetPer] : 1;
    switch (ck.kpi.metric) {
        case 'members':
            return ck.tier >= 0 ? b.counts[b.out(c.tierSeries0 + ck.tier, w) + j] : members;
        case 'new-members':
            return a;
        case 'active-rate':
            return members > 0 ? active / members : NaN;
        case 'active-members':
            return active;
        case 'retention':
            return ck.retentionSeries >= c.retentionSeries0 ? b.series[b.out(ck.retentionSeries, w) + j] : NaN;
        case 'churn':
            return bw > 0 ? ratePer(a / bw, perWeeks) : NaN;
        case 'conversion':
            return ck.from >= 0 && ck.to >= 0 && bw > 0 ? ratePer(a / bw, perWeeks) : NaN;
        case 'revenue':
            return cumRev;
        case 'cost':
            return cumCost;
        case 'roi':
            // On contribution margin when the community declares one (marginW = 1 otherwise: gross).
            // ROI's denominator is at least one unit of money, so a plan that costs nothing has a finite ROI.
            return roiOf(cumRev * b.marginW[j], cumCost);
        case 'participation':
            return bw > 0 ? a / bw : NaN;
        case 'repurchase-rate':
            // Of everyone who has bought since the start, the share who bought again (复购率), at the deadline.
            return b.series[b.out(S.repurchaseRate, w) + j];
    }
}

/** Return on cost: (return − cost) / cost, the cost at least one unit of money. */
export function roiOf(returned: number, cost: number): number {
    return (returned - cost) / Math.max(cost, 1);
}

/** A weekly rate expressed over a period of `weeksPer` weeks. */
function ratePer(pw: number, weeksPer: number): number {
    if (pw >= 1) return 1;
    if (pw <= 0) return 0;
    return weeksPer === 1 ? pw : 1 - Math.pow(1 - pw, weeksPer);
}
