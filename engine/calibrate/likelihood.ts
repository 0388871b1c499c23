// The likelihood of observed weekly actuals under the plan's model, evaluated by the engine's own
// mean-field pass (engine/expected-draws.ts: the Monte Carlo week with every draw at its
// expectation) for one vector of parameter values — no second model of the plan.
//
// It is a one-step-ahead (prediction-error) likelihood: each week's prediction is the mean-field
// week started from the state the actuals show at the end of the week before — members per tier and
// the people reached so far (engine/observed-start.ts, stepFromObserved) — not the expected path
// from the plan's start. One observed path drifts from the expected one (a few more promotions early
// on mean more Core members inviting, more people reached mean more imitation); scored against the
// expected path, that drift is read as a parameter — the paid channel's cost per join absorbed it —
// while conditioned on the observed state each week's residual is that week's own noise.
//
// Each observed series contributes Gaussian terms with Poisson-like variances (documented in
// docs/calibration.md): member counts against their one-step prediction, joins and referral joins as
// weekly counts, and leaves, active members and revenue as the model's per-member rates applied to
// the observed members of that week (so a miss in members is not counted again in every rate).
import { S, type CompiledCommunity } from '../compile.js';
import { ExpectedDraws } from '../expected-draws.js';
import { stepFromObserved } from '../observed-start.js';
import { distMean } from '../random.js';
import { rawValue, simulateCommunity, type RawResult } from '../simulate.js';
import type { Actuals } from '../actuals/parse.js';

/** Relative model error added to every term's variance (the mean-field pass is not the Monte Carlo mean). */
export const MODEL_ERROR = 0.02;

export interface Predicted {
    raw: RawResult;
    /** Members per week (0-based) and at the start (index −1 → `seeds`). */
    members: Float64Array;
    seeds: number;
}

export function runMeanField(c: CompiledCommunity, values: Float64Array): Predicted {
    const raw = simulateCommunity(c, new ExpectedDraws(values), { runs: 1 });
    const H = c.horizon;
    const members = new Float64Array(H);
    for (let w = 0; w < H; w++) members[w] = rawValue(raw, S.members, w, 0);
    let seeds = 0;
    for (let t = 0; t < c.T; t++) {
        const slot = c.tierSeed[t];
        if (slot >= 0) seeds += Math.min(Math.round(Math.max(0, values[slot])), c.tierCapacity[t]);
    }
    return { raw, members, seeds };
}

/** The one-step-ahead predictions of weeks [0, weeks): each from the observed end of the week before. */
export interface OneStep {
    /** Members per tier at the end of week w, [w * T + t], and in all. */
    tiers: Float64Array;
    members: Float64Array;
    /** Members at the start of week w (the observed end of the week before where counted). */
    startMembers: Float64Array;
    joins: Float64Array;
    /** Joins into and leaves of each tier, [w * T + t]. */
    tierJoins: Float64Array;
    tierChurned: Float64Array;
    /** Joins of each source per week, [source * weeks + w]. */
    sources: Float64Array;
    churned: Float64Array;
    active: Float64Array;
    revenue: Float64Array;
}

/** Arrays for the one-step predictions of `weeks` weeks (runOneStep overwrites every element). */
export function oneStepArrays(c: CompiledCommunity, weeks: number): OneStep {
    const T = c.T;
    const n = Math.min(weeks, c.horizon);
    return {
        tiers: new Float64Array(n * T),
        members: new Float64Array(n),
        startMembers: new Float64Array(n),
        joins: new Float64Array(n),
        tierJoins: new Float64Array(n * T),
        tierChurned: new Float64Array(n * T),
        sources: new Float64Array(c.sources.length * n),
        churned: new Float64Array(n),
        active: new Float64Array(n),
        revenue: new Float64Array(n),
    };
}

/** The one-step predictions of weeks [0, weeks), written into `p` (fresh arrays by default; a fit reuses one set). */
export function runOneStep(c: CompiledCommunity, values: Float64Array, actuals: Actuals, weeks: number, p: OneStep = oneStepArrays(c, weeks)): OneStep {
    const T = c.T;
    const H = c.horizon;
    const n = Math.min(weeks, H);
    const SRC = c.sources.length;
    stepFromObserved(c, values, actuals.series, n, false, (b, w) => {
        let members = 0;
        let start = 0;
        let churned = 0;
        for (let t = 0; t < T; t++) {
            p.tiers[w * T + t] = b.m[t];
            p.tierJoins[w * T + t] = b.joinsTo[t];
            p.tierChurned[w * T + t] = b.churned[t];
            members += b.m[t];
            start += b.startM[t];
            churned += b.churned[t];
        }
        p.members[w] = members;
        p.startMembers[w] = start;
        p.churned[w] = churned;
        p.joins[w] = b.joinsW[0];
        p.active[w] = b.activeNow[0];
        p.revenue[w] = b.series[b.out(S.revenue, w)];
        for (let s = 0; s < SRC; s++) p.sources[s * n + w] = b.joinsBySourceWeekly[s * H + w];
    });
    return p;
}

/** Observed series the likelihood uses, and those it cannot (reported). */
export const USED_SERIES = (key: string) =>
    key === 'members' ||
    key.startsWith('members:') ||
    key === 'joins' ||
    key === 'leaves' ||
    key === 'active' ||
    key === 'revenue' ||
    key === 'referral-joins' ||
    key.startsWith('spend:');

/**
 * An observed series and how the likelihood scores it: members (`t` −1 for the total, else the tier),
 * a weekly count or per-member rate, 'none' (a spend series: it sets the spend, not a term), or
 * 'skip' (a tier the plan lacks, referral joins without a referral).
 */
interface ScoredSeries {
    key: string;
    y: Float64Array;
    kind: 'members' | 'joins' | 'referral-joins' | 'leaves' | 'active' | 'revenue' | 'none' | 'skip';
    t: number;
    /** Sources that are referrals (c.sources indexes), for referral joins. */
    referrals: number[];
}

/**
 * The likelihood of one community's actuals. Variances are fixed before fitting — from the observed
 * counts themselves (joins, leaves, active members, revenue), and for member changes from the flows
 * of the plan's own projection — so they do not depend on the parameters: a parameter-dependent
 * variance would reward parameters that predict small counts (its normalising term), a bias.
 */
export class Likelihood {
    /** Per week, of the plan's own projection: joins, leaves, and tier moves (+1) — the variances of member changes. */
    private readonly joinsVariance: Float64Array;
    private readonly leavesVariance: Float64Array;
    private readonly movesVariance: Float64Array;
    /** Over-dispersion per series (quasi-likelihood): variances are multiplied by it. */
    readonly dispersion = new Map<string, number>();
    /** Pearson χ² and number of terms per series of the last evaluation. */
    private readonly chi2 = new Map<string, { sum: number; n: number }>();
    /** Standardised residuals per series of the last evaluation, in week order. */
    private readonly residuals = new Map<string, number[]>();
    /** The observed series in the file's order, each with how it is scored (looked up once, not per evaluation). */
    private readonly series: ScoredSeries[];
    private readonly obsMembers: Float64Array | undefined;
    private readonly obsJoins: Float64Array | undefined;
    private readonly obsLeaves: Float64Array | undefined;
    /** The one-step predictions, overwritten by each evaluation. */
    private readonly step: OneStep;

    constructor(
        private readonly c: CompiledCommunity,
        private readonly actuals: Actuals,
        private readonly upTo: number,
    ) {
        const ref = runMeanField(c, meanValues(c));
        this.joinsVariance = Float64Array.from({ length: c.horizon }, (_, w) => rawValue(ref.raw, S.newMembers, w, 0));
        this.leavesVariance = Float64Array.from({ length: c.horizon }, (_, w) => rawValue(ref.raw, S.churned, w, 0));
        this.movesVariance = Float64Array.from(
            { length: c.horizon },
            (_, w) => rawValue(ref.raw, S.promotions, w, 0) + rawValue(ref.raw, S.demotions, w, 0) + 1,
        );
        this.step = oneStepArrays(c, Math.min(upTo, c.horizon));
        this.obsMembers = actuals.series.get('members');
        this.obsJoins = actuals.series.get('joins');
        this.obsLeaves = actuals.series.get('leaves');
        const referrals = c.sources.map((s, i) => (s.kind === 'referral' ? i : -1)).filter((i) => i >= 0);
        this.series = [...actuals.series].map(([key, y]) => {
            const tier = key.startsWith('members:') ? c.tierNames.indexOf(key.slice(8)) : -1;
            const kind: ScoredSeries['kind'] =
                key === 'members'
                    ? 'members'
                    : key.startsWith('members:')
                      ? tier < 0
                          ? 'skip'
                          : 'members'
                      : key === 'joins' || key === 'leaves' || key === 'active' || key === 'revenue'
                        ? key
                        : key === 'referral-joins'
                          ? referrals.length === 0
                              ? 'skip'
                              : 'referral-joins'
                          : 'none';
            return { key, y, kind, t: tier, referrals };
        });
    }

    /** Log-likelihood (up to a constant) of the actuals in weeks before `upTo` for parameter values. */
    logLikelihood(values: Float64Array): number {
        return this.evaluate(values, false);
    }

    /**
     * The log-likelihood; `record`: also keep each series' Pearson χ² and standardised residuals
     * (estimateDispersion reads them). The terms are summed in the same order either way.
     */
    private evaluate(values: Float64Array, record: boolean): number {
        const { c } = this;
        const H = Math.min(this.upTo, c.horizon);
        const p = runOneStep(c, values, this.actuals, H, this.step);
        const seeds = seedsOf(c, values);
        const obsMembers = this.obsMembers;
        const err = (x: number) => (MODEL_ERROR * x) ** 2;
        let total = 0;
        if (record) {
            this.chi2.clear();
            this.residuals.clear();
        }
        for (const series of this.series) {
            const { key, y, kind, t } = series;
            let ll = 0;
            let n = 0;
            const phi = this.dispersion.get(key) ?? 1;
            // Standardised residuals, kept only when recording.
            const zs: number[] | undefined = record ? [] : undefined;
            if (zs) this.residuals.set(key, zs);
            if (kind === 'skip') continue;
            if (kind === 'members') {
                // Each count against its prediction from the last counted week (the one before, but for
                // gaps), given the week's observed joins and leaves: the factorisation p(joins) p(leaves)
                // p(members | joins, leaves) counts what joins and leaves say once. A tier takes the observed
                // totals in the model's split of the week; the total of members then says nothing more.
                const joins = this.obsJoins;
                const leaves = this.obsLeaves;
                let prevY = t < 0 ? seeds : seedOf(c, values, t);
                let v = 0;
                let shift = 0;
                for (let w = 0; w < H; w++) {
                    const J = joins?.[w];
                    const C = leaves?.[w];
                    const knownJ = J !== undefined && !Number.isNaN(J);
                    const knownC = C !== undefined && !Number.isNaN(C);
                    // Which tier the observed joins and leaves were in is not known: their split has a
                    // multinomial variance n·s·(1 − s) around the model's share s.
                    if (knownJ) {
                        const sj = t < 0 ? 1 : p.joins[w] > 0 ? p.tierJoins[w * c.T + t] / p.joins[w] : 0;
                        shift += (J - p.joins[w]) * sj;
                        v += J * sj * (1 - sj);
                    } else v += this.joinsVariance[w];
                    if (knownC && t < 0) shift -= C - p.churned[w];
                    else v += this.leavesVariance[w];
                    v += t >= 0 ? this.movesVariance[w] : 1;
                    if (Number.isNaN(y[w])) continue;
                    const model = (t < 0 ? p.members[w] : p.tiers[w * c.T + t]) + shift;
                    if (!(t < 0 && v <= 1 + 1e-9)) {
                        const residual = y[w] - model;
                        const variance = v + err(y[w] - prevY);
                        n++;
                        zs?.push(residual / Math.sqrt(variance));
                        ll += (-0.5 * residual * residual) / (variance * phi);
                    }
                    prevY = y[w];
                    v = 0;
                    shift = 0;
                }
            } else if (kind === 'joins' || kind === 'referral-joins') {
                const referrals = series.referrals;
                for (let w = 0; w < H; w++) {
                    if (Number.isNaN(y[w])) continue;
                    let mu: number;
                    if (kind === 'joins') mu = p.joins[w];
                    else {
                        mu = 0;
                        for (const i of referrals) mu += p.sources[i * H + w];
                    }
                    const residual = y[w] - mu;
                    const variance = y[w] + 1 + err(y[w]);
                    n++;
                    zs?.push(residual / Math.sqrt(variance));
                    ll += (-0.5 * residual * residual) / (variance * phi);
                }
            } else if (kind === 'leaves' || kind === 'active' || kind === 'revenue') {
                for (let w = 0; w < H; w++) {
                    if (Number.isNaN(y[w])) continue;
                    // The model's rate per member, applied to the observed members (start of week for leaves).
                    const base = kind === 'leaves' ? p.startMembers[w] : p.members[w];
                    const observed = kind === 'leaves' ? (w === 0 ? seeds : obsMembers?.[w - 1]) : obsMembers?.[w];
                    const scale = observed !== undefined && !Number.isNaN(observed) && base > 0 ? observed / base : 1;
                    const mu = (kind === 'leaves' ? p.churned[w] : kind === 'active' ? p.active[w] : p.revenue[w]) * scale;
                    const residual = y[w] - mu;
                    let variance: number;
                    if (kind === 'revenue') {
                        const order = c.orderValue >= 0 ? Math.max(1, values[c.orderValue]) : 1;
                        variance = y[w] * order + order * order + err(y[w]);
                    } else if (kind === 'active') {
                        const m = obsMembers?.[w];
                        const rate = m !== undefined && m > 0 ? Math.min(1, y[w] / m) : 0;
                        variance = y[w] * (1 - rate) + 1 + err(y[w]);
                    } else variance = y[w] + 1 + err(y[w]);
                    n++;
                    zs?.push(residual / Math.sqrt(variance));
                    ll += (-0.5 * residual * residual) / (variance * phi);
                }
            }
            if (record) this.chi2.set(key, { sum: -2 * ll * phi, n });
            total += ll;
        }
        return total;
    }

    /**
     * Sets each series' over-dispersion from the residuals at `values` (the posterior mode): its
     * Pearson χ² per term, at least 1. One observed path drifts from the expected one in ways weekly
     * Poisson variances do not capture (the state carries every earlier draw); scaling by the observed
     * dispersion keeps the intervals honest rather than falsely sharp.
     */
    estimateDispersion(values: Float64Array, parameters: number): void {
        this.dispersion.clear();
        this.evaluate(values, true);
        let terms = 0;
        for (const { n } of this.chi2.values()) terms += n;
        const dof = Math.max(0.5, 1 - parameters / Math.max(1, terms));
        for (const [key, { sum, n }] of this.chi2) {
            if (n === 0) continue;
            // Residuals of one path are autocorrelated (a week's surplus carries into the next): the
            // long-run variance factor (1 + ρ) / (1 − ρ) of a lag-1 correlation ρ widens accordingly.
            const z = this.residuals.get(key) ?? [];
            let num = 0;
            let den = 0;
            for (let i = 0; i < z.length; i++) {
                den += z[i] * z[i];
                if (i > 0) num += z[i] * z[i - 1];
            }
            const rho = den > 0 ? Math.min(0.9, Math.max(0, num / den)) : 0;
            this.dispersion.set(key, Math.max(1, sum / n / dof) * ((1 + rho) / (1 - rho)));
        }
    }
}

function seedsOf(c: CompiledCommunity, values: Float64Array): number {
    let seeds = 0;
    for (let t = 0; t < c.T; t++) seeds += seedOf(c, values, t);
    return seeds;
}

function seedOf(c: CompiledCommunity, values: Float64Array, t: number): number {
    const slot = c.tierSeed[t];
    return slot >= 0 ? Math.min(Math.round(Math.max(0, values[slot])), c.tierCapacity[t]) : 0;
}

/** The plan's mean value of every slot (the values a fit starts from and keeps for what it does not fit). */
export function meanValues(c: CompiledCommunity): Float64Array {
    return Float64Array.from(c.dists, (d) => distMean(d));
}

/**
 * A copy of the compiled community whose channels spend what the actuals say in the observed weeks
 * (`spend:<channel>`): the fit explains the joins by the money actually spent. Weeks without a figure
 * keep the plan's spend.
 */
export function withObservedSpend(c: CompiledCommunity, actuals: Actuals, values: Float64Array): CompiledCommunity {
    let changed = false;
    const channels = c.channels.map((ch) => {
        const y = actuals.series.get(`spend:${ch.name}`);
        if (!y || ch.spend < 0) return ch;
        const planned = values[ch.spend];
        const spendFactor = Float64Array.from(ch.spendFactor);
        for (let w = 0; w < c.horizon; w++) if (!Number.isNaN(y[w])) spendFactor[w] = planned > 0 ? y[w] / planned : 0;
        changed = true;
        return { ...ch, spendFactor };
    });
    return changed ? { ...c, channels } : c;
}
