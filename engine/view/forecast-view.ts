// The one forecast view model: the engine's forecast report (engine/forecast-schema.ts) and the plan
// model shaped into what every surface shows (protocol/forecast.ts) — KPI rows with units, cost
// categories, new members by source, money (ROI on margin and gross, incremental) and the actuals laid
// over the bands. The language server sends it to the preview; the reports, `community simulate` and
// the VS Code simulate table read the same rows. Pure, so unit tests drive it directly.
import { occurrencesPerWeek } from '../cadence.js';
import type { CommunityForecast, ForecastReport, ForecastSeries, KpiForecast, ScenarioForecast } from '../forecast-schema.js';
import type { Community, Plan } from '../model.js';
import { compareText } from '../text.js';
import type {
    ActualSeriesView,
    Band,
    CalendarItemView,
    CommunityForecastView,
    CostCategoryView,
    KpiView,
    MoneyView,
    PlanSummaryView,
    ScenarioForecastView,
    SensitivityView,
    SourceRef,
    SourceView,
} from '../../protocol/forecast.js';
import { kpiUnit } from './kpi.js';

export { kpiUnit } from './kpi.js';

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

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/** A readable KPI target, e.g. "members ≥ 20000", "conversion Prospect → Core ≥ 6% per month". */
export function kpiLabel(
    k: Pick<KpiForecast, 'metric' | 'tier' | 'fromTier' | 'toTier' | 'windowDays' | 'op' | 'target' | 'targetPer'>,
    currency: string,
): string {
    let subject: string = k.metric.replace('-', ' ');
    if ((k.metric === 'members' || k.metric === 'new-members' || k.metric === 'churn') && k.tier) subject += ` in ${k.tier}`;
    if (k.metric === 'retention' && k.windowDays) subject += ` ${k.windowDays} days`;
    if (k.metric === 'conversion' && k.fromTier && k.toTier) subject += ` ${k.fromTier} → ${k.toTier}`;
    const unit = kpiUnit(k.metric);
    const target = unit === 'percent' ? `${Math.round(k.target * 1000) / 10}%` : unit === 'money' ? `${k.target} ${currency}` : String(k.target);
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

/** The fields of `k` among `keys` that are set (JSON leaves the others out, so the views compare equal). */
function defined<T extends object, K extends keyof T>(k: T, keys: K[]): Partial<Pick<T, K>> {
    const out: Partial<Pick<T, K>> = {};
    for (const key of keys) if (k[key] !== undefined) out[key] = k[key];
    return out;
}

function kpiViews(c: CommunityForecast, community: Community | undefined, currency: string): KpiView[] {
    const planned = new Map((community?.kpis ?? []).map((k) => [k.name, k]));
    return c.kpis.map((k) => ({
        name: k.name,
        // Unnamed KPIs get a name derived from their metric: then the target alone reads better.
        label: k.name.startsWith(k.metric) ? kpiLabel(k, currency) : `${k.name}: ${kpiLabel(k, currency)}`,
        metric: k.metric,
        ...defined(k, ['tier', 'fromTier', 'toTier', 'windowDays', 'targetPer']),
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
        // A parameter whose runs gave no value at ±20 % has no bar to draw.
        items: s.parameters
            .filter((p) => p.low.value !== null && p.high.value !== null)
            .map((p) => ({
                parameter: p.label || p.id,
                id: p.id,
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
        costByCategory: costRows(c).map(({ category, p10, p50, p90 }) => ({ category, p10, p50, p90 })),
        kpis: kpiViews(c, community, report.currency),
        sensitivity: community ? sensitivityView(report, scenario, community, report.currency) : undefined,
        ...(c.newMembersBySource ? { sources: sourceRows(c, plan) } : {}),
        ...(c.money ? { money: moneyRows(c) } : {}),
        source: community?.source,
    };
}

/** One line per cost category of a community's forecast with any cost, and its share of the P50 total. */
export interface CostRow extends CostCategoryView {
    /** Share of the sum of the categories' P50 (null when that sum is 0). */
    share: number | null;
}

export function costRows(c: Pick<CommunityForecast, 'costByCategory'>): CostRow[] {
    // A category that costs something in any run is shown, even when most runs spend nothing on it.
    const list = (c.costByCategory ?? []).filter((x) => x.mean > 0);
    const total = list.reduce((sum, x) => sum + x.p50, 0);
    return list.map((x) => ({ category: x.category, p10: x.p10, p50: x.p50, p90: x.p90, share: total > 0 ? x.p50 / total : null }));
}

export function displayName(name: string, title: string | undefined): string {
    return title && title !== name ? `${title} (${name})` : name;
}

/**
 * New members over the horizon by where they came from, largest first; a forecast without
 * attribution gives none. Items are labelled with their titles when the plan is given.
 */
export function sourceRows(c: Pick<CommunityForecast, 'name' | 'newMembersBySource'>, plan?: Plan): SourceView[] {
    const list = [...(c.newMembersBySource ?? [])].filter((s) => s.mean > 0);
    const total = list.reduce((a, s) => a + s.mean, 0);
    const community = plan?.communities.find((x) => x.name === c.name);
    const items: { name: string; title?: string }[] = [
        ...(community?.channels ?? []),
        ...(community?.referrals ?? []),
        ...(community?.contents ?? []),
        ...(community?.activities ?? []),
    ];
    const titleOf = (name: string) => items.find((x) => x.name === name)?.title;
    return list
        .sort((a, b) => b.mean - a.mean || compareText(a.source, b.source))
        .map((s) => ({
            source: s.source,
            kind: s.kind,
            label: s.kind === 'organic' ? '' : displayName(s.source, titleOf(s.source)),
            p10: s.p10,
            p50: s.p50,
            p90: s.p90,
            mean: s.mean,
            share: total > 0 ? s.mean / total : null,
            weekly: s.weeklyMean,
        }));
}

/** ROI on margin beside gross ROI (or gross alone without a margin), then incremental revenue and ROI against the baseline. */
export function moneyRows(c: Pick<CommunityForecast, 'money'>): MoneyView[] {
    const m = c.money;
    if (!m) return [];
    const band = (b: { p10: number; p50: number; p90: number }) => ({ p10: b.p10, p50: b.p50, p90: b.p90 });
    const out: MoneyView[] = [];
    if (m.margin !== null) out.push({ kind: 'margin-roi', margin: m.margin, unit: 'ratio', ...band(m.roi) });
    out.push({ kind: 'gross-roi', unit: 'ratio', ...band(m.grossRoi) });
    if (m.incrementalRevenue) out.push({ kind: 'incremental-revenue', unit: 'money', ...band(m.incrementalRevenue) });
    if (m.incrementalRoi) out.push({ kind: 'incremental-roi', unit: 'ratio', ...band(m.incrementalRoi) });
    return out;
}

/** Observed weekly values by measure (engine/actuals: `members`, `members:Core`, `active`, `revenue` …; NaN = no value). */
export type ObservedSeries = ReadonlyMap<string, ArrayLike<number>>;

/**
 * The actuals laid over a community's bands: total members, members per tier, the active rate
 * (active / members) and cumulative revenue, each point marked when it left the P10–P90 band.
 */
export function actualsView(view: Pick<CommunityForecastView, 'members' | 'total' | 'activeRate' | 'revenue'>, observed: ObservedSeries): ActualSeriesView[] {
    const out: ActualSeriesView[] = [];
    const at = (key: string, w: number) => {
        const v = observed.get(key)?.[w];
        return v === undefined || !Number.isFinite(v) ? undefined : v;
    };
    const weeks = view.total.band.p50.length;
    const lay = (key: string, band: Band, value: (w: number) => number | undefined) => {
        const points: ActualSeriesView['points'] = [];
        for (let w = 0; w < Math.min(weeks, band.p50.length); w++) {
            const v = value(w);
            if (v === undefined) continue;
            // A small tolerance: bands are rounded, and an observation on the edge is inside it.
            const eps = 1e-9 * Math.max(1, Math.abs(v));
            points.push({ week: w + 1, value: v, outside: v < band.p10[w] - eps || v > band.p90[w] + eps });
        }
        if (points.length > 0) out.push({ key, points });
    };
    const tierSum = (w: number) => {
        let sum = 0;
        let any = false;
        for (const m of view.members) {
            const v = at(`members:${m.key}`, w);
            if (v !== undefined) {
                sum += v;
                any = true;
            }
        }
        return any ? sum : undefined;
    };
    const members = (w: number) => at('members', w) ?? tierSum(w);
    lay('total', view.total.band, members);
    for (const m of view.members) lay(m.key, m.band, (w) => at(`members:${m.key}`, w));
    lay('active-rate', view.activeRate, (w) => {
        const active = at('active', w);
        const total = members(w);
        return active === undefined || total === undefined || total <= 0 ? undefined : active / total;
    });
    const revenue = observed.get('revenue');
    if (revenue) {
        // Cumulative, like the forecast's series: a week without a figure keeps the running sum but draws no point.
        const cumulative: (number | undefined)[] = [];
        let sum = 0;
        for (let w = 0; w < weeks; w++) {
            const v = at('revenue', w);
            if (v !== undefined) sum += v;
            cumulative.push(v === undefined ? undefined : sum);
        }
        lay('revenue', view.revenue, (w) => cumulative[w]);
    }
    return out;
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
        ...community.contents.map((c) => ({
            community: community.name,
            name: c.name,
            title: c.title,
            kind: 'content' as const,
            perWeek: perWeek(c.schedules),
            source: c.source,
        })),
        ...community.activities.map((a) => ({
            community: community.name,
            name: a.name,
            title: a.title,
            kind: 'activity' as const,
            perWeek: perWeek(a.schedules),
            source: a.source,
        })),
    ]);
}
