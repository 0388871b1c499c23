// Compiles one community of a plan into the flat, index-based structure the Monte Carlo loop runs
// on: every uncertain number becomes a slot in a distribution table (sampled once per run), every
// schedule becomes a per-week count, and the deterministic content effects are worked out per week
// and tier in advance. Nothing here draws random numbers.
import { rewardConversionScale, rewardCostFactor } from './rewards.js';
import { Assumptions } from './assumptions.js';
import { defaultActivityLifts } from './activity-effects.js';
import { contentEffect } from './content-effects.js';
import { publicReachOf } from './public-reach.js';
import { HOURS_PER_POST, staffHoursPerRun } from './staff.js';
import { coveragePerWeek, occurrencesPerWeek, windowFractionPerWeek } from './cadence.js';
import { WEEKS_PER, type Activity, type Community, type Content, type Dist, type Kpi, type Period, type Plan, type Rate } from './model.js';
import { parsePeriod } from './rates.js';

/** Retention windows (days) always reported; KPI windows are added to these. */
export const STANDARD_RETENTION_DAYS = [7, 30, 90] as const;

export type SeriesUnit = 'people' | 'share' | 'money' | 'ratio' | 'groups' | 'hours';

export interface SeriesDef {
    /** Stable key: members, members:Core, new-members, retention-30d, groups:WeChatGroups … */
    readonly key: string;
    readonly label: string;
    readonly unit: SeriesUnit;
    readonly tier?: string;
    readonly platform?: string;
}

/**
 * A cadence set by a scenario or `solve` (`Tips.posts = 5 per week`): the schedule keeps its shape and
 * is scaled so that it averages that many posts a week from its first posting week to its last
 * (fractions of a post are expected posts). A content that never posts within the horizon posts that
 * many every week.
 */
export function rescaleCadence(posts: Float64Array, perWeek: number): void {
    const target = Math.max(0, perWeek);
    const { weeks, total } = cadenceSpan(posts);
    if (weeks === 0) posts.fill(target);
    else for (let w = 0; w < posts.length; w++) posts[w] *= (target * weeks) / total;
}

/** Posts and weeks from a schedule's first posting week to its last. */
function cadenceSpan(posts: Float64Array): { weeks: number; total: number } {
    let first = -1;
    let last = -1;
    let total = 0;
    for (let w = 0; w < posts.length; w++) {
        if (!(posts[w] > 0)) continue;
        if (first < 0) first = w;
        last = w;
        total += posts[w];
    }
    return { weeks: first < 0 ? 0 : last - first + 1, total };
}

/** Runs of an activity over the horizon as its schedules give them (the total `Salon.runs = 6` scales). */
export function runsOf(plan: Plan, activity: Activity): number {
    let total = 0;
    for (const s of activity.schedules) for (const n of occurrencesPerWeek(s, plan.start, plan.horizonWeeks)) total += n;
    return total;
}

/** A content's posts per week as its schedules give them (the cadence `rescaleCadence` sets). */
export function cadenceOf(plan: Plan, content: Content): number {
    const posts = new Float64Array(plan.horizonWeeks);
    for (const s of content.schedules) {
        const n = occurrencesPerWeek(s, plan.start, plan.horizonWeeks);
        for (let w = 0; w < posts.length; w++) posts[w] += n[w];
    }
    const { weeks, total } = cadenceSpan(posts);
    return weeks === 0 ? 0 : total / weeks;
}

/** Indexes of the fixed series; per-tier, retention and group series follow. */
export const S = {
    members: 0,
    newMembers: 1,
    activeMembers: 2,
    activeRate: 3,
    churned: 4,
    promotions: 5,
    demotions: 6,
    cost: 7,
    revenue: 8,
    cumulativeCost: 9,
    cumulativeRevenue: 10,
    roi: 11,
    staffHours: 12,
    participation: 13,
    repurchaseRate: 14,
} as const;

const FIXED_SERIES: SeriesDef[] = [
    { key: 'members', label: 'Members', unit: 'people' },
    { key: 'new-members', label: 'New members', unit: 'people' },
    { key: 'active-members', label: 'Active members', unit: 'people' },
    { key: 'active-rate', label: 'Active rate', unit: 'share' },
    { key: 'churned', label: 'Churned', unit: 'people' },
    { key: 'promotions', label: 'Promotions', unit: 'people' },
    { key: 'demotions', label: 'Demotions', unit: 'people' },
    { key: 'cost', label: 'Cost', unit: 'money' },
    { key: 'revenue', label: 'Revenue', unit: 'money' },
    { key: 'cumulative-cost', label: 'Cumulative cost', unit: 'money' },
    { key: 'cumulative-revenue', label: 'Cumulative revenue', unit: 'money' },
    { key: 'roi', label: 'Cumulative ROI', unit: 'ratio' },
    { key: 'staff-hours', label: 'Staff hours', unit: 'hours' },
    { key: 'participation', label: 'Participation in activities', unit: 'share' },
    { key: 'repurchase-rate', label: 'Repurchase rate (buyers who bought again)', unit: 'share' },
];

/**
 * Which way a sampled number pushes the forecast, for the checker's cases (engine/projection.ts):
 * +1 more of it means more members, activity or money (seeds, audience, conversion, spend, lifts),
 * −1 less of it does (churn, demotions, cost per join), 0 neither (prices of posts and runs, fees).
 */
export type Favour = 1 | -1 | 0;

/** A table of distributions sampled once per run into a Float64Array of parameters. */
export class DistTable {
    readonly dists: Dist[] = [];
    readonly favour: Favour[] = [];
    add(dist: Dist | undefined, favour: Favour = 0): number {
        if (!dist) return -1;
        this.dists.push(dist);
        this.favour.push(favour);
        return this.dists.length - 1;
    }
    constant(value: number): number {
        return this.add({ kind: 'fixed', value });
    }
}

export interface CompiledFlow {
    from: number;
    to: number;
    demotion: boolean;
    rate: number; // dist slot
    weeksPer: number;
}

export interface CompiledActivity {
    name: string;
    tierMask: Uint8Array;
    tiers: number[];
    /** 1 in weeks when a run is under way. */
    cover: Float64Array;
    /** Runs starting in each week (costs, staff hours). */
    runs: Float64Array;
    /** Runs under way in each week (capacity × this is the most who can take part): the runs starting, or those still going. */
    runsUnderWay: Float64Array;
    reach: number; // slot
    capacity: number; // Infinity when unlimited
    liftRetention: number; // slot or -1
    liftActivity: number;
    liftPromotion: number;
    liftBuys: number;
    costPerRun: number; // slot or -1
    staffHoursPerRun: number;
    /** Cost of the incentives handed to each participant of a run (engine/rewards.ts), paid in the week the run starts. */
    incentivePerParticipant: number;
}

/** Content on a public platform: people outside the community see its posts, and some join. */
export interface CompiledPublicContent {
    name: string;
    into: number;
    /** Posts per week, [w]. */
    posts: Float64Array;
    reach: number; // slot: views per post
    joinRate: number; // slot
}

export interface CompiledChannel {
    name: string;
    into: number;
    spend: number; // slot or -1
    /** Multiplies the sampled spend to give the spend in each week (period conversion × window share). */
    spendFactor: Float64Array;
    costPerJoin: number; // slot or -1
}

export interface CompiledReferral {
    name: string;
    into: number;
    tierMask: Uint8Array;
    invites: number; // slot
    invitesWeeksPer: number;
    conversion: number; // slot
    cycleDays: number;
    reward: number; // slot or -1
    /** Sides rewarded × what one unit of the written reward costs (engine/rewards.ts; cash: 1). */
    rewardSides: number;
    /** Factor on the conversion when the reward differs from the one the plan states (1 otherwise). */
    conversionScale: number;
    window: Float64Array;
}

export interface CompiledKpi {
    kpi: Kpi;
    /** 0-based deadline week, clamped to the horizon. */
    week: number;
    tier: number; // -1 = whole community
    from: number;
    to: number;
    /** Series index of the retention window for retention KPIs. */
    retentionSeries: number;
}

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

function periodOf(rate: Rate): number {
    return WEEKS_PER[rate.per];
}

export function compileCommunity(plan: Plan, community: Community, assumptions: Assumptions): CompiledCommunity {
    const H = plan.horizonWeeks;
    const notes: string[] = [];
    const table = new DistTable();

    // ---- tiers ----
    const tiers = community.tiers.length > 0 ? community.tiers : [{ name: 'members', flowsFrom: [], demotionsTo: [], benefits: [] } as unknown as Community['tiers'][number]];
    const T = tiers.length;
    const tierNames = tiers.map((t) => t.name);
    const tierIndex = new Map(tierNames.map((n, i) => [n, i]));
    const idx = (name: string | undefined, fallback: number, what: string): number => {
        if (name === undefined) return fallback;
        const i = tierIndex.get(name);
        if (i === undefined) {
            notes.push(`${what} names unknown tier "${name}"; using "${tierNames[fallback]}".`);
            return fallback;
        }
        return i;
    };
    let entry = community.entryTier !== undefined ? (tierIndex.get(community.entryTier) ?? -1) : -1;
    if (entry < 0) {
        entry = tiers.findIndex((t) => t.flowsFrom.length === 0);
        if (entry < 0) entry = 0;
    }

    const tierSeed = new Int32Array(T);
    const tierChurn = new Int32Array(T);
    const tierChurnWeeksPer = new Float64Array(T).fill(1);
    const tierActive = new Int32Array(T);
    const tierActiveWeeksPer = new Float64Array(T).fill(1);
    const tierBuys = new Int32Array(T);
    const tierBuysWeeksPer = new Float64Array(T).fill(1);
    const tierRepurchase = new Int32Array(T);
    const tierRepurchaseWeeksPer = new Float64Array(T).fill(1);
    const tierCapacity = new Float64Array(T).fill(Infinity);
    const tierFee = new Int32Array(T);
    const tierFeeWeekly = new Float64Array(T);
    const tierFeeOnce = new Float64Array(T);
    const flows: CompiledFlow[] = [];
    tiers.forEach((tier, t) => {
        tierSeed[t] = table.add(tier.seed, 1);
        tierChurn[t] = table.add(tier.churn?.value, -1);
        if (tier.churn) tierChurnWeeksPer[t] = periodOf(tier.churn);
        tierActive[t] = table.add(tier.active?.value, 1);
        if (tier.active) tierActiveWeeksPer[t] = periodOf(tier.active);
        tierBuys[t] = table.add(tier.buys?.value, 1);
        if (tier.buys) tierBuysWeeksPer[t] = periodOf(tier.buys);
        tierRepurchase[t] = table.add(tier.repurchase?.value, 1);
        if (tier.repurchase) tierRepurchaseWeeksPer[t] = periodOf(tier.repurchase);
        if (tier.capacity !== undefined && tier.capacity >= 0) tierCapacity[t] = tier.capacity;
        const fee = tier.entry?.fee;
        tierFee[t] = table.add(fee?.value);
        if (fee) {
            const per: Period | undefined = tier.entry?.feePer ?? parsePeriod(fee.per);
            if (per) tierFeeWeekly[t] = 1 / WEEKS_PER[per];
            else tierFeeOnce[t] = 1;
        }
        for (const f of tier.flowsFrom) {
            const from = tierIndex.get(f.tier);
            if (from === undefined || from === t) {
                notes.push(`Flow into "${tier.name}" from unknown tier "${f.tier}" is ignored.`);
                continue;
            }
            flows.push({ from, to: t, demotion: false, rate: table.add(f.rate.value, 1), weeksPer: periodOf(f.rate) });
        }
        for (const f of tier.demotionsTo) {
            const to = tierIndex.get(f.tier);
            if (to === undefined || to === t) {
                notes.push(`Demotion from "${tier.name}" to unknown tier "${f.tier}" is ignored.`);
                continue;
            }
            flows.push({ from: t, to, demotion: true, rate: table.add(f.rate.value, -1), weeksPer: periodOf(f.rate) });
        }
    });
    const flowsOut: number[][] = tierNames.map(() => []);
    flows.forEach((f, i) => flowsOut[f.from].push(i));

    // ---- audience ----
    const audiences: number[] = [];
    for (const name of community.audiences) {
        const a = plan.audiences.find((x) => x.name === name);
        if (a) audiences.push(table.add(a.size, 1));
        else notes.push(`Audience "${name}" is not defined; it is left out of the addressable pool.`);
    }
    if (audiences.length === 0) notes.push('No audience: the addressable pool is unbounded, so organic diffusion is off and paid and referral joins are not capped.');

    // ---- inflows ----
    let organic: CompiledCommunity['organic'];
    if (community.organic) {
        const o = community.organic;
        organic = {
            p: table.add(o.innovation.value, 1),
            pWeeksPer: periodOf(o.innovation),
            q: table.add(o.imitation.value, 1),
            qWeeksPer: periodOf(o.imitation),
            into: idx(o.into, entry, 'Organic growth'),
        };
    }
    const channels: CompiledChannel[] = community.channels.map((c) => {
        const window = windowFractionPerWeek(plan.start, H, c.from, c.until);
        const per: Period | undefined = c.spendPer ?? parsePeriod(c.spend?.per);
        const spendFactor = new Float64Array(H);
        if (per) {
            for (let w = 0; w < H; w++) spendFactor[w] = window[w] / WEEKS_PER[per];
        } else if (c.spend) {
            // A spend without a period is a total, spread evenly over the channel's weeks.
            let weeks = 0;
            for (let w = 0; w < H; w++) weeks += window[w];
            for (let w = 0; w < H; w++) spendFactor[w] = weeks > 0 ? window[w] / weeks : 0;
        }
        if (c.spend && !c.costPerJoin) notes.push(`Channel "${c.name}" has spend but no cost per join; it costs money but brings no members.`);
        return { name: c.name, into: idx(c.into, entry, `Channel "${c.name}"`), spend: table.add(c.spend?.value, 1), spendFactor, costPerJoin: table.add(c.costPerJoin, -1) };
    });
    const referrals: CompiledReferral[] = community.referrals.map((r) => {
        const tierMask = new Uint8Array(T);
        if (r.tiers.length === 0) tierMask.fill(1);
        for (const name of r.tiers) {
            const i = tierIndex.get(name);
            if (i !== undefined) tierMask[i] = 1;
        }
        return {
            name: r.name,
            into: idx(r.into, entry, `Referral "${r.name}"`),
            tierMask,
            invites: table.add(r.invites.value, 1),
            invitesWeeksPer: periodOf(r.invites),
            conversion: table.add(r.conversion, 1),
            cycleDays: r.cycleDays,
            reward: table.add(r.reward),
            rewardSides: (r.rewardEachSide ? 2 : 1) * rewardCostFactor(r.rewardKind, assumptions),
            conversionScale: r.rewardAsWritten ? rewardConversionScale(r.rewardKind, r.reward, r.rewardAsWritten, assumptions) : 1,
            window: windowFractionPerWeek(plan.start, H, r.from, r.until),
        };
    });

    // ---- activities ----
    const defaultReach = assumptions.get('activity-reach');
    const liftScale = assumptions.get('activity-default-lift-scale');
    const activities: CompiledActivity[] = community.activities.map((a) => {
        const tierMask = new Uint8Array(T);
        if (a.tiers.length === 0) tierMask.fill(1);
        for (const name of a.tiers) {
            const i = tierIndex.get(name);
            if (i !== undefined) tierMask[i] = 1;
        }
        const cover = new Float64Array(H);
        const runs = new Float64Array(H);
        for (const s of a.schedules) {
            const c = coveragePerWeek(s, plan.start, H, a.durationMinutes);
            const n = occurrencesPerWeek(s, plan.start, H);
            for (let w = 0; w < H; w++) {
                cover[w] = Math.max(cover[w], c[w]);
                runs[w] += n[w];
            }
        }
        // No lift declared: the kind's defaults (engine/activity-effects.ts), scaled by activity-default-lift-scale.
        const declared = a.lifts.retention || a.lifts.activity || a.lifts.promotion || a.lifts.buys;
        const defaults = defaultActivityLifts(a.kind, a.mode);
        const point = (x: number) => (x > 0 && liftScale > 0 ? { kind: 'fixed' as const, value: (x * liftScale) / 100 } : undefined);
        const lifts = declared ? a.lifts : { retention: point(defaults.retention), activity: point(defaults.activity), promotion: point(defaults.promotion), buys: point(defaults.buys) };
        // A covered week without a new run belongs to runs that started earlier and are still going.
        const runsUnderWay = new Float64Array(H);
        for (let w = 0; w < H; w++) runsUnderWay[w] = runs[w] > 0 ? runs[w] : cover[w] > 0 ? (w > 0 && runsUnderWay[w - 1] > 0 ? runsUnderWay[w - 1] : 1) : 0;
        // Runs set by a scenario or solve (`Salon.runs = 6`): every run date holds proportionally more
        // (or fewer) sessions, so cost, staff hours and seats (capacity × runs) follow; the weeks covered do not change.
        if (a.runsTotal !== undefined) {
            const total = runs.reduce((s, x) => s + x, 0);
            const k = total > 0 ? Math.max(0, a.runsTotal) / total : 0;
            for (let w = 0; w < H; w++) {
                runs[w] *= k;
                runsUnderWay[w] *= k;
            }
        }
        return {
            name: a.name,
            tierMask,
            tiers: [...tierMask.keys()].filter((t) => tierMask[t] === 1),
            cover,
            runs,
            runsUnderWay,
            reach: a.reach ? table.add(a.reach, 1) : table.constant(defaultReach),
            capacity: a.capacity !== undefined && a.capacity >= 0 ? a.capacity : Infinity,
            liftRetention: table.add(lifts.retention, 1),
            liftActivity: table.add(lifts.activity, 1),
            liftPromotion: table.add(lifts.promotion, 1),
            liftBuys: table.add(lifts.buys, 1),
            costPerRun: table.add(a.costPerRun),
            staffHoursPerRun: staffHoursPerRun(a.mode, a.staff, a.durationMinutes),
            incentivePerParticipant: a.incentives.reduce((sum, i) => sum + (i.amount ?? 0) * rewardCostFactor(i.kind, assumptions), 0),
        };
    });

    // ---- content: posts per week and deterministic effects (engine/content-effects.ts) ----
    const C = community.contents.length;
    const contentPosts = new Float64Array(C * H);
    const contentCost = new Int32Array(C);
    const platformKind = new Map(plan.platforms.map((p) => [p.name, p.kind]));
    const promoThreshold = assumptions.get('promo-share-threshold');
    const promoUplift = assumptions.get('promo-churn-uplift');
    const promoFloor = assumptions.get('promo-share-floor');
    const fatigueBeta = assumptions.get('fatigue-churn');
    const activityLift = assumptions.get('content-activity-lift');
    const buyLift = assumptions.get('content-buy-lift');
    const womLift = assumptions.get('content-wom-lift');
    const decay = assumptions.get('post-reach-decay');
    /** Diminishing returns of n (weighted) posts in a week: the k-th counts decay^(k−1) of the first. */
    const saturating = (n: number) => (n <= 0 ? 0 : decay < 1 ? (1 - Math.pow(decay, n)) / (1 - decay) : n);
    const allPosts = new Float64Array(H * T);
    const promoPosts = new Float64Array(H * T);
    const activityPosts = new Float64Array(H * T);
    const buyPosts = new Float64Array(H * T);
    const womPosts = new Float64Array(H);
    const contentHours = new Float64Array(H);
    const platformNames = [...new Set(community.contents.map((c) => c.platform ?? community.platforms[0] ?? ''))];
    const platformPosts = new Float64Array(platformNames.length * H * T);
    const publicContents: CompiledPublicContent[] = [];
    community.contents.forEach((content, c) => {
        contentCost[c] = table.add(content.costPerPost);
        for (const s of content.schedules) {
            const n = occurrencesPerWeek(s, plan.start, H);
            for (let w = 0; w < H; w++) contentPosts[c * H + w] += n[w];
        }
        if (content.postsPerWeek !== undefined) rescaleCadence(contentPosts.subarray(c * H, (c + 1) * H), content.postsPerWeek);
        const mask = new Uint8Array(T);
        if (content.tiers.length === 0) mask.fill(1);
        for (const name of content.tiers) {
            const i = tierIndex.get(name);
            if (i !== undefined) mask[i] = 1;
        }
        const effect = contentEffect(content.kind);
        const platformName = content.platform ?? community.platforms[0] ?? '';
        const p = platformNames.indexOf(platformName);
        const posts = contentPosts.subarray(c * H, (c + 1) * H);
        for (let w = 0; w < H; w++) {
            const n = posts[w];
            if (n === 0) continue;
            womPosts[w] += n * effect.wom;
            contentHours[w] += n * HOURS_PER_POST;
            for (let t = 0; t < T; t++) {
                if (!mask[t]) continue;
                allPosts[w * T + t] += n;
                if (effect.promotional) promoPosts[w * T + t] += n;
                activityPosts[w * T + t] += n * effect.activity;
                buyPosts[w * T + t] += n * effect.buys;
                platformPosts[(p * H + w) * T + t] += n;
            }
        }
        // Public platforms: the posts are seen outside the community and bring members in.
        const kind = platformKind.get(platformName);
        const reach = kind !== undefined ? publicReachOf(kind, (key) => assumptions.overriddenValue(key)) : undefined;
        if (reach || content.reachPerPost || content.joinRate) {
            publicContents.push({
                name: content.name,
                into: idx(content.into, entry, `Content "${content.name}"`),
                posts: Float64Array.from(posts),
                reach: table.add(content.reachPerPost ?? reach?.reach ?? { kind: 'fixed', value: 0 }, 1),
                joinRate: table.add(content.joinRate ?? reach?.joinRate ?? { kind: 'fixed', value: 0 }, 1),
            });
        }
    });
    const contentChurn = new Float64Array(H * T);
    const contentActive = new Float64Array(H * T);
    const contentBuys = new Float64Array(H * T);
    const wordOfMouth = new Float64Array(H).fill(1);
    const thresholds = platformNames.map((name) => assumptions.fatigueThreshold(platformKind.get(name)));
    for (let w = 0; w < H; w++) {
        if (womPosts[w] > 0) wordOfMouth[w] = 1 + womLift * saturating(womPosts[w]);
        for (let t = 0; t < T; t++) {
            const i = w * T + t;
            let extra = 0;
            if (allPosts[i] > 0) {
                const share = promoPosts[i] / allPosts[i];
                // Below the volume floor the uplift is scaled down: one promotion a week is not a promotions-only group.
                const volume = promoFloor > 0 ? Math.min(1, promoPosts[i] / promoFloor) : 1;
                if (share > promoThreshold) extra += promoThreshold < 1 ? (volume * promoUplift * (share - promoThreshold)) / (1 - promoThreshold) : 0;
            }
            for (let p = 0; p < platformNames.length; p++) {
                const over = platformPosts[(p * H + w) * T + t] - thresholds[p];
                if (over > 0) extra += fatigueBeta * over;
            }
            contentChurn[i] = extra;
            contentActive[i] = activityLift * saturating(activityPosts[i]);
            contentBuys[i] = buyLift * saturating(buyPosts[i]);
        }
    }
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

    // ---- KPIs and series ----
    const retentionDays = [...new Set<number>([...STANDARD_RETENTION_DAYS, ...community.kpis.filter((k) => k.metric === 'retention' && k.windowDays && k.windowDays > 0).map((k) => k.windowDays as number)])].sort((a, b) => a - b);
    const series: SeriesDef[] = [...FIXED_SERIES];
    const tierSeries0 = series.length;
    for (const name of tierNames) series.push({ key: `members:${name}`, label: `Members in ${name}`, unit: 'people', tier: name });
    const retentionSeries0 = series.length;
    for (const d of retentionDays) series.push({ key: `retention-${d}d`, label: `Retention at ${d} days`, unit: 'share' });
    const groupSeries0 = series.length;
    const groupCapacities: number[] = [];
    const groupTiers: Uint8Array[] = [];
    for (const name of community.platforms) {
        const platform = plan.platforms.find((p) => p.name === name);
        const cap = platform?.limits['group-capacity'];
        if (platform && cap !== undefined && cap > 0) {
            series.push({ key: `groups:${name}`, label: `Groups needed on ${name}`, unit: 'groups', platform: name });
            groupCapacities.push(cap);
            groupTiers.push(Uint8Array.from(tiers, (t) => (t.platform === undefined || t.platform === name ? 1 : 0)));
        }
    }

    const kpis: CompiledKpi[] = community.kpis.map((kpi) => {
        const tierOf = (name: string | undefined) => (name === undefined ? -1 : (tierIndex.get(name) ?? -1));
        const windowDays = kpi.windowDays ?? 30;
        return {
            kpi,
            week: Math.min(H, Math.max(1, kpi.deadlineWeek)) - 1,
            tier: tierOf(kpi.tier),
            from: tierOf(kpi.fromTier),
            to: tierOf(kpi.toTier),
            retentionSeries: retentionSeries0 + retentionDays.indexOf(windowDays),
        };
    });

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
        tierSeed,
        tierChurn,
        tierChurnWeeksPer,
        tierActive,
        tierActiveWeeksPer,
        tierBuys,
        tierBuysWeeksPer,
        tierRepurchase,
        tierRepurchaseWeeksPer,
        tracksRepurchase: community.tiers.some((t) => t.repurchase !== undefined) || community.kpis.some((k) => k.metric === 'repurchase-rate'),
        tierCapacity,
        tierFee,
        tierFeeWeekly,
        tierFeeOnce,
        orderValue: table.add(community.orderValue, 1),
        flows,
        flowsOut,
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
