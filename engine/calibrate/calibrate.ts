// Calibration of one community to its actuals, as a strategist reads it: per quantity the plan's
// value, the fitted P10/P50/P90 and a verdict, the series the fit could not use, and the scenario
// text that records the fitted values (`--write`).
import type { CompiledCommunity } from '../compile.js';
import type { Actuals } from '../actuals/parse.js';
import { backtest, type BacktestResult } from './backtest.js';
import { fitCommunity, type Fit, type FittedQuantity } from './fit.js';
import { USED_SERIES } from './likelihood.js';

export type Verdict = 'consistent' | 'too-optimistic' | 'too-pessimistic' | 'not-identified';

export interface CalibratedQuantity extends FittedQuantity {
    verdict: Verdict;
}

export interface Calibration {
    community: string;
    weeks: number;
    quantities: CalibratedQuantity[];
    /** Observed series the likelihood does not use (buyers, participants, per-tier active …). */
    unused: string[];
    ess: number;
    fit: Fit;
    backtest?: BacktestResult;
}

/**
 * The verdict compares the plan's value with the fitted 90 % interval (P5–P95): inside it is
 * consistent; outside on the side that helps the forecast (more conversion, less churn, cheaper
 * joins) the plan is too optimistic, on the other side too pessimistic.
 */
export function verdictOf(q: FittedQuantity, favour: number): Verdict {
    if (!q.fitted || q.identification === 'no-data') return 'not-identified';
    const v = q.plan.value;
    if (v >= q.fitted.p5 && v <= q.fitted.p95) return 'consistent';
    const high = v > q.fitted.p95;
    if (favour === 0) return 'consistent';
    return high === favour > 0 ? 'too-optimistic' : 'too-pessimistic';
}

export function calibrateCommunity(
    c: CompiledCommunity,
    actuals: Actuals,
    options: { seed: number; draws?: number; backtest?: number; onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean },
): Calibration {
    const fit = fitCommunity(c, actuals, { seed: options.seed, draws: options.draws, onProgress: options.onProgress, isCancelled: options.isCancelled });
    const quantities = fit.quantities.map((q) => ({ ...q, verdict: verdictOf(q, c.favour[q.quantity.slot] ?? 0) }));
    const unused = [...actuals.series.keys()].filter((k) => !USED_SERIES(k)).sort();
    const result: Calibration = { community: c.community.name, weeks: fit.weeksUsed, quantities, unused, ess: fit.ess, fit };
    if (options.backtest !== undefined && options.backtest > 0)
        result.backtest = backtest(c, actuals, options.backtest, { seed: options.seed, draws: options.draws, isCancelled: options.isCancelled });
    return result;
}

/** A number for plan text: 4 significant digits, no exponent, no trailing zeros. */
export function planNumber(x: number): string {
    if (x === 0) return '0';
    const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(x))));
    return x
        .toFixed(Math.min(8, digits))
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '');
}

/**
 * The triangular distribution a fitted P10/P50/P90 is written as: mode at P50, ends stretched so the
 * triangular's own P10 and P90 sit at the fitted ones (exact for a symmetric fit, close otherwise).
 */
export function triangularFor(p10: number, p50: number, p90: number, max: number): { min: number; mode: number; max: number } {
    const k = 1 / (1 - Math.sqrt(0.2)); // a symmetric triangular's P10 lies (1 − √0.2) of the way from its end to its mode
    return { min: Math.max(0, p50 - (p50 - p10) * k), mode: p50, max: Math.min(max, p50 + (p90 - p50) * k) };
}

/** The override line recording a fitted quantity: `Prospect.churn = 9.1%..14% likely 11.9% per month`. */
export function overrideLine(q: CalibratedQuantity, currency: string): string | undefined {
    if (!q.fitted || q.identification === 'no-data') return undefined;
    const t = triangularFor(q.fitted.p10, q.fitted.p50, q.fitted.p90, q.quantity.max);
    const per = q.quantity.per ? ` per ${q.quantity.per}` : '';
    const fmt = (x: number) =>
        q.quantity.unit === 'share' ? `${planNumber(x * 100)}%` : q.quantity.unit === 'money' ? `${planNumber(x)} ${currency}` : planNumber(x);
    return `${q.quantity.target}.${q.quantity.property} = ${fmt(t.min)}..${fmt(t.max)} likely ${fmt(t.mode)}${per}`;
}

export const CALIBRATED_SCENARIO = 'Calibrated';

/** The scenario block recording every identified fit of the calibrations. */
export function calibratedScenario(calibrations: Calibration[], currency: string): string {
    const lines = calibrations.flatMap((cal) =>
        cal.quantities
            .filter((q) => q.identification !== 'no-data')
            .map((q) => overrideLine(q, currency))
            .filter((l): l is string => l !== undefined),
    );
    const weeks = Math.max(0, ...calibrations.map((c) => c.weeks));
    return `scenario ${CALIBRATED_SCENARIO} "按实际数据校准" {\n  // fitted by \`community calibrate\` to ${weeks} observed weeks (P10–P90 as a triangular range)\n${lines.map((l) => `  ${l}\n`).join('')}}\n`;
}

/** The plan text with the Calibrated scenario replaced (or appended): running it twice changes nothing. */
export function withCalibratedScenario(text: string, block: string): string {
    const re = new RegExp(`^scenario ${CALIBRATED_SCENARIO}\\b[^{]*\\{[^}]*\\}\\n?`, 'm');
    if (re.test(text)) return text.replace(re, block);
    return text + (text.endsWith('\n') ? '' : '\n') + '\n' + block;
}
