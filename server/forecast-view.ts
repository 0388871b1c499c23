// Turns the engine's forecast report (engine/forecast-schema.ts) and the plan model into what the
// preview draws (protocol/forecast.ts). Runs in the language server; pure, so unit tests drive it directly.
import { occurrencesPerWeek } from '../engine/cadence.js';
import type { ForecastReport, ForecastSeries, KpiForecast, ScenarioForecast } from '../engine/forecast-schema.js';
import type { Community, Kpi, Plan } from '../engine/model.js';
import type { Band, CalendarItemView, CommunityForecastView, KpiUnit, KpiView, PlanSummaryView, ScenarioForecastView, SensitivityView, SourceRef } from '../protocol/forecast.js';

const EMPTY: Band = { p10: [], p50: [], p90: [] };

/** Percentile arrays without nulls (a null, e.g. before a value exists, becomes the previous value or 0). */
export function toBand(series: Pick<ForecastSeries, 'p10' | 'p50' | 'p90'> | undefined): Band {
    if (!series) return EMPTY;
    const fill = (arr: (number | null)[]) => {
        let prev = 0;
        return arr.map((v) => (v === null || !Number.isFinite(v) ? prev : (prev = v)));
    };
    return { p10: fill(series.p10), p50: fill(series.p50), p90: fill(series.p90) };
}

export function kpiUnit(metric: Kpi['metric']): KpiUnit {
    switch (metric) {
        case 'active-rate':
        case 'participation':
        case 'repurchase-rate':
        case 'retention':
        case 'churn':
        case 'conversion':
            return 'percent';
        case 'revenue':
        case 'cost':
            return 'money';
        case 'roi':
            return 'ratio';
        default:
            return 'count';
    }
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/** A readable KPI target, e.g. "members ≥ 20000", "conversion Prospect → Core ≥ 6% per month". */
export function kpiLabel(k: Pick<KpiForecast, 'metric' | 'tier' | 'fromTier' | 'toTier' | 'windowDays' | 'op' | 'target' | 'targetPer'>, currency: string): string {
    let subject: string = k.metric.replace('-', ' ');
    if ((k.metric === 'members' || k.metric === 'new-members' || k.metric === 'churn') && k.tier) subject += ` in ${k.tier}`;
    if (k.metric === 'retention' && k.windowDays) subject += ` ${k.windowDays} days`;
    if (k.metric === 'conversion' && k.fromTier && k.toTier) subject += ` ${k.fromTier} → ${k.toTier}`;
    const unit = kpiUnit(k.metric);
    const target =
        unit === 'percent' ? `${Math.round(k.target * 1000) / 10}%` : unit === 'money' ? `${k.target} ${currency}` : String(k.target);
    return `${subject} ${OPS[k.op] ?? k.op} ${target}${k.targetPer ? ` per ${k.targetPer}` : ''}`;
}

/** Every named item of a community with its source, for looking up where a parameter is defined. */
function namedSources(community: Community | undefined): Map<string, SourceRef> {
    const map = new Map<string, SourceRef>();
    if (!community) return map;
    const items = [community, ...community.tiers, ...community.contents, ...community.activities, ...community.referrals, ...community.channels];
    for (const item of items) if (item.source) map.set(item.name, item.source);
    if (community.organic?.source) map.set('organic', community.organic.source);
    return map;
}

/** The source of a sensitivity parameter id like "FitHome.DouyinAds.costPerJoin". */
export function parameterSource(id: string, sources: Map<string, SourceRef>): SourceRef | undefined {
    const parts = id.split('.');
    for (let i = parts.length - 1; i >= 0; i--) {
        const hit = sources.get(parts[i]);
        if (hit) return hit;
    }
    return undefined;
}

function kpiViews(c: ScenarioForecast['communities'][number], community: Community | undefined, currency: string): KpiView[] {
    const planned = new Map((community?.kpis ?? []).map((k) => [k.name, k]));
    return c.kpis.map((k) => ({
        name: k.name,
        // Unnamed KPIs get a name derived from their metric: then the target alone reads better.
        label: k.name.startsWith(k.metric) ? kpiLabel(k, currency) : `${k.name}: ${kpiLabel(k, currency)}`,
        metric: k.metric,
        op: k.op,
        target: k.target,
        unit: kpiUnit(k.metric),
        deadlineWeek: k.deadlineWeek,
        probability: k.probability,
        p50: k.p50 ?? Number.NaN,
        source: planned.get(k.name)?.source,
    }));
}

function sensitivityView(report: ForecastReport, scenario: string | null, community: Community, currency: string): SensitivityView | undefined {
    const s = report.sensitivity;
    if (!s || s.scenario !== scenario || s.community !== community.name) return undefined;
    const sources = namedSources(community);
    const kpi = community.kpis.find((k) => k.name === s.kpi);
    void currency;
    return {
        kpi: s.kpi,
        unit: kpiUnit(s.metric),
        base: s.baseline.value ?? 0,
        items: s.parameters.map((p) => ({
            parameter: p.label || p.id,
            low: p.low.value ?? 0,
            high: p.high.value ?? 0,
            source: parameterSource(p.id, sources) ?? kpi?.source,
        })),
    };
}

/** One community's part of a scenario's forecast. */
export function communityView(report: ForecastReport, scenario: string | null, c: ScenarioForecast['communities'][number], plan: Plan): CommunityForecastView {
    const community = plan.communities.find((x) => x.name === c.name);
    const byKey = new Map(c.series.map((s) => [s.key, s]));
    const tierTitles = new Map((community?.tiers ?? []).map((t) => [t.name, t]));
    const members = c.tiers.map((tier) => ({
        key: tier,
        label: tierTitles.get(tier)?.title ?? tier,
        band: toBand(byKey.get(`members:${tier}`)),
        source: tierTitles.get(tier)?.source,
    }));
    return {
        community: c.name,
        title: community?.title,
        weeks: c.weeks.length || report.horizonWeeks,
        members,
        total: { key: 'total', label: 'Total', band: toBand(byKey.get('members')), source: community?.source },
        activeRate: toBand(byKey.get('active-rate')),
        cost: toBand(byKey.get('cumulative-cost')),
        revenue: toBand(byKey.get('cumulative-revenue')),
        costByCategory: (c.costByCategory ?? []).filter((x) => x.mean > 0).map(({ category, p10, p50, p90 }) => ({ category, p10, p50, p90 })),
        kpis: kpiViews(c, community, report.currency),
        sensitivity: community ? sensitivityView(report, scenario, community, report.currency) : undefined,
        source: community?.source,
    };
}

/** One scenario's forecast: every community of the plan, in plan order. */
export function scenarioView(report: ForecastReport, forecast: ScenarioForecast, plan: Plan): ScenarioForecastView {
    const scenario = forecast.scenario;
    const planned = plan.scenarios.find((s) => s.name === scenario);
    const communities = forecast.communities.map((c) => communityView(report, scenario, c, plan));
    return {
        scenario,
        title: scenario === null ? plan.name : (forecast.title ?? planned?.title ?? scenario),
        weeks: Math.max(report.horizonWeeks, ...communities.map((c) => c.weeks)),
        communities,
    };
}

export function planSummary(plan: Plan): PlanSummaryView {
    return {
        name: plan.name,
        start: plan.start,
        horizonWeeks: plan.horizonWeeks,
        currency: plan.currency,
        communities: plan.communities.map((c) => ({ name: c.name, title: c.title })),
        scenarios: plan.scenarios.map((s) => ({ name: s.name, title: s.title })),
    };
}

/** Week-by-week occurrences of every community's content and activities, community by community. */
export function calendarView(plan: Plan): CalendarItemView[] {
    const weeks = plan.horizonWeeks;
    const perWeek = (schedules: Community['contents'][number]['schedules']) => {
        const total = new Array<number>(weeks).fill(0);
        for (const s of schedules) {
            const counts = occurrencesPerWeek(s, plan.start, weeks);
            for (let i = 0; i < weeks; i++) total[i] += counts[i];
        }
        return total;
    };
    return plan.communities.flatMap((community) => [
        ...community.contents.map((c) => ({ community: community.name, name: c.name, title: c.title, kind: 'content' as const, perWeek: perWeek(c.schedules), source: c.source })),
        ...community.activities.map((a) => ({ community: community.name, name: a.name, title: a.title, kind: 'activity' as const, perWeek: perWeek(a.schedules), source: a.source })),
    ]);
}
