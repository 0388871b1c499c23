// The fit: a posterior over the plan's calibratable quantities given the weekly actuals.
//
// Method (docs/calibration.md): parameters are fitted on the log scale; the prior is the plan's own
// distribution of each quantity (or a wide log-uniform when the plan states one number), the
// likelihood the mean-field pass (likelihood.ts). We find the posterior mode by a pattern search,
// take the Laplace approximation (the inverse of the finite-difference Hessian there), and correct it
// by importance sampling: draws from a multivariate Student t (ν = 4, scale 1.5 × the Laplace
// covariance) around the mode, weighted by posterior / proposal. Percentiles are weighted quantiles.
// All draws come from the engine's seeded generator: the same plan, actuals and seed give the same
// numbers. Quantities no observed series informs are not fitted and are reported as such; fitted
// ones whose interval the data barely narrow are reported as weakly identified.
import type { CompiledCommunity } from '../compile.js';
import type { Actuals } from '../actuals/parse.js';
import { distQuantile } from '../random.js';
import { SimulationCancelled } from '../simulate.js';
import { seededRandom } from './seeded.js';
import { calibratableQuantities, type Quantity } from './quantities.js';
import { Likelihood, meanValues, withObservedSpend } from './likelihood.js';

export interface FitOptions {
    seed: number;
    /** Importance draws (default 600). */
    draws?: number;
    /** Fit only on weeks before this one (0-based, exclusive; default: all observed weeks). */
    upTo?: number;
    onProgress?: (done: number, total: number) => void;
    /** Checked between evaluations of the likelihood (each a mean-field pass); true stops the fit with SimulationCancelled. */
    isCancelled?: () => boolean;
}

export interface Percentiles {
    p5: number;
    p10: number;
    p50: number;
    p90: number;
    p95: number;
}

export type Identification = 'identified' | 'weak' | 'no-data';

export interface FittedQuantity {
    quantity: Quantity;
    /** The plan's value (its mean) and its own P10/P90. */
    plan: { value: number; p10: number; p90: number };
    fitted?: Percentiles;
    identification: Identification;
    /** Another quantity it moves with (|correlation| ≥ 0.9): identified only together. */
    jointWith?: string;
}

export interface Fit {
    quantities: FittedQuantity[];
    /** Values of every slot at the fitted median (the plan's mean for the rest). */
    medianValues: Float64Array;
    /** Weighted draws of the fitted slots (for the backtest's predictive bands): values per draw. */
    draws: Float64Array[];
    weights: Float64Array;
    /** Effective sample size of the importance weights (of `draws.length`). */
    ess: number;
    /** The compiled community with the observed spend in place. */
    compiled: CompiledCommunity;
    weeksUsed: number;
    /** Slot of each fitted quantity, in the order of a draw's values. */
    fittedSlots: number[];
}

const DEFAULT_DRAWS = 600;
/** Largest P90/P10 of an identified quantity (about ±10 % around its median). */
export const IDENTIFIED_RATIO = 1.25;
const T_NU = 4;
const PROPOSAL_SCALE = 1.5;

/** The fitting scale: logit for shares (bounded by 1), log for rates and money. */
function toScale(q: Quantity, x: number): number {
    return q.max === 1 ? Math.log(x / (1 - x)) : Math.log(x);
}
function fromScale(q: Quantity, u: number): number {
    return q.max === 1 ? 1 / (1 + Math.exp(-u)) : Math.exp(u);
}
/** Log of dx/du at x (the Jacobian of the scale). */
function logJacobian(q: Quantity, x: number): number {
    return q.max === 1 ? Math.log(x * (1 - x)) : Math.log(x);
}

/** Log prior density of value x on the fitting scale (density × dx/du). */
function logPrior(q: Quantity, x: number): number {
    const d = q.prior;
    if (!(x > 0) || !(x < q.max)) return -Infinity;
    if (!q.planPrior) return d.kind === 'uniform' && x >= d.min && x <= d.max ? logJacobian(q, x) - Math.log(x) : -Infinity; // log-uniform: density ∝ 1/x
    let density: number;
    if (d.kind === 'uniform') density = x >= d.min && x <= d.max ? 1 / (d.max - d.min) : 0;
    else if (d.kind === 'triangular') {
        const { min, mode, max } = d;
        if (x < min || x > max) density = 0;
        else if (x <= mode) density = mode > min ? (2 * (x - min)) / ((max - min) * (mode - min)) : 2 / (max - min);
        else density = max > mode ? (2 * (max - x)) / ((max - min) * (max - mode)) : 2 / (max - min);
    } else density = 1;
    // A triangular's density is 0 at its ends: keep a floor so the edge stays reachable but unlikely.
    return Math.log(Math.max(density, 1e-3 / Math.max(1e-12, distQuantile(d, 0.9) - distQuantile(d, 0.1)))) + logJacobian(q, x);
}

function weightedQuantile(values: Float64Array, weights: Float64Array, order: Int32Array, q: number): number {
    let total = 0;
    for (let i = 0; i < values.length; i++) total += weights[i];
    let acc = 0;
    for (let k = 0; k < order.length; k++) {
        acc += weights[order[k]];
        if (acc >= q * total) return values[order[k]];
    }
    return values[order[order.length - 1]];
}

/** Cholesky factor of a symmetric matrix (lower, row-major), ridged until positive definite. */
function cholesky(a: Float64Array, d: number): Float64Array {
    for (let ridge = 0; ridge < 60; ridge++) {
        const m = Float64Array.from(a);
        if (ridge > 0) for (let i = 0; i < d; i++) m[i * d + i] += 1e-6 * Math.pow(4, ridge) * Math.max(1e-9, Math.abs(a[i * d + i]) || 1);
        const l = new Float64Array(d * d);
        let ok = true;
        for (let i = 0; i < d && ok; i++) {
            for (let j = 0; j <= i; j++) {
                let s = m[i * d + j];
                for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
                if (i === j) {
                    if (!(s > 0)) ok = false;
                    else l[i * d + i] = Math.sqrt(s);
                } else l[i * d + j] = s / l[j * d + j];
            }
        }
        if (ok) return l;
    }
    const l = new Float64Array(d * d);
    for (let i = 0; i < d; i++) l[i * d + i] = 0.5;
    return l;
}

/** Inverse of a symmetric positive definite matrix through its Cholesky factor. */
function inverseSpd(a: Float64Array, d: number): Float64Array {
    const l = cholesky(a, d);
    const inv = new Float64Array(d * d);
    const e = new Float64Array(d);
    const y = new Float64Array(d);
    for (let col = 0; col < d; col++) {
        e.fill(0);
        e[col] = 1;
        for (let i = 0; i < d; i++) {
            let s = e[i];
            for (let k = 0; k < i; k++) s -= l[i * d + k] * y[k];
            y[i] = s / l[i * d + i];
        }
        for (let i = d - 1; i >= 0; i--) {
            let s = y[i];
            for (let k = i + 1; k < d; k++) s -= l[k * d + i] * inv[k * d + col];
            inv[i * d + col] = s / l[i * d + i];
        }
    }
    return inv;
}

/** Fits the community's calibratable quantities to the actuals. */
export function fitCommunity(c0: CompiledCommunity, actuals: Actuals, options: FitOptions & { stated?: boolean }): Fit {
    const base = meanValues(c0);
    const c = withObservedSpend(c0, actuals, base);
    const upTo = options.upTo ?? c.horizon;
    const observed = new Set(
        [...actuals.series.keys()].filter((k) => {
            const y = actuals.series.get(k)!;
            for (let w = 0; w < Math.min(upTo, y.length); w++) if (!Number.isNaN(y[w])) return true;
            return false;
        }),
    );
    const all = calibratableQuantities(c, options.stated ?? false);
    const fitted = all.filter((q) => q.informedBy.some((k) => observed.has(k)));
    const d = fitted.length;
    const drawsN = Math.max(50, options.draws ?? DEFAULT_DRAWS);
    const totalWork = 4 * d * d + 40 * d + drawsN;
    let work = 0;
    const tick = () => {
        if (options.isCancelled?.()) throw new SimulationCancelled();
        work++;
        if (options.onProgress && work % 50 === 0) options.onProgress(Math.min(work, totalWork), totalWork);
    };
    const values = Float64Array.from(base);
    const likelihood = new Likelihood(c, actuals, upTo);
    const logPost = (u: Float64Array): number => {
        tick();
        let lp = 0;
        for (let i = 0; i < d; i++) {
            const x = fromScale(fitted[i], u[i]);
            const p = logPrior(fitted[i], x);
            if (p === -Infinity) return -Infinity;
            lp += p;
            values[fitted[i].slot] = x;
        }
        const ll = likelihood.logLikelihood(values);
        return Number.isFinite(ll) ? lp + ll : -Infinity;
    };

    // ---- mode: pattern search on the log scale from the plan's values ----
    const u = Float64Array.from(fitted, (q) => toScale(q, Math.min(q.max * (1 - 1e-9), Math.max(1e-12, base[q.slot]))));
    for (let i = 0; i < d; i++)
        if (logPrior(fitted[i], fromScale(fitted[i], u[i])) === -Infinity) u[i] = toScale(fitted[i], distQuantile(fitted[i].prior, 0.5));
    let best = d > 0 ? logPost(u) : 0;
    const search = (from: number) => {
        for (let step = from; step > 2e-3 && d > 0; step /= 2) {
            for (let sweep = 0; sweep < 6; sweep++) {
                let moved = false;
                for (let i = 0; i < d; i++) {
                    for (const dir of [1, -1]) {
                        const old = u[i];
                        u[i] = old + dir * step;
                        const f = logPost(u);
                        if (f > best + 1e-9) {
                            best = f;
                            moved = true;
                            break;
                        }
                        u[i] = old;
                    }
                }
                if (!moved) break;
            }
        }
    };
    search(0.5);
    // Quasi-likelihood: the residuals at the mode set each series' dispersion, then the mode is refined.
    if (d > 0) {
        for (let i = 0; i < d; i++) values[fitted[i].slot] = fromScale(fitted[i], u[i]);
        likelihood.estimateDispersion(values, d);
        best = logPost(u);
        search(0.05);
    }

    // ---- Laplace: covariance = inverse of the negative Hessian at the mode ----
    const probe = Float64Array.from(u);
    const f0 = best;
    const at = (i: number, di: number, j: number, dj: number) => {
        probe.set(u);
        probe[i] += di;
        probe[j] += dj;
        const f = logPost(probe);
        return Number.isFinite(f) ? f : f0 - 50;
    };
    // Step per direction: a first pass at 0.02 gives each direction's curvature, the second uses about
    // half a posterior standard deviation (sharp posteriors need small steps, flat ones large).
    const h = new Float64Array(d).fill(0.02);
    for (let i = 0; i < d; i++) {
        const curv = -(at(i, h[i], i, 0) - 2 * f0 + at(i, -h[i], i, 0)) / (h[i] * h[i]);
        h[i] = curv > 0 ? Math.min(0.2, Math.max(1e-3, 0.5 / Math.sqrt(curv))) : 0.2;
    }
    const negH = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
        negH[i * d + i] = -(at(i, h[i], i, 0) - 2 * f0 + at(i, -h[i], i, 0)) / (h[i] * h[i]);
        for (let j = 0; j < i; j++) {
            const v = -(at(i, h[i], j, h[j]) - at(i, h[i], j, -h[j]) - at(i, -h[i], j, h[j]) + at(i, -h[i], j, -h[j])) / (4 * h[i] * h[j]);
            negH[i * d + j] = v;
            negH[j * d + i] = v;
        }
    }
    // Directions the data do not curve (flat or worse) get the prior's width instead.
    for (let i = 0; i < d; i++) {
        const q = fitted[i];
        const width = Math.abs(toScale(q, distQuantile(q.prior, 0.95)) - toScale(q, Math.max(1e-12, distQuantile(q.prior, 0.05)))) / 3.3;
        const floor = 1 / Math.max(1e-6, width * width);
        if (!(negH[i * d + i] > floor * 0.01)) negH[i * d + i] = floor;
    }
    const cov = d > 0 ? inverseSpd(negH, d) : new Float64Array(0);
    for (let i = 0; i < d * d; i++) cov[i] *= PROPOSAL_SCALE * PROPOSAL_SCALE;
    const L = d > 0 ? cholesky(cov, d) : new Float64Array(0);

    // ---- importance sampling from a Student t: a pilot round around the Laplace approximation,
    // then the final round around the pilot's weighted mean and covariance (adaptive IS) ----
    const rng = seededRandom(options.seed);
    const round = (centre: Float64Array, chol: Float64Array, n: number) => {
        const xs: Float64Array[] = [];
        const logW = new Float64Array(n);
        const z = new Float64Array(d);
        for (let k = 0; k < n; k++) {
            let chi = 0;
            for (let m = 0; m < T_NU; m++) {
                const g = rng.normal();
                chi += g * g;
            }
            const sc = Math.sqrt(T_NU / Math.max(chi, 1e-9));
            let quad = 0;
            for (let i = 0; i < d; i++) {
                z[i] = rng.normal();
                quad += z[i] * z[i];
            }
            const x = new Float64Array(d);
            for (let i = 0; i < d; i++) {
                let v = 0;
                for (let m = 0; m <= i; m++) v += chol[i * d + m] * z[m];
                x[i] = centre[i] + sc * v;
            }
            // t density up to a constant: (1 + Mahalanobis²/ν)^(−(ν+d)/2), Mahalanobis² = quad·sc².
            const logQ = (-(T_NU + d) / 2) * Math.log(1 + (quad * sc * sc) / T_NU);
            const f = d > 0 ? logPost(x) : 0;
            logW[k] = f - logQ;
            xs.push(x);
        }
        let maxW = -Infinity;
        for (const w of logW) if (w > maxW) maxW = w;
        const weights = Float64Array.from(logW, (w) => (Number.isFinite(w) && Number.isFinite(maxW) ? Math.exp(w - maxW) : 0));
        if (!(weights.reduce((x, y) => x + y, 0) > 0)) weights.fill(1);
        return { xs, weights };
    };
    const essOf = (w: Float64Array) => {
        let s1 = 0;
        let s2 = 0;
        for (const x of w) {
            s1 += x;
            s2 += x * x;
        }
        return s2 > 0 ? (s1 * s1) / s2 : 0;
    };
    const pilotN = Math.floor(drawsN / 3);
    const pilot = round(u, L, pilotN);
    let centre = u;
    let chol = L;
    if (d > 0 && essOf(pilot.weights) >= d + 2) {
        const sw = pilot.weights.reduce((x, y) => x + y, 0);
        centre = new Float64Array(d);
        for (let k = 0; k < pilotN; k++) for (let i = 0; i < d; i++) centre[i] += (pilot.weights[k] * pilot.xs[k][i]) / sw;
        const cv = new Float64Array(d * d);
        for (let k = 0; k < pilotN; k++) {
            for (let i = 0; i < d; i++)
                for (let j = 0; j < d; j++) cv[i * d + j] += (pilot.weights[k] * (pilot.xs[k][i] - centre[i]) * (pilot.xs[k][j] - centre[j])) / sw;
        }
        for (let i = 0; i < d * d; i++) cv[i] = cv[i] * PROPOSAL_SCALE * PROPOSAL_SCALE;
        // Never narrower than half the Laplace width in any direction (a pilot can miss a tail).
        for (let i = 0; i < d; i++) cv[i * d + i] = Math.max(cv[i * d + i], cov[i * d + i] / 4);
        chol = cholesky(cv, d);
    }
    const final = round(centre, chol, drawsN - pilotN);
    const weights = final.weights;
    const draws = final.xs.map((x) => Float64Array.from(x, (v, i) => fromScale(fitted[i], v)));
    const ess = essOf(weights);

    // ---- summaries ----
    const medianValues = Float64Array.from(base);
    const perQuantity: FittedQuantity[] = [];
    const column = (i: number) => Float64Array.from(draws, (dr) => dr[i]);
    const logs: Float64Array[] = [];
    for (let i = 0; i < d; i++) {
        const col = column(i);
        const order = Int32Array.from(col.keys()).sort((a, b) => col[a] - col[b]);
        const pct = (q: number) => weightedQuantile(col, weights, order, q);
        const fittedP: Percentiles = { p5: pct(0.05), p10: pct(0.1), p50: pct(0.5), p90: pct(0.9), p95: pct(0.95) };
        medianValues[fitted[i].slot] = fittedP.p50;
        logs.push(Float64Array.from(col, (v) => toScale(fitted[i], v)));
        const q = fitted[i];
        const priorWidth = toScale(q, distQuantile(q.prior, 0.9)) - toScale(q, Math.max(1e-12, distQuantile(q.prior, 0.1)));
        const postWidth = toScale(q, fittedP.p90) - toScale(q, Math.max(1e-12, fittedP.p10));
        // Identified: the data narrow the plan's range to at most half and pin the value to about ±10 %
        // (P90/P10 ≤ 1.25); otherwise weakly identified — the fit is shown, but read it as a range.
        const pinned = fittedP.p90 <= IDENTIFIED_RATIO * fittedP.p10;
        perQuantity.push({ quantity: q, plan: planOf(c, q), fitted: fittedP, identification: postWidth <= 0.5 * priorWidth && pinned ? 'identified' : 'weak' });
    }
    // Pairs the data identify only together (strong posterior correlation on the log scale).
    const wsum = weights.reduce((a, b) => a + b, 0);
    const mean = logs.map((l) => l.reduce((a, v, k) => a + v * weights[k], 0) / wsum);
    const cv = (i: number, j: number) => logs[i].reduce((a, v, k) => a + (v - mean[i]) * (logs[j][k] - mean[j]) * weights[k], 0) / wsum;
    for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
            if (i === j) continue;
            const r = cv(i, j) / Math.sqrt(cv(i, i) * cv(j, j));
            if (Math.abs(r) >= 0.9 && perQuantity[i].jointWith === undefined) perQuantity[i].jointWith = fitted[j].label;
        }
    }
    for (const q of all) if (!fitted.includes(q)) perQuantity.push({ quantity: q, plan: planOf(c, q), identification: 'no-data' });
    perQuantity.sort((a, b) => all.indexOf(a.quantity) - all.indexOf(b.quantity));
    options.onProgress?.(totalWork, totalWork);
    const weeksUsed = actuals.weeks.filter((w) => w < upTo).length;
    return { quantities: perQuantity, medianValues, draws, weights, ess, compiled: c, weeksUsed, fittedSlots: fitted.map((q) => q.slot) };
}

function planOf(c: CompiledCommunity, q: Quantity): FittedQuantity['plan'] {
    const d = c.dists[q.slot];
    return {
        value: d.kind === 'fixed' ? d.value : d.kind === 'uniform' ? (d.min + d.max) / 2 : (d.min + d.mode + d.max) / 3,
        p10: distQuantile(d, 0.1),
        p90: distQuantile(d, 0.9),
    };
}
