// Compiles one community of a plan into the flat, index-based structure the Monte Carlo loop runs
// on: every uncertain number becomes a slot in a distribution table (sampled once per run), every
// schedule becomes a per-week count, and the deterministic content effects are worked out per week
// and tier in advance. Nothing here draws random numbers.
//
// One file per kind of item under engine/compile/: context.ts (the distribution table, notes, tiers by
// name), tiers.ts (tiers and flows), inflows.ts (audience, organic, channels, referrals),
// activities.ts, content.ts, series.ts (stored series and KPIs). This module puts them together in
// the order their distribution slots are handed out (part of the draw order) and re-exports them.
import { Assumptions } from './assumptions.js';
import type { Community, Dist, Plan } from './model.js';
import { compileContext, periodOf, type Favour } from './compile/context.js';
import { compileTiers, type CompiledFlow } from './compile/tiers.js';
import { compileAudiences, compileChannels, compileOrganic, compileReferrals, type CompiledChannel, type CompiledReferral } from './compile/inflows.js';
import { compileActivities, type CompiledActivity } from './compile/activities.js';
import { compileContent, type CompiledPublicContent } from './compile/content.js';
import { compileKpis, compileSeries, type CompiledKpi, type SeriesDef } from './compile/series.js';

export { DistTable, type Favour } from './compile/context.js';
export type { CompiledFlow } from './compile/tiers.js';
export type { CompiledChannel, CompiledReferral } from './compile/inflows.js';
export { runsOf, type CompiledActivity } from './compile/activities.js';
export { cadenceOf, rescaleCadence, type CompiledPublicContent } from './compile/content.js';
export { S, STANDARD_RETENTION_DAYS, type CompiledKpi, type SeriesDef, type SeriesUnit } from './compile/series.js';

export interface CompiledCommunity {
    community: Community;
    horizon: number;
    start: string;
    T: number;
    tierNames: string[];
    entry: number;
    dists: Dist[];
    series: SeriesDef[];
    /** Series index of members:<tier> for tier 0 (the others follow in tier order). */
    tierSeries0: number;
    retentionDays: number[];
    retentionSeries0: number;
    groupSeries0: number;
    groupCapacities: number[];
    /** Per group series: 1 for the tiers whose members count on that platform (a tier's own platform, or every platform when it names none). */
    groupTiers: Uint8Array[];
    /** Longest cohort age tracked, in weeks. */
    maxCohortAge: number;
    audiences: number[]; // slots; empty = no addressable audience (unbounded)
    tierSeed: Int32Array;
    tierChurn: Int32Array;
    tierChurnWeeksPer: Float64Array;
    tierActive: Int32Array;
    tierActiveWeeksPer: Float64Array;
    tierBuys: Int32Array;
    tierBuysWeeksPer: Float64Array;
    /** Repurchase rate slot per tier (−1: buyers buy again at the `buys` rate) and its period in weeks. */
    tierRepurchase: Int32Array;
    tierRepurchaseWeeksPer: Float64Array;
    /** Buyers are split into first-time and repeat (the repurchase-rate series) only when a tier declares `repurchase` or a KPI asks for the rate: it costs time every run-week. */
    tracksRepurchase: boolean;
    tierCapacity: Float64Array;
    /** Fee slot per tier; weekly fees are multiplied by feeWeekly, one-off fees by feeOnce. */
    tierFee: Int32Array;
    tierFeeWeekly: Float64Array;
    tierFeeOnce: Float64Array;
    orderValue: number;
    flows: CompiledFlow[];
    /** Flow indexes leaving each tier, in draw order. */
    flowsOut: number[][];
    organic?: { p: number; pWeeksPer: number; q: number; qWeeksPer: number; into: number };
    channels: CompiledChannel[];
    referrals: CompiledReferral[];
    activities: CompiledActivity[];
    /** Deterministic weekly churn added by content (promotional share + fatigue), [w*T + t]. */
    contentChurn: Float64Array;
    /** Deterministic active-rate lift from valuable content, [w*T + t]. */
    contentActive: Float64Array;
    /** Deterministic weekly purchase probability added by content (selling posts), [w*T + t]. */
    contentBuys: Float64Array;
    /** Word-of-mouth multiplier of the week from shareable content (1 = none), [w]. */
    wordOfMouth: Float64Array;
    /** Content on public platforms, in draw-source order after the referrals. */
    publicContents: CompiledPublicContent[];
    /** Staff hours of posting per week (HOURS_PER_POST × posts), [w]. */
    contentHours: Float64Array;
    /** Share of an activity's lift left one week later (0.5^(1/half-life); 0 = none). */
    activityCarry: number;
    /** Contribution margin slot (−1: ROI on gross sales). */
    margin: number;
    /** Baseline purchase rate slot (−1: none) and its period in weeks. */
    baselineBuys: number;
    baselineBuysWeeksPer: number;
    /** Inflow sources in attribution order: organic (if any), channels, referrals, public content. */
    sources: { name: string; kind: 'organic' | 'channel' | 'referral' | 'content' }[];
    /** Favour of each distribution slot (see Favour). */
    favour: Favour[];
    /** Posts per content per week, [c*H + w], and the cost slot per content. */
    contentPosts: Float64Array;
    contentCost: Int32Array;
    contentNames: string[];
    paidSaturation: number;
    staffHourCost: number;
    kpiRateWindow: number;
    /** Churn of an active member relative to an inactive one (engagement → retention). */
    activeChurnRatio: number;
    kpis: CompiledKpi[];
    notes: string[];
}

export function compileCommunity(plan: Plan, community: Community, assumptions: Assumptions): CompiledCommunity {
    const ctx = compileContext(plan, community, assumptions);
    const { H, T, tierNames, entry, table, notes } = ctx;
    const tiers = compileTiers(ctx);
    const audiences = compileAudiences(ctx);
    const organic = compileOrganic(ctx);
    const channels = compileChannels(ctx);
    const referrals = compileReferrals(ctx);
    const activities = compileActivities(ctx);
    const { contentPosts, contentCost, contentChurn, contentActive, contentBuys, wordOfMouth, publicContents, contentHours } = compileContent(ctx);
    const halfLife = assumptions.get('activity-half-life');
    const activityCarry = halfLife > 0 ? Math.pow(0.5, 1 / halfLife) : 0;
    const margin = table.add(community.margin);
    const baselineBuys = table.add(community.baselineBuys?.value);
    const sources: CompiledCommunity['sources'] = [
        ...(organic ? [{ name: 'organic', kind: 'organic' as const }] : []),
        ...channels.map((c) => ({ name: c.name, kind: 'channel' as const })),
        ...referrals.map((r) => ({ name: r.name, kind: 'referral' as const })),
        ...publicContents.map((c) => ({ name: c.name, kind: 'content' as const })),
    ];

    const { retentionDays, series, tierSeries0, retentionSeries0, groupSeries0, groupCapacities, groupTiers } = compileSeries(ctx);
    const kpis = compileKpis(ctx, { retentionDays, retentionSeries0 });

    return {
        community,
        horizon: H,
        start: plan.start,
        T,
        tierNames,
        entry,
        dists: table.dists,
        series,
        tierSeries0,
        retentionDays,
        retentionSeries0,
        groupSeries0,
        groupCapacities,
        groupTiers,
        maxCohortAge: Math.ceil(retentionDays[retentionDays.length - 1] / 7),
        audiences,
        ...tiers,
        tracksRepurchase: community.tiers.some((t) => t.repurchase !== undefined) || community.kpis.some((k) => k.metric === 'repurchase-rate'),
        orderValue: table.add(community.orderValue, 1),
        organic,
        channels,
        referrals,
        activities,
        contentChurn,
        contentActive,
        contentBuys,
        wordOfMouth,
        publicContents,
        contentHours,
        activityCarry,
        margin,
        baselineBuys,
        baselineBuysWeeksPer: community.baselineBuys ? periodOf(community.baselineBuys) : 1,
        sources,
        favour: table.favour,
        contentPosts,
        contentCost,
        contentNames: community.contents.map((c) => c.name),
        paidSaturation: assumptions.get('paid-saturation'),
        staffHourCost: assumptions.get('staff-hour-cost'),
        kpiRateWindow: Math.max(1, Math.round(assumptions.get('kpi-rate-window'))),
        activeChurnRatio: assumptions.get('active-churn-ratio'),
        kpis,
        notes,
    };
}
