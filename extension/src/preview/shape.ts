// Pure data shaping for the forecast preview: scales, ticks, band paths, number formats, KPI
// classes, tornado rows, calendar cells and the status-bar headline. No DOM and no vscode here, so
// the webview, the extension host and unit tests all share it.
import type { Band, CalendarItemView, CommunityForecastView, CostCategoryView, ForecastResult, KpiUnit, KpiView, ScenarioForecastView, SensitivityView } from '../../../protocol/forecast.js';
import { compareText } from '../../../engine/text.js';

export interface Scale {
    (value: number): number;
    domain: [number, number];
    range: [number, number];
}

/** A linear map from `domain` to `range`; a zero-width domain maps everything to the range's middle. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
    const [d0, d1] = domain;
    const [r0, r1] = range;
    const span = d1 - d0;
    const f = ((v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0))) as Scale;
    f.domain = [d0, d1];
    f.range = [r0, r1];
    return f;
}

/** About `count` round tick values (1, 2, 2.5, 5 × 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
    if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
    if (min > max) [min, max] = [max, min];
    if (min === max) {
        if (min === 0) return [0, 1];
        const pad = Math.abs(min) * 0.1;
        min -= pad;
        max += pad;
    }
    const raw = (max - min) / Math.max(1, count);
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
    const start = Math.floor(min / step) * step;
    const ticks: number[] = [];
    // Up to and including the first tick at or above max, so the axis covers every value.
    for (let v = start; ticks.length < 2 || ticks[ticks.length - 1] < max - step * 1e-9; v += step) {
        ticks.push(Number(v.toPrecision(12)));
        if (ticks.length > 50) break;
    }
    return ticks;
}

/** Smallest and largest value over all bands (P10 and P90 cover P50), ignoring non-finite values. */
export function bandExtent(bands: Band[]): [number, number] {
    let lo = Infinity;
    let hi = -Infinity;
    for (const b of bands) {
        for (const arr of [b.p10, b.p50, b.p90]) {
            for (const v of arr) {
                if (!Number.isFinite(v)) continue;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
        }
    }
    return lo === Infinity ? [0, 1] : [lo, hi];
}

function fmt(n: number): string {
    return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

/** SVG path data for a P10–P90 area and the P50 line of a band, week i at x(i + 1). */
export function bandPaths(band: Band, x: Scale, y: Scale): { area: string; median: string } {
    const n = Math.min(band.p10.length, band.p50.length, band.p90.length);
    if (n === 0) return { area: '', median: '' };
    const upper: string[] = [];
    const lower: string[] = [];
    const mid: string[] = [];
    for (let i = 0; i < n; i++) {
        const xi = fmt(x(i + 1));
        upper.push(`${xi},${fmt(y(band.p90[i]))}`);
        lower.push(`${xi},${fmt(y(band.p10[i]))}`);
        mid.push(`${xi},${fmt(y(band.p50[i]))}`);
    }
    const area = `M${upper.join('L')}L${lower.reverse().join('L')}Z`;
    return { area, median: `M${mid.join('L')}` };
}

export interface ChartSeries {
    key: string;
    label: string;
    band: Band;
}

export interface ChartGeometry {
    width: number;
    height: number;
    plot: { left: number; top: number; right: number; bottom: number };
    xTicks: { value: number; x: number }[];
    yTicks: { value: number; y: number }[];
    series: { key: string; label: string; area: string; median: string; last: { x: number; y: number; value: number } }[];
}

/** Everything needed to draw a band chart of several series over weeks 1..weeks. */
export function chartGeometry(series: ChartSeries[], weeks: number, width: number, height: number, opts: { zeroBased?: boolean; maxY?: number } = {}): ChartGeometry {
    const plot = { left: 48, top: 10, right: width - 10, bottom: height - 24 };
    let [lo, hi] = bandExtent(series.map((s) => s.band));
    if (opts.zeroBased !== false) lo = Math.min(0, lo);
    if (opts.maxY !== undefined) hi = Math.max(hi, opts.maxY);
    const yTickValues = niceTicks(lo, hi, 4);
    const y = linearScale([yTickValues[0], yTickValues[yTickValues.length - 1]], [plot.bottom, plot.top]);
    const x = linearScale([1, Math.max(2, weeks)], [plot.left, plot.right]);
    const step = weeks <= 13 ? 1 : weeks <= 26 ? 4 : weeks <= 52 ? 8 : 13;
    const xTicks: ChartGeometry['xTicks'] = [];
    for (let w = 1; w <= weeks; w += step) xTicks.push({ value: w, x: x(w) });
    return {
        width,
        height,
        plot,
        xTicks,
        yTicks: yTickValues.map((value) => ({ value, y: y(value) })),
        series: series.map((s) => {
            const { area, median } = bandPaths(s.band, x, y);
            const i = s.band.p50.length - 1;
            const value = i >= 0 ? s.band.p50[i] : 0;
            return { key: s.key, label: s.label, area, median, last: { x: x(i + 1), y: y(value), value } };
        }),
    };
}

/** "18.4k", "1.2M", "950": compact numbers for axes and headlines. */
export function compactNumber(value: number, lang: 'en' | 'zh-CN' = 'en'): string {
    if (!Number.isFinite(value)) return '–';
    const abs = Math.abs(value);
    const sign = value < 0 ? '-' : '';
    const trim = (n: number) => (n >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));
    if (lang === 'zh-CN') {
        if (abs >= 1e8) return `${sign}${trim(abs / 1e8)}亿`;
        if (abs >= 1e4) return `${sign}${trim(abs / 1e4)}万`;
    } else {
        if (abs >= 1e9) return `${sign}${trim(abs / 1e9)}B`;
        if (abs >= 1e6) return `${sign}${trim(abs / 1e6)}M`;
        if (abs >= 1e3) return `${sign}${trim(abs / 1e3)}k`;
    }
    if (abs >= 100 || Number.isInteger(value)) return `${sign}${Math.round(abs)}`;
    return `${sign}${trim(abs)}`;
}

/** A value in a KPI's unit: percents are fractions, money gets the currency code. */
export function formatValue(value: number, unit: KpiUnit, currency: string, lang: 'en' | 'zh-CN' = 'en'): string {
    if (!Number.isFinite(value)) return '–';
    switch (unit) {
        case 'percent':
            return `${Math.round(value * 1000) / 10}%`;
        case 'money':
            return `${compactNumber(value, lang)} ${currency}`;
        case 'ratio':
            return (Math.round(value * 100) / 100).toFixed(2);
        default:
            return compactNumber(value, lang);
    }
}

export function formatProbability(p: number): string {
    if (!Number.isFinite(p)) return '–';
    const pct = p * 100;
    if (pct > 0 && pct < 1) return '<1%';
    if (pct < 100 && pct > 99) return '>99%';
    return `${Math.round(pct)}%`;
}

export type Likelihood = 'likely' | 'uncertain' | 'unlikely';

/** ≥ 80 % likely, < 50 % unlikely, in between uncertain. */
export function likelihood(p: number): Likelihood {
    return p >= 0.8 ? 'likely' : p >= 0.5 ? 'uncertain' : 'unlikely';
}

export interface KpiRow {
    name: string;
    label: string;
    probability: string;
    p50: string;
    target: string;
    likelihood: Likelihood;
    /** Probability in the comparison scenario and the change, when comparing. */
    compare?: { probability: string; delta: number };
    kpi: KpiView;
}

/** KPI table rows of one community in plan order; with a comparison forecast, matched by KPI name. */
export function kpiRows(primary: CommunityForecastView, currency: string, lang: 'en' | 'zh-CN', compare?: CommunityForecastView): KpiRow[] {
    const byName = new Map((compare?.kpis ?? []).map((k) => [k.name, k]));
    return primary.kpis.map((k) => {
        const other = byName.get(k.name);
        return {
            name: k.name,
            label: k.label,
            probability: formatProbability(k.probability),
            p50: formatValue(k.p50, k.unit, currency, lang),
            target: `${k.op} ${formatValue(k.target, k.unit, currency, lang)}`,
            likelihood: likelihood(k.probability),
            compare: other ? { probability: formatProbability(other.probability), delta: other.probability - k.probability } : undefined,
            kpi: k,
        };
    });
}

export interface TornadoRow {
    parameter: string;
    low: number;
    high: number;
    /** Bar from min(low, high) to max(low, high), in pixels. */
    x0: number;
    x1: number;
    /** Where the base value sits, in pixels. */
    baseX: number;
    /** Which end the +20 % run lands on. */
    highIsRight: boolean;
    swing: number;
    source?: SensitivityView['items'][number]['source'];
}

/** Tornado bars sorted by swing (largest first), scaled into [left, right]. */
export function tornadoRows(view: SensitivityView, left: number, right: number, limit = 10): TornadoRow[] {
    const items = view.items
        .filter((i) => Number.isFinite(i.low) && Number.isFinite(i.high))
        .map((i) => ({ ...i, swing: Math.abs(i.high - i.low) }))
        .sort((a, b) => b.swing - a.swing || compareText(a.parameter, b.parameter))
        .slice(0, limit);
    let lo = view.base;
    let hi = view.base;
    for (const i of items) {
        lo = Math.min(lo, i.low, i.high);
        hi = Math.max(hi, i.low, i.high);
    }
    const x = linearScale([lo, hi], [left, right]);
    return items.map((i) => ({
        parameter: i.parameter,
        low: i.low,
        high: i.high,
        x0: x(Math.min(i.low, i.high)),
        x1: x(Math.max(i.low, i.high)),
        baseX: x(view.base),
        highIsRight: i.high >= i.low,
        swing: i.swing,
        source: i.source,
    }));
}

export interface CalendarRow {
    name: string;
    title?: string;
    kind: 'content' | 'activity';
    /** Per week: count and an intensity 0..1 relative to the row's busiest week (0 = nothing). */
    cells: { week: number; count: number; intensity: number }[];
    total: number;
    source?: CalendarItemView['source'];
}

/**
 * Calendar strip rows: one per content/activity, weeks 1..weeks, activities after content. With
 * `community`, only that community's items.
 */
export function calendarRows(items: CalendarItemView[], weeks: number, community?: string): CalendarRow[] {
    const order = { content: 0, activity: 1 } as const;
    return items
        .filter((item) => community === undefined || item.community === community)
        .sort((a, b) => order[a.kind] - order[b.kind])
        .map((item) => {
            const counts = Array.from({ length: weeks }, (_, i) => Math.max(0, item.perWeek[i] ?? 0));
            const max = Math.max(0, ...counts);
            return {
                name: item.name,
                title: item.title,
                kind: item.kind,
                cells: counts.map((count, i) => ({ week: i + 1, count, intensity: max === 0 || count === 0 ? 0 : 0.25 + 0.75 * (count / max) })),
                total: counts.reduce((a, b) => a + b, 0),
                source: item.source,
            };
        });
}

/** The community of a forecast to show: the one named, else the first. */
export function pickCommunity(forecast: ScenarioForecastView | undefined, name: string | null | undefined): CommunityForecastView | undefined {
    if (!forecast) return undefined;
    return forecast.communities.find((c) => c.community === name) ?? forecast.communities[0];
}

/** A community's display name: "GlowLab 会员社群 (GlowLab)", or the bare name without a title. */
export function communityLabel(c: { community?: string; name?: string; title?: string }): string {
    const name = c.community ?? c.name ?? '';
    return c.title && c.title !== name ? `${c.title} (${name})` : name;
}

export interface CommunitySummary {
    community: string;
    label: string;
    /** P50 members at the horizon. */
    membersP50: number;
    likely: number;
    kpis: number;
    /** Likelihood class of the community's weakest KPI (undefined without KPIs). */
    weakest?: Likelihood;
    source?: CommunityForecastView['source'];
}

/** One line per community: P50 members at the horizon and KPIs likely, in plan order. */
export function communitySummaries(forecast: ScenarioForecastView): CommunitySummary[] {
    return forecast.communities.map((c) => {
        const h = communityHeadline(c);
        const min = c.kpis.length ? Math.min(...c.kpis.map((k) => k.probability)) : undefined;
        return {
            community: c.community,
            label: communityLabel(c),
            membersP50: h.membersP50,
            likely: h.likely,
            kpis: h.total,
            weakest: min === undefined ? undefined : likelihood(min),
            source: c.source,
        };
    });
}

export interface Headline {
    /** P50 members at the horizon per community, in plan order. */
    membersP50: number[];
    /** KPIs likely (≥ 80 %) over all communities. */
    likely: number;
    total: number;
}

function communityHeadline(c: CommunityForecastView): { membersP50: number; likely: number; total: number } {
    const p50 = c.total.band.p50;
    return {
        membersP50: p50.length ? p50[p50.length - 1] : 0,
        likely: c.kpis.filter((k) => likelihood(k.probability) === 'likely').length,
        total: c.kpis.length,
    };
}

/**
 * What the status bar says: P50 members at the horizon of each community (medians do not add up,
 * so they are listed, not summed) and how many KPIs of all communities are likely (≥ 80 %).
 */
export function headline(forecast: ScenarioForecastView): Headline {
    const parts = forecast.communities.map(communityHeadline);
    return {
        membersP50: parts.map((p) => p.membersP50),
        likely: parts.reduce((a, p) => a + p.likely, 0),
        total: parts.reduce((a, p) => a + p.total, 0),
    };
}

/** "18.4k" for one community, "18.4k + 5.1k" for two. */
export function headlineMembers(h: Headline, lang: 'en' | 'zh-CN' = 'en'): string {
    return h.membersP50.length ? h.membersP50.map((v) => compactNumber(v, lang)).join(' + ') : compactNumber(0, lang);
}

/** True when a result carries a forecast to draw. */
export function isOk(result: ForecastResult): result is Extract<ForecastResult, { status: 'ok' }> {
    return result.status === 'ok';
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Cost categories of a community with each one's share of the sum of their P50 totals (widest first). */
export function costShares(f: CommunityForecastView): Array<CostCategoryView & { share: number }> {
    const rows = f.costByCategory ?? [];
    const total = rows.reduce((sum, r) => sum + r.p50, 0);
    return rows.map((r) => ({ ...r, share: total > 0 ? r.p50 / total : 0 })).sort((a, b) => b.share - a.share || compareText(a.category, b.category));
}
