// Solved scenarios (`scenario X solved for Growth at 80% { … }`, written by `community solve
// --write`) read against a forecast: per KPI the cheapest known way to reach it, and the scenario to
// recommend — the cheapest solved one that meets every KPI it was solved for. Shared by the reports'
// summary and `community simulate`'s table, so both say the same thing.
import type { ForecastReport, ScenarioForecast } from './forecast-schema.js';
import type { Plan } from './model.js';

/**
 * How far below its tagged probability a solved scenario may fall in another forecast and still
 * count as meeting it: solve stops at the edge (the smallest spend that reaches 80 %), so a forecast
 * with other runs or another seed lands within a few points either side of it (issue 12: ±3 points).
 */
export const SOLVED_TOLERANCE = 0.03;

export interface SolvedWay {
    community: string;
    kpi: string;
    scenario: string;
    title?: string;
    /** The probability it was solved for. */
    required: number;
    /** P(KPI met) in this forecast. */
    probability: number;
    /** Mean total cost over the horizon (all communities). */
    cost: number;
    /** probability ≥ required − SOLVED_TOLERANCE. */
    meets: boolean;
}

export interface Recommendation {
    scenario: string;
    title?: string;
    cost: number;
    /** Each KPI it was solved for, with its probability in this forecast. */
    kpis: { community: string; kpi: string; probability: number; required: number }[];
}

/** Mean total cost over the horizon of one scenario's forecast: the budget line's, else the sum of the communities' cost to date at the last week. */
export function meanTotalCost(s: ScenarioForecast): number {
    if (s.budget) return s.budget.cost.mean;
    let total = 0;
    for (const c of s.communities) {
        const series = c.series.find((x) => x.key === 'cumulative-cost');
        const last = series?.mean[series.mean.length - 1];
        if (typeof last === 'number') total += last;
    }
    return total;
}

/** Every (solved scenario, KPI it was solved for) pair that the forecast has, in plan order. */
function solvedPairs(plan: Plan, report: ForecastReport): SolvedWay[] {
    const out: SolvedWay[] = [];
    for (const sc of plan.scenarios) {
        if (!sc.solved) continue;
        const f = report.forecasts.find((x) => x.scenario === sc.name);
        if (!f) continue;
        const cost = meanTotalCost(f);
        for (const c of f.communities) {
            for (const k of c.kpis) {
                if (!sc.solved.kpis.includes(k.name)) continue;
                const required = sc.solved.probability;
                out.push({
                    community: c.name,
                    kpi: k.name,
                    scenario: sc.name,
                    title: sc.title,
                    required,
                    probability: k.probability,
                    cost,
                    meets: k.probability >= required - SOLVED_TOLERANCE,
                });
            }
        }
    }
    return out;
}

/**
 * Per KPI with at least one solved scenario in the forecast: the cheapest solved scenario that meets
 * it, or — when none does — the one that comes closest. In the order of the plan's KPIs.
 */
export function cheapestWays(plan: Plan, report: ForecastReport): SolvedWay[] {
    const pairs = solvedPairs(plan, report);
    const out: SolvedWay[] = [];
    for (const c of plan.communities) {
        for (const k of c.kpis) {
            const mine = pairs.filter((p) => p.community === c.name && p.kpi === k.name);
            if (mine.length === 0) continue;
            const meeting = mine.filter((p) => p.meets);
            const best =
                meeting.length > 0 ? meeting.reduce((a, b) => (b.cost < a.cost ? b : a)) : mine.reduce((a, b) => (b.probability > a.probability ? b : a));
            out.push(best);
        }
    }
    return out;
}

/** The cheapest solved scenario that meets every KPI it was solved for in this forecast, or null. */
export function recommendedSolved(plan: Plan, report: ForecastReport): Recommendation | null {
    const pairs = solvedPairs(plan, report);
    let best: Recommendation | null = null;
    for (const sc of plan.scenarios) {
        const mine = pairs.filter((p) => p.scenario === sc.name);
        if (mine.length === 0 || !mine.every((p) => p.meets)) continue;
        if (best === null || mine[0].cost < best.cost) {
            best = {
                scenario: sc.name,
                title: sc.title,
                cost: mine[0].cost,
                kpis: mine.map((p) => ({ community: p.community, kpi: p.kpi, probability: p.probability, required: p.required })),
            };
        }
    }
    return best;
}
