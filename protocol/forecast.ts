// The `community/forecast` LSP request and the data the preview shows. Shared by the server (which
// fills it from the engine's view model, engine/view/forecast-view.ts), the extension host (which forwards it) and the
// webview (which draws it); it lives outside all three so none imports another (lint-enforced).
// Plain JSON only: no classes, no functions, nothing from vscode or langium.

export const FORECAST_REQUEST = 'community/forecast';

export interface ForecastParams {
    /** The plan document's URI as the client knows it. */
    uri: string;
    runs: number;
    seed: number;
    /** Scenario to show (absent: the base plan). */
    scenario?: string;
    /** A second scenario shown side by side ("" or "base" = the base plan). */
    compareScenario?: string;
    /**
     * Also run the sensitivity analysis (slower: two extra simulations per parameter). The preview
     * asks for it in a second request after the fast forecast has been drawn.
     */
    sensitivity?: boolean;
}

export interface SourceRef {
    uri: string;
    line: number;
    character: number;
}

/** Percentile bands, one value per week (index 0 = week 1). */
export interface Band {
    p10: number[];
    p50: number[];
    p90: number[];
}

export interface SeriesView {
    /** Stable key (tier name, "total", "cost", …). */
    key: string;
    label: string;
    band: Band;
    source?: SourceRef;
}

export interface KpiView {
    name: string;
    /** The tier of a per-tier KPI (members in Core), and the tiers of a conversion KPI. */
    tier?: string;
    fromTier?: string;
    toTier?: string;
    /** A retention KPI's window. */
    windowDays?: number;
    /** A rate target's period ("6% per month"); such a target is not drawn as a line. */
    targetPer?: string;
    /** Human-readable target, e.g. "members ≥ 20000 by week 26". */
    label: string;
    metric: string;
    op: string;
    target: number;
    /** Unit for formatting: "count", "percent" (fraction), "money", "ratio". */
    unit: KpiUnit;
    deadlineWeek: number;
    /** Probability (0..1) that the KPI holds at its deadline. */
    probability: number;
    /** Median value at the deadline, in the KPI's canonical unit. */
    p50: number;
    source?: SourceRef;
}

export type KpiUnit = 'count' | 'percent' | 'money' | 'ratio';

export interface SensitivityItem {
    /** Parameter being varied, e.g. "DouyinAds.paid". */
    parameter: string;
    /** The engine's id of the parameter ("FitHome.DouyinAds.costPerJoin"), from which each language labels it. */
    id?: string;
    /** KPI value (or probability) with the parameter at −20 % and +20 %. */
    low: number;
    high: number;
    source?: SourceRef;
}

export interface SensitivityView {
    /** What the bars measure, e.g. the KPI's name. */
    kpi: string;
    unit: KpiUnit;
    base: number;
    items: SensitivityItem[];
}

export interface CostCategoryView {
    category: 'content' | 'activities' | 'paid' | 'referral';
    p10: number;
    p50: number;
    p90: number;
}

/** One community's forecast within a scenario. */
export interface CommunityForecastView {
    /** The community's name in the plan (its identifier). */
    community: string;
    /** Its display title, when the plan gives one. */
    title?: string;
    weeks: number;
    /** Members by tier (one series per tier). */
    members: SeriesView[];
    total: SeriesView;
    /** Active members / members (fraction). */
    activeRate: Band;
    /** Cumulative cost and revenue in the plan currency. */
    cost: Band;
    revenue: Band;
    /** Total cost over the horizon by category (categories with no cost in any run left out). */
    costByCategory?: CostCategoryView[];
    kpis: KpiView[];
    /** The sensitivity analysis, on the community whose KPI it measures. */
    sensitivity?: SensitivityView;
    /** New members by where they came from (the forecast's attribution), largest first; absent without attribution. */
    sources?: SourceView[];
    /** ROI on margin and gross, incremental revenue and ROI at the horizon. */
    money?: MoneyView[];
    /** The plan's observed weeks (its `actuals` file), one entry per series they can be laid over. */
    actuals?: ActualSeriesView[];
    source?: SourceRef;
}

/** One source of new members: organic growth, a paid channel, a referral campaign, a public content item or an activity. */
export interface SourceView {
    /** "organic" or the item's name. */
    source: string;
    kind: 'organic' | 'channel' | 'referral' | 'content' | 'activity';
    /** The item's title and name ("" for organic: each surface says "organic" in its language). */
    label: string;
    p10: number;
    p50: number;
    p90: number;
    mean: number;
    /** Share of the mean new members of all sources (null when none joined). */
    share: number | null;
    /** Mean new members from this source in each week (index 0 = week 1). */
    weekly: number[];
}

/** A money figure at the horizon (P10, P50, P90). */
export interface MoneyView {
    kind: 'margin-roi' | 'gross-roi' | 'incremental-revenue' | 'incremental-roi';
    /** The contribution margin ROI is computed on (margin-roi only). */
    margin?: number;
    unit: 'money' | 'ratio';
    p10: number;
    p50: number;
    p90: number;
}

/** Observed values of one forecast series, with whether each left the forecast's P10–P90 band. */
export interface ActualSeriesView {
    /** "total", a tier name (members), "active-rate" or "revenue" (cumulative). */
    key: string;
    points: { week: number; value: number; outside: boolean }[];
}

export interface ScenarioForecastView {
    /** null = the base plan. */
    scenario: string | null;
    title: string;
    weeks: number;
    /** Every community of the plan, in plan order. */
    communities: CommunityForecastView[];
}

export interface CalendarItemView {
    /** The community the item belongs to. */
    community: string;
    name: string;
    title?: string;
    kind: 'content' | 'activity';
    /** Occurrences per plan week (index 0 = week 1). */
    perWeek: number[];
    source?: SourceRef;
}

export interface PlanSummaryView {
    name: string;
    start: string;
    horizonWeeks: number;
    currency: string;
    communities: { name: string; title?: string }[];
    scenarios: { name: string; title?: string }[];
}

export type ForecastResult =
    | {
          status: 'ok';
          uri: string;
          version: number;
          runs: number;
          seed: number;
          elapsedMs: number;
          plan: PlanSummaryView;
          /** The requested scenario first, then the comparison if one was asked for. */
          forecasts: ScenarioForecastView[];
          calendar: CalendarItemView[];
      }
    | {
          /** The plan has errors: the preview keeps its last good forecast, marked stale. */
          status: 'errors';
          uri: string;
          version: number;
          errorCount: number;
          firstError?: { message: string; line: number };
      }
    | {
          /** The forecast could not run (engine missing, plan not found, …). */
          status: 'unavailable';
          uri: string;
          version: number;
          message: string;
          /** The diagnostic code when the refusal has one (engine/diagnostics.ts: `forecast-too-large`). */
          code?: string;
      };

/** Messages from the extension host to the webview. */
export type HostMessage =
    { type: 'forecast'; result: ForecastResult; fileName: string } | { type: 'busy'; fileName: string } | { type: 'failed'; message: string; fileName: string };

/** Messages from the webview to the extension host. */
export type WebviewMessage =
    { type: 'ready' } | { type: 'reveal'; source: SourceRef } | { type: 'selectScenario'; scenario: string | null; compareScenario: string | null };
