// The JSON output of `community simulate --format json`, as zod types. The JSON Schema shipped in
// schemas/forecast.schema.json is generated from these with zod's z.toJSONSchema
// by `node --import tsx schemas/write-forecast-schema.ts`; a test fails when the file is stale, and
// `community simulate --print-schema` prints the same schema.
import * as z from 'zod';
import { Kpi, KpiMetric } from './model.js';
import { COST_CATEGORIES } from './cost-categories.js';

/** Bumped when a consumer would need to change; additions keep the version. */
export const FORECAST_FORMAT_VERSION = '1.0';

const num = z.number();
const maybe = z.number().nullable();
const band = z.array(maybe);

export const SeriesUnit = z.enum(['people', 'share', 'money', 'ratio', 'groups', 'hours']);

export const ForecastSeries = z
    .object({
        key: z.string().describe('Stable key: members, members:<tier>, new-members, active-rate, retention-30d, groups:<platform> …'),
        label: z.string(),
        unit: SeriesUnit,
        tier: z.string().optional(),
        platform: z.string().optional(),
        p10: band.describe('10th percentile over runs, one value per week (null where undefined, e.g. retention before a cohort is old enough).'),
        p50: band,
        p90: band,
        mean: band,
    })
    .strict();
export type ForecastSeries = z.infer<typeof ForecastSeries>;

// A KPI as the plan states it (engine/model.ts), without its source, plus what the forecast says.
export const KpiForecast = Kpi.omit({ source: true })
    .extend({
        probability: z.number().min(0).max(1).describe('Share of runs meeting the target at the deadline week.'),
        p10: maybe,
        p50: maybe,
        p90: maybe,
        mean: maybe,
    })
    .strict();
export type KpiForecast = z.infer<typeof KpiForecast>;

export const CommunityForecast = z
    .object({
        name: z.string(),
        title: z.string().optional(),
        tiers: z.array(z.string()),
        entryTier: z.string(),
        fromWeek: z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
                "First week simulated (1-based), present when the community's actuals gave the forecast an observed start: weeks before it are the observed history, the same in every run (a zero-width band where the file measures the series), and the forecast runs on from the state they leave. Absent: simulated from the plan's start.",
            ),
        weeks: z.array(z.object({ week: z.number().int().positive(), start: z.string() }).strict()),
        series: z.array(ForecastSeries),
        kpis: z.array(KpiForecast),
        costByCategory: z
            .array(
                z
                    .object({
                        category: z
                            .enum(COST_CATEGORIES)
                            .describe(
                                'content: per-post costs; activities: cost per run and priced staff hours; paid: channel spend; referral: rewards paid per referred join.',
                            ),
                        p10: num,
                        p50: num,
                        p90: num,
                        mean: num,
                    })
                    .strict(),
            )
            .optional()
            .describe('Total cost over the horizon by category: percentiles over runs (each percentile on its own, so they need not add up to the total).'),
        newMembersBySource: z
            .array(
                z
                    .object({
                        source: z.string().describe('"organic", or the name of a paid channel, referral campaign or public content item.'),
                        kind: z.enum(['organic', 'channel', 'referral', 'content']),
                        p10: num,
                        p50: num,
                        p90: num,
                        mean: num,
                        weeklyMean: z
                            .array(num)
                            .describe('Mean new members from this source in each week (the weekly means of all sources add up to the mean of new-members).'),
                    })
                    .strict(),
            )
            .optional()
            .describe("New members over the horizon by where they came from; in every run the sources add up to the run's new members."),
        money: z
            .object({
                margin: z.number().nullable().describe('Mean contribution margin on sales; null when the plan gives none (ROI is then on gross sales).'),
                grossRoi: z.object({ p10: num, p50: num, p90: num, mean: num }).strict(),
                roi: z.object({ p10: num, p50: num, p90: num, mean: num }).strict().describe('On contribution margin when a margin is given, else gross.'),
                incrementalRevenue: z
                    .object({ p10: num, p50: num, p90: num, mean: num })
                    .strict()
                    .nullable()
                    .describe('Revenue minus what the members would have bought without the community (baseline); null without a baseline.'),
                incrementalRoi: z.object({ p10: num, p50: num, p90: num, mean: num }).strict().nullable(),
            })
            .strict()
            .optional()
            .describe('Money at the horizon: ROI gross and on margin, and incremental revenue and ROI against the baseline.'),
        notes: z.array(z.string()),
    })
    .strict();
export type CommunityForecast = z.infer<typeof CommunityForecast>;

export const BudgetForecast = z
    .object({
        amount: num,
        probabilityWithin: z.number().min(0).max(1).describe('Share of runs whose total cost over the horizon (all communities) stays within the budget.'),
        cost: z.object({ p10: num, p50: num, p90: num, mean: num }).strict(),
    })
    .strict();

export const ScenarioForecast = z
    .object({
        scenario: z.string().nullable().describe('null for the plan as written.'),
        title: z.string().optional(),
        communities: z.array(CommunityForecast),
        budget: BudgetForecast.optional(),
    })
    .strict();
export type ScenarioForecast = z.infer<typeof ScenarioForecast>;

const Outcome = z.object({ factor: num, value: maybe, probability: z.number().min(0).max(1) }).strict();

export const SensitivityParameter = z
    .object({
        id: z.string().describe('Path of the parameter, e.g. FitHome.DouyinAds.costPerJoin or assume.fatigue-churn.'),
        label: z.string(),
        base: num.describe('Centre of the parameter as planned.'),
        low: Outcome,
        high: Outcome,
        swing: num.describe('|P50 at +20 % − P50 at −20 %| of the KPI value; the ranking key.'),
    })
    .strict();

export const SensitivityReport = z
    .object({
        scenario: z.string().nullable(),
        community: z.string(),
        kpi: z.string(),
        metric: KpiMetric,
        runs: z.number().int().positive(),
        baseline: z.object({ value: maybe, probability: z.number().min(0).max(1) }).strict(),
        parameters: z.array(SensitivityParameter),
    })
    .strict();
export type SensitivityReport = z.infer<typeof SensitivityReport>;

export const ForecastReport = z
    .object({
        format_version: z.literal(FORECAST_FORMAT_VERSION),
        plan: z.string(),
        start: z.string(),
        horizonWeeks: z.number().int().positive(),
        currency: z.string(),
        runs: z.number().int().positive(),
        seed: z.number().int(),
        assumptions: z.record(z.string(), num).describe('Effective model coefficients (defaults and plan overrides).'),
        forecasts: z.array(ScenarioForecast),
        sensitivity: SensitivityReport.optional(),
    })
    .strict();
export type ForecastReport = z.infer<typeof ForecastReport>;

/** The JSON Schema (draft 2020-12) of the forecast output. */
export function forecastJsonSchema(): Record<string, unknown> {
    const schema = z.toJSONSchema(ForecastReport, { target: 'draft-2020-12' }) as Record<string, unknown>;
    return {
        $schema: schema.$schema,
        $id: 'https://community-plans.dev/schemas/forecast.schema.json',
        title: 'Community plan forecast',
        description: `Output of \`community simulate --format json\` (format_version ${FORECAST_FORMAT_VERSION}).`,
        ...schema,
    };
}
