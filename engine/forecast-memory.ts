// What a forecast will hold in memory, estimated before anything is allocated. The Monte Carlo
// keeps every stored series of every community for every run and week (engine/simulate-week.ts:
// values as 8-byte floats, people counts as 4-byte floats), so runs × weeks × series × 8 bytes is
// the bulk of it; 520 weeks × 200,000 runs took 9 GB before anything said so. The CLI (simulate,
// compile) and the server's community/forecast request ask this first and refuse a forecast over
// the budget with the coded `forecast-memory`, instead of running out of memory half-way.
// Pure arithmetic over the compiled communities: no allocation of the forecast's size, no I/O.
import { Assumptions } from './assumptions.js';
import { compileCommunity, type CompiledCommunity } from './compile.js';
import { COST_CATEGORIES } from './cost-categories.js';
import { formatMessage, type Lang } from './diagnostics.js';
import type { Plan } from './model.js';
import { peopleBound, RUN_BLOCK, storedSlots } from './simulate-week.js';

/** Default budget for one forecast: well above any real plan (10,000 runs × 52 weeks of the examples is ~0.1 GB). */
export const FORECAST_MEMORY_BUDGET_MB = 2048;

/** Counts up to this are exact in a Float32Array, which the simulation then uses for them. */
const FLOAT32_EXACT = 2 ** 24;

export interface ForecastMemoryEstimate {
    bytes: number;
    runs: number;
    /** The longest horizon of the plan's communities. */
    weeks: number;
    /** Stored series over all communities (per run and week). */
    series: number;
    /** Simulations held at once: the scenarios asked for. */
    simulations: number;
}

/** Bytes one community's simulation holds for `runs` runs. */
export function communityForecastBytes(c: CompiledCommunity, runs: number): { bytes: number; series: number } {
    const stored = storedSlots(c);
    const H = c.horizon;
    const countBytes = peopleBound(c) < FLOAT32_EXACT ? 4 : 8;
    const perRunWeek = stored.values * 8 + stored.counts * countBytes;
    // Per-run totals: KPI values, cost categories, joins by source, margin, baseline revenue, and
    // cost, revenue and members of the reader.
    const perRun = (c.kpis.length + COST_CATEGORIES.length + c.sources.length + 5) * 8;
    // One block of runs in flight: tier and flow rates, and each activity's lifts of them.
    const B = Math.min(runs, RUN_BLOCK);
    const T = c.T;
    const F = c.flows.length;
    const A = c.activities.length;
    const perBlockRun = (c.dists.length + 5 * T + F + 3 * A * T + A * F + 2 * A) * 8;
    return { bytes: perRunWeek * H * runs + perRun * runs + perBlockRun * B, series: stored.values + stored.counts };
}

/** The memory a forecast of `plan` with these options needs, about. */
export function estimateForecastMemory(plan: Plan, options: { runs: number; scenarios?: number; sensitivityRuns?: number }): ForecastMemoryEstimate {
    const assumptions = new Assumptions(plan.assumptions);
    const simulations = Math.max(1, options.scenarios ?? 1);
    let bytes = 0;
    let series = 0;
    let weeks = 0;
    let sensitivity = 0;
    for (const community of plan.communities) {
        const compiled = compileCommunity(plan, community, assumptions);
        const one = communityForecastBytes(compiled, options.runs);
        bytes += one.bytes;
        series += one.series;
        weeks = Math.max(weeks, compiled.horizon);
        // Sensitivity re-runs one parameter at a time: one more small simulation at once.
        if (options.sensitivityRuns) sensitivity = Math.max(sensitivity, communityForecastBytes(compiled, options.sensitivityRuns).bytes);
    }
    return { bytes: bytes * simulations + sensitivity, runs: options.runs, weeks, series, simulations };
}

/** The budget in MB from the environment variable COMMUNITY_FORECAST_MEMORY_MB, else the default. */
export function forecastMemoryBudgetMb(env: Record<string, string | undefined>): number {
    const raw = env.COMMUNITY_FORECAST_MEMORY_MB;
    const mb = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(mb) && mb > 0 ? mb : FORECAST_MEMORY_BUDGET_MB;
}

const MB = 1024 * 1024;

function size(bytes: number): string {
    return bytes >= 1024 * MB ? `${(bytes / (1024 * MB)).toFixed(1)} GB` : `${Math.ceil(bytes / MB).toLocaleString('en-US')} MB`;
}

/** The `forecast-memory` message when the estimate is over the budget, else undefined. */
export function forecastTooLarge(estimate: ForecastMemoryEstimate, budgetMb: number, lang: Lang = 'en'): string | undefined {
    if (estimate.bytes <= budgetMb * MB) return undefined;
    return formatMessage(
        'forecast-memory',
        {
            size: size(estimate.bytes),
            runs: estimate.runs.toLocaleString('en-US'),
            weeks: estimate.weeks.toLocaleString('en-US'),
            series: estimate.series.toLocaleString('en-US'),
            limit: size(budgetMb * MB),
        },
        lang,
    );
}
