// The plan model: plain, validated data that the forecast, schedules and reports read.
// It is produced by lowering the AST (language/lower.ts) and never refers to langium or vscode.
// Units are canonical here: percents are fractions (12% -> 0.12), money is in the plan currency,
// durations are in minutes or days as named, and rates keep their period so the engine can convert
// exactly (monthly churn c -> weekly 1 - (1 - c)^(12/52)).
import * as z from 'zod';
import { ACTIVITY_FIELDS, CHANNEL_FIELDS, COMMUNITY_FIELDS, TIER_FIELDS } from './properties/registry.js';
import type { FieldTable, ModelValue } from './properties/values.js';

/** Where a model item came from, so views can reveal its line in the plan (0-based like LSP). */
export const SourceRef = z.object({
    uri: z.string(),
    line: z.number().int().nonnegative(),
    character: z.number().int().nonnegative(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/**
 * An uncertain number. `x` → fixed; `x ± y` → triangular(x−y, x, x+y);
 * `a..b` → uniform(a, b); `a..b likely m` → triangular(a, m, b).
 */
export const Dist = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), value: z.number() }),
    z.object({ kind: z.literal('uniform'), min: z.number(), max: z.number() }),
    z.object({ kind: z.literal('triangular'), min: z.number(), mode: z.number(), max: z.number() }),
]);
export type Dist = z.infer<typeof Dist>;

export const Period = z.enum(['day', 'week', 'month', 'year']);
export type Period = z.infer<typeof Period>;

export { WEEKS_PER } from './periods.js';

/** A probability-like share per period (churn, promotion, conversion, Bass p and q). */
export const Rate = z.object({ value: Dist, per: Period });
export type Rate = z.infer<typeof Rate>;

/** Money in the plan's currency; `per` is what it is charged for (post, run, week, join, day…). */
export const Money = z.object({ value: Dist, per: z.string().optional() });
export type Money = z.infer<typeof Money>;

/** The zod type of each kind of value a property lowers to (engine/properties/values.ts says what each holds). */
const MODEL_VALUES = {
    dist: Dist.optional(),
    number: z.number().optional(),
    perWeek: z.number().nonnegative().optional(),
    rate: Rate.optional(),
    weeklyRate: Rate.optional(),
    lifts: z.object({ retention: Dist.optional(), activity: Dist.optional(), promotion: Dist.optional(), buys: Dist.optional() }),
} as const satisfies Record<ModelValue, z.ZodType>;

/** The zod shape of a registry field table (engine/properties/registry.ts ACTIVITY_FIELDS …). */
export type FieldShape<T extends FieldTable> = { -readonly [K in keyof T]: (typeof MODEL_VALUES)[T[K]] };
/** The values a registry field table lowers to (language/lower.ts). */
export type FieldValues<T extends FieldTable> = z.infer<z.ZodObject<FieldShape<T>>>;
/** The value of one kind. */
export type ModelValueOf<V extends ModelValue> = z.infer<(typeof MODEL_VALUES)[V]>;

function fields<T extends FieldTable>(table: T): FieldShape<T> {
    return Object.fromEntries(Object.entries(table).map(([field, value]) => [field, MODEL_VALUES[value]])) as FieldShape<T>;
}

export const Weekday = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
export type Weekday = z.infer<typeof Weekday>;

/** A cadence. `once` uses `date`; the others repeat every `interval` units of `frequency`. */
export const Schedule = z.object({
    frequency: z.enum(['once', 'daily', 'weekly', 'monthly']),
    interval: z.number().int().positive(),
    weekdays: z.array(Weekday),
    monthDays: z.array(z.number().int().min(1).max(31)),
    /** Local times of day "HH:MM" in the plan's time zone; empty = all-day / unspecified. */
    times: z.array(z.string().regex(/^\d{2}:\d{2}$/)),
    /** ISO dates (YYYY-MM-DD), local to the plan's time zone. */
    date: z.string().optional(),
    from: z.string().optional(),
    until: z.string().optional(),
    count: z.number().int().positive().optional(),
    source: SourceRef.optional(),
});
export type Schedule = z.infer<typeof Schedule>;

export const Platform = z.object({
    name: z.string(),
    title: z.string().optional(),
    /** Known kinds (wechat-group, wecom-group, qq-group, discord, slack, discourse, telegram, douyin-fan-group, xiaohongshu …). */
    kind: z.string(),
    /** Effective limits: the platform table's defaults with the plan's overrides applied. */
    limits: z.record(z.string(), z.number()),
    source: SourceRef.optional(),
});
export type Platform = z.infer<typeof Platform>;

export const Audience = z.object({
    name: z.string(),
    title: z.string().optional(),
    size: Dist,
    ageMin: z.number().optional(),
    ageMax: z.number().optional(),
    interests: z.array(z.string()),
    regions: z.array(z.string()),
    /** Active hours as "HH:MM" pairs in the plan's time zone. */
    activeWindows: z.array(z.object({ start: z.string(), end: z.string() })),
    source: SourceRef.optional(),
});
export type Audience = z.infer<typeof Audience>;

export const Flow = z.object({ tier: z.string(), rate: Rate });
export type Flow = z.infer<typeof Flow>;

export const Tier = z.object({
    name: z.string(),
    title: z.string().optional(),
    /** share, invite, application, open, purchase …, or `fee` with a price. */
    entry: z.object({ condition: z.string(), detail: z.string().optional(), fee: Money.optional(), feePer: Period.optional() }).optional(),
    /** Promotions into this tier from another tier. */
    flowsFrom: z.array(Flow),
    /** Demotions from this tier down to another tier. */
    demotionsTo: z.array(Flow),
    // churn, active (share of the tier's members active in a period, usually weekly), seed (members at
    // the plan's start), buys (share of members buying per period: revenue = buyers × the community's
    // order value), repurchase (share of those who have bought before buying again; absent: `buys`),
    // capacity …: the fields of the tier's properties (engine/properties/registry.ts).
    ...fields(TIER_FIELDS),
    /** The platform the tier's groups live on (absent: it counts on every platform of the community). */
    platform: z.string().optional(),
    benefits: z.array(z.string()),
    source: SourceRef.optional(),
});
export type Tier = z.infer<typeof Tier>;

export const Content = z.object({
    name: z.string(),
    title: z.string().optional(),
    /** educational, promotional, ugc, product, tips, case-study, story, news, interaction … */
    kind: z.string(),
    format: z.string().optional(),
    schedules: z.array(Schedule),
    tiers: z.array(z.string()),
    platform: z.string().optional(),
    costPerPost: Dist.optional(),
    /** Posts per week set by a scenario or `solve` (`Tips.posts = 5 per week`): the schedule is scaled to it (engine/compile.ts rescaleCadence). */
    postsPerWeek: z.number().optional(),
    /** Views of one post outside the community (public platforms; default from engine/public-reach.ts). */
    reachPerPost: Dist.optional(),
    /** Share of those viewers who join the community (public platforms). */
    joinRate: Dist.optional(),
    /** Tier the joiners land in (default: the community's entry tier). */
    into: z.string().optional(),
    /** How posts reach a WeCom group: a company broadcast (mass message, the default) or posted manually in the group. */
    delivery: z.enum(['broadcast', 'manually']).optional(),
    /** How long a post's calendar slot lasts (`lasts 1 hours` for a livestream); absent: a point in time. */
    durationMinutes: z.number().nonnegative().optional(),
    owner: z.string().optional(),
    link: z.string().optional(),
    label: z.string().optional(),
    source: SourceRef.optional(),
});
export type Content = z.infer<typeof Content>;

export const Lottery = z.object({
    topPrize: z.number().optional(),
    odds: z.string().optional(),
    drawDate: z.string().optional(),
    drawTime: z.string().optional(),
    redemption: z.string().optional(),
    freeEntry: z.string().optional(),
});
export type Lottery = z.infer<typeof Lottery>;

export const DataCollection = z.object({
    fields: z.array(z.string()),
    purpose: z.string().optional(),
    retentionDays: z.number().optional(),
    consent: z.boolean(),
    consentKind: z.string().optional(),
});
export type DataCollection = z.infer<typeof DataCollection>;

export const Activity = z.object({
    name: z.string(),
    title: z.string().optional(),
    mode: z.enum(['online', 'offline']),
    /** challenge, salon, meetup, lottery, livestream, qa, vote, workshop, flash-sale, trial … */
    kind: z.string(),
    location: z.string().optional(),
    schedules: z.array(Schedule),
    durationMinutes: z.number().nonnegative(),
    /** Runs over the horizon set by a scenario or `solve` (`Salon.runs = 6`): the schedule's runs scaled to that total. */
    runsTotal: z.number().optional(),
    tiers: z.array(z.string()),
    // reach (share of the targeted tiers taking part in a run), lifts (points added for those taking
    // part; none given: the kind's defaults, engine/activity-effects.ts), costPerRun, capacity, staff …:
    // the fields of the activity's properties (engine/properties/registry.ts).
    ...fields(ACTIVITY_FIELDS),
    owner: z.string().optional(),
    materials: z.array(z.string()),
    incentives: z.array(z.object({ kind: z.string(), amount: z.number().optional() })),
    lottery: Lottery.optional(),
    data: DataCollection.optional(),
    source: SourceRef.optional(),
});
export type Activity = z.infer<typeof Activity>;

export const Referral = z.object({
    name: z.string(),
    title: z.string().optional(),
    /** invite-code, task-share, poster … */
    mechanic: z.string(),
    reward: Dist.optional(),
    rewardEachSide: z.boolean(),
    /** cash (default), red-packet, coupon, points, gift, pack (资料包), badge: engine/rewards.ts. */
    rewardKind: z.string().optional(),
    /** The reward the plan states, kept when a scenario, solve or the sensitivity changes it (its conversion is the stated one at this reward). */
    rewardAsWritten: Dist.optional(),
    /** Invitations sent per inviting member per period. */
    invites: Rate,
    /** Share of invitations that join. */
    conversion: Dist,
    cycleDays: z.number().positive(),
    tiers: z.array(z.string()),
    into: z.string().optional(),
    from: z.string().optional(),
    until: z.string().optional(),
    sharesTo: z.array(z.string()),
    source: SourceRef.optional(),
});
export type Referral = z.infer<typeof Referral>;

export const Channel = z.object({
    name: z.string(),
    title: z.string().optional(),
    /** Paid spend per period. */
    spend: Money.optional(),
    spendPer: Period.optional(),
    // costPerJoin, capacityPerWeek (the most joins a week; absent: as many as the spend buys) …: the
    // fields of the channel's properties (engine/properties/registry.ts).
    ...fields(CHANNEL_FIELDS),
    into: z.string().optional(),
    from: z.string().optional(),
    until: z.string().optional(),
    source: SourceRef.optional(),
});
export type Channel = z.infer<typeof Channel>;

export const Organic = z.object({
    innovation: Rate,
    imitation: Rate,
    into: z.string().optional(),
    source: SourceRef.optional(),
});
export type Organic = z.infer<typeof Organic>;

export const KpiMetric = z.enum([
    'members',
    'new-members',
    'active-rate',
    'active-members',
    'retention',
    'churn',
    'conversion',
    'revenue',
    'cost',
    'roi',
    'participation',
    'repurchase-rate',
]);
export type KpiMetric = z.infer<typeof KpiMetric>;

export const Kpi = z.object({
    name: z.string(),
    metric: KpiMetric,
    /** members/new-members/churn in one tier; conversion from → to. */
    tier: z.string().optional(),
    fromTier: z.string().optional(),
    toTier: z.string().optional(),
    /** Retention window in days (retention 30 days). */
    windowDays: z.number().optional(),
    op: z.enum(['>=', '<=', '>', '<']),
    /** Target in canonical units: fractions for percents, plan currency for money. */
    target: z.number(),
    /** Period of a rate target (conversion 6% per month). */
    targetPer: Period.optional(),
    /**
     * `>= 20% above scenario NoAds`: the target of each run is factor × the same KPI's value in the same
     * run of that scenario (common random numbers); `target` then holds the factor.
     */
    relativeTo: z.object({ scenario: z.string(), factor: z.number() }).optional(),
    /** 1-based week of the plan by which the target must hold (default: the last week). */
    deadlineWeek: z.number().int().positive(),
    source: SourceRef.optional(),
});
export type Kpi = z.infer<typeof Kpi>;

export const Community = z.object({
    name: z.string(),
    title: z.string().optional(),
    theme: z.string().optional(),
    platforms: z.array(z.string()),
    audiences: z.array(z.string()),
    rules: z.array(z.string()),
    // orderValue, margin (contribution margin on sales, a fraction: ROI is on margin when given),
    // baselineBuys (the purchase rate the same people would have without the community, for
    // incremental revenue) …: the fields of the community's properties (engine/properties/registry.ts).
    ...fields(COMMUNITY_FIELDS),
    data: DataCollection.optional(),
    tiers: z.array(Tier),
    /** The tier new members land in: the first tier that has no promotion flow into it. */
    entryTier: z.string().optional(),
    contents: z.array(Content),
    activities: z.array(Activity),
    referrals: z.array(Referral),
    channels: z.array(Channel),
    organic: Organic.optional(),
    kpis: z.array(Kpi),
    /** Observed numbers for calibration (`actuals "data/x.csv"` in the community or the plan block). */
    actuals: z.object({ path: z.string(), fsPath: z.string(), mapping: z.string().optional(), source: SourceRef.optional() }).optional(),
    source: SourceRef.optional(),
});
export type Community = z.infer<typeof Community>;

export const Override = z.object({
    /** Item name, or "plan" for the plan block. */
    target: z.string(),
    property: z.string(),
    value: Dist,
    per: z.string().optional(),
    unit: z.string().optional(),
});
/** What `community solve --write` found a scenario for (`solved for Growth at 80%`). */
export const SolvedFor = z.object({
    /** KPI names; every one was to reach `probability`. */
    kpis: z.array(z.string()),
    /** A fraction (0.8 for 80 %). */
    probability: z.number(),
});
export type SolvedFor = z.infer<typeof SolvedFor>;
export const Scenario = z.object({
    name: z.string(),
    title: z.string().optional(),
    overrides: z.array(Override),
    drops: z.array(z.string()),
    solved: SolvedFor.optional(),
    source: SourceRef.optional(),
});
export type Scenario = z.infer<typeof Scenario>;

export const Plan = z.object({
    name: z.string(),
    /** ISO date of the first day of week 1. */
    start: z.string(),
    horizonWeeks: z.number().int().positive(),
    timezone: z.string(),
    currency: z.string(),
    budget: z.number().optional(),
    team: z.object({ people: z.number(), hoursPerWeekEach: z.number().optional() }).optional(),
    markets: z.array(z.string()),
    /** Model coefficients overridden by `assume KEY VALUE` (see engine/assumptions.ts). */
    assumptions: z.record(z.string(), z.number()),
    platforms: z.array(Platform),
    audiences: z.array(Audience),
    communities: z.array(Community),
    scenarios: z.array(Scenario),
});
export type Plan = z.infer<typeof Plan>;
