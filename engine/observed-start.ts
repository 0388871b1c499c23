// Forecasting from the last observed week (数据复盘 → forecast): a community with actuals is not
// simulated from its plan start but from the state its own numbers show. Two parts:
//
// 1. `observedStart` builds the observed history once per compiled community: for each observed
//    week (up to the last one with a member count) the members per tier at its start and end, the
//    joins and leaves per tier, the tier moves, active members, revenue, paid spend and joins by
//    source. What the file measures is taken as measured; what it does not (the split of joins or
//    leaves over tiers, promotions, revenue without a revenue column…) is the engine's own weekly
//    step with every draw at its expectation (the mean-field pass, engine/expected-draws.ts) started
//    from that week's observed state, scaled to the observed totals — no second model of the plan.
// 2. `replayObservedWeek` puts one observed week into a block of Monte Carlo runs (simulate.ts calls
//    it instead of the random phases for the observed weeks): every run holds the same history, so the
//    observed weeks come out as zero-width bands, and everything that accumulates — cumulative cost and
//    revenue, KPI windows, cohorts, buyers, joins by source — carries on from it into the forecast
//    weeks. The week's content and activity costs still come from weekRates (the plan's prices, per
//    run), since an export records no cost of posts or runs.
//
// The history is plain typed arrays computed deterministically from the plan and the actuals, so a
// worker thread computing it again gets the same numbers (runtime/simulation-worker.ts).
import { S, type CompiledCommunity } from './compile.js';
import { COST_CATEGORIES } from './cost-categories.js';
import { ExpectedDraws } from './expected-draws.js';
import { distMean } from './random.js';
import { Block, startBlock, weekCapacity, weekHazards, weekJoins, weekMoves, weekOutflows, weekRates } from './simulate-week.js';

/** Observed weekly values of one community by series key (`members`, `members:Core`, `joins`…), NaN where the file says nothing. */
export type ObservedWeeks = ReadonlyMap<string, ArrayLike<number>>;

export interface ObservedStart {
    /** Observed weeks replayed: the forecast simulates weeks `weeks` … horizon − 1 (0-based). */
    weeks: number;
    /** Per observed week w and tier t, [w * T + t]: members at the start and at the end of the week, joins from outside, leaves. */
    start: Float64Array;
    end: Float64Array;
    joins: Float64Array;
    churned: Float64Array;
    /** Members moved by each flow, [w * F + f]. */
    moved: Float64Array;
    /** People reached before each week (seeds and every earlier join), [w]. */
    reached: Float64Array;
    active: Float64Array;
    revenue: Float64Array;
    repurchaseRate: Float64Array;
    /** Paid spend per channel, [w * CH + k]; NaN where the file has no spend for it (the plan's spend applies). */
    spend: Float64Array;
    /** Joins by source (c.sources order), [w * SRC + s]. */
    sources: Float64Array;
    /** Buyers at the end of the last observed week (repurchase tracking), per tier, and since the start. */
    boughtOnce: Float64Array;
    boughtTwice: Float64Array;
    everBuyers: number;
    repeatBuyers: number;
}

function valueAt(series: ObservedWeeks, key: string, w: number): number | undefined {
    return weekOf(series.get(key), w);
}

/** Week w of one observed series, or undefined where it has no number. */
function weekOf(values: ArrayLike<number> | undefined, w: number): number | undefined {
    const v = values?.[w];
    return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Observed members per tier of week w, or undefined when the file has neither every tier nor the total. */
function membersKnown(series: ObservedWeeks, tiers: readonly string[], w: number): boolean {
    return valueAt(series, 'members', w) !== undefined || (tiers.length > 0 && tiers.every((t) => valueAt(series, `members:${t}`, w) !== undefined));
}

/**
 * Weeks of observed history a forecast starts after: through the last week with a member count
 * (total, or every tier). 0 when the file counts no members (the forecast then starts at the plan's start).
 */
export function observedWeekCount(series: ObservedWeeks, tiers: readonly string[], horizon: number): number {
    for (let w = horizon - 1; w >= 0; w--) if (membersKnown(series, tiers, w)) return w + 1;
    return 0;
}

/** Whole numbers with the given total (rounded) in proportion to `weights` (largest remainder; equal parts when all weights are 0). */
export function splitWhole(total: number, weights: ArrayLike<number>): Float64Array {
    const n = weights.length;
    const out = new Float64Array(n);
    const whole = Math.max(0, Math.round(total));
    if (n === 0 || whole === 0) return out;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.max(0, weights[i]);
    const share = (i: number) => (sum > 0 ? Math.max(0, weights[i]) / sum : 1 / n);
    const rest: { i: number; r: number }[] = [];
    let given = 0;
    for (let i = 0; i < n; i++) {
        const x = whole * share(i);
        out[i] = Math.floor(x);
        given += out[i];
        rest.push({ i, r: x - out[i] });
    }
    // Ties go to the lower index, so the split is the same on every machine.
    rest.sort((a, b) => b.r - a.r || a.i - b.i);
    for (let k = 0; given < whole; k++, given++) out[rest[k % n].i] += 1;
    return out;
}

/** Per-tier values of a measure the file gives per tier (every tier), by total, or not at all. */
function observedPerTier(series: ObservedWeeks, measure: string, tiers: readonly string[], w: number, model: Float64Array): Float64Array {
    const perTier = tiers.map((t) => valueAt(series, `${measure}:${t}`, w));
    if (perTier.every((v) => v !== undefined)) return Float64Array.from(perTier as number[], (v) => Math.max(0, Math.round(v)));
    const total = valueAt(series, measure, w);
    if (total !== undefined) return splitWhole(total, model);
    let sum = 0;
    for (const x of model) sum += x;
    return splitWhole(sum, model);
}

/**
 * Members per tier at the end of week w as observed: every tier as counted, the counted total split
 * as `model` splits it, or undefined. `tierSeries` and `totalSeries`: the file's `members:<tier>` and
 * `members` series, looked up once per pass (the calibration's likelihood steps through them often).
 */
function observedEnd(
    tierSeries: readonly (ArrayLike<number> | undefined)[],
    totalSeries: ArrayLike<number> | undefined,
    w: number,
    model: ArrayLike<number>,
    whole: boolean,
): Float64Array | undefined {
    const T = model.length;
    let counted = true;
    for (let t = 0; t < T && counted; t++) counted = weekOf(tierSeries[t], w) !== undefined;
    const out = new Float64Array(T);
    if (counted) {
        for (let t = 0; t < T; t++) {
            const v = weekOf(tierSeries[t], w)!;
            out[t] = Math.max(0, whole ? Math.round(v) : v);
        }
        return out;
    }
    const total = weekOf(totalSeries, w);
    if (total === undefined) return undefined;
    if (whole) return splitWhole(total, model);
    let sum = 0;
    for (let t = 0; t < T; t++) sum += Math.max(0, model[t]);
    const all = Math.max(0, total);
    for (let t = 0; t < T; t++) out[t] = sum > 0 ? (all * Math.max(0, model[t])) / sum : all / T;
    return out;
}

/**
 * The engine's mean-field week (every draw at its expectation, `values` the value of every slot)
 * stepped week by week from the observed state: each week starts from the members per tier the
 * actuals show at the end of the week before (where they show them; else the model's own) and from
 * the people reached so far (seeds and every join, observed where counted). `onWeek` reads the
 * block after the week's joins: what the model expects of that week given its observed start — the
 * one-step-ahead prediction the calibration's likelihood scores, and the split of the week the
 * observed history takes where the file gives only totals. `whole`: observed members split over tiers
 * in whole people (the history), else exactly (the likelihood, smooth in the parameters).
 */
export function stepFromObserved(
    c: CompiledCommunity,
    values: Float64Array,
    series: ObservedWeeks,
    weeks: number,
    whole: boolean,
    onWeek: (b: Block, w: number, end: Float64Array | undefined) => void,
): Block {
    const T = c.T;
    const draws = new ExpectedDraws(values);
    const b = new Block(c, 1);
    startBlock(b, draws, 0, 1);
    let reached = b.reached[0];
    const modelEnd = new Float64Array(T);
    const tierSeries = c.tierNames.map((t) => series.get(`members:${t}`));
    const totalSeries = series.get('members');
    const joinsSeries = series.get('joins');
    for (let w = 0; w < Math.min(weeks, c.horizon); w++) {
        b.reached[0] = reached;
        weekRates(b, w);
        weekOutflows(b, draws);
        if (b.hasCapacity) weekCapacity(b);
        weekMoves(b, w);
        weekHazards(b, w);
        weekJoins(b, draws, w);
        for (let t = 0; t < T; t++) modelEnd[t] = b.m[t];
        const end = observedEnd(tierSeries, totalSeries, w, modelEnd, whole);
        onWeek(b, w, end);
        const joins = weekOf(joinsSeries, w);
        const counted = joins !== undefined ? joins : b.joinsW[0];
        reached += whole ? Math.round(counted) : counted;
        if (end) {
            // The next week starts from the observed end of this one; buyers follow their tier's members.
            for (let t = 0; t < T; t++) {
                const k = b.m[t] > 0 ? Math.min(1, end[t] / b.m[t]) : 0;
                b.boughtOnce[t] *= k;
                b.boughtTwice[t] *= k;
                b.m[t] = end[t];
            }
        }
    }
    return b;
}

/**
 * The observed history of a compiled community (see the head of this file), or undefined when the
 * actuals count no members in any week.
 */
export function observedStart(c: CompiledCommunity, series: ObservedWeeks): ObservedStart | undefined {
    const H = c.horizon;
    const L = observedWeekCount(series, c.tierNames, H);
    if (L === 0) return undefined;
    const { T } = c;
    const F = c.flows.length;
    const CH = c.channels.length;
    const SRC = c.sources.length;
    const out: ObservedStart = {
        weeks: L,
        start: new Float64Array(L * T),
        end: new Float64Array(L * T),
        joins: new Float64Array(L * T),
        churned: new Float64Array(L * T),
        moved: new Float64Array(L * F),
        reached: new Float64Array(L),
        active: new Float64Array(L),
        revenue: new Float64Array(L),
        repurchaseRate: new Float64Array(L),
        spend: new Float64Array(L * CH).fill(NaN),
        sources: new Float64Array(L * SRC),
        boughtOnce: new Float64Array(T),
        boughtTwice: new Float64Array(T),
        everBuyers: 0,
        repeatBuyers: 0,
    };
    const isReferral = c.sources.map((s) => s.kind === 'referral');
    const modelJoins = new Float64Array(T);
    const modelChurned = new Float64Array(T);
    const values = Float64Array.from(c.dists, (d) => distMean(d));
    const b = stepFromObserved(c, values, series, L, true, (b, w, observedEnd) => {
        for (let t = 0; t < T; t++) {
            out.start[w * T + t] = b.startM[t];
            modelJoins[t] = b.joinsTo[t];
            modelChurned[t] = b.startM[t] > 0 ? b.churned[t] : 0;
        }
        out.reached[w] = b.reached[0] - b.joinsW[0];
        // The week as the model expects it from the observed start, then the file's numbers in place.
        const joins = observedPerTier(series, 'joins', c.tierNames, w, modelJoins);
        const churned = observedPerTier(series, 'leaves', c.tierNames, w, modelChurned);
        const moved = Float64Array.from({ length: F }, (_, f) => Math.round(b.moved[f]));
        for (let t = 0; t < T; t++) {
            const start = out.start[w * T + t];
            // Nobody leaves a tier twice: leaves and moves out of it are at most its members.
            churned[t] = Math.min(churned[t], start);
            let left = start - churned[t];
            for (const f of c.flowsOut[t]) {
                moved[f] = Math.min(moved[f], left);
                left -= moved[f];
            }
        }
        // A week without a member count (a gap in the file): its end is what its flows leave.
        let end = observedEnd;
        if (!end) {
            end = new Float64Array(T);
            for (let t = 0; t < T; t++) end[t] = out.start[w * T + t] - churned[t] + joins[t];
            for (let f = 0; f < F; f++) {
                end[c.flows[f].from] -= moved[f];
                end[c.flows[f].to] += moved[f];
            }
            for (let t = 0; t < T; t++) end[t] = Math.max(0, Math.round(end[t]));
            // The stepper keeps the model's own end for such a week: make it this one.
            for (let t = 0; t < T; t++) b.m[t] = end[t];
        }
        let modelEnd = 0;
        let endTotal = 0;
        let joinsTotal = 0;
        for (let t = 0; t < T; t++) {
            modelEnd += b.m[t];
            endTotal += end[t];
            joinsTotal += joins[t];
            out.end[w * T + t] = end[t];
            out.joins[w * T + t] = joins[t];
            out.churned[w * T + t] = churned[t];
        }
        out.moved.set(moved, w * F);
        // Per-member measures the file lacks: the model's rate applied to the observed members.
        const perMember = modelEnd > 0 ? endTotal / modelEnd : 1;
        out.active[w] = valueAt(series, 'active', w) ?? Math.round(b.activeNow[0] * perMember);
        out.revenue[w] = valueAt(series, 'revenue', w) ?? b.series[b.out(S.revenue, w)] * perMember;
        out.repurchaseRate[w] = b.series[b.out(S.repurchaseRate, w)];
        for (let k = 0; k < CH; k++) {
            const spent = valueAt(series, `spend:${c.channels[k].name}`, w);
            if (spent !== undefined) out.spend[w * CH + k] = spent;
        }
        // Joins by source: the model's split of the week, scaled to the observed joins (and to the
        // observed referral joins when the file has them).
        const model = Float64Array.from({ length: SRC }, (_, s) => b.joinsBySourceWeekly[s * H + w]);
        const referralJoins = valueAt(series, 'referral-joins', w);
        const fill = (pick: (s: number) => boolean, amount: number) => {
            const idx = model.map((_, s) => s).filter((s) => pick(s));
            if (idx.length === 0) return amount;
            let sum = 0;
            for (const s of idx) sum += model[s];
            for (const s of idx) out.sources[w * SRC + s] = sum > 0 ? (amount * model[s]) / sum : amount / idx.length;
            return 0;
        };
        if (referralJoins !== undefined && isReferral.some((x) => x)) {
            const r = Math.min(referralJoins, joinsTotal);
            const left = fill((s) => isReferral[s], r);
            fill((s) => !isReferral[s], joinsTotal - r + left);
        } else fill(() => true, joinsTotal);
    });
    out.boughtOnce.set(b.boughtOnce.subarray(0, T));
    out.boughtTwice.set(b.boughtTwice.subarray(0, T));
    out.everBuyers = b.everBuyers[0];
    out.repeatBuyers = b.repeatBuyers[0];
    return out;
}

const PAID = COST_CATEGORIES.indexOf('paid');
const REFERRAL = COST_CATEGORIES.indexOf('referral');

/** Sets the block's members to the observed start of week w (before weekRates, which reads them). */
export function observedWeekStart(b: Block, s: ObservedStart, w: number): void {
    const { T, B, nb, m, reached } = b;
    for (let t = 0; t < T; t++) m.fill(s.start[w * T + t], t * B, t * B + nb);
    reached.fill(s.reached[w], 0, nb);
}

/**
 * Observed week w in every run of the block, after weekRates: the week's flows, members, joins,
 * money and stored series, as the random phases (weekOutflows … weekJoins) would have left them.
 * weekRecord, weekCohorts, weekRetention and weekKpis then run as in any week.
 */
export function replayObservedWeek(b: Block, s: ObservedStart, w: number): void {
    const { c, T, F, B, R, H, nb, r0, m, startM, churned, moved, joinsTo, entrants, joinsW, reached, counts, series, costW } = b;
    const CH = b.CH;
    const SRC = c.sources.length;
    for (let t = 0; t < T; t++) {
        const i = w * T + t;
        const tb = t * B;
        startM.fill(s.start[i], tb, tb + nb);
        churned.fill(s.churned[i], tb, tb + nb);
        m.fill(s.end[i], tb, tb + nb);
        joinsTo.fill(s.joins[i], tb, tb + nb);
        entrants.fill(s.joins[i], tb, tb + nb);
    }
    const promotionsPos = b.out(S.promotions, w);
    const demotionsPos = b.out(S.demotions, w);
    for (let j = 0; j < nb; j++) {
        counts[promotionsPos + j] = 0;
        counts[demotionsPos + j] = 0;
    }
    for (let f = 0; f < F; f++) {
        const x = s.moved[w * F + f];
        const demotion = b.flowDemotion[f] === 1;
        moved.fill(x, f * B, f * B + nb);
        for (let j = 0; j < nb; j++) counts[(demotion ? demotionsPos : promotionsPos) + j] += x;
        if (!demotion) for (let j = 0; j < nb; j++) entrants[b.flowTo[f] * B + j] += x;
    }
    let joins = 0;
    let members = 0;
    for (let t = 0; t < T; t++) {
        joins += s.joins[w * T + t];
        members += s.end[w * T + t];
    }
    const src0 = (c.organic ? 1 : 0) + CH;
    const costPos = b.out(S.cost, w);
    const revPos = b.out(S.revenue, w);
    const newPos = b.out(S.newMembers, w);
    const activePos = b.out(S.activeMembers, w);
    const repurchasePos = b.out(S.repurchaseRate, w);
    const revenue = s.revenue[w];
    for (let j = 0; j < nb; j++) {
        // Paid spend: what the file says was spent, else the plan's spend of the week.
        let paid = 0;
        let planned = 0;
        for (let k = 0; k < CH; k++) {
            const plan = b.spend[k * B + j] * c.channels[k].spendFactor[w];
            const spent = s.spend[w * CH + k];
            planned += plan;
            paid += Number.isNaN(spent) ? plan : spent;
        }
        let referralCost = 0;
        for (let k = 0; k < b.RF; k++) if (c.referrals[k].reward >= 0) referralCost += s.sources[w * SRC + src0 + k] * b.reward[k * B + j];
        const cost = costW[j] + paid + referralCost;
        b.costByCategory[PAID * R + r0 + j] += paid - planned;
        b.costByCategory[REFERRAL * R + r0 + j] += referralCost;
        if (b.orderValue[j] > 0) b.baselineRevenue[r0 + j] += members * b.baselineW[j] * b.orderValue[j];
        b.cumCost[j] += cost;
        b.cumRev[j] += revenue;
        b.membersW[j] = members;
        b.activeNow[j] = s.active[w];
        joinsW[j] = joins;
        reached[j] = s.reached[w] + joins;
        counts[newPos + j] = joins;
        counts[activePos + j] = s.active[w];
        series[costPos + j] = cost;
        series[revPos + j] = revenue;
        series[repurchasePos + j] = s.repurchaseRate[w];
        for (let src = 0; src < SRC; src++) {
            const x = s.sources[w * SRC + src];
            b.joinsBySource[src * R + r0 + j] += x;
            b.joinsBySourceWeekly[src * H + w] += x;
        }
    }
}

/** After the last observed week: the buyers the history leaves (the forecast's repurchase state). */
export function endObservedHistory(b: Block, s: ObservedStart): void {
    const { T, B, nb } = b;
    for (let t = 0; t < T; t++) {
        b.boughtOnce.fill(s.boughtOnce[t], t * B, t * B + nb);
        b.boughtTwice.fill(s.boughtTwice[t], t * B, t * B + nb);
    }
    b.everBuyers.fill(s.everBuyers, 0, nb);
    b.repeatBuyers.fill(s.repeatBuyers, 0, nb);
}
