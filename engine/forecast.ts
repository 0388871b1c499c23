// Forecasts: runs the Monte Carlo simulation of every community of a plan (optionally under a
// scenario) and summarises it — P10/P50/P90 and mean per week and series, and per KPI the
// probability of meeting its target at the deadline and the value's percentiles there.
import { Assumptions } from './assumptions.js';
import { dayNumber, isoDate } from './cadence.js';
import { S, type CompiledCommunity } from './compile.js';
import { FORECAST_FORMAT_VERSION, type CommunityForecast, type ForecastReport, type KpiForecast, type ScenarioForecast } from './forecast-schema.js';
import { Plan } from './model.js';
import { applyScenario } from './scenario.js';
import { sensitivitySimulations } from './sensitivity.js';
import { KpiTargets, kpiHits } from './kpi-targets.js';
import { COST_CATEGORIES, SeriesReader, type RawResult } from './simulate.js';
import type { ObservedWeeks } from './observed-start.js';
import { runSimulations, totalRuns, type SimulationJob, type Simulations } from './jobs.js';
import { roiOf } from './simulate-week.js';
import { summarise } from './stats.js';

export interface ForecastOptions {
    runs?: number;
    seed?: number;
    /** Scenario names to run; `null` is the plan as written. Default: [null]. */
    scenarios?: (string | null)[];
    /** Add a sensitivity analysis for this KPI (by name; '' or undefined name = the first KPI). */
    sensitivity?: { kpi?: string; runs?: number };
    /** Progress over all simulations: done and total runs. */
    onProgress?: (done: number, total: number) => void;
    /**
     * Observed weeks per community name (the plan's actuals): those communities are forecast from the
     * last observed week's state (engine/observed-start.ts). Absent: every community from the plan's start.
     */
    observed?: ReadonlyMap<string, ObservedWeeks>;
}

// The simulation jobs and their in-thread runner live in jobs.ts (the worker threads load that and
// the engine's core, not this module's report shaping or the plan schema).
export { compileJob, jobStart, runSimulations, runStepwise, totalRuns, type RunHooks, type SimulationJob, type Simulations, type Stepwise } from './jobs.js';

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 42;

/** Rounds for output: 4 decimals keep shares exact to 0.01 % and money to 0.0001. */
export function round(x: number | null): number | null {
    if (x === null || !Number.isFinite(x)) return null;
    const r = Math.round(x * 1e4) / 1e4;
    return r === 0 ? 0 : r;
}

/** The jobs of every community of a (scenario-applied) plan, those with observed weeks from the last one. */
export function planJobs(plan: Plan, runs: number, seed: number, observed?: ReadonlyMap<string, ObservedWeeks>): SimulationJob[] {
    return plan.communities.map((c, community) => {
        const weeks = observed?.get(c.name);
        return weeks ? { plan, community, seed, runs, observed: weeks } : { plan, community, seed, runs };
    });
}

/** Simulates every community of a (scenario-applied) plan with the given seed. */
export function simulatePlan(plan: Plan, runs: number, seed: number, onProgress?: (done: number) => void): RawResult[] {
    return runSimulations({ jobs: planJobs(plan, runs, seed), finish: (raws) => raws }, { onProgress });
}

/** Per-run values of one series at one week (0-based). */
export function seriesAt(raw: RawResult, seriesIndex: number, week: number, out: Float64Array, reader = new SeriesReader(raw)): Float64Array {
    return reader.read(seriesIndex, week, out);
}

export function summariseKpi(raw: RawResult, k: number, scratch = new Float64Array(raw.runs), targets?: Float64Array): KpiForecast {
    const ck = raw.compiled.kpis[k];
    const kpi = ck.kpi;
    const hits = kpiHits(raw, k, targets);
    // A target relative to another scenario differs run by run: the one shown is its median.
    const target = targets ? (round(summarise(targets, raw.runs).p50) ?? 0) : kpi.target;
    for (let r = 0; r < raw.runs; r++) scratch[r] = raw.kpiValues[k * raw.runs + r];
    const s = summarise(scratch, raw.runs);
    return {
        name: kpi.name,
        metric: kpi.metric,
        ...(kpi.tier !== undefined ? { tier: kpi.tier } : {}),
        ...(kpi.fromTier !== undefined ? { fromTier: kpi.fromTier } : {}),
        ...(kpi.toTier !== undefined ? { toTier: kpi.toTier } : {}),
        ...(kpi.windowDays !== undefined ? { windowDays: kpi.windowDays } : {}),
        op: kpi.op,
        target,
        ...(kpi.relativeTo ? { relativeTo: kpi.relativeTo } : {}),
        ...(kpi.targetPer !== undefined ? { targetPer: kpi.targetPer } : {}),
        deadlineWeek: ck.week + 1,
        probability: round(hits / raw.runs) ?? 0,
        p10: round(s.p10),
        p50: round(s.p50),
        p90: round(s.p90),
        mean: round(s.mean),
    };
}

export function summariseCommunity(raw: RawResult, targets?: KpiTargets, ci = 0): CommunityForecast {
    const c: CompiledCommunity = raw.compiled;
    const H = c.horizon;
    const scratch = new Float64Array(raw.runs);
    const reader = new SeriesReader(raw);
    const start = dayNumber(c.start);
    return {
        name: c.community.name,
        ...(c.community.title !== undefined ? { title: c.community.title } : {}),
        tiers: c.tierNames,
        entryTier: c.tierNames[c.entry],
        ...(raw.observedWeeks ? { fromWeek: raw.observedWeeks + 1 } : {}),
        weeks: Array.from({ length: H }, (_, w) => ({ week: w + 1, start: isoDate(start + 7 * w) })),
        series: c.series.map((def, s) => {
            const p10: (number | null)[] = [];
            const p50: (number | null)[] = [];
            const p90: (number | null)[] = [];
            const mean: (number | null)[] = [];
            for (let w = 0; w < H; w++) {
                const q = summarise(reader.read(s, w, scratch), raw.runs);
                p10.push(round(q.p10));
                p50.push(round(q.p50));
                p90.push(round(q.p90));
                mean.push(round(q.mean));
            }
            return {
                key: def.key,
                label: def.label,
                unit: def.unit,
                ...(def.tier !== undefined ? { tier: def.tier } : {}),
                ...(def.platform !== undefined ? { platform: def.platform } : {}),
                p10,
                p50,
                p90,
                mean,
            };
        }),
        kpis: c.kpis.map((ck, k) => summariseKpi(raw, k, scratch, targets?.targets(ci, ck.kpi))),
        costByCategory: COST_CATEGORIES.map((category, i) => {
            scratch.set(raw.costByCategory.subarray(i * raw.runs, (i + 1) * raw.runs));
            const q = summarise(scratch, raw.runs);
            return { category, p10: round(q.p10) ?? 0, p50: round(q.p50) ?? 0, p90: round(q.p90) ?? 0, mean: round(q.mean) ?? 0 };
        }),
        ...(c.sources.length > 0 ? { newMembersBySource: sourcesOf(raw, scratch) } : {}),
        money: moneyOf(raw, reader, scratch),
        notes: c.notes,
    };
}

function quartet(values: Float64Array, runs: number): { p10: number; p50: number; p90: number; mean: number } {
    const q = summarise(values, runs);
    return { p10: round(q.p10) ?? 0, p50: round(q.p50) ?? 0, p90: round(q.p90) ?? 0, mean: round(q.mean) ?? 0 };
}

/** New members by source: totals per run (percentiles) and the weekly mean. */
function sourcesOf(raw: RawResult, scratch: Float64Array): NonNullable<CommunityForecast['newMembersBySource']> {
    const c = raw.compiled;
    const H = c.horizon;
    return c.sources.map((src, i) => {
        scratch.set(raw.joinsBySource.subarray(i * raw.runs, (i + 1) * raw.runs));
        const weeklyMean = Array.from({ length: H }, (_, w) => round(raw.joinsBySourceWeekly[i * H + w] / raw.runs) ?? 0);
        return { source: src.name, kind: src.kind, ...quartet(scratch, raw.runs), weeklyMean };
    });
}

/** ROI gross and on margin, incremental revenue and ROI at the horizon, per run then percentiles. */
function moneyOf(raw: RawResult, reader: SeriesReader, scratch: Float64Array): NonNullable<CommunityForecast['money']> {
    const c = raw.compiled;
    const R = raw.runs;
    const w = c.horizon - 1;
    const revenue = Float64Array.from(reader.read(S.cumulativeRevenue, w, scratch).subarray(0, R));
    const cost = Float64Array.from(reader.read(S.cumulativeCost, w, scratch).subarray(0, R));
    const gross = new Float64Array(R);
    const net = new Float64Array(R);
    for (let r = 0; r < R; r++) {
        gross[r] = roiOf(revenue[r], cost[r]);
        net[r] = roiOf(revenue[r] * raw.marginByRun[r], cost[r]);
    }
    let incrementalRevenue = null;
    let incrementalRoi = null;
    if (c.baselineBuys >= 0) {
        const inc = new Float64Array(R);
        const incRoi = new Float64Array(R);
        for (let r = 0; r < R; r++) {
            inc[r] = revenue[r] - raw.baselineRevenue[r];
            incRoi[r] = roiOf(inc[r] * raw.marginByRun[r], cost[r]);
        }
        incrementalRevenue = quartet(inc, R);
        incrementalRoi = quartet(incRoi, R);
    }
    let margin = 0;
    for (let r = 0; r < R; r++) margin += raw.marginByRun[r];
    return { margin: c.margin >= 0 ? round(margin / R) : null, grossRoi: quartet(gross, R), roi: quartet(net, R), incrementalRevenue, incrementalRoi };
}

/** The simulations of one scenario (or the plan as written when `scenario` is null) and its summary. */
export function scenarioSimulations(
    plan: Plan,
    scenario: string | null,
    runs: number,
    seed: number,
    observed?: ReadonlyMap<string, ObservedWeeks>,
): Simulations<ScenarioForecast> {
    const applied = applyScenario(plan, scenario);
    return {
        jobs: planJobs(applied, runs, seed, observed),
        finish: (raws) => summariseScenario(plan, applied, scenario, runs, seed, raws, observed),
    };
}

function summariseScenario(
    plan: Plan,
    applied: Plan,
    scenario: string | null,
    runs: number,
    seed: number,
    raws: RawResult[],
    observed?: ReadonlyMap<string, ObservedWeeks>,
): ScenarioForecast {
    // A target relative to another scenario: that scenario from the same start (observed or the plan's).
    const targets = new KpiTargets(
        plan,
        runs,
        seed,
        observed ? (p, n, s) => runSimulations({ jobs: planJobs(p, n, s, observed), finish: (r) => r }) : simulatePlan,
    );
    const title = scenario === null ? undefined : plan.scenarios.find((s) => s.name === scenario)?.title;
    const result: ScenarioForecast = {
        scenario,
        ...(title !== undefined ? { title } : {}),
        communities: raws.map((raw, ci) => summariseCommunity(raw, targets, ci)),
    };
    if (applied.budget !== undefined && raws.length > 0) {
        const totals = new Float64Array(runs);
        const cost = new Float64Array(runs);
        for (const raw of raws) {
            new SeriesReader(raw).read(S.cumulativeCost, raw.compiled.horizon - 1, cost);
            for (let r = 0; r < runs; r++) totals[r] += cost[r];
        }
        let within = 0;
        for (let r = 0; r < runs; r++) if (totals[r] <= applied.budget + 1e-9) within++;
        const q = summarise(totals, runs);
        result.budget = {
            amount: applied.budget,
            probabilityWithin: round(within / runs) ?? 0,
            cost: { p10: round(q.p10) ?? 0, p50: round(q.p50) ?? 0, p90: round(q.p90) ?? 0, mean: round(q.mean) ?? 0 },
        };
    }
    return result;
}

/** Forecast of one scenario (or the plan as written when `scenario` is null), in this thread. */
export function forecastScenario(plan: Plan, scenario: string | null, runs: number, seed: number, onProgress?: (done: number) => void): ScenarioForecast {
    return runSimulations(scenarioSimulations(plan, scenario, runs, Math.trunc(seed)), { onProgress });
}

/**
 * The simulations of a full forecast report — every requested scenario, and optionally a
 * sensitivity analysis — and the report made from their results.
 */
export function forecastSimulations(planInput: Plan, options: Omit<ForecastOptions, 'onProgress'> = {}): Simulations<ForecastReport> {
    const plan = Plan.parse(planInput);
    const runs = Math.max(1, Math.floor(options.runs ?? DEFAULT_RUNS));
    const seed = Math.trunc(options.seed ?? DEFAULT_SEED);
    const scenarios = options.scenarios ?? [null];
    const parts = scenarios.map((scenario) => scenarioSimulations(plan, scenario, runs, seed, options.observed));
    const sens = options.sensitivity
        ? sensitivitySimulations(plan, {
              kpi: options.sensitivity.kpi,
              runs: Math.max(1, Math.floor(options.sensitivity.runs ?? runs)),
              seed,
              scenario: scenarios[0] ?? null,
              observed: options.observed,
          })
        : undefined;
    const jobs = [...parts.flatMap((p) => p.jobs), ...(sens?.jobs ?? [])];
    return {
        jobs,
        finish(raws) {
            let at = 0;
            const take = (n: number) => raws.slice(at, (at += n));
            const forecasts = parts.map((p) => p.finish(take(p.jobs.length)));
            const report: ForecastReport = {
                format_version: FORECAST_FORMAT_VERSION,
                plan: plan.name,
                start: plan.start,
                horizonWeeks: plan.horizonWeeks,
                currency: plan.currency,
                runs,
                seed,
                assumptions: Object.fromEntries(new Assumptions(plan.assumptions).entries()),
                forecasts,
            };
            if (sens) {
                const s = sens.finish(take(sens.jobs.length));
                if (s) report.sensitivity = s;
            }
            return report;
        },
    };
}

/** The full forecast report of a plan: every requested scenario, and optionally a sensitivity analysis (in this thread). */
export function forecast(planInput: Plan, options: ForecastOptions = {}): ForecastReport {
    const work = forecastSimulations(planInput, options);
    const total = totalRuns(work.jobs);
    return runSimulations(work, { onProgress: options.onProgress ? (done) => options.onProgress!(done, total) : undefined });
}
