// Shared arithmetic for the domain checks, inlay hints and hovers: reads a community's schedules,
// costs, platform limits and a quick mean-field projection of its tiers straight from the AST, so
// checks do not wait for lowering. The projection is deliberately simple (weekly steps, expected
// values, inputs at a chosen quantile); the Monte Carlo engine remains the forecast of record.
import { AstUtils, WorkspaceCache, type AstNode, type LangiumDocument } from 'langium';
import { Assumptions, PROMOTIONAL_CONTENT_KINDS } from '../../engine/assumptions.js';
import { dayNumber, occurrencesByDay, occurrencesPerWeek } from '../../engine/cadence.js';
import type { Dist, Period, Schedule as ModelSchedule, Weekday } from '../../engine/model.js';
import { effectiveLimits, isKnownPlatformKind, PLATFORM_KINDS } from '../../engine/platforms.js';
import { weeklyAmount, weeklyProbability } from '../../engine/rates.js';
import type { CommunityServices } from '../community-module.js';
import type { CommunitySettings } from '../settings.js';
import {
    isOneOff, isRecurrence,
    type Activity, type Community, type Content, type Plan, type Platform, type Quantity, type Schedule, type Tier,
} from '../generated/ast.js';
import { horizonWeeksOf, plansInScope } from '../plan-context.js';
import { distCenter, distMax, distMin, durationDays, readQuantity, type Measured } from '../quantity.js';
import { isValidDate, isValidTime } from './values.js';

const WEEKDAY_CODES: Record<string, Weekday> = {
    Monday: 'MO', Tuesday: 'TU', Wednesday: 'WE', Thursday: 'TH', Friday: 'FR', Saturday: 'SA', Sunday: 'SU',
};

/** Hours of staff work assumed per post (writing, review, answering replies); weak, shown in messages. */
export const HOURS_PER_POST = 0.5;
/** Hours assumed per staff member and day of an online activity (moderation), capped by its duration. */
export const ONLINE_HOURS_PER_DAY = 2;
/** Set-up and tear-down hours per staff member for an offline run. */
export const OFFLINE_SETUP_HOURS = 2;
/** Hours a week per person when the team block gives no hours. */
export const DEFAULT_HOURS_PER_PERSON = 40;

/** An AST schedule as the engine's model schedule (undefined when its dates or times are invalid). */
export function toModelSchedule(s: Schedule): ModelSchedule | undefined {
    const padded: string[] = [];
    for (const t of isOneOff(s) ? (s.time ? [s.time] : []) : s.times) {
        if (!isValidTime(t)) return undefined;
        padded.push(t.length === 4 ? `0${t}` : t);
    }
    if (isOneOff(s)) {
        if (!isValidDate(s.date)) return undefined;
        return { frequency: 'once', interval: 1, weekdays: [], monthDays: [], times: padded, date: s.date };
    }
    if (!isRecurrence(s)) return undefined;
    if ((s.from && !isValidDate(s.from)) || (s.until && !isValidDate(s.until))) return undefined;
    const weekdays = new Set<Weekday>(s.weekdays.map((w) => WEEKDAY_CODES[w]).filter((w): w is Weekday => w !== undefined));
    let frequency: ModelSchedule['frequency'];
    switch (s.frequency) {
        case 'day': case 'days': frequency = 'daily'; break;
        case 'weekday': frequency = 'daily'; for (const w of ['MO', 'TU', 'WE', 'TH', 'FR'] as const) weekdays.add(w); break;
        case 'week': case 'weeks': frequency = 'weekly'; break;
        case 'month': case 'months': frequency = 'monthly'; break;
        default: frequency = 'weekly'; if (WEEKDAY_CODES[s.frequency]) weekdays.add(WEEKDAY_CODES[s.frequency]);
    }
    const interval = s.interval !== undefined && s.interval >= 1 ? Math.round(s.interval) : 1;
    const monthDays = s.monthDays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 31);
    const count = s.count !== undefined && s.count >= 1 ? Math.round(s.count) : undefined;
    return { frequency, interval, weekdays: [...weekdays], monthDays, times: padded, from: s.from, until: s.until, count };
}

/** Occurrences per week a recurrence aims at, ignoring the calendar (for hints when no plan is known). */
export function nominalPerWeek(s: Schedule): number | undefined {
    if (!isRecurrence(s)) return undefined;
    const perDay = Math.max(1, s.times.length);
    const interval = s.interval !== undefined && s.interval >= 1 ? s.interval : 1;
    switch (s.frequency) {
        case 'day': case 'days': return (7 / interval) * perDay * (s.weekdays.length ? s.weekdays.length / 7 : 1);
        case 'weekday': return 5 * perDay;
        case 'week': case 'weeks': return (Math.max(1, s.weekdays.length) / interval) * perDay;
        case 'month': case 'months': return (Math.max(1, s.monthDays.length) * (12 / 52) / interval) * perDay;
        default: return (Math.max(1, new Set([s.frequency, ...s.weekdays]).size) / interval) * perDay;
    }
}

/** The value of a distribution at quantile q (0..1). */
export function quantile(d: Dist, q: number): number {
    switch (d.kind) {
        case 'fixed': return d.value;
        case 'uniform': return d.min + q * (d.max - d.min);
        case 'triangular': {
            const { min: a, mode: c, max: b } = d;
            if (b <= a) return c;
            const fc = (c - a) / (b - a);
            return q < fc ? a + Math.sqrt(q * (b - a) * (c - a)) : b - Math.sqrt((1 - q) * (b - a) * (b - c));
        }
    }
}

/** Which number of an uncertain input a projection uses. */
export type Case = 'mid' | 'p90' | 'best';

/** A favourable input (growth) at the case's level; unfavourable ones (churn) mirror it. */
function pick(m: Measured, favourable: boolean, c: Case): number {
    if (c === 'mid') return distCenter(m.dist);
    if (c === 'best') return favourable ? distMax(m.dist) : distMin(m.dist);
    return quantile(m.dist, favourable ? 0.9 : 0.1);
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
    /** Cumulative joins from acquisition (channels, referrals, organic), index as members. */
    joined: Float64Array;
    referralJoins: Map<string, number>;
}

export interface CommunityFacts {
    plan: PlanFacts;
    platforms: ResolvedPlatform[];
    /** Posts per plan week of each content item (all its schedules). */
    posts: Map<Content, Float64Array>;
    /** Runs per plan week of each activity. */
    runs: Map<Activity, Float64Array>;
    /** The tier new members land in when a source names none. */
    entryTier?: Tier;
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
    // The same horizon the forecast uses (plan-context.ts); out-of-range horizons are reported by values.ts.
    facts.weeks = horizonWeeksOf(plan) ?? facts.weeks;
    facts.currency = plan.currency;
    if (plan.budget) facts.budget = readQuantity(plan.budget).center;
    if (plan.team) {
        facts.teamPeople = readQuantity(plan.team.size).center;
        if (plan.team.hours) {
            const h = readQuantity(plan.team.hours);
            const hours = h.unit === 'minute' || h.unit === 'minutes' ? h.center / 60 : h.unit === 'day' || h.unit === 'days' ? h.center * 24 : h.center;
            facts.teamHoursEach = h.period ? weeklyAmount(hours, h.period) : hours;
        }
    }
    const overrides: Record<string, number> = {};
    for (const a of plan.assumptions) if (a.key && a.value) overrides[a.key] = readQuantity(a.value).center;
    facts.assumptions = new Assumptions(overrides);
    return facts;
}

/**
 * A platform's limits: engine defaults, then the workspace overrides file (settings), then the
 * plan's own `limit` / `group capacity`, which win.
 */
export function resolvePlatform(p: Platform, workspace: Pick<CommunitySettings, 'limitsFor'>): ResolvedPlatform {
    const kind = p.kind ?? '';
    const overrides: Record<string, number> = { ...workspace.limitsFor(kind) };
    for (const l of p.limits) if (l.key && l.value) overrides[l.key] = readQuantity(l.value).center;
    if (p.groupCapacity) overrides['group-capacity'] = readQuantity(p.groupCapacity).center;
    return { node: p, kind, limits: effectiveLimits(kind, overrides) };
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

/** The weekly probability of a percent-per-period quantity at the case's level. */
function weeklyShare(q: Quantity | undefined, favourable: boolean, c: Case): number {
    if (!q) return 0;
    const m = readQuantity(q);
    if (m.unitClass !== 'percent' || !m.period) return 0;
    return weeklyProbability(Math.min(1, Math.max(0, pick(m, favourable, c))), m.period);
}

function weeklyCount(q: Quantity | undefined, c: Case, favourable = true): number {
    if (!q) return 0;
    const m = readQuantity(q);
    const v = Math.max(0, pick(m, favourable, c));
    return m.period ? weeklyAmount(v, m.period) : v;
}

/** Share of days of plan week w inside [from, until]. */
function windowShare(start: string | undefined, w: number, from?: string, until?: string): number {
    if (!start || (!from && !until)) return 1;
    const s = dayNumber(start) + w * 7;
    const lo = from && isValidDate(from) ? dayNumber(from) : -Infinity;
    const hi = until && isValidDate(until) ? dayNumber(until) : Infinity;
    let n = 0;
    for (let d = s; d < s + 7; d++) if (d >= lo && d <= hi) n++;
    return n / 7;
}

/** Expected members of each tier week by week with every input at the case's level. */
export function project(community: Community, facts: Pick<CommunityFacts, 'plan' | 'entryTier'>, c: Case): Projection {
    const weeks = facts.plan.weeks;
    const tiers = community.tiers;
    const n = tiers.length;
    // Tiers by index: the weekly loop works on two reused arrays instead of maps built every week.
    const index = new Map<Tier, number>();
    const series: Float64Array[] = [];
    const members = new Map<Tier, Float64Array>();
    for (const t of tiers) {
        const m = new Float64Array(weeks + 1);
        m[0] = t.seed ? Math.max(0, pick(readQuantity(t.seed), true, c)) : 0;
        if (!members.has(t)) {
            index.set(t, series.length);
            series.push(m);
            members.set(t, m);
        }
    }
    const joined = new Float64Array(weeks + 1);
    const referralJoins = new Map<string, number>();
    const fallback = facts.entryTier ?? tiers[0];
    const fallbackIndex = fallback ? index.get(fallback) : undefined;
    const landing = (into: Tier | undefined) => (into && index.has(into) ? index.get(into) : fallbackIndex);
    let pool = 0;
    for (const a of community.audiences) if (a.ref?.size) pool += Math.max(0, pick(readQuantity(a.ref.size), true, c));
    let seeds = 0;
    for (const m of series) seeds += m[0];
    const hasPool = pool > 0;
    const assumptions = facts.plan.assumptions;
    const gamma = assumptions.get('paid-saturation');
    const capacity = series.map(() => Infinity);
    for (const t of tiers) if (t.capacity) capacity[index.get(t)!] = Math.max(0, readQuantity(t.capacity).center);
    const churn = series.map(() => 0);
    for (const t of tiers) churn[index.get(t)!] = weeklyShare(t.churn, false, c);
    const moves: Array<{ from: number; to: number; p: number }> = [];
    for (const t of tiers) for (const f of t.flows) if (f.tier.ref && index.has(f.tier.ref)) moves.push({ from: index.get(f.tier.ref)!, to: index.get(t)!, p: weeklyShare(f.rate, true, c) });
    for (const t of tiers) for (const f of t.demotions) if (f.tier.ref && index.has(f.tier.ref)) moves.push({ from: index.get(t)!, to: index.get(f.tier.ref)!, p: weeklyShare(f.rate, false, c) });
    const organic = community.organic;
    const p = weeklyCount(organic?.innovation, c);
    const q = weeklyCount(organic?.imitation, c);
    // Inputs that do not change from week to week, read once.
    const channels = community.channels.map((ch) => ({
        ch,
        spend: weeklyCount(ch.spend, c, false),
        cpj: ch.costPerJoin ? pick(readQuantity(ch.costPerJoin), false, c) : 0,
        into: landing(ch.into?.ref),
    }));
    const referrals = community.referrals.map((r) => ({
        r,
        inviters: (r.tiers.length ? r.tiers.map((t) => (t.ref ? index.get(t.ref) : undefined)) : series.map((_, i) => i)),
        conversion: r.conversion ? Math.min(1, Math.max(0, pick(readQuantity(r.conversion), true, c))) : 0,
        invites: weeklyCount(r.invites, c),
        into: landing(r.into?.ref),
    }));
    const organicInto = organic ? landing(organic.into?.ref) : undefined;
    const prev = new Float64Array(series.length);
    const next = new Float64Array(series.length);
    for (let w = 0; w < weeks; w++) {
        for (let i = 0; i < series.length; i++) prev[i] = next[i] = series[i][w];
        for (let i = 0; i < series.length; i++) next[i] = next[i] - prev[i] * churn[i];
        for (const f of moves) {
            const moved = prev[f.from] * f.p;
            next[f.from] = next[f.from] - moved;
            next[f.to] = next[f.to] + moved;
        }
        if (n > 0) {
            const adopters = seeds + joined[w];
            const remaining = hasPool ? Math.max(0, pool - adopters) : Infinity;
            const saturation = hasPool ? Math.pow(remaining / pool, gamma) : 1;
            const add = (into: number | undefined, k: number) => {
                if (into !== undefined) next[into] = next[into] + k;
            };
            let budget = remaining;
            let newJoins = 0;
            for (const { ch, spend, cpj, into } of channels) {
                if (spend <= 0 || cpj <= 0) continue;
                const k = Math.min(budget, (spend / cpj) * saturation * windowShare(facts.plan.start, w, ch.from, ch.until));
                budget -= k; newJoins += k; add(into, k);
            }
            for (const { r, inviters, conversion, invites, into } of referrals) {
                let from = 0;
                for (const i of inviters) from += i === undefined ? 0 : prev[i];
                const k = Math.min(budget, from * invites * conversion * windowShare(facts.plan.start, w, r.from, r.until));
                budget -= k; newJoins += k; add(into, k);
                referralJoins.set(r.name, (referralJoins.get(r.name) ?? 0) + k);
            }
            if (organic && hasPool) {
                const k = Math.min(budget, (p + (q * adopters) / pool) * remaining);
                budget -= k; newJoins += k; add(organicInto, k);
            }
            joined[w + 1] = joined[w] + newJoins;
        }
        // A tier's own capacity: promotions into a full tier stay in the tier they come from, joins
        // beyond it stay in the pool (as in the forecast).
        for (let i = 0; i < series.length; i++) {
            const over = next[i] - capacity[i];
            if (!(over > 0)) continue;
            next[i] = capacity[i];
            const source = moves.find((f) => f.to === i && f.p > 0);
            if (source) next[source.from] += over;
            else joined[w + 1] = Math.max(joined[w], joined[w + 1] - over);
        }
        for (let i = 0; i < series.length; i++) series[i][w + 1] = Math.max(0, next[i]);
    }
    return { members, joined, referralJoins };
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

function computeFacts(services: CommunityServices, community: Community): CommunityFacts {
    const plan = planFacts(services, community);
    const platforms = platformsOf(services, community);
    const posts = new Map<Content, Float64Array>();
    const runs = new Map<Activity, Float64Array>();
    const perWeek = (schedules: Schedule[]) => {
        const total = new Float64Array(plan.weeks);
        if (!plan.start) return total;
        for (const s of schedules) {
            const m = toModelSchedule(s);
            if (!m) continue;
            const weekly = occurrencesPerWeek(m, plan.start, plan.weeks);
            for (let w = 0; w < plan.weeks; w++) total[w] += weekly[w];
        }
        return total;
    };
    for (const c of community.contents) posts.set(c, perWeek(c.schedules));
    for (const a of community.activities) runs.set(a, perWeek(a.schedules));
    const entryTier = community.tiers.find((t) => t.flows.length === 0) ?? community.tiers[0];
    const base = { plan, entryTier };
    return { plan, platforms, posts, runs, entryTier, mid: project(community, base, 'mid'), p90: project(community, base, 'p90'), best: project(community, base, 'best') };
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

/** Staff hours one run of an activity needs. */
export function hoursPerRun(a: Activity): number {
    const staff = a.staff ? Math.max(0, readQuantity(a.staff).center) : 1;
    const minutes = activityMinutes(a);
    const days = Math.max(1, Math.ceil(minutes / 1440));
    if (a.mode === 'offline') return staff * (Math.min(minutes / 60, 8 * days) + OFFLINE_SETUP_HOURS);
    return staff * Math.min(minutes / 60, ONLINE_HOURS_PER_DAY * days);
}

export interface CostLine { what: 'content' | 'activities' | 'channels' | 'referrals'; amount: number }

/** What the money part of a cost quantity is charged per: 'post'/'run' (each occurrence) or a period. */
export function moneyOver(q: Quantity, occurrences: number, weeks: number): number {
    const m = readQuantity(q);
    if (m.unitClass !== 'money') return 0;
    if (m.period) return weeklyAmount(m.center, m.period) * weeks;
    return m.center * occurrences;
}

/** Expected spending over the horizon by category (mid case). */
export function costBreakdown(community: Community, facts: CommunityFacts): CostLine[] {
    const weeks = facts.plan.weeks;
    let content = 0;
    for (const c of community.contents) if (c.cost) content += moneyOver(c.cost, sum(facts.posts.get(c)!), weeks);
    let activities = 0;
    for (const a of community.activities) if (a.cost) activities += moneyOver(a.cost, sum(facts.runs.get(a)!), weeks);
    const staffCost = facts.plan.assumptions.get('staff-hour-cost');
    if (staffCost > 0) for (const a of community.activities) if (a.mode === 'offline') activities += staffCost * hoursPerRun(a) * sum(facts.runs.get(a)!);
    let channels = 0;
    for (const ch of community.channels) {
        if (!ch.spend) continue;
        const m = readQuantity(ch.spend);
        if (m.unitClass !== 'money' || !m.period) continue;
        let active = 0;
        for (let w = 0; w < weeks; w++) active += windowShare(facts.plan.start, w, ch.from, ch.until);
        channels += weeklyAmount(m.center, m.period) * active;
    }
    let referrals = 0;
    for (const r of community.referrals) {
        if (!r.reward) continue;
        const m = readQuantity(r.reward);
        if (m.unitClass === 'money') referrals += m.center * (r.eachSide ? 2 : 1) * (facts.mid.referralJoins.get(r.name) ?? 0);
    }
    return [
        { what: 'content', amount: content }, { what: 'activities', amount: activities },
        { what: 'channels', amount: channels }, { what: 'referrals', amount: referrals },
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

/** Readable number: 18400 → "18,400"; 0.625 → "0.63". */
export function fmt(n: number, digits = 0): string {
    // toLocaleString builds a formatter per call; reuse one per digit count.
    let f = FORMATTERS[digits];
    if (!f) f = FORMATTERS[digits] = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    return f.format(n);
}

const FORMATTERS: Intl.NumberFormat[] = [];

export function pct(x: number): string {
    return `${Math.round(x * 100)}%`;
}

export type { Period };
