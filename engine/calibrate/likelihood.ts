// The likelihood of observed weekly actuals under the plan's model, evaluated by the engine's own
// mean-field pass (engine/expected-draws.ts: the Monte Carlo week with every draw at its
// expectation) for one vector of parameter values — no second model of the plan.
//
// Each observed series contributes Gaussian terms with Poisson-like variances (documented in
// docs/calibration.md): member counts by their week-on-week changes (a level carries all earlier
// noise; its changes are close to independent), joins and referral joins as weekly counts, and
// leaves, active members and revenue as the model's per-member rates applied to the observed
// members of that week (so a miss in members is not counted again in every rate).
import { S, type CompiledCommunity } from '../compile.js';
import { ExpectedDraws } from '../expected-draws.js';
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

/** Observed series the likelihood uses, and those it cannot (reported). */
export const USED_SERIES = (key: string) => key === 'members' || key.startsWith('members:') || key === 'joins' || key === 'leaves' || key === 'active' || key === 'revenue' || key === 'referral-joins' || key.startsWith('spend:');

/**
 * The likelihood of one community's actuals. Variances are fixed before fitting — from the observed
 * counts themselves (joins, leaves, active members, revenue), and for member changes from the flows
 * of the plan's own projection — so they do not depend on the parameters: a parameter-dependent
 * variance would reward parameters that predict small counts (its normalising term), a bias.
 */
export class Likelihood {
    private readonly flowVariance: Float64Array;
    /** Over-dispersion per series (quasi-likelihood): variances are multiplied by it. */
    readonly dispersion = new Map<string, number>();
    /** Pearson χ² and number of terms per series of the last evaluation. */
    private readonly chi2 = new Map<string, { sum: number; n: number }>();
    /** Standardised residuals per series of the last evaluation, in week order. */
    private readonly residuals = new Map<string, number[]>();

    constructor(private readonly c: CompiledCommunity, private readonly actuals: Actuals, private readonly upTo: number) {
        const ref = runMeanField(c, meanValues(c));
        this.flowVariance = new Float64Array(c.horizon);
        for (let w = 0; w < c.horizon; w++) {
            this.flowVariance[w] = rawValue(ref.raw, S.newMembers, w, 0) + rawValue(ref.raw, S.churned, w, 0) + rawValue(ref.raw, S.promotions, w, 0) + rawValue(ref.raw, S.demotions, w, 0) + 1;
        }
    }

    /** Log-likelihood (up to a constant) of the actuals in weeks before `upTo` for parameter values. */
    logLikelihood(values: Float64Array): number {
        const { c, actuals } = this;
        const p = runMeanField(c, values);
        const { raw } = p;
        const H = Math.min(this.upTo, c.horizon);
        const cache = new Map<number, Float64Array>();
        const at = (s: number, w: number) => {
            let a = cache.get(s);
            if (!a) {
                a = new Float64Array(c.horizon);
                for (let x = 0; x < c.horizon; x++) a[x] = rawValue(raw, s, x, 0);
                cache.set(s, a);
            }
            return a[w];
        };
        const obsMembers = actuals.series.get('members');
        const err = (x: number) => (MODEL_ERROR * x) ** 2;
        let total = 0;
        this.chi2.clear();
        this.residuals.clear();
        for (const [key, y] of actuals.series) {
            let ll = 0;
            let n = 0;
            const phi = this.dispersion.get(key) ?? 1;
            const zs: number[] = [];
            this.residuals.set(key, zs);
            const term = (residual: number, variance: number) => {
                n++;
                zs.push(residual / Math.sqrt(variance));
                return (-0.5 * residual * residual) / (variance * phi);
            };
            if (key === 'members' || key.startsWith('members:')) {
                const t = key === 'members' ? -1 : c.tierNames.indexOf(key.slice(8));
                if (key !== 'members' && t < 0) continue;
                const model = (w: number) => (w < 0 ? (t < 0 ? p.seeds : seedOf(c, values, t)) : t < 0 ? p.members[w] : at(c.tierSeries0 + t, w));
                let prevW = -1;
                let prevY = model(-1);
                let v = 0;
                for (let w = 0; w < H; w++) {
                    v += this.flowVariance[w];
                    if (Number.isNaN(y[w])) continue;
                    const r = y[w] - prevY - (model(w) - model(prevW));
                    ll += term(r, v + err(y[w] - prevY));
                    prevW = w;
                    prevY = y[w];
                    v = 0;
                }
            } else if (key === 'joins') {
                for (let w = 0; w < H; w++) {
                    if (Number.isNaN(y[w])) continue;
                    ll += term(y[w] - at(S.newMembers, w), y[w] + 1 + err(y[w]));
                }
            } else if (key === 'referral-joins') {
                const idx = c.sources.map((s, i) => (s.kind === 'referral' ? i : -1)).filter((i) => i >= 0);
                if (idx.length === 0) continue;
                for (let w = 0; w < H; w++) {
                    if (Number.isNaN(y[w])) continue;
                    let mu = 0;
                    for (const i of idx) mu += raw.joinsBySourceWeekly[i * c.horizon + w];
                    ll += term(y[w] - mu, y[w] + 1 + err(y[w]));
                }
            } else if (key === 'leaves' || key === 'active' || key === 'revenue') {
                for (let w = 0; w < H; w++) {
                    if (Number.isNaN(y[w])) continue;
                    // The model's rate per member, applied to the observed members (start of week for leaves).
                    const base = key === 'leaves' ? (w === 0 ? p.seeds : p.members[w - 1]) : p.members[w];
                    const observed = key === 'leaves' ? (w === 0 ? p.seeds : obsMembers?.[w - 1]) : obsMembers?.[w];
                    const scale = observed !== undefined && !Number.isNaN(observed) && base > 0 ? observed / base : 1;
                    const series = key === 'leaves' ? S.churned : key === 'active' ? S.activeMembers : S.revenue;
                    const mu = at(series, w) * scale;
                    if (key === 'revenue') {
                        const order = c.orderValue >= 0 ? Math.max(1, values[c.orderValue]) : 1;
                        ll += term(y[w] - mu, y[w] * order + order * order + err(y[w]));
                    } else if (key === 'active') {
                        const m = obsMembers?.[w];
                        const rate = m !== undefined && m > 0 ? Math.min(1, y[w] / m) : 0;
                        ll += term(y[w] - mu, y[w] * (1 - rate) + 1 + err(y[w]));
                    } else ll += term(y[w] - mu, y[w] + 1 + err(y[w]));
                }
            }
            this.chi2.set(key, { sum: -2 * ll * phi, n });
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
        this.logLikelihood(values);
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
