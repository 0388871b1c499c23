// Backtest: fit on all but the last K observed weeks, forecast them by Monte Carlo with the fitted
// posterior from the state of the last week fitted (as `community simulate` forecasts) (each run draws its fitted quantities from the importance-weighted draws and samples the
// rest from the plan), and score the held-out weeks: the share inside P10–P90 (coverage) and the
// mean absolute percentage error of P50.
import { S, type CompiledCommunity } from '../compile.js';
import type { Dist } from '../model.js';
import type { Draws, Random } from '../random.js';
import { seededRandom } from './seeded.js';
import { rawValue, simulateCommunity } from '../simulate.js';
import type { Actuals } from '../actuals/parse.js';
import { fitCommunity, type Fit } from './fit.js';
import { observedStart } from '../observed-start.js';

/** Draws whose fitted slots come from one resampled posterior draw per run. */
class PosteriorDraws implements Draws {
    private current = 0;
    private readonly cumulative: Float64Array;
    private readonly index: Map<number, number>;
    constructor(
        private readonly fit: Fit,
        private readonly inner: Random,
        private readonly picker: Random,
    ) {
        this.cumulative = new Float64Array(fit.weights.length);
        let acc = 0;
        fit.weights.forEach((w, i) => (this.cumulative[i] = acc += w));
        this.index = new Map(fit.fittedSlots.map((s, i) => [s, i]));
    }
    sample(dist: Dist, slot: number): number {
        // The block samples every slot of a run in slot order: slot 0 starts a new run.
        if (slot === 0) {
            const u = this.picker.uniform() * this.cumulative[this.cumulative.length - 1];
            let lo = 0;
            let hi = this.cumulative.length - 1;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (this.cumulative[mid] < u) lo = mid + 1;
                else hi = mid;
            }
            this.current = lo;
        }
        const i = this.index.get(slot);
        const own = this.inner.sample(dist, slot);
        return i === undefined || this.fit.draws.length === 0 ? own : this.fit.draws[this.current][i];
    }
    binomial(n: number, p: number): number {
        return this.inner.binomial(n, p);
    }
    poisson(mean: number): number {
        return this.inner.poisson(mean);
    }
    normal(): number {
        return this.inner.normal();
    }
}

export interface Band {
    key: string;
    week: number;
    actual: number;
    p10: number;
    p50: number;
    p90: number;
}

/** Series of the forecast that an actuals key is compared with. */
function seriesIndex(c: CompiledCommunity, key: string): number | undefined {
    if (key === 'members') return S.members;
    if (key.startsWith('members:')) {
        const t = c.tierNames.indexOf(key.slice(8));
        return t >= 0 ? c.tierSeries0 + t : undefined;
    }
    return ({ joins: S.newMembers, leaves: S.churned, active: S.activeMembers, revenue: S.revenue } as Record<string, number>)[key];
}

/**
 * Monte Carlo bands of the fitted model for the observed series in the given weeks. With `from`, the
 * forecast starts, as `community simulate` does, from the state of the observed weeks before it
 * (engine/observed-start.ts); without, from the plan's start.
 */
export function predictiveBands(fit: Fit, actuals: Actuals, weeks: number[], seed: number, runs = 400, from?: number): Band[] {
    const c = fit.compiled;
    const rng = new PosteriorDraws(fit, seededRandom(seed), seededRandom(seed ^ 0x5bd1e995));
    const known = from === undefined ? undefined : new Map([...actuals.series].map(([k, y]) => [k, Float64Array.from(y, (v, w) => (w < from ? v : NaN))]));
    const raw = simulateCommunity(c, rng, { runs, start: known ? observedStart(c, known) : undefined });
    const out: Band[] = [];
    const values = new Float64Array(runs);
    for (const [key, y] of actuals.series) {
        const s = seriesIndex(c, key);
        if (s === undefined) continue;
        for (const w of weeks) {
            if (Number.isNaN(y[w])) continue;
            for (let r = 0; r < runs; r++) values[r] = rawValue(raw, s, w, r);
            const sorted = Float64Array.from(values).sort();
            const q = (p: number) => sorted[Math.round(p * (runs - 1))];
            out.push({ key, week: w, actual: y[w], p10: q(0.1), p50: q(0.5), p90: q(0.9) });
        }
    }
    return out;
}

export interface BacktestResult {
    heldOut: number[];
    bands: Band[];
    /** Share of held-out points inside P10–P90. */
    coverage: number;
    /** Mean absolute percentage error of P50 over held-out points with a non-zero actual. */
    mape: number;
    fit: Fit;
}

export function backtest(
    c: CompiledCommunity,
    actuals: Actuals,
    k: number,
    options: { seed: number; draws?: number; onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean },
): BacktestResult {
    const weeks = actuals.weeks;
    const heldOut = weeks.slice(Math.max(0, weeks.length - k));
    const upTo = heldOut.length > 0 ? heldOut[0] : c.horizon;
    const fit = fitCommunity(c, actuals, { seed: options.seed, draws: options.draws, upTo, onProgress: options.onProgress, isCancelled: options.isCancelled });
    // The held-out weeks are forecast as `simulate` forecasts: from the last week the fit saw.
    const bands = predictiveBands(fit, actuals, heldOut, options.seed, undefined, upTo);
    let inside = 0;
    let ape = 0;
    let n = 0;
    for (const b of bands) {
        if (b.actual >= b.p10 && b.actual <= b.p90) inside++;
        if (b.actual !== 0) {
            ape += Math.abs(b.p50 - b.actual) / Math.abs(b.actual);
            n++;
        }
    }
    return { heldOut, bands, coverage: bands.length > 0 ? inside / bands.length : NaN, mape: n > 0 ? ape / n : NaN, fit };
}
