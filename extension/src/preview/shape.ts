// Pure data shaping for the forecast preview: KPI table rows, calendar cells, the community overview
// and the status-bar headline. Number formats and traffic lights come from the engine's view model
// (engine/view/), the charts from its chart definitions. No DOM and no vscode here, so the webview,
// the extension host and unit tests all share it.
import type { CalendarItemView, CommunityForecastView, CostCategoryView, ForecastResult, KpiView, ScenarioForecastView } from '../../../protocol/forecast.js';
import { compareText } from '../../../engine/text.js';
import { compactNumber, formatProbability, formatValue } from '../../../engine/view/format.js';
import { likelihood, type Likelihood } from '../../../engine/view/kpi.js';

export { compactNumber, formatProbability, formatValue, likelihood, type Likelihood };

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
