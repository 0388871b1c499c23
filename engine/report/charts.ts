// Charts for the HTML report: Vega-Lite specs compiled with vega-lite and rendered to SVG strings at
// compile time by a headless vega View (renderer "none"). Nothing is fetched: every spec carries its
// data inline, and the view gets a loader that refuses any load or network access.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { CommunityForecast, ForecastSeries, SensitivityReport } from '../forecast-schema.js';
import type { Occurrence } from '../schedule.js';
import { displayName } from './common.js';
import { kpiLabel, type Formatter } from './i18n.js';
import { parameterLabel } from './words.js';
import type { ScenarioForecast } from '../forecast-schema.js';

const FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
// Drawn at this width and scaled to the page's full width by the report's stylesheet.
const WIDTH = 760;

/** A vega loader that refuses every load and sanitize: the report must never touch the network. */
export function refusingLoader(): vega.Loader {
    const refuse = async (uri: string): Promise<never> => {
        throw new Error(`community compile renders charts offline; refused to load "${uri}"`);
    };
    const base = vega.loader();
    return Object.assign(base, { load: refuse, sanitize: refuse, http: refuse, file: refuse }) as vega.Loader;
}

/**
 * Gives the ids inside one SVG (vega numbers gradients and clip paths with a process-wide counter)
 * names from `prefix`, so output does not depend on what was rendered before and several charts
 * on one page never share an id.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
    const ids = [...new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))];
    if (ids.length === 0) return svg;
    const rename = new Map(ids.map((id, i) => [id, `${prefix}-${i}`]));
    const pattern = new RegExp(`(id="|url\\(#|href="#)(${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=[")])`, 'g');
    return svg.replace(pattern, (_all, lead: string, id: string) => lead + rename.get(id));
}

/** Renders a Vega-Lite spec to an SVG string, with no network and deterministic output. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
    const vgSpec = compile(spec).spec;
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: refusingLoader(), logLevel: vega.Error });
    try {
        return await view.toSVG();
    } finally {
        view.finalize();
    }
}

const baseConfig = {
    font: FONT,
    background: 'white',
    view: { stroke: null },
    // Long item and tier names (and Chinese titles) are shown whole rather than cut with an ellipsis.
    axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee', labelLimit: 0 },
    legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom' as const, labelLimit: 0, columns: 4 },
    title: { limit: 0 },
};

interface BandRow {
    week: number;
    name: string;
    p10: number | null;
    p50: number | null;
    p90: number | null;
}

function bandRows(series: ForecastSeries, name: string): BandRow[] {
    return series.p50.map((p50, i) => ({ week: i + 1, name, p10: series.p10[i], p50, p90: series.p90[i] }));
}

/** A KPI's target drawn across a chart: a dashed line at `value`, labelled. */
interface TargetLine {
    value: number;
    label: string;
}

/** Target lines of the KPIs whose metric is `metric` (and, for tier KPIs, whose tier is plotted). */
function targetLines(c: CommunityForecast, f: Formatter, metric: 'members' | 'active-rate', plotted: (tier: string | undefined) => boolean): TargetLine[] {
    return c.kpis
        .filter((k) => k.metric === metric && !k.targetPer && plotted(k.tier))
        .map((k) => ({ value: k.target, label: f.t.kpiTargetLine(kpiLabel(k, f.lang), `${{ '>=': '≥', '<=': '≤', '>': '>', '<': '<' }[k.op]} ${f.metricValue(k.metric, k.target)}`) }));
}

function bandSpec(rows: BandRow[], title: string, xTitle: string, yTitle: string, yFormat: string, legendTitle: string | null, targets: TargetLine[] = []): TopLevelSpec {
    const color = legendTitle === null ? { value: '#4c78a8' } : { field: 'name', type: 'nominal' as const, title: legendTitle, sort: null };
    // x is set per layer: the target lines (their own data, no week) span the whole chart.
    const x = { field: 'week', type: 'quantitative' as const, title: xTitle, axis: { tickMinStep: 1 } };
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title,
        width: WIDTH,
        height: 220,
        config: baseConfig,
        data: { values: rows.filter((r) => r.p50 !== null) },
        layer: [
            { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'p10', type: 'quantitative', title: yTitle, axis: { format: yFormat } }, y2: { field: 'p90' }, color } },
            { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'p50', type: 'quantitative' }, color } },
            ...(targets.length === 0
                ? []
                : [
                      { data: { values: targets }, mark: { type: 'rule', color: '#d03b3b', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'value', type: 'quantitative' } } },
                      {
                          data: { values: targets },
                          mark: { type: 'text', color: '#d03b3b', align: 'left', baseline: 'bottom', dx: 4, dy: -2 },
                          encoding: { y: { field: 'value', type: 'quantitative' }, x: { datum: 1, type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
                      },
                  ]),
        ],
    } as TopLevelSpec;
}

export async function membersChart(c: CommunityForecast, f: Formatter): Promise<string | null> {
    const tiers = c.series.filter((s) => s.key.startsWith('members:'));
    const total = c.series.filter((s) => s.key === 'members');
    // A KPI on all members draws the total next to the tiers, so its target line has its series.
    const withTotal = tiers.length === 0 || c.kpis.some((k) => k.metric === 'members' && !k.tier);
    const rows = [...tiers.flatMap((s) => bandRows(s, s.tier ?? s.key.slice(8))), ...(withTotal ? total.flatMap((s) => bandRows(s, f.t.members)) : [])];
    if (rows.length === 0) return null;
    const plottedTiers = new Set(tiers.map((s) => s.tier ?? s.key.slice(8)));
    const targets = targetLines(c, f, 'members', (tier) => (tier === undefined ? withTotal && total.length > 0 : plottedTiers.has(tier)));
    return renderSvg(bandSpec(rows, f.t.membersByTier, f.t.week, f.t.members, ',.0f', f.t.tier, targets));
}

export async function activeRateChart(c: CommunityForecast, f: Formatter): Promise<string | null> {
    const s = c.series.find((x) => x.key === 'active-rate');
    if (!s) return null;
    return renderSvg(bandSpec(bandRows(s, f.t.activeRate), f.t.activeRate, f.t.week, '%', '.0%', null, targetLines(c, f, 'active-rate', (tier) => tier === undefined)));
}

export async function costRevenueChart(c: CommunityForecast, f: Formatter): Promise<string | null> {
    const cost = c.series.find((x) => x.key === 'cumulative-cost');
    const revenue = c.series.find((x) => x.key === 'cumulative-revenue');
    if (!cost && !revenue) return null;
    const rows = [...(cost ? bandRows(cost, f.t.cost) : []), ...(revenue ? bandRows(revenue, f.t.revenue) : [])];
    return renderSvg(bandSpec(rows, f.t.costRevenue, f.t.week, f.currency, ',.0f', f.t.series));
}

/** Posts per week per content item (a heat-map of the content calendar). */
export async function contentHeatmap(occurrences: Occurrence[], horizonWeeks: number, f: Formatter): Promise<string | null> {
    const posts = occurrences.filter((o) => o.kind === 'content');
    if (posts.length === 0) return null;
    const counts = new Map<string, number>();
    const items: string[] = [];
    for (const o of posts) {
        const label = o.title === o.item ? o.item : `${o.title} (${o.item})`;
        if (!items.includes(label)) items.push(label);
        const key = `${label}\u0000${o.week}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const values: { item: string; week: number; posts: number }[] = [];
    for (const item of items) for (let w = 1; w <= horizonWeeks; w++) values.push({ item, week: w, posts: counts.get(`${item}\u0000${w}`) ?? 0 });
    const cell = Math.max(6, Math.min(28, Math.floor(WIDTH / horizonWeeks)));
    return renderSvg({
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: f.t.heatmap,
        width: cell * horizonWeeks,
        height: 18 * items.length,
        config: baseConfig,
        data: { values },
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
            x: { field: 'week', type: 'ordinal', title: f.t.week, axis: { labelAngle: 0, labelOverlap: true } },
            y: { field: 'item', type: 'nominal', title: null, sort: items },
            color: { field: 'posts', type: 'quantitative', title: f.t.posts, scale: { scheme: 'greens', domainMin: 0 } },
        },
    } as TopLevelSpec);
}

/** The sensitivity tornado: P50 of the KPI at −20 % and +20 % of each parameter, around the baseline. */
export async function tornadoChart(s: SensitivityReport, f: Formatter, kpiName?: string): Promise<string | null> {
    const base = s.baseline.value;
    const params = s.parameters.filter((p) => p.low.value !== null && p.high.value !== null).slice(0, 12);
    if (base === null || params.length === 0) return null;
    const label = (p: (typeof params)[number]) => parameterLabel(f.lang, p.id, p.label);
    const order = params.map(label);
    const values = params.flatMap((p) => [
        { parameter: label(p), change: f.t.low, from: base, to: p.low.value },
        { parameter: label(p), change: f.t.high, from: base, to: p.high.value },
    ]);
    return renderSvg({
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: f.t.tornado(kpiName ?? s.kpi),
        width: WIDTH - 160,
        height: 22 * params.length,
        config: baseConfig,
        data: { values },
        layer: [
            {
                mark: { type: 'bar', height: 14 },
                encoding: {
                    y: { field: 'parameter', type: 'nominal', sort: order, title: null },
                    x: { field: 'from', type: 'quantitative', title: f.t.value, scale: { zero: false } },
                    x2: { field: 'to' },
                    color: { field: 'change', type: 'nominal', title: f.t.change, scale: { domain: [f.t.low, f.t.high], range: ['#e45756', '#54a24b'] } },
                },
            },
            { mark: { type: 'rule', color: '#333' }, encoding: { x: { datum: base, type: 'quantitative' } } },
        ],
    } as TopLevelSpec);
}

/** All members of one community in every scenario, overlaid (P50 line, P10–P90 band each). */
export async function scenarioMembersChart(scenarios: ScenarioForecast[], community: string, f: Formatter): Promise<string | null> {
    const rows = scenarios.flatMap((sc) => {
        const c = sc.communities.find((x) => x.name === community);
        const s = c?.series.find((x) => x.key === 'members');
        return s ? bandRows(s, sc.scenario === null ? f.t.asWritten : displayName(sc.scenario, sc.title)) : [];
    });
    if (scenarios.length < 2 || rows.length === 0) return null;
    return renderSvg(bandSpec(rows, f.t.scenarioMembers, f.t.week, f.t.members, ',.0f', f.t.scenario));
}

/** New members per week by source (mean lines), when the forecast carries attribution. */
export async function sourceChart(sources: { label: string; weekly: number[] }[], f: Formatter): Promise<string | null> {
    if (sources.length === 0) return null;
    const values = sources.flatMap((s) => s.weekly.map((v, i) => ({ week: i + 1, source: s.label, value: v })));
    return renderSvg({
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: f.t.sourceChart,
        width: WIDTH,
        height: 220,
        config: baseConfig,
        data: { values },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
            x: { field: 'week', type: 'quantitative', title: f.t.week, axis: { tickMinStep: 1 } },
            y: { field: 'value', type: 'quantitative', title: f.t.newMembers, axis: { format: ',.0f' } },
            color: { field: 'source', type: 'nominal', title: f.t.source, sort: null },
        },
    } as TopLevelSpec);
}
