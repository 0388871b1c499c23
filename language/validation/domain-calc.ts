// Shared facts for the domain checks, inlay hints and hovers. Everything numeric comes from the one
// plan model (language/plan-model.ts: the lowered plan, compiled by the engine) and the engine's
// mean-field projection of it (engine/projection.ts): posts and runs per week, costs by category,
// staff hours, members per tier and KPI values are the forecast's own numbers, never re-derived
// from the syntax tree.
import { AstUtils, WorkspaceCache, type AstNode, type LangiumDocument } from 'langium';
import { Assumptions, PROMOTIONAL_CONTENT_KINDS } from '../../engine/assumptions.js';
import { dayNumber, occurrencesByDay } from '../../engine/cadence.js';
import type { Period, Schedule as ModelSchedule } from '../../engine/model.js';
import { isKnownPlatformKind, PLATFORM_KINDS } from '../../engine/platforms.js';
import type { CommunityProjection } from '../../engine/projection.js';
import { weeklyAmount } from '../../engine/rates.js';
import { staffHoursPerRun } from '../../engine/staff.js';
import type { CommunityServices } from '../community-module.js';
import type { CommunitySettings } from '../settings.js';
import {
    isOneOff,
    isRecurrence,
    type Activity,
    type Community,
    type Content,
    type Model,
    type Plan,
    type Platform,
    type Quantity,
    type Schedule,
    type Tier,
} from '../generated/ast.js';
import { lowerSchedule, platformLimits } from '../lower.js';
import { horizonWeeksOf, plansInScope } from '../plan-context.js';
import type { CommunityModel } from '../plan-model.js';
import { durationDays, readQuantity } from '../quantity.js';
import { isValidDate, isValidTime } from './values.js';
import { groupedNumber } from './grouped-number.js';

export { DEFAULT_HOURS_PER_PERSON, HOURS_PER_POST, OFFLINE_SETUP_HOURS, ONLINE_HOURS_PER_DAY } from '../../engine/staff.js';

/** An AST schedule as the engine's model schedule — the lowering's own (undefined when its dates or times are invalid). */
export function toModelSchedule(s: Schedule): ModelSchedule | undefined {
    for (const t of isOneOff(s) ? (s.time ? [s.time] : []) : s.times) if (!isValidTime(t)) return undefined;
    if (isOneOff(s)) return isValidDate(s.date) ? lowerSchedule(s) : undefined;
    if (!isRecurrence(s)) return undefined;
    if ((s.from && !isValidDate(s.from)) || (s.until && !isValidDate(s.until))) return undefined;
    return lowerSchedule(s);
}

/** Occurrences per week a recurrence aims at, ignoring the calendar (for hints when no plan is known). */
export function nominalPerWeek(s: Schedule): number | undefined {
    if (!isRecurrence(s)) return undefined;
    const perDay = Math.max(1, s.times.length);
    const interval = s.interval !== undefined && s.interval >= 1 ? s.interval : 1;
    switch (s.frequency) {
        case 'day':
        case 'days':
            return (7 / interval) * perDay * (s.weekdays.length ? s.weekdays.length / 7 : 1);
        case 'weekday':
            return 5 * perDay;
        case 'week':
        case 'weeks':
            return (Math.max(1, s.weekdays.length) / interval) * perDay;
        case 'month':
        case 'months':
            return ((Math.max(1, s.monthDays.length) * (12 / 52)) / interval) * perDay;
        default:
            return (Math.max(1, new Set([s.frequency, ...s.weekdays]).size) / interval) * perDay;
    }
}

export interface PlanFacts {
    plan?: Plan;
    start?: string;
    weeks: number;
    currency?: string;
    budget?: number;
    teamPeople?: number;
    teamHoursEach?: number;
    markets: string[];
    assumptions: Assumptions;
}

export interface ResolvedPlatform {
    node: Platform;
    kind: string;
    limits: Record<string, number>;
}

export interface Projection {
    /** Members per tier, index w = after w weeks (0 = start). */
    members: Map<Tier, Float64Array>;
    /** Cumulative joins from acquisition (channels, referrals, organic, public content), index as members. */
    joined: Float64Array;
    /** New members over the horizon by source name. */
    joinsBySource: Map<string, number>;
    /** KPI values at their deadlines, in the community's KPI order (empty without a model). */
    kpiValues: Float64Array;
    /** The engine's projection behind it (absent when the community has no model yet). */
    engine?: CommunityProjection;
}

export interface CommunityFacts {
    plan: PlanFacts;
    platforms: ResolvedPlatform[];
    /** Posts per plan week of each content item (all its schedules). Read only: views of the compiled community's counts. */
    posts: Map<Content, Float64Array>;
    /** Runs per plan week of each activity. */
    runs: Map<Activity, Float64Array>;
    /** The tier new members land in when a source names none. */
    entryTier?: Tier;
    /** The community's plan model and compiled form (absent while the plan cannot be lowered). */
    model?: CommunityModel;
    mid: Projection;
    p90: Projection;
    best: Projection;
}

const planFactsCache = new WeakMap<CommunityServices, WorkspaceCache<string, PlanFacts>>();

/** The plan frame of the document a node is in; computed once per document and workspace state. */
export function planFacts(services: CommunityServices, node: AstNode): PlanFacts {
    let cache = planFactsCache.get(services);
    if (!cache) {
        cache = new WorkspaceCache(services.shared);
        planFactsCache.set(services, cache);
    }
    const doc = AstUtils.getDocument(node);
    return cache.get(doc.uri.toString(), () => computePlanFacts(services, doc));
}

function computePlanFacts(services: CommunityServices, doc: LangiumDocument): PlanFacts {
    const plan = plansInScope(services, doc)[0];
    const facts: PlanFacts = { plan, weeks: 26, markets: plan?.markets ?? [], assumptions: new Assumptions() };
    if (!plan) return facts;
    if (plan.start && isValidDate(plan.start)) facts.start = plan.start;
    // The plan model's numbers (the same the forecast reads); the horizon falls back as the forecast's does.
    const model = services.community.PlanModel.planOf(doc).plan;
    facts.weeks = model?.horizonWeeks ?? horizonWeeksOf(plan) ?? facts.weeks;
    facts.currency = plan.currency;
    facts.budget = model?.budget;
    facts.teamPeople = model?.team?.people;
    facts.teamHoursEach = model?.team?.hoursPerWeekEach;
    facts.assumptions = new Assumptions(model?.assumptions ?? {});
    return facts;
}

/** A platform's limits: the plan model's reading (language/lower.ts `platformLimits`), shared with the forecast. */
export function resolvePlatform(p: Platform, workspace: Pick<CommunitySettings, 'limitsFor'>): ResolvedPlatform {
    return { node: p, kind: p.kind ?? '', limits: platformLimits(p, workspace) };
}

/** The resolved platforms a community names. */
function platformsOf(services: CommunityServices, community: Community): ResolvedPlatform[] {
    const settings = services.community.Settings;
    const result: ResolvedPlatform[] = [];
    for (const r of community.platforms) if (r.ref) result.push(resolvePlatform(r.ref, settings));
    return result;
}

const lightCache = new WeakMap<CommunityServices, WorkspaceCache<Community, Pick<CommunityFacts, 'plan' | 'platforms'>>>();

/** The plan frame and platforms of a community, without calendars or projections (cheap: fast checks). */
export function lightFacts(services: CommunityServices, community: Community): Pick<CommunityFacts, 'plan' | 'platforms'> {
    let cache = lightCache.get(services);
    if (!cache) {
        cache = new WorkspaceCache(services.shared);
        lightCache.set(services, cache);
    }
    return cache.get(community, () => ({
        plan: planFacts(services, community),
        platforms: platformsOf(services, community),
    }));
}

export function isChinaFacing(facts: Pick<CommunityFacts, 'plan' | 'platforms'>): boolean {
    if (facts.plan.markets.includes('CN')) return true;
    if (facts.plan.markets.length > 0) return false;
    return facts.platforms.some((p) => isKnownPlatformKind(p.kind) && PLATFORM_KINDS[p.kind].region === 'CN');
}

const factsCache = new WeakMap<CommunityServices, WorkspaceCache<Community, CommunityFacts>>();

/** Everything the domain checks read about a community, computed once per workspace state. */
export function communityFacts(services: CommunityServices, community: Community): CommunityFacts {
    let cache = factsCache.get(services);
    if (!cache) {
        cache = new WorkspaceCache(services.shared);
        factsCache.set(services, cache);
    }
    return cache.get(community, () => computeFacts(services, community));
}

function emptyProjection(community: Community, weeks: number): Projection {
    return {
        members: new Map(community.tiers.map((t) => [t, new Float64Array(weeks + 1)])),
        joined: new Float64Array(weeks + 1),
        joinsBySource: new Map(),
        kpiValues: new Float64Array(0),
    };
}

/** The engine's projection keyed by the syntax tree's tiers (lowering keeps tiers in order). */
function asProjection(community: Community, p: CommunityProjection): Projection {
    // By name: tolerant lowering may leave a half-written item out, so positions need not agree.
    const members = new Map<Tier, Float64Array>();
    for (const t of community.tiers) {
        const i = p.compiled.tierNames.indexOf(t.name);
        if (i >= 0 && !members.has(t)) members.set(t, p.tierMembers[i]);
    }
    return { members, joined: p.joined, joinsBySource: p.joinsBySource, kpiValues: p.kpiValues, engine: p };
}

function computeFacts(services: CommunityServices, community: Community): CommunityFacts {
    const plan = planFacts(services, community);
    const platforms = platformsOf(services, community);
    const posts = new Map<Content, Float64Array>();
    const runs = new Map<Activity, Float64Array>();
    const entryTier = community.tiers.find((t) => t.flows.length === 0) ?? community.tiers[0];
    const model = plan.start && community.name ? services.community.PlanModel.community(AstUtils.getDocument(community), community.name) : undefined;
    if (!model) {
        for (const c of community.contents) posts.set(c, new Float64Array(plan.weeks));
        for (const a of community.activities) runs.set(a, new Float64Array(plan.weeks));
        const empty = emptyProjection(community, plan.weeks);
        return { plan, platforms, posts, runs, entryTier, mid: empty, p90: empty, best: empty };
    }
    const c = model.compiled;
    const H = c.horizon;
    for (const content of community.contents) {
        const i = c.contentNames.indexOf(content.name);
        // A view of the compiled counts, not a copy: the checks and hovers only read them, and the
        // compiled community stays alive beside these facts anyway (~4 MB of copies on the 5 MB plan).
        if (!posts.has(content)) posts.set(content, i >= 0 ? c.contentPosts.subarray(i * H, (i + 1) * H) : new Float64Array(H));
    }
    for (const activity of community.activities) {
        const a = c.activities.find((x) => x.name === activity.name);
        if (!runs.has(activity)) runs.set(activity, a ? a.runs : new Float64Array(H));
    }
    // The projections on first read: a hover or a fast check needs none of them, and on a plan too
    // large for the checker's projections (projectionsSkipped) the checks that read them do not run.
    let mid: Projection | undefined;
    let p90: Projection | undefined;
    let best: Projection | undefined;
    return {
        plan,
        platforms,
        posts,
        runs,
        entryTier,
        model,
        get mid() {
            return (mid ??= asProjection(community, model.project('mean')));
        },
        get p90() {
            return (p90 ??= asProjection(community, model.project('p90')));
        },
        get best() {
            return (best ??= asProjection(community, model.project('best')));
        },
    };
}

/**
 * Above this many communities in a plan the checker does not project them (three mean-field
 * projections each: ~60 % of checking a 5 MB plan of 3,400 communities); the checks that read the
 * projections are skipped and one info diagnostic says so (language/validation/domain-scale.ts).
 * Real plans have a handful of communities; the generated 20,000-line plan has 300.
 */
export const PROJECTED_COMMUNITIES_MAX = 1_000;

/** The plan's community count when it is above PROJECTED_COMMUNITIES_MAX, else undefined. */
export function projectionsSkipped(services: CommunityServices, node: AstNode): number | undefined {
    const doc = AstUtils.getDocument(node);
    // A file without communities projects nothing: do not lower its plan for this (an import
    // chain of 1,000 files would lower the whole chain once per file).
    if (!(doc.parseResult.value as Model).elements?.some((e) => e.$type === 'Community')) return undefined;
    const communities = services.community.PlanModel.planOf(doc).plan?.communities.length ?? 0;
    return communities > PROJECTED_COMMUNITIES_MAX ? communities : undefined;
}

export function sum(a: ArrayLike<number>): number {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
}

/** Members of some tiers (all when the list is empty) after `week` weeks. */
export function membersAt(p: Projection, tiers: Array<Tier | undefined>, week: number): number {
    const chosen = tiers.length ? tiers : [...p.members.keys()];
    let s = 0;
    for (const t of chosen) {
        const m = t ? p.members.get(t) : undefined;
        if (m) s += m[Math.min(m.length - 1, Math.max(0, week))];
    }
    return s;
}

export function maxOf(a: ArrayLike<number>): number {
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]);
    return m;
}

/** Activity duration in minutes (default 60). */
export function activityMinutes(a: Activity): number {
    const days = a.duration ? durationDays(readQuantity(a.duration)) : undefined;
    return days !== undefined ? days * 1440 : 60;
}

/** Staff hours one run of an activity needs: the engine's definition (engine/staff.ts). */
export function hoursPerRun(a: Activity): number {
    return staffHoursPerRun(a.mode === 'offline' ? 'offline' : 'online', a.staff ? readQuantity(a.staff).center : undefined, activityMinutes(a));
}

export interface CostLine {
    what: 'content' | 'activities' | 'channels' | 'referrals';
    amount: number;
}

/** What the money part of a cost quantity is charged per: 'post'/'run' (each occurrence) or a period. */
export function moneyOver(q: Quantity, occurrences: number, weeks: number): number {
    const m = readQuantity(q);
    if (m.unitClass !== 'money') return 0;
    if (m.period) return weeklyAmount(m.center, m.period) * weeks;
    return m.center * occurrences;
}

/** Expected spending over the horizon by category: the forecast's own cost categories, mean-field. */
export function costBreakdown(_community: Community, facts: CommunityFacts): CostLine[] {
    const cost = facts.mid.engine?.costByCategory;
    return [
        { what: 'content', amount: cost?.content ?? 0 },
        { what: 'activities', amount: cost?.activities ?? 0 },
        { what: 'channels', amount: cost?.paid ?? 0 },
        { what: 'referrals', amount: cost?.referral ?? 0 },
    ];
}

/** Calendar runs of an activity: start minute (since 1970, plan-local) of each occurrence. */
export function runStarts(a: Activity, facts: CommunityFacts): number[] {
    const starts: number[] = [];
    if (!facts.plan.start) return starts;
    const first = dayNumber(facts.plan.start);
    const last = first + facts.plan.weeks * 7;
    for (const s of a.schedules) {
        const m = toModelSchedule(s);
        if (!m) continue;
        const days = new Float64Array(last - first);
        occurrencesByDay({ ...m, times: [] }, first, first, last, days);
        const times = m.times.length ? m.times : ['00:00'];
        for (let i = 0; i < days.length; i++) {
            if (days[i] === 0) continue;
            for (const t of times) starts.push((first + i) * 1440 + minutesOf(t));
        }
    }
    return starts;
}

export function minutesOf(t: string): number {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
}

/** Whether posts in `promotional` kinds count towards the promo share. */
export function isPromotional(c: Content): boolean {
    return c.kind !== undefined && PROMOTIONAL_CONTENT_KINDS.has(c.kind);
}

/** Readable number: 18400 → "18,400"; 0.625 → "0.63" (en-US grouping, without Intl: grouped-number.ts). */
export function fmt(n: number, digits = 0): string {
    return groupedNumber(n, digits);
}

export function pct(x: number): string {
    return `${Math.round(x * 100)}%`;
}

export type { Period };
