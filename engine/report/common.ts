// What both reports (HTML and Markdown) show, computed once from the plan, its schedule and its
// forecast: KPI rows with traffic lights, per-item schedule summaries and the offline run-sheet.
import type { Lang } from '../diagnostics.js';
import type { CommunityForecast, ForecastReport, KpiForecast, ScenarioForecast } from '../forecast-schema.js';
import type { Activity, Plan } from '../model.js';
import type { ItemKind, Occurrence, PlanSchedule } from '../schedule.js';
import { compareText } from '../text.js';
import { lightOf, type Light } from './i18n.js';

/** A warning or info of `community check` for the plan or a file it imports, shown in the report. */
export interface ReportCheck {
    severity: 'warning' | 'info';
    code: string;
    /** File relative to the plan's folder, forward slashes. */
    file: string;
    /** 1-based line. */
    line: number;
    message: string;
}

export interface ReportInput {
    plan: Plan;
    schedule: PlanSchedule;
    /** The forecast of the plan (one scenario: the one compiled). */
    forecast: ForecastReport;
    lang: Lang;
    /** The checker's warnings and infos (errors stop compilation); absent: not known. */
    checks?: ReportCheck[];
}

export function scenarioOf(input: ReportInput): ScenarioForecast {
    return input.forecast.forecasts[0];
}

export interface KpiRow {
    kpi: KpiForecast;
    light: Light;
}

export function kpiRows(c: CommunityForecast): KpiRow[] {
    return c.kpis.map((kpi) => ({ kpi, light: lightOf(kpi.probability) }));
}

export interface ItemSummary {
    community: string;
    item: string;
    title: string;
    kind: ItemKind;
    subkind: string;
    count: number;
    first: string;
    last: string;
    owner: string;
    totalCost: number | null;
}

/** One line per cost category of a community's forecast with any cost, and its share of the P50 total. */
export interface CostRow {
    category: NonNullable<CommunityForecast['costByCategory']>[number]['category'];
    p10: number;
    p50: number;
    p90: number;
    /** Share of the sum of the categories' P50 (null when that sum is 0). */
    share: number | null;
}

export function costRows(c: CommunityForecast): CostRow[] {
    // A category that costs something in any run is shown, even when most runs spend nothing on it.
    const list = (c.costByCategory ?? []).filter((x) => x.mean > 0);
    const total = list.reduce((sum, x) => sum + x.p50, 0);
    return list.map((x) => ({ category: x.category, p10: x.p10, p50: x.p50, p90: x.p90, share: total > 0 ? x.p50 / total : null }));
}

/** One line per content item or activity: how often it happens, first and last date, expected cost. */
export function itemSummaries(schedule: PlanSchedule, community: string): ItemSummary[] {
    const byItem = new Map<string, ItemSummary>();
    for (const o of schedule.occurrences) {
        if (o.community !== community) continue;
        let s = byItem.get(o.item);
        if (!s) {
            s = { community, item: o.item, title: o.title, kind: o.kind, subkind: o.subkind, count: 0, first: o.date, last: o.date, owner: o.owner, totalCost: null };
            byItem.set(o.item, s);
        }
        s.count++;
        if (o.date < s.first) s.first = o.date;
        if (o.date > s.last) s.last = o.date;
        if (o.cost !== null) s.totalCost = (s.totalCost ?? 0) + o.cost;
    }
    const kindOrder: ItemKind[] = ['content', 'online activity', 'offline activity'];
    return [...byItem.values()].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || compareText(a.first, b.first) || compareText(a.item, b.item));
}

export interface RunSheetRow {
    occurrence: Occurrence;
    activity: Activity;
}

/** Every run of an offline activity, in date order, with what the team needs to run it. */
export function runSheet(input: ReportInput, community: string): RunSheetRow[] {
    const c = input.plan.communities.find((x) => x.name === community);
    if (!c) return [];
    const rows: RunSheetRow[] = [];
    for (const o of input.schedule.occurrences) {
        if (o.community !== community || o.kind !== 'offline activity') continue;
        const activity = c.activities.find((a) => a.name === o.item);
        if (activity) rows.push({ occurrence: o, activity });
    }
    return rows;
}

export function displayName(name: string, title: string | undefined): string {
    return title && title !== name ? `${title} (${name})` : name;
}

/** "2027-03-20 14:00–17:00", "2027-01-11 – 2027-01-17" or "2027-03-20". */
export function whenText(o: Occurrence): string {
    if (o.time === '') return o.end !== o.date ? `${o.date} – ${o.end}` : o.date;
    const [endDate, endTime] = o.end.split('T');
    if (o.end === `${o.date}T${o.time}`) return `${o.date} ${o.time}`;
    return endDate === o.date ? `${o.date} ${o.time}–${endTime}` : `${o.date} ${o.time} – ${endDate} ${endTime}`;
}

/** Every forecast scenario of the report: the compiled one first, then the plan's others. */
export function allScenarios(input: ReportInput): ScenarioForecast[] {
    return input.forecast.forecasts;
}

/** The title an occurrence shows: a lottery draw reads "<title> (draw)" in the report language. */
export function occurrenceTitle(o: Pick<Occurrence, 'title' | 'subkind'>, drawSuffix: string): string {
    if (o.subkind === 'lottery-draw') {
        const base = o.title.endsWith(' (draw)') ? o.title.slice(0, -' (draw)'.length) : o.title;
        return base + drawSuffix;
    }
    return o.title;
}

/** Average probability of a scenario's KPIs over all its communities; null without KPIs. */
export function averageProbability(s: ScenarioForecast): number | null {
    const ps = s.communities.flatMap((c) => c.kpis.map((k) => k.probability));
    return ps.length === 0 ? null : ps.reduce((a, b) => a + b, 0) / ps.length;
}

/** A series' value at the last week of the horizon (P10, P50, P90), when the forecast has it. */
export function atHorizon(c: CommunityForecast, key: string): { p10: number | null; p50: number | null; p90: number | null } | null {
    const s = c.series.find((x) => x.key === key);
    const last = c.weeks.length - 1;
    if (!s || last < 0) return null;
    return { p10: s.p10[last], p50: s.p50[last], p90: s.p90[last] };
}

/** New members over the horizon by where they came from (the forecast's attribution), largest first. */
export interface SourceRow {
    source: string;
    kind: NonNullable<CommunityForecast['newMembersBySource']>[number]['kind'];
    /** The item's title and name, or the word for organic growth. */
    label: string;
    p10: number;
    p50: number;
    p90: number;
    mean: number;
    /** Share of the mean new members of all sources (null when none joined). */
    share: number | null;
    /** Mean new members from this source in each week. */
    weekly: number[];
}

/** A forecast without attribution gives an empty list and the reports leave the section out. */
export function sourceRows(c: CommunityForecast, plan: Plan, organicLabel: string): SourceRow[] {
    const list = [...(c.newMembersBySource ?? [])].filter((s) => s.mean > 0);
    const total = list.reduce((a, s) => a + s.mean, 0);
    const community = plan.communities.find((x) => x.name === c.name);
    const titleOf = (name: string) => [...(community?.channels ?? []), ...(community?.referrals ?? []), ...(community?.contents ?? [])].find((x) => x.name === name)?.title;
    return list
        .sort((a, b) => b.mean - a.mean || compareText(a.source, b.source))
        .map((s) => ({
            source: s.source, kind: s.kind, label: s.kind === 'organic' ? organicLabel : displayName(s.source, titleOf(s.source)),
            p10: s.p10, p50: s.p50, p90: s.p90, mean: s.mean, share: total > 0 ? s.mean / total : null, weekly: s.weeklyMean,
        }));
}

type Band = { p10: number; p50: number; p90: number };

/** ROI on gross sales and on margin, incremental revenue and ROI, when the forecast has them (label, band, is money). */
export function moneyBands(c: CommunityForecast, f: { t: { grossRoi: string; marginRoi: (m: string) => string; incrementalRevenue: string; incrementalRoi: string }; percent(x: number | null): string }): [string, Band, boolean][] {
    const m = c.money;
    if (!m) return [];
    const out: [string, Band, boolean][] = [];
    if (m.margin !== null) out.push([f.t.marginRoi(f.percent(m.margin)), m.roi, false], [f.t.grossRoi, m.grossRoi, false]);
    if (m.incrementalRevenue) out.push([f.t.incrementalRevenue, m.incrementalRevenue, true]);
    if (m.incrementalRoi) out.push([f.t.incrementalRoi, m.incrementalRoi, false]);
    return out;
}
