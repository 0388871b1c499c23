// The Monte Carlo core: runs a compiled community week by week, `runs` times, from one seeded
// generator. Runs are simulated in blocks of RUN_BLOCK at a time, one week at a time over all runs of
// the block (structure of arrays: every quantity is a typed array indexed [item * B + run]), so the
// inner loops are tight loops over runs and nothing is allocated per run or per week.
//
// One week, from the start-of-week state:
//  1. effective weekly rates per tier: base rates (converted exactly per run) + content effects +
//     activity lifts for the share of targeted members taking part (capped by capacity);
//  2. outflows per tier as a multinomial by sequential binomials: churn, then promotions/demotions;
//  3. inflows from the not-yet-reached pool: Bass organic diffusion, paid channels with diminishing
//     returns, referral campaigns (compounding reading) — one binomial over the pool, split among
//     the sources only as far as the split matters (receiving tier, rewarded referral);
//     tier capacities cap promotions and joins;
//  4. apply all flows at once; then active members and buyers, money, cohorts, KPIs.
//
// Robustness: every sampled count (seeds, audience sizes) and amount of money is clamped to
// [0, COUNT_LIMIT] / [0, MONEY_LIMIT], rates to [0, 1], Bass coefficients and referral growth to
// finite ceilings, so no plan the schema accepts can produce NaN or Infinity (see
// docs/forecast-model.md, "Limits").
import { WEEKS_PER } from './model.js';
import { EXACT_DRAW_LIMIT, type Random } from './random.js';
import { S, type CompiledCommunity } from './compile.js';

/** Runs simulated side by side (one block of typed arrays). Part of the draw order: changing it changes results. */
export const RUN_BLOCK = 1024;
/** Ceiling of any count of people (seeds, audience sizes, expected joins per week). */
export const COUNT_LIMIT = 1e12;
/** Ceiling of any sampled amount of money (per post, run, week, join, member, order). */
export const MONEY_LIMIT = 1e12;
/** Ceiling of the weekly Bass coefficients p and q (above ~20 everyone adopts within the week anyway). */
const BASS_LIMIT = 100;
/** Ceiling of a referral campaign's weekly growth factor g. */
const GROWTH_LIMIT = 1e6;

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

/** Largest number of people any run can hold (the addressable audience or the seeds), Infinity without an audience. */
function peopleBound(c: CompiledCommunity): number {
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

/** Counts below this are whole numbers stored exactly in a Float32Array. */
const FLOAT32_EXACT = 2 ** 24;

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
            for (let r = 0; r < R; r++) out[r] = (revenue[r] - cost[r]) / Math.max(cost[r], 1);
            return out;
        }
        const m = this.totalMembers(w);
        if (s === S.members) out.set(m.subarray(0, R));
        else if (s === S.activeRate) {
            const o = this.stored(S.activeMembers, w);
            const active = raw.counts;
            for (let r = 0; r < R; r++) out[r] = m[r] > 0 ? active[o + r] / m[r] : NaN;
        } else {
            const cap = c.groupCapacities[s - c.groupSeries0];
            for (let r = 0; r < R; r++) out[r] = Math.ceil(m[r] / cap);
        }
        return out;
    }
}

/** Value of series `s` in week `w` (0-based) of run `r`. */
export function rawValue(raw: RawResult, s: number, w: number, r: number): number {
    const H = raw.compiled.horizon;
    const R = raw.runs;
    const at = (x: number, week: number) => (raw.isCount[x] ? raw.counts : raw.series)[(raw.storedSlot[x] * H + week) * R + r];
    if (raw.storedSlot[s] >= 0) return at(s, w);
    const c = raw.compiled;
    if (s === S.staffHours) return raw.staffHours[w];
    const cumulative = (weekly: number) => {
        let acc = 0;
        for (let x = 0; x <= w; x++) acc += at(weekly, x);
        return acc;
    };
    if (s === S.cumulativeCost) return cumulative(S.cost);
    if (s === S.cumulativeRevenue) return cumulative(S.revenue);
    if (s === S.roi) {
        const cost = cumulative(S.cost);
        return (cumulative(S.revenue) - cost) / Math.max(cost, 1);
    }
    let members = 0;
    for (let t = 0; t < c.T; t++) members += at(c.tierSeries0 + t, w);
    if (s === S.members) return members;
    if (s === S.activeRate) return members > 0 ? at(S.activeMembers, w) / members : NaN;
    return Math.ceil(members / c.groupCapacities[s - c.groupSeries0]);
}

export interface SimulateOptions {
    runs: number;
    /** Called after every block of runs with the number of runs done. */
    onProgress?: (done: number) => void;
}

function clamp01(x: number): number {
    return x > 0 ? (x < 1 ? x : 1) : 0;
}

function clampTo(x: number, limit: number): number {
    return x > 0 ? (x < limit ? x : limit) : 0;
}

function weekly(p: number, weeksPer: number): number {
    if (!(p > 0)) return 0;
    if (p >= 1) return 1;
    return weeksPer === 1 ? p : 1 - Math.pow(1 - p, 1 / weeksPer);
}

/** Bass weekly hazard with E = e^{−(p+q)} precomputed. */
function bassHazard(p: number, q: number, F0: number, E: number): number {
    if (!(F0 < 1)) return 0;
    const rate = p + q * F0;
    if (!(rate > 0)) return 0;
    const A = (p * (1 - F0)) / rate;
    const B = (q * (1 - F0)) / rate;
    const F1 = (1 - A * E) / (1 + B * E);
    const h = (F1 - F0) / (1 - F0);
    return h > 0 ? (h < 1 ? h : 1) : 0;
}

/** Probability that a not-yet-reached person adopts during one week under the Bass model (exact for the ODE). */
export function bassWeeklyHazard(p: number, q: number, F0: number): number {
    return bassHazard(p, q, F0, Math.exp(-(p + q)));
}

/**
 * Sum over tiers of Binomial(n[t], p[t]) for one run: exact draws where the rarer outcome's expected
 * count is below EXACT_DRAW_LIMIT, and one normal draw N(Σnp, Σnp(1 − p)) for all the other tiers
 * (a sum of independent normal approximations is the normal approximation of the sum).
 * Used for outputs that feed nothing back (active members, buyers).
 */
function binomialSum(rng: Random, n: Float64Array, p: Float64Array, T: number, B: number, j: number): number {
    let total = 0;
    let mu = 0;
    let v = 0;
    let big = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const nt = n[i];
        if (!(nt > 0)) continue;
        const pt = p[i];
        if (!(pt > 0)) continue;
        if (pt >= 1) {
            total += nt;
            continue;
        }
        const mean = nt * pt;
        if (mean < EXACT_DRAW_LIMIT || nt - mean < EXACT_DRAW_LIMIT) total += rng.binomial(nt, pt);
        else {
            mu += mean;
            v += mean * (1 - pt);
            big += nt;
        }
    }
    if (v > 0) {
        let k = Math.round(mu + Math.sqrt(v) * rng.normal());
        if (k < 0) k = 0;
        else if (k > big) k = big;
        total += k;
    }
    return total;
}

export function simulateCommunity(c: CompiledCommunity, rng: Random, options: SimulateOptions): RawResult {
    const R = Math.max(1, Math.floor(options.runs));
    const H = c.horizon;
    const T = c.T;
    const F = c.flows.length;
    const A = c.activities.length;
    const K = c.kpis.length;
    const CH = c.channels.length;
    const RF = c.referrals.length;
    const NC = c.contentCost.length;
    const D = c.dists.length;
    const B = Math.min(R, RUN_BLOCK);
    const AGE = c.maxCohortAge;
    const AG1 = AGE + 1;

    const stored = storedSlots(c);
    const storedSlot = stored.slot;
    const series = new Float64Array(stored.values * H * R);
    const counts = peopleBound(c) < FLOAT32_EXACT ? new Float32Array(stored.counts * H * R) : new Float64Array(stored.counts * H * R);
    const staffHoursW = new Float64Array(H);
    const kpiValues = new Float64Array(K * R);

    // ---- flat structure ----
    const flowFrom = Int32Array.from(c.flows, (f) => f.from);
    const flowTo = Int32Array.from(c.flows, (f) => f.to);
    const flowDemotion = Uint8Array.from(c.flows, (f) => (f.demotion ? 1 : 0));
    const outStart = new Int32Array(T + 1);
    const outList = new Int32Array(F);
    for (let t = 0, n = 0; t < T; t++) {
        outStart[t] = n;
        for (const f of c.flowsOut[t]) outList[n++] = f;
        outStart[t + 1] = n;
    }
    const hasCapacity = c.tierCapacity.some((x) => x !== Infinity);
    const staffHoursPerRun = Float64Array.from(c.activities, (a) => clampTo(a.staffHoursPerRun, COUNT_LIMIT));
    // Slots clamped right after sampling: amounts of money and counts of people.
    const moneySlots: number[] = [...c.contentCost, c.orderValue, ...c.tierFee];
    for (const a of c.activities) moneySlots.push(a.costPerRun);
    for (const ch of c.channels) moneySlots.push(ch.spend);
    for (const rf of c.referrals) moneySlots.push(rf.reward);
    const countSlots: number[] = [...c.tierSeed, ...c.audiences];
    const moneyIdx = Int32Array.from(moneySlots.filter((s) => s >= 0));
    const countIdx = Int32Array.from(countSlots.filter((s) => s >= 0));

    // Inflow sources (organic, channels, referrals) and the classes they are drawn in: sources into the
    // same tier share a class, except a rewarded referral, whose joins must be counted for its cost.
    const SRC = (c.organic ? 1 : 0) + CH + RF;
    const srcClass = new Int32Array(SRC);
    const classInto: number[] = [];
    const classReferral: number[] = [];
    {
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
            srcClass[i] = k;
        };
        let i = 0;
        if (c.organic) add(i++, c.organic.into, -1);
        for (const ch of c.channels) add(i++, ch.into, -1);
        c.referrals.forEach((rf, j) => add(i++, rf.into, rf.reward >= 0 ? j : -1));
    }
    const NCL = classInto.length;
    const clsStay = new Float64Array(NCL);
    const clsWeight = new Float64Array(NCL);
    const clsMean = new Float64Array(NCL);
    const clsJoins = new Float64Array(NCL);

    // ---- per-block arrays, [item * B + j] ----
    const P = new Float64Array(D * B);
    const churnW = new Float64Array(T * B);
    const activeW = new Float64Array(T * B);
    const buysW = new Float64Array(T * B);
    const feeWeekly = new Float64Array(T * B);
    const feeOnce = new Float64Array(T * B);
    const flowW = new Float64Array(F * B);
    const dChurn = new Float64Array(A * T * B);
    const dActive = new Float64Array(A * T * B);
    const dFlow = new Float64Array(A * F * B);
    const reach = new Float64Array(A * B);
    const runCost = new Float64Array(A * B);
    const spend = new Float64Array(CH * B);
    const cpj = new Float64Array(CH * B);
    const growth = new Float64Array(RF * B);
    const reward = new Float64Array(RF * B);
    const orderValue = new Float64Array(B);
    const referralPush = new Float64Array(RF * B);
    const spendFactorW = new Float64Array(CH);
    const pW = new Float64Array(B);
    const qW = new Float64Array(B);
    const bassE = new Float64Array(B);
    const M = new Float64Array(B);
    const reached = new Float64Array(B);
    const cumCost = new Float64Array(B);
    const cumRev = new Float64Array(B);
    const costW = new Float64Array(B);
    const membersW = new Float64Array(B);
    const activeNow = new Float64Array(B);
    const m = new Float64Array(T * B);
    const startM = new Float64Array(T * B);
    const churnEff = new Float64Array(T * B);
    const activeEff = new Float64Array(T * B);
    const flowEff = new Float64Array(F * B);
    const churned = new Float64Array(T * B);
    const moved = new Float64Array(F * B);
    const room = new Float64Array(T * B);
    const joinsTo = new Float64Array(T * B);
    const entrants = new Float64Array(T * B);
    const joinsW = new Float64Array(B);
    const stayFrac = new Float64Array(T * B);
    const flowFrac = new Float64Array(F * B);
    // Cohorts: one tier vector per live weekly cohort ([t * B + j], a view per ring slot) plus a spare
    // that each propagation writes into before the two swap; sizes [slot * B + j]. Survival is kept only
    // at the ages a retention row reads (the whole weeks either side of each retention day):
    // [(slot * NA + ageIndex[age]) * B + j].
    const cohort: Float64Array[] = [];
    for (let s = 0; s < AG1; s++) cohort.push(new Float64Array(T * B));
    let spare: Float64Array = new Float64Array(T * B);
    const keepFrac = new Float64Array(T * B);
    const cohortSize = new Float64Array(AG1 * B);
    const ageIndex = new Int32Array(AG1).fill(-1);
    let NA = 0;
    for (const d of c.retentionDays) for (const age of [Math.floor(d / 7), Math.ceil(d / 7)]) if (ageIndex[age] < 0) ageIndex[age] = NA++;
    const survival = new Float64Array(AG1 * NA * B);
    // KPI accumulators (new members, churn and conversion windows)
    const kpiA = new Float64Array(K * B);
    const kpiB = new Float64Array(K * B);

    const tierPos = c.tierSeries0;
    const retPos = c.retentionSeries0;
    const unbounded = c.audiences.length === 0;
    const gamma = c.paidSaturation;

    for (let r0 = 0; r0 < R; r0 += B) {
        const nb = Math.min(B, R - r0);
        const out = (s: number, w: number) => (storedSlot[s] * H + w) * R + r0;

        // ---- sample every distribution once per run ----
        for (let j = 0; j < nb; j++) for (let i = 0; i < D; i++) P[i * B + j] = rng.sample(c.dists[i]);
        for (const i of moneyIdx) for (let j = 0; j < nb; j++) P[i * B + j] = clampTo(P[i * B + j], MONEY_LIMIT);
        for (const i of countIdx) for (let j = 0; j < nb; j++) P[i * B + j] = Math.round(clampTo(P[i * B + j], COUNT_LIMIT));
        const at = (slot: number, j: number) => (slot < 0 ? 0 : P[slot * B + j]);

        // ---- per-run rates ----
        for (let t = 0; t < T; t++) {
            const cs = c.tierChurn[t];
            const as = c.tierActive[t];
            const bs = c.tierBuys[t];
            const fs = c.tierFee[t];
            for (let j = 0; j < nb; j++) {
                const i = t * B + j;
                churnW[i] = weekly(at(cs, j), c.tierChurnWeeksPer[t]);
                activeW[i] = weekly(at(as, j), c.tierActiveWeeksPer[t]);
                buysW[i] = weekly(at(bs, j), c.tierBuysWeeksPer[t]);
                const fee = at(fs, j);
                feeWeekly[i] = fee * c.tierFeeWeekly[t];
                feeOnce[i] = fee * c.tierFeeOnce[t];
            }
        }
        for (let f = 0; f < F; f++) {
            const slot = c.flows[f].rate;
            const wp = c.flows[f].weeksPer;
            for (let j = 0; j < nb; j++) flowW[f * B + j] = weekly(P[slot * B + j], wp);
        }
        for (let a = 0; a < A; a++) {
            const act = c.activities[a];
            for (let j = 0; j < nb; j++) {
                reach[a * B + j] = clamp01(P[act.reach * B + j]);
                runCost[a * B + j] = at(act.costPerRun, j) + staffHoursPerRun[a] * c.staffHourCost;
                const lr = at(act.liftRetention, j);
                const la = at(act.liftActivity, j);
                const lp = at(act.liftPromotion, j);
                for (let t = 0; t < T; t++) {
                    const i = (a * T + t) * B + j;
                    dChurn[i] = 0;
                    dActive[i] = 0;
                    if (!act.tierMask[t]) continue;
                    if (lr !== 0 && c.tierChurn[t] >= 0) dChurn[i] = weekly(Math.max(0, P[c.tierChurn[t] * B + j] - lr), c.tierChurnWeeksPer[t]) - churnW[t * B + j];
                    if (la !== 0) dActive[i] = weekly(clamp01(at(c.tierActive[t], j) + la), c.tierActiveWeeksPer[t]) - activeW[t * B + j];
                }
                for (let f = 0; f < F; f++) {
                    const fl = c.flows[f];
                    dFlow[(a * F + f) * B + j] = lp !== 0 && !fl.demotion && act.tierMask[fl.from] ? weekly(clamp01(P[fl.rate * B + j] + lp), fl.weeksPer) - flowW[f * B + j] : 0;
                }
            }
        }
        for (let k = 0; k < CH; k++) {
            const ch = c.channels[k];
            for (let j = 0; j < nb; j++) {
                spend[k * B + j] = at(ch.spend, j);
                cpj[k * B + j] = at(ch.costPerJoin, j);
            }
        }
        for (let k = 0; k < RF; k++) {
            const rf = c.referrals[k];
            for (let j = 0; j < nb; j++) {
                const invitesPerCycle = (clampTo(P[rf.invites * B + j], COUNT_LIMIT) / rf.invitesWeeksPer) * (rf.cycleDays / 7);
                const kf = invitesPerCycle * clamp01(P[rf.conversion * B + j]);
                let g = kf > 0 ? Math.pow(1 + kf, 7 / rf.cycleDays) - 1 : 0;
                if (!(g < GROWTH_LIMIT)) g = GROWTH_LIMIT;
                growth[k * B + j] = g;
                reward[k * B + j] = at(rf.reward, j) * rf.rewardSides;
            }
        }
        for (let j = 0; j < nb; j++) {
            orderValue[j] = at(c.orderValue, j);
            if (c.organic) {
                pW[j] = Math.min(BASS_LIMIT, clampTo(P[c.organic.p * B + j], Infinity) / c.organic.pWeeksPer);
                qW[j] = Math.min(BASS_LIMIT, clampTo(P[c.organic.q * B + j], Infinity) / c.organic.qWeeksPer);
                bassE[j] = Math.exp(-(pW[j] + qW[j]));
            }
        }

        // ---- initial state ----
        for (let j = 0; j < nb; j++) {
            let seeds = 0;
            for (let t = 0; t < T; t++) {
                let n = at(c.tierSeed[t], j);
                if (n > c.tierCapacity[t]) n = Math.max(0, Math.floor(c.tierCapacity[t]));
                m[t * B + j] = n;
                seeds += n;
            }
            let size = Infinity;
            if (!unbounded) {
                size = 0;
                for (const slot of c.audiences) size += P[slot * B + j];
                if (size < seeds) size = seeds;
            }
            M[j] = size;
            reached[j] = seeds;
            cumCost[j] = 0;
            cumRev[j] = 0;
        }
        for (const v of cohort) v.fill(0);
        cohortSize.fill(0);
        survival.fill(NaN);
        kpiA.fill(0);
        kpiB.fill(0);

        for (let w = 0; w < H; w++) {
            // ---- 1. effective rates and the week's costs of content and activities ----
            for (let t = 0; t < T; t++) {
                const cc = c.contentChurn[w * T + t];
                const ca = c.contentActive[w * T + t];
                for (let j = t * B, e = j + nb; j < e; j++) {
                    churnEff[j] = churnW[j] + cc;
                    activeEff[j] = activeW[j] + ca;
                }
            }
            flowEff.set(flowW);
            costW.fill(0);
            for (let k = 0; k < NC; k++) {
                const slot = c.contentCost[k];
                const posts = c.contentPosts[k * H + w];
                if (slot < 0 || posts === 0) continue;
                for (let j = 0; j < nb; j++) costW[j] += posts * P[slot * B + j];
            }
            let staffHours = 0;
            for (let a = 0; a < A; a++) {
                const act = c.activities[a];
                const runs = act.runs[w];
                if (runs > 0) {
                    staffHours += runs * staffHoursPerRun[a];
                    for (let j = 0; j < nb; j++) costW[j] += runs * runCost[a * B + j];
                }
                if (act.cover[w] === 0) continue;
                const cap = act.capacity * Math.max(1, runs);
                const tiers = act.tiers;
                for (let j = 0; j < nb; j++) {
                    let eligible = 0;
                    for (const t of tiers) eligible += m[t * B + j];
                    if (eligible <= 0) continue;
                    let part = reach[a * B + j] * eligible;
                    if (part > cap) part = cap;
                    const share = part / eligible;
                    for (const t of tiers) {
                        churnEff[t * B + j] += share * dChurn[(a * T + t) * B + j];
                        activeEff[t * B + j] += share * dActive[(a * T + t) * B + j];
                    }
                    for (let f = 0; f < F; f++) flowEff[f * B + j] += share * dFlow[(a * F + f) * B + j];
                }
            }

            // ---- 2. outflows ----
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
            // Capacity: room left in each tier after its own outflows; promotions into a full tier stay put.
            if (hasCapacity) {
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
                    for (let j = 0; j < nb; j++) {
                        const fi = f * B + j;
                        const ti = to * B + j;
                        if (moved[fi] > room[ti]) moved[fi] = Math.max(0, Math.floor(room[ti]));
                        room[ti] -= moved[fi];
                    }
                }
            }

            // ---- 3. inflows, 4. apply, money ----
            for (let t = 0; t < T; t++) {
                for (let j = t * B, e = j + nb; j < e; j++) {
                    m[j] -= churned[j];
                    joinsTo[j] = 0;
                    entrants[j] = 0;
                }
            }
            const promotionsPos = out(S.promotions, w);
            const demotionsPos = out(S.demotions, w);
            for (let j = 0; j < nb; j++) {
                counts[promotionsPos + j] = 0;
                counts[demotionsPos + j] = 0;
            }
            for (let f = 0; f < F; f++) {
                const from = flowFrom[f];
                const to = flowTo[f];
                const pos = flowDemotion[f] ? demotionsPos : promotionsPos;
                for (let j = 0; j < nb; j++) {
                    const x = moved[f * B + j];
                    m[from * B + j] -= x;
                    m[to * B + j] += x;
                    counts[pos + j] += x;
                    if (!flowDemotion[f]) entrants[to * B + j] += x;
                }
            }
            // Per week: channel spend factors, and referral joins at an empty pool (inviters × g × window).
            for (let k = 0; k < CH; k++) spendFactorW[k] = c.channels[k].spendFactor[w];
            for (let k = 0; k < RF; k++) {
                const rf = c.referrals[k];
                const kb = k * B;
                referralPush.fill(0, kb, kb + nb);
                for (let t = 0; t < T; t++) {
                    if (!rf.tierMask[t]) continue;
                    for (let j = 0; j < nb; j++) referralPush[kb + j] += startM[t * B + j];
                }
                const win = rf.window[w];
                for (let j = 0; j < nb; j++) referralPush[kb + j] *= growth[kb + j] * win;
            }
            const costPos = out(S.cost, w);
            const revPos = out(S.revenue, w);
            const newPos = out(S.newMembers, w);
            const activePos = out(S.activeMembers, w);
            for (let j = 0; j < nb; j++) {
                const size = M[j];
                const pool = size - reached[j];
                let paidSpend = 0;
                let referralCost = 0;
                let joins = 0;
                if (SRC > 0) {
                    for (let k = 0; k < NCL; k++) {
                        clsStay[k] = 1;
                        clsWeight[k] = 0;
                        clsMean[k] = 0;
                    }
                    let si = 0;
                    if (c.organic) {
                        const h = unbounded ? 0 : bassHazard(pW[j], qW[j], reached[j] / size, bassE[j]);
                        const k = srcClass[si++];
                        clsStay[k] *= 1 - h;
                        clsWeight[k] += h;
                    }
                    const share = unbounded ? 1 : pool > 0 ? pool / size : 0;
                    const sat = unbounded || gamma === 0 ? 1 : gamma === 1 ? share : Math.pow(share, gamma);
                    for (let k = 0; k < CH; k++) {
                        const weekSpend = spend[k * B + j] * spendFactorW[k];
                        paidSpend += weekSpend;
                        const q = cpj[k * B + j];
                        let mean = q > 0 ? weekSpend / q : 0;
                        if (!(mean < COUNT_LIMIT)) mean = COUNT_LIMIT;
                        mean *= sat;
                        const h = pool > 0 ? Math.min(1, mean / pool) : 0;
                        const cl = srcClass[si++];
                        clsMean[cl] += mean;
                        clsStay[cl] *= 1 - h;
                        clsWeight[cl] += h;
                    }
                    for (let k = 0; k < RF; k++) {
                        const mean = Math.min(COUNT_LIMIT, referralPush[k * B + j] * share);
                        const h = pool > 0 ? Math.min(1, mean / pool) : 0;
                        const cl = srcClass[si++];
                        clsMean[cl] += mean;
                        clsStay[cl] *= 1 - h;
                        clsWeight[cl] += h;
                    }
                    if (unbounded) {
                        for (let k = 0; k < NCL; k++) clsJoins[k] = rng.poisson(clsMean[k]);
                    } else if (pool > 0) {
                        let stay = 1;
                        let sumW = 0;
                        for (let k = 0; k < NCL; k++) {
                            stay *= clsStay[k];
                            sumW += clsWeight[k];
                        }
                        let left = rng.binomial(pool, 1 - stay);
                        for (let k = 0; k < NCL; k++) {
                            const x = k === NCL - 1 || sumW <= 0 ? left : rng.binomial(left, clsWeight[k] / sumW);
                            clsJoins[k] = x;
                            left -= x;
                            sumW -= clsWeight[k];
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
                if (orderValue[j] > 0) revenue += binomialSum(rng, m, buysW, T, B, j) * orderValue[j];
                const cost = costW[j] + paidSpend + referralCost;
                cumCost[j] += cost;
                cumRev[j] += revenue;
                membersW[j] = members;
                activeNow[j] = active;
                counts[newPos + j] = joins;
                counts[activePos + j] = active;
                series[costPos + j] = cost;
                series[revPos + j] = revenue;
            }
            {
                const churnedPos = out(S.churned, w);
                staffHoursW[w] = staffHours;
                for (let j = 0; j < nb; j++) counts[churnedPos + j] = 0;
                for (let t = 0; t < T; t++) {
                    const pos = out(tierPos + t, w);
                    for (let j = 0; j < nb; j++) {
                        counts[pos + j] = m[t * B + j];
                        counts[churnedPos + j] += churned[t * B + j];
                    }
                }
            }

            // ---- cohorts: realised fractions of the week, applied to every cohort still tracked ----
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
            // Every live cohort moves through the week's fractions into the spare vector, which then takes
            // its slot. A cohort at the oldest tracked age is not moved on (nobody reads it again).
            for (let co = Math.max(0, w - AGE); co < w; co++) {
                const slot = co % AG1;
                const age = w - co;
                const ai = ageIndex[age];
                const from = cohort[slot];
                const to = age < AGE ? spare : null;
                propagateCohort(from, to, stayFrac, keepFrac, flowFrac, flowFrom, flowTo, survival, ai >= 0 ? (slot * NA + ai) * B : -1, cohortSize, slot * B, T, F, B, nb);
                if (to !== null) {
                    cohort[slot] = to;
                    spare = from;
                }
            }
            {
                const slot = w % AG1;
                cohort[slot].set(joinsTo);
                cohortSize.set(joinsW, slot * B);
                if (NA > 0) {
                    survival.fill(NaN, slot * NA * B, (slot + 1) * NA * B);
                    const a0 = ageIndex[0];
                    if (a0 >= 0) for (let j = 0; j < nb; j++) if (joinsW[j] > 0) survival[(slot * NA + a0) * B + j] = 1;
                }
            }
            // Retention: row w shows the cohort that joined ceil(D/7) weeks earlier, interpolated between whole weeks.
            for (let d = 0; d < c.retentionDays.length; d++) {
                const age = c.retentionDays[d] / 7;
                const lo = Math.floor(age);
                const hi = Math.ceil(age);
                const frac = age - lo;
                const pos = out(retPos + d, w);
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

            // ---- KPIs: windows accumulate, values are taken at the deadline ----
            for (let k = 0; k < K; k++) {
                const ck = c.kpis[k];
                if (w > ck.week) continue;
                const metric = ck.kpi.metric;
                const kb = k * B;
                if (metric === 'new-members') {
                    if (ck.tier >= 0) for (let j = 0; j < nb; j++) kpiA[kb + j] += entrants[ck.tier * B + j];
                    else for (let j = 0; j < nb; j++) kpiA[kb + j] += joinsW[j];
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
                    for (let j = 0; j < nb; j++) kpiValues[dst + j] = kpiValue(c, k, series, counts, out, w, j, kpiA[kb + j], kpiB[kb + j], membersW[j], activeNow[j], cumCost[j], cumRev[j]);
                }
            }
        }
        if (options.onProgress) options.onProgress(r0 + nb);
    }
    return { compiled: c, runs: R, series, counts, storedSlot, isCount: stored.isCount, staffHours: staffHoursW, kpiValues };
}

/** Moves one cohort's tier vector `from` through the week's realised fractions into `to` (unless null) and records its survival this week (unless sv < 0). */
function propagateCohort(from: Float64Array, to: Float64Array | null, stayFrac: Float64Array, keepFrac: Float64Array, flowFrac: Float64Array, flowFrom: Int32Array, flowTo: Int32Array, survival: Float64Array, sv: number, cohortSize: Float64Array, cs: number, T: number, F: number, B: number, nb: number): void {
    // Survival (sv ≥ 0): members of the cohort who did not churn this week, summed over tiers in
    // survival[sv + j], then divided by the cohort's size.
    if (sv >= 0) survival.fill(0, sv, sv + nb);
    for (let t = 0; t < T; t++) {
        const o = t * B;
        if (to === null) {
            for (let j = 0; j < nb; j++) survival[sv + j] += from[o + j] * keepFrac[o + j];
        } else if (sv < 0) {
            for (let j = o, e = o + nb; j < e; j++) to[j] = from[j] * stayFrac[j];
        } else {
            for (let j = 0; j < nb; j++) {
                const v = from[o + j];
                to[o + j] = v * stayFrac[o + j];
                survival[sv + j] += v * keepFrac[o + j];
            }
        }
    }
    if (to !== null) {
        for (let f = 0; f < F; f++) {
            const src = flowFrom[f] * B;
            const dst = flowTo[f] * B;
            const fb = f * B;
            for (let j = 0; j < nb; j++) to[dst + j] += from[src + j] * flowFrac[fb + j];
        }
    }
    if (sv >= 0) for (let j = 0; j < nb; j++) survival[sv + j] /= cohortSize[cs + j]; // 0/0 = NaN for an empty cohort
}

/**
 * KPI value of run j at its deadline week w, from the stored series and this week's totals (members,
 * active members, cumulative cost and revenue) computed as the derived series are.
 */
function kpiValue(c: CompiledCommunity, k: number, series: Float64Array, counts: Float32Array | Float64Array, out: (s: number, w: number) => number, w: number, j: number, a: number, b: number, members: number, active: number, cumCost: number, cumRev: number): number {
    const ck = c.kpis[k];
    const perWeeks = ck.kpi.targetPer ? WEEKS_PER[ck.kpi.targetPer] : 1;
    switch (ck.kpi.metric) {
        case 'members':
            return ck.tier >= 0 ? counts[out(c.tierSeries0 + ck.tier, w) + j] : members;
        case 'new-members':
            return a;
        case 'active-rate':
            return members > 0 ? active / members : NaN;
        case 'active-members':
            return active;
        case 'retention':
            return ck.retentionSeries >= c.retentionSeries0 ? series[out(ck.retentionSeries, w) + j] : NaN;
        case 'churn':
            return b > 0 ? ratePer(a / b, perWeeks) : NaN;
        case 'conversion':
            return ck.from >= 0 && ck.to >= 0 && b > 0 ? ratePer(a / b, perWeeks) : NaN;
        case 'revenue':
            return cumRev;
        case 'cost':
            return cumCost;
        case 'roi':
            // ROI's denominator is at least one unit of money, so a plan that costs nothing has a finite ROI.
            return (cumRev - cumCost) / Math.max(cumCost, 1);
    }
}

/** A weekly rate expressed over a period of `weeksPer` weeks. */
function ratePer(pw: number, weeksPer: number): number {
    if (pw >= 1) return 1;
    if (pw <= 0) return 0;
    return weeksPer === 1 ? pw : 1 - Math.pow(1 - pw, weeksPer);
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

