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
export const MODEL_ERROR = 0.05;

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

function term(residual: number, variance: number): number {
    return -0.5 * ((residual * residual) / variance + Math.log(variance));
}

/** Log-likelihood of the actuals in weeks < `upTo` (0-based, exclusive) for parameter values. */
export function logLikelihood(c: CompiledCommunity, actuals: Actuals, values: Float64Array, upTo: number): number {
    const p = runMeanField(c, values);
    const { raw } = p;
    const H = Math.min(upTo, c.horizon);
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
    const flows = (w: number) => at(S.newMembers, w) + at(S.churned, w) + at(S.promotions, w) + at(S.demotions, w);
    const err = (x: number) => (MODEL_ERROR * x) ** 2;
    let ll = 0;
    for (const [key, y] of actuals.series) {
        if (key === 'members' || key.startsWith('members:')) {
            const t = key === 'members' ? -1 : c.tierNames.indexOf(key.slice(8));
            if (key !== 'members' && t < 0) continue;
            const model = (w: number) => (w < 0 ? (t < 0 ? p.seeds : seedOf(c, values, t)) : t < 0 ? p.members[w] : at(c.tierSeries0 + t, w));
            let prevW = -1;
            let prevY = model(-1);
            let v = 0;
            for (let w = 0; w < H; w++) {
                v += flows(w) + 1;
                if (Number.isNaN(y[w])) continue;
                const r = y[w] - prevY - (model(w) - model(prevW));
                ll += term(r, v + err(model(w) - model(prevW)));
                prevW = w;
                prevY = y[w];
                v = 0;
            }
        } else if (key === 'joins') {
            for (let w = 0; w < H; w++) {
                if (Number.isNaN(y[w])) continue;
                const mu = at(S.newMembers, w);
                ll += term(y[w] - mu, mu + 1 + err(mu));
            }
        } else if (key === 'referral-joins') {
            const idx = c.sources.map((s, i) => (s.kind === 'referral' ? i : -1)).filter((i) => i >= 0);
            if (idx.length === 0) continue;
            for (let w = 0; w < H; w++) {
                if (Number.isNaN(y[w])) continue;
                let mu = 0;
                for (const i of idx) mu += raw.joinsBySourceWeekly[i * c.horizon + w];
                ll += term(y[w] - mu, mu + 1 + err(mu));
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
                    ll += term(y[w] - mu, mu * order + order * order + err(mu));
                } else if (key === 'active') {
                    const rate = p.members[w] > 0 ? Math.min(1, at(S.activeMembers, w) / p.members[w]) : 0;
                    ll += term(y[w] - mu, mu * (1 - rate) + 1 + err(mu));
                } else ll += term(y[w] - mu, mu + 1 + err(mu));
            }
        }
    }
    return ll;
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
