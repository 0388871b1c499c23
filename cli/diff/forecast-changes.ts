// The forecast side of `community diff`: every KPI's P50 and probability on both sides, and the
// total cost and the chance of staying within budget of one side.
import type { ForecastReport } from '../../engine/forecast-schema.js';

export interface KpiChange {
    community: string;
    kpi: string;
    metric: string;
    p50Before: number | null;
    p50After: number | null;
    probBefore: number | null;
    probAfter: number | null;
}

export function diffForecasts(before: ForecastReport, after: ForecastReport): KpiChange[] {
    const rows = new Map<string, KpiChange>();
    const add = (f: ForecastReport, side: 'before' | 'after') => {
        for (const c of f.forecasts[0].communities) {
            for (const k of c.kpis) {
                const key = `${c.name}\u0000${k.name}`;
                const row = rows.get(key) ?? {
                    community: c.name,
                    kpi: k.name,
                    metric: k.metric,
                    p50Before: null,
                    p50After: null,
                    probBefore: null,
                    probAfter: null,
                };
                if (side === 'before') {
                    row.p50Before = k.p50;
                    row.probBefore = k.probability;
                } else {
                    row.p50After = k.p50;
                    row.probAfter = k.probability;
                }
                rows.set(key, row);
            }
        }
    };
    add(before, 'before');
    add(after, 'after');
    return [...rows.values()];
}

/** Total cost over the horizon (P50) and the chance of staying within budget, for one side. */
export function costOf(report: ForecastReport): { cost: number | null; within: number | null; budget: number | null } {
    const f = report.forecasts[0];
    if (f.budget) return { cost: f.budget.cost.p50, within: f.budget.probabilityWithin, budget: f.budget.amount };
    let cost: number | null = null;
    for (const c of f.communities) {
        const s = c.series.find((x) => x.key === 'cumulative-cost');
        const last = s?.p50[s.p50.length - 1];
        if (typeof last === 'number') cost = (cost ?? 0) + last;
    }
    return { cost, within: null, budget: null };
}
