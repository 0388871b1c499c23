// What both reports (HTML and Markdown) show, computed once from the plan, its schedule and its
// forecast: KPI rows with traffic lights, per-item schedule summaries and the offline run-sheet.
import type { Lang } from '../diagnostics.js';
import type { CommunityForecast, ForecastReport, KpiForecast, ScenarioForecast } from '../forecast-schema.js';
import type { Activity, Plan } from '../model.js';
import type { ItemKind, Occurrence, PlanSchedule } from '../schedule.js';
import { compareText } from '../text.js';
import type { ChartDefinition } from '../view/charts.js';
import { communityCharts } from '../view/charts.js';
import {
    actualsView,
    communityView,
    costRows as viewCostRows,
    displayName,
    moneyRows,
    sourceRows as viewSourceRows,
    type CostRow,
    type ObservedSeries,
} from '../view/forecast-view.js';
import { lightOf, type Light } from '../view/kpi.js';
import type { CommunityForecastView, SourceView } from '../../protocol/forecast.js';

export { displayName, type CostRow };

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
    /** Observed weeks per community (its `actuals` file), laid over the charts' bands. */
    observed?: ReadonlyMap<string, ObservedSeries>;
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

/** One line per cost category with any cost, and its share of the P50 total (the view model's rows). */
export function costRows(c: CommunityForecast): CostRow[] {
    return viewCostRows(c);
}

/** One line per content item or activity: how often it happens, first and last date, expected cost. */
export function itemSummaries(schedule: PlanSchedule, community: string): ItemSummary[] {
    const byItem = new Map<string, ItemSummary>();
    for (const o of schedule.occurrences) {
        if (o.community !== community) continue;
        let s = byItem.get(o.item);
        if (!s) {
            s = {
                community,
                item: o.item,
                title: o.title,
                kind: o.kind,
                subkind: o.subkind,
                count: 0,
                first: o.date,
                last: o.date,
                owner: o.owner,
                totalCost: null,
            };
            byItem.set(o.item, s);
        }
        s.count++;
        if (o.date < s.first) s.first = o.date;
        if (o.date > s.last) s.last = o.date;
        if (o.cost !== null) s.totalCost = (s.totalCost ?? 0) + o.cost;
    }
    const kindOrder: ItemKind[] = ['content', 'online activity', 'offline activity'];
    return [...byItem.values()].sort(
        (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || compareText(a.first, b.first) || compareText(a.item, b.item),
    );
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

/** New members over the horizon by where they came from, largest first, organic growth named in the report's words. */
export interface SourceRow extends SourceView {
    label: string;
}

/** A forecast without attribution gives an empty list and the reports leave the section out. */
export function sourceRows(c: CommunityForecast, plan: Plan, organicLabel: string): SourceRow[] {
    return viewSourceRows(c, plan).map((s) => ({ ...s, label: s.kind === 'organic' ? organicLabel : s.label }));
}

type Band = { p10: number; p50: number; p90: number };

/** ROI on margin beside gross ROI, incremental revenue and ROI, when the forecast has them (label, band, is money). */
export function moneyBands(
    c: CommunityForecast,
    f: { t: { grossRoi: string; marginRoi: (m: string) => string; incrementalRevenue: string; incrementalRoi: string }; percent(x: number | null): string },
): [string, Band, boolean][] {
    const label = {
        'margin-roi': (m?: number) => f.t.marginRoi(f.percent(m ?? null)),
        'gross-roi': () => f.t.grossRoi,
        'incremental-revenue': () => f.t.incrementalRevenue,
        'incremental-roi': () => f.t.incrementalRoi,
    };
    // Without a margin the table's ROI row is already the gross ROI: no second line.
    return moneyRows(c)
        .filter((m) => m.kind !== 'gross-roi' || c.money?.margin !== null)
        .map((m) => [label[m.kind](m.margin), { p10: m.p10, p50: m.p50, p90: m.p90 }, m.unit === 'money']);
}

/** A community's forecast as the view model shapes it for every surface, with its actuals laid over. */
export function forecastView(input: ReportInput, c: CommunityForecast, scenario: ScenarioForecast = scenarioOf(input)): CommunityForecastView {
    const view = communityView(input.forecast, scenario.scenario, c, input.plan);
    const observed = scenario === scenarioOf(input) ? input.observed?.get(c.name) : undefined;
    if (observed) view.actuals = actualsView(view, observed);
    return view;
}

/** The charts of a community in the report: the same definitions the preview draws for the same forecast. */
export function reportCharts(input: ReportInput, c: CommunityForecast): ChartDefinition[] {
    return communityCharts(forecastView(input, c), { lang: input.lang, currency: input.plan.currency });
}
