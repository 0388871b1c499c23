// The numbers every phase of a simulated week shares: block size, ceilings, cost categories, exact
// rate conversion, the Bass hazard and the summed binomial draw of outputs that feed nothing back.
import { EXACT_DRAW_LIMIT, type Draws as Random } from '../random.js';

/** Runs simulated side by side (one block of typed arrays). Part of the draw order: changing it changes results. */
export const RUN_BLOCK = 1024;
/** Ceiling of any count of people (seeds, audience sizes, expected joins per week). */
export const COUNT_LIMIT = 1e12;
/** Ceiling of any sampled amount of money (per post, run, week, join, member, order). */
export const MONEY_LIMIT = 1e12;
// Cost categories (engine/cost-categories.ts) kept as totals over the horizon per run.
export const CONTENT_COST = 0;
export const ACTIVITY_COST = 1;
export const PAID_COST = 2;
export const REFERRAL_COST = 3;

/** Ceiling of the weekly Bass coefficients p and q (above ~20 everyone adopts within the week anyway). */
export const BASS_LIMIT = 100;
/** Ceiling of a referral campaign's weekly growth factor g. */
export const GROWTH_LIMIT = 1e6;

export function clamp01(x: number): number {
    return x > 0 ? (x < 1 ? x : 1) : 0;
}

export function clampTo(x: number, limit: number): number {
    return x > 0 ? (x < limit ? x : limit) : 0;
}

/** A rate per period of `weeksPer` weeks converted exactly to a weekly one. */
export function weekly(p: number, weeksPer: number): number {
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
export function binomialSum(rng: Random, n: Float64Array, p: Float64Array, T: number, B: number, j: number): number {
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

/** Return on cost: (return − cost) / cost, the cost at least one unit of money. */
export function roiOf(returned: number, cost: number): number {
    return (returned - cost) / Math.max(cost, 1);
}

/** A weekly rate expressed over a period of `weeksPer` weeks. */
export function ratePer(pw: number, weeksPer: number): number {
    if (pw >= 1) return 1;
    if (pw <= 0) return 0;
    return weeksPer === 1 ? pw : 1 - Math.pow(1 - pw, weeksPer);
}
