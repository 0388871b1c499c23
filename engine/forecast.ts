// Forecasts: runs the Monte Carlo simulation of every community of a plan (optionally under a
// scenario) and summarises it — P10/P50/P90 and mean per week and series, and per KPI the
// probability of meeting its target at the deadline and the value's percentiles there.
import { Assumptions } from './assumptions.js';
import { dayNumber, isoDate } from './cadence.js';
import { compileCommunity, S, type CompiledCommunity } from './compile.js';
import { FORECAST_FORMAT_VERSION, type CommunityForecast, type ForecastReport, type KpiForecast, type ScenarioForecast } from './forecast-schema.js';
import { Plan } from './model.js';
import { Random } from './random.js';
import { applyScenario } from './scenario.js';
import { sensitivity, sensitivityRuns } from './sensitivity.js';
import { KpiTargets, kpiHits } from './kpi-targets.js';
import { COST_CATEGORIES, SeriesReader, simulateCommunity, type RawResult } from './simulate.js';
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
}

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 42;

/** Rounds for output: 4 decimals keep shares exact to 0.01 % and money to 0.0001. */
export function round(x: number | null): number | null {
    if (x === null || !Number.isFinite(x)) return null;
    const r = Math.round(x * 1e4) / 1e4;
    return r === 0 ? 0 : r;
}

/** Simulates every community of a (scenario-applied) plan with the given seed. */
export function simulatePlan(plan: Plan, runs: number, seed: number, onProgress?: (done: number) => void): RawResult[] {
    const assumptions = new Assumptions(plan.assumptions);
    const rng = Random.fromSeed(seed);
    let before = 0;
    return plan.communities.map((community, i) => {
        const compiled = compileCommunity(plan, community, assumptions);
        for (const problem of assumptions.problems) compiled.notes.push(`Assumption ignored: ${problem}.`);
        const result = simulateCommunity(compiled, rng.fork(i), { runs, onProgress: onProgress ? (done) => onProgress(before + done) : undefined });
        before += runs;
        return result;
    });
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

/** Forecast of one scenario (or the plan as written when `scenario` is null). */
export function forecastScenario(plan: Plan, scenario: string | null, runs: number, seed: number, onProgress?: (done: number) => void): ScenarioForecast {
    const applied = applyScenario(plan, scenario);
    const raws = simulatePlan(applied, runs, seed, onProgress);
    const targets = new KpiTargets(plan, runs, seed, simulatePlan);
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

/** The full forecast report of a plan: every requested scenario, and optionally a sensitivity analysis. */
export function forecast(planInput: Plan, options: ForecastOptions = {}): ForecastReport {
    const plan = Plan.parse(planInput);
    const runs = Math.max(1, Math.floor(options.runs ?? DEFAULT_RUNS));
    const seed = Math.trunc(options.seed ?? DEFAULT_SEED);
    const scenarios = options.scenarios ?? [null];
    const perScenarioRuns = runs * plan.communities.length;
    const sensRuns = options.sensitivity ? Math.max(1, Math.floor(options.sensitivity.runs ?? runs)) : 0;
    const total = perScenarioRuns * scenarios.length + (options.sensitivity ? sensitivityRuns(plan, { kpi: options.sensitivity.kpi, runs: sensRuns, scenario: scenarios[0] ?? null }) : 0);
    let done = 0;
    const progress = (base: number) => (options.onProgress ? (n: number) => options.onProgress!(base + n, total) : undefined);

    const forecasts = scenarios.map((scenario) => {
        const f = forecastScenario(plan, scenario, runs, seed, progress(done));
        done += perScenarioRuns;
        return f;
    });
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
    if (options.sensitivity) {
        const sens = sensitivity(plan, { kpi: options.sensitivity.kpi, runs: sensRuns, seed, scenario: scenarios[0] ?? null, onProgress: progress(done) });
        if (sens) report.sensitivity = sens;
    }
    return report;
}
