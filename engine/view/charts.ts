// The one definition of every forecast chart, shared by the HTML report (rendered to SVG strings at
// compile time) and the VS Code preview (rendered live in the webview): what is drawn — series,
// bands, KPI target lines, actual points and where they left the band, titles in the surface's
// language — from the forecast view model (engine/view/forecast-view.ts). How it is drawn is
// engine/view/echarts-option.ts, also shared. Plain JSON, so a test can compare the report's and
// the preview's definitions of one forecast.
import type { Lang } from '../diagnostics.js';
import type { KpiMetric } from '../model.js';
import { kpiLabel, labels } from '../report/i18n.js';
import { parameterLabel } from '../report/words.js';
import type { Band, CommunityForecastView, KpiView } from '../../protocol/forecast.js';
import { compareText } from '../text.js';
import { displayName } from './forecast-view.js';

export type ChartUnit = 'count' | 'percent' | 'money' | 'ratio';

export interface ChartContext {
    lang: Lang;
    currency: string;
}

interface ChartBase {
    /** Which chart: the preview's figures and the report's sections find theirs by it. */
    id: 'members' | 'active' | 'money' | 'sources' | 'tornado' | 'scenarios' | 'heatmap';
    title: string;
    lang: Lang;
    currency: string;
}

/** P50 lines with P10–P90 bands over weeks 1..weeks, KPI targets across, actuals as points. */
export interface BandChart extends ChartBase {
    kind: 'band';
    unit: ChartUnit;
    weeks: number;
    xTitle: string;
    yTitle: string;
    series: { key: string; label: string; band: Band; dashed?: boolean }[];
    targets: { value: number; label: string }[];
    /** Observed points per series key; `outside` marks a point beyond the band of that series. */
    actuals: { key: string; points: { week: number; value: number; outside: boolean }[] }[];
    words: { actual: string; actualOutside: string };
}

/** Weekly values stacked on each other (new members by source). */
export interface StackChart extends ChartBase {
    kind: 'stack';
    unit: ChartUnit;
    weeks: number;
    xTitle: string;
    yTitle: string;
    series: { key: string; label: string; values: number[] }[];
}

/** The sensitivity tornado: the KPI's P50 at −20 % and +20 % of each parameter around the baseline. */
export interface TornadoChart extends ChartBase {
    kind: 'tornado';
    unit: ChartUnit;
    base: number;
    xTitle: string;
    rows: { key: string; label: string; low: number; high: number }[];
    words: { low: string; high: string };
}

/** Posts per week per content item. */
export interface HeatmapChart extends ChartBase {
    kind: 'heatmap';
    weeks: number;
    xTitle: string;
    items: string[];
    /** [week index (0-based), item index, posts]. */
    cells: [number, number, number][];
    legend: string;
}

export type ChartDefinition = BandChart | StackChart | TornadoChart | HeatmapChart;

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/** 20000 → "20,000", 0.2 → "20%": full numbers for a target's label, the same on every machine. */
export function targetText(value: number, unit: ChartUnit, currency: string): string {
    if (unit === 'percent') return `${Math.round(value * 1000) / 10}%`;
    if (unit === 'ratio') return value.toFixed(2);
    const [whole, frac] = String(Math.round(Math.abs(value) * 100) / 100).split('.');
    const grouped = (value < 0 ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
    return unit === 'money' ? `${grouped} ${currency}` : grouped;
}

function kpiName(k: KpiView, lang: Lang): string {
    return kpiLabel({ ...k, metric: k.metric as KpiMetric }, lang);
}

/** Target lines of the KPIs on `metric` whose tier (none: all members) is plotted. Rate targets ("per month") are not levels and draw none. */
function targets(view: CommunityForecastView, ctx: ChartContext, metric: string, plotted: (tier: string | undefined) => boolean): BandChart['targets'] {
    const t = labels(ctx.lang);
    return view.kpis
        .filter((k) => k.metric === metric && !k.targetPer && plotted(k.tier))
        .map((k) => ({ value: k.target, label: t.kpiTargetLine(kpiName(k, ctx.lang), `${OPS[k.op] ?? k.op} ${targetText(k.target, k.unit, ctx.currency)}`) }));
}

function actualsFor(view: CommunityForecastView, keys: string[]): BandChart['actuals'] {
    return (view.actuals ?? []).filter((a) => keys.includes(a.key)).map((a) => ({ key: a.key, points: a.points }));
}

function bandChart(
    ctx: ChartContext,
    id: BandChart['id'],
    title: string,
    unit: ChartUnit,
    weeks: number,
    yTitle: string,
    series: BandChart['series'],
    tg: BandChart['targets'],
    actuals: BandChart['actuals'],
): BandChart {
    const t = labels(ctx.lang);
    return {
        kind: 'band',
        id,
        title,
        lang: ctx.lang,
        currency: ctx.currency,
        unit,
        weeks,
        xTitle: t.week,
        yTitle,
        series,
        targets: tg,
        actuals,
        words: { actual: t.actual, actualOutside: t.actualOutside },
    };
}

/** Members by tier and all members (dashed), with the members KPIs' targets and the observed members. */
export function membersChart(view: CommunityForecastView, ctx: ChartContext): BandChart {
    const t = labels(ctx.lang);
    const tiers = view.members.map((m) => ({ key: m.key, label: m.label, band: m.band }));
    const series = [...tiers, { key: 'total', label: t.chartTotal, band: view.total.band, dashed: true }];
    const plotted = new Set(tiers.map((s) => s.key));
    return bandChart(
        ctx,
        'members',
        t.membersByTier,
        'count',
        view.weeks,
        t.members,
        series,
        targets(view, ctx, 'members', (tier) => tier === undefined || plotted.has(tier)),
        actualsFor(
            view,
            series.map((s) => s.key),
        ),
    );
}

export function activeRateChart(view: CommunityForecastView, ctx: ChartContext): BandChart {
    const t = labels(ctx.lang);
    return bandChart(
        ctx,
        'active',
        t.activeRate,
        'percent',
        view.weeks,
        '%',
        [{ key: 'active-rate', label: t.metric['active-rate'], band: view.activeRate }],
        targets(view, ctx, 'active-rate', (tier) => tier === undefined),
        actualsFor(view, ['active-rate']),
    );
}

export function moneyChart(view: CommunityForecastView, ctx: ChartContext): BandChart {
    const t = labels(ctx.lang);
    return bandChart(
        ctx,
        'money',
        t.costRevenue,
        'money',
        view.weeks,
        ctx.currency,
        [
            { key: 'cost', label: t.cost, band: view.cost },
            { key: 'revenue', label: t.revenue, band: view.revenue },
        ],
        [],
        actualsFor(view, ['revenue']),
    );
}

/** New members per week by source, stacked: organic, each paid channel, referral campaign, public content item, activity. */
export function sourcesChart(view: CommunityForecastView, ctx: ChartContext): StackChart | null {
    const sources = view.sources ?? [];
    if (sources.length === 0) return null;
    const t = labels(ctx.lang);
    return {
        kind: 'stack',
        id: 'sources',
        title: t.sourceChart,
        lang: ctx.lang,
        currency: ctx.currency,
        unit: 'count',
        weeks: view.weeks,
        xTitle: t.week,
        yTitle: t.newMembers,
        series: sources.map((s) => ({ key: s.source, label: s.kind === 'organic' ? t.organic : s.label, values: s.weekly })),
    };
}

/** At most this many parameters, the largest swings first. */
const TORNADO_ROWS = 12;

export function tornadoChart(view: CommunityForecastView, ctx: ChartContext): TornadoChart | null {
    const s = view.sensitivity;
    if (!s || s.items.length === 0) return null;
    const t = labels(ctx.lang);
    const kpi = view.kpis.find((k) => k.name === s.kpi);
    const rows = s.items
        .map((i) => ({ key: i.id ?? i.parameter, label: parameterLabel(ctx.lang, i.id ?? i.parameter, i.parameter), low: i.low, high: i.high }))
        .filter((r) => Number.isFinite(r.low) && Number.isFinite(r.high))
        .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low) || compareText(a.key, b.key))
        .slice(0, TORNADO_ROWS);
    if (rows.length === 0) return null;
    return {
        kind: 'tornado',
        id: 'tornado',
        title: t.tornado(kpi ? kpiName(kpi, ctx.lang) : s.kpi),
        lang: ctx.lang,
        currency: ctx.currency,
        unit: s.unit,
        base: s.base,
        xTitle: t.value,
        rows,
        words: { low: t.low, high: t.high },
    };
}

/** Every chart of one community's forecast, in the order the preview shows them. */
export function communityCharts(view: CommunityForecastView, ctx: ChartContext): ChartDefinition[] {
    const out: (ChartDefinition | null)[] = [
        membersChart(view, ctx),
        activeRateChart(view, ctx),
        moneyChart(view, ctx),
        sourcesChart(view, ctx),
        tornadoChart(view, ctx),
    ];
    return out.filter((c): c is ChartDefinition => c !== null);
}

/** All members of one community in every scenario, overlaid (the report's scenario section). */
export function scenarioMembersChart(
    scenarios: { scenario: string | null; title?: string; view: CommunityForecastView | undefined }[],
    ctx: ChartContext,
): BandChart | null {
    const t = labels(ctx.lang);
    const series = scenarios.flatMap((sc, i) =>
        sc.view ? [{ key: `scenario-${i}`, label: sc.scenario === null ? t.asWritten : displayName(sc.scenario, sc.title), band: sc.view.total.band }] : [],
    );
    if (scenarios.length < 2 || series.length === 0) return null;
    const weeks = Math.max(...scenarios.map((s) => s.view?.weeks ?? 0));
    return bandChart(ctx, 'scenarios', t.scenarioMembers, 'count', weeks, t.members, series, [], []);
}

/** Posts per week per content item (the report's calendar section). */
export function contentHeatmap(posts: { item: string; title: string; week: number }[], weeks: number, ctx: ChartContext): HeatmapChart | null {
    if (posts.length === 0) return null;
    const t = labels(ctx.lang);
    const items: string[] = [];
    const counts = new Map<string, number>();
    for (const p of posts) {
        const label = p.title === p.item ? p.item : `${p.title} (${p.item})`;
        if (!items.includes(label)) items.push(label);
        const key = `${items.indexOf(label)}:${p.week}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const cells: [number, number, number][] = [];
    for (let i = 0; i < items.length; i++) for (let w = 1; w <= weeks; w++) cells.push([w - 1, i, counts.get(`${i}:${w}`) ?? 0]);
    return { kind: 'heatmap', id: 'heatmap', title: t.heatmap, lang: ctx.lang, currency: ctx.currency, weeks, xTitle: t.week, items, cells, legend: t.posts };
}
