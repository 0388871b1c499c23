// Lowering: a validated document (and what it imports) → the engine's plan model.
// Everything here is mechanical translation into canonical units; checks live in validation/.
import { AstUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import { effectiveLimits } from '../engine/platforms.js';
import * as M from '../engine/model.js';
import { MODEL_FIELDS, PROPERTIES, type FieldKind } from '../engine/properties/registry.js';
import type { ModelValue } from '../engine/properties/values.js';
import type { CommunityServices } from './community-module.js';
import type { CommunitySettings } from './settings.js';
import * as A from './generated/ast.js';
import { resolveImport, unquote } from './imports.js';
import { startOf } from './lean-cst.js';
import { tierLimitHit } from './limits.js';
import { frameOf, type PlanFrame } from './plan-context.js';
import { durationDays, readQuantity, scaleDist, type Measured } from './quantity.js';

const WEEKDAYS: Record<string, M.Weekday> = {
    Monday: 'MO',
    Tuesday: 'TU',
    Wednesday: 'WE',
    Thursday: 'TH',
    Friday: 'FR',
    Saturday: 'SA',
    Sunday: 'SU',
};

export class LoweringError extends Error {}

/** The documents a plan is made of: the main one and everything it imports. */
export function planDocuments(services: CommunityServices, doc: LangiumDocument): LangiumDocument[] {
    const docs = services.shared.workspace.LangiumDocuments;
    const result: LangiumDocument[] = [];
    for (const uri of services.community.Imports.closure(doc)) {
        const d = uri === doc.uri.toString() ? doc : docs.getDocument(URI.parse(uri));
        if (d) result.push(d);
    }
    return result;
}

/** A plan model as far as it could be lowered, and what could not be (one line each). */
export interface LoweredPlan {
    /** Undefined only when the document (with its imports) has no plan block. */
    plan?: M.Plan;
    problems: string[];
}

/**
 * Lowers a document (with its imports) to a plan model, tolerantly: an item that cannot be lowered
 * (a half-written block) is left out with a problem, so the rest of the plan still has a model.
 * Each part is validated by zod on its own for the same reason.
 */
export function lowerPlanTolerant(services: CommunityServices, doc: LangiumDocument, memo?: LoweringMemo): LoweredPlan {
    const problems: string[] = [];
    const documents = planDocuments(services, doc);
    const elements = documents.flatMap((d) => (d.parseResult.value as A.Model | undefined)?.elements ?? []);
    const planNode = elements.find(A.isPlan);
    if (!planNode) return { problems: ['The plan has no plan block (start, horizon, currency).'] };
    const frame = frameOf(planNode);
    // A document the parser repaired may read differently in the same text (language/parser.ts):
    // only error-free plans reuse what an earlier state lowered.
    const reuse = memo && documents.every((d) => d.parseResult.lexerErrors.length === 0 && d.parseResult.parserErrors.length === 0) ? memo : undefined;
    const each = <N extends AstNode & { name?: string }, T>(
        nodes: N[],
        what: string,
        lower: (n: N) => T,
        schema: { safeParse(x: unknown): { success: boolean; data?: T; error?: { message: string } } },
        keyOf?: (n: N) => string | undefined,
    ): T[] => {
        const out: T[] = [];
        for (const node of nodes) {
            const key = reuse && keyOf ? keyOf(node) : undefined;
            const earlier = key !== undefined ? (reuse!.get(key) as LoweredItem<T> | undefined) : undefined;
            const item = earlier ?? lowerItem(node, what, lower, schema);
            if (key !== undefined && !earlier) reuse!.set(key, item);
            if ('value' in item) out.push(item.value);
            else problems.push(item.problem);
        }
        return out;
    };
    let team: M.Plan['team'];
    let budget: number | undefined;
    let assumptions: Record<string, number> = {};
    try {
        budget = planNode.budget ? readQuantity(planNode.budget).center : undefined;
        team = planNode.team ? lowerTeam(planNode.team) : undefined;
        assumptions = Object.fromEntries(planNode.assumptions.map((a) => [a.key, readQuantity(a.value).center]));
    } catch (e) {
        problems.push(`Part of the plan block is left out: ${e instanceof Error ? e.message : String(e)}`);
    }
    const plan: M.Plan = {
        name: planNode.title ?? '',
        start: planNode.start ?? '1970-01-01',
        horizonWeeks: frame.horizonWeeks ?? 26,
        timezone: planNode.timezone ?? 'UTC',
        currency: planNode.currency ?? 'CNY',
        budget,
        team,
        markets: planNode.markets,
        assumptions,
        platforms: each(elements.filter(A.isPlatform), 'Platform', (p) => lowerPlatform(p, services.community.Settings), M.Platform),
        audiences: each(elements.filter(A.isAudience), 'Audience', lowerAudience, M.Audience),
        communities: each(
            elements.filter(A.isCommunity),
            'Community',
            (c) => ({ ...lowerCommunity(c, frame), actuals: lowerActuals(c.actuals ?? planNode.actuals) }),
            M.Community,
            (c) => communityKey(c, frame, planNode.actuals),
        ),
        scenarios: each(elements.filter(A.isScenario), 'Scenario', lowerScenario, M.Scenario),
    };
    // The items were each checked against their schema above (a bad one is left out); the plan's own
    // fields are checked here, without walking every community a second time.
    const { platforms, audiences, communities, scenarios, ...header } = plan;
    const parsed = PLAN_FIELDS.safeParse(header);
    if (!parsed.success) return { problems: [...problems, parsed.error.message] };
    return { plan: { ...parsed.data, platforms, audiences, communities, scenarios }, problems };
}

/** An item lowered and checked against its schema, or why it is left out of the plan. */
export type LoweredItem<T> = { value: T } | { problem: string };

/**
 * Communities lowered in earlier workspace states, by everything their lowering reads (see
 * communityKey); language/plan-model.ts keeps one and ages its entries. A typing edit in one
 * community of a 2,000-line plan then lowers that community, not all of them, and the unchanged
 * ones keep their model objects (which plan-model.ts's compiled communities are keyed by).
 * The models are shared between states: nothing may change them in place (scenarios clone first).
 */
export interface LoweringMemo {
    get(key: string): LoweredItem<unknown> | undefined;
    set(key: string, item: LoweredItem<unknown>): void;
}

function lowerItem<N extends AstNode & { name?: string }, T>(
    node: N,
    what: string,
    lower: (n: N) => T,
    schema: { safeParse(x: unknown): { success: boolean; data?: T; error?: { message: string } } },
): LoweredItem<T> {
    try {
        const parsed = schema.safeParse(lower(node));
        if (parsed.success) return { value: parsed.data as T };
        return { problem: `${what} "${node.name ?? '?'}" is left out: ${parsed.error?.message ?? 'invalid'}` };
    } catch (e) {
        return { problem: `${what} "${node.name ?? '?'}" is left out: ${e instanceof Error ? e.message : String(e)}` };
    }
}

/** A node's text and where it is (its model records the line and column of each part: sourceOf). */
function nodeKey(n: AstNode): string | undefined {
    const cst = n.$cstNode;
    if (!cst) return undefined;
    const { line, character } = cst.range.start;
    return `${AstUtils.getDocument(n).uri.toString()}\u0000${line}:${character}\u0000${cst.text}`;
}

/**
 * What lowering a community reads: its own text and place, the plan's start and horizon (KPI
 * deadlines), and the plan's actuals when it names none. References are lowered as the names
 * written, so the items they point to do not enter.
 */
function communityKey(c: A.Community, frame: PlanFrame, planActuals: A.Actuals | undefined): string | undefined {
    const own = nodeKey(c);
    const actuals = c.actuals || !planActuals ? '' : nodeKey(planActuals);
    if (own === undefined || actuals === undefined) return undefined;
    return `${own}\u0000${frame.start}\u0000${frame.horizonWeeks}\u0000${actuals}`;
}

/** The plan's fields but its lists of items (M.Plan has no check that spans fields). */
const PLAN_FIELDS = M.Plan.omit({ platforms: true, audiences: true, communities: true, scenarios: true });

/**
 * Lowers a document (with its imports) to a plan model; throws when any part cannot be lowered.
 * Read through the plan model service, so the forecast, the CodeLens and the checks of one
 * workspace state share one lowering (language/plan-model.ts).
 */
export function lowerPlan(services: CommunityServices, doc: LangiumDocument): M.Plan {
    const lowered = services.community.PlanModel.planOf(doc);
    if (!lowered.plan || lowered.problems.length > 0) throw new LoweringError(lowered.problems.join('\n'));
    return lowered.plan;
}

export function sourceOf(node: AstNode): M.SourceRef | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    // startOf: the start without the composites' range caches (lean-cst.ts).
    const start = startOf(cst);
    return { uri: AstUtils.getDocument(node).uri.toString(), line: start.line, character: start.character };
}

function rate(q: A.Quantity | undefined, fallbackPer: M.Period = 'month'): M.Rate | undefined {
    if (!q) return undefined;
    const m = readQuantity(q);
    return { value: m.dist, per: m.period ?? fallbackPer };
}

function dist(q: A.Quantity | undefined): M.Dist | undefined {
    return q ? readQuantity(q).dist : undefined;
}

function num(q: A.Quantity | undefined): number | undefined {
    return q ? readQuantity(q).center : undefined;
}

/** A count per period (`300 per week`, `1200 per month`) as a count per week, at its centre, never negative. */
function perWeek(q: A.Quantity | undefined): number | undefined {
    if (!q) return undefined;
    const m = readQuantity(q);
    return Math.max(0, m.center) / M.WEEKS_PER[m.period ?? 'week'];
}

function money(q: A.Quantity | undefined): M.Money | undefined {
    if (!q) return undefined;
    const m = readQuantity(q);
    return { value: m.dist, per: m.per[0] };
}

function days(q: A.Quantity | undefined): number | undefined {
    return q ? durationDays(readQuantity(q)) : undefined;
}

/** How each kind of model value is read from what the plan writes (engine/properties/values.ts). */
const READ: { readonly [V in ModelValue]: (written: unknown) => M.ModelValueOf<V> } = {
    dist: (q) => dist(q as A.Quantity | undefined),
    number: (q) => num(q as A.Quantity | undefined),
    perWeek: (q) => perWeek(q as A.Quantity | undefined),
    rate: (q) => rate(q as A.Quantity | undefined),
    weeklyRate: (q) => rate(q as A.Quantity | undefined, 'week'),
    lifts: (written) => {
        const lifts: M.ModelValueOf<'lifts'> = {};
        for (const lift of written as A.Lift[]) {
            const m = readQuantity(lift.amount);
            // "2 points" and "2%" both mean two percentage points.
            lifts[lift.metric] = m.unitClass === 'percent' ? m.dist : scaleDist(m.dist, 0.01);
        }
        return lifts;
    },
};

/** Each field of a kind's registry table and the AST property it is read from (the entry whose `model` names it). */
const FIELD_SOURCES = Object.fromEntries(
    Object.entries(MODEL_FIELDS).map(([kind, table]) => [
        kind,
        Object.entries(table).map(([field, value]) => {
            const def = PROPERTIES[kind as FieldKind].find((d) => d.model === field && d.ast !== undefined);
            if (!def) throw new Error(`${kind}.${field}: no registry entry lowers to it`);
            return { field, value: value as ModelValue, ast: def.ast! };
        }),
    ]),
) as Record<FieldKind, { field: string; value: ModelValue; ast: string }[]>;

/** The plan-model fields of a node's properties, read as the registry says (engine/properties/registry.ts). */
function lowerFields<K extends FieldKind>(kind: K, node: AstNode): M.FieldValues<(typeof MODEL_FIELDS)[K]> {
    const written = node as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { field, value, ast } of FIELD_SOURCES[kind]) out[field] = READ[value](written[ast]);
    return out as M.FieldValues<(typeof MODEL_FIELDS)[K]>;
}

function lowerTeam(team: A.Team): NonNullable<M.Plan['team']> {
    let hours: number | undefined;
    if (team.hours) {
        const m: Measured = readQuantity(team.hours);
        const perDays = durationDays(m);
        // "40 hours per week": hours of work per week per person.
        const weeks = m.period ? M.WEEKS_PER[m.period] : 1;
        hours = perDays !== undefined ? (perDays * 24) / weeks : m.center;
    }
    return { people: readQuantity(team.size).center, hoursPerWeekEach: hours };
}

/**
 * A platform's effective limits — the one reading the forecast and the checks share: engine
 * defaults, then the workspace overrides file, then the plan's `group capacity`, then its `limit`
 * lines (the most specific, which win).
 */
export function platformLimits(p: A.Platform, settings: Pick<CommunitySettings, 'limitsFor'>): Record<string, number> {
    const overrides: Record<string, number> = { ...settings.limitsFor(p.kind ?? '') };
    if (p.groupCapacity) overrides['group-capacity'] = readQuantity(p.groupCapacity).center;
    for (const limit of p.limits) if (limit.key && limit.value) overrides[limit.key] = readQuantity(limit.value).center;
    return effectiveLimits(p.kind ?? '', overrides);
}

function lowerPlatform(p: A.Platform, settings: CommunitySettings): M.Platform {
    return { name: p.name, title: p.title, kind: p.kind ?? 'unknown', limits: platformLimits(p, settings), source: sourceOf(p) };
}

function lowerAudience(a: A.Audience): M.Audience {
    const age = a.age ? readQuantity(a.age).dist : undefined;
    return {
        name: a.name,
        title: a.title,
        size: dist(a.size) ?? { kind: 'fixed', value: 0 },
        ageMin: age ? (age.kind === 'fixed' ? age.value : age.min) : undefined,
        ageMax: age ? (age.kind === 'fixed' ? age.value : age.max) : undefined,
        interests: a.interests,
        regions: a.regions,
        activeWindows: a.windows.map((w) => ({ start: pad(w.start), end: pad(w.end) })),
        source: sourceOf(a),
    };
}

/** Where a community's actuals are: the path as written, resolved against the file that names it. */
function lowerActuals(a: A.Actuals | undefined): M.Community['actuals'] {
    if (!a || a.path === undefined) return undefined;
    const path = unquote(a.path);
    return { path, fsPath: resolveImport(AstUtils.getDocument(a).uri, path).fsPath, mapping: a.mapping, source: sourceOf(a) };
}

function lowerCommunity(c: A.Community, frame: PlanFrame): M.Community {
    // Too many tiers or flows to forecast: left out here, `too-many-tiers` from structure.ts says why.
    if (
        tierLimitHit(
            c.name,
            c.tiers.length,
            c.tiers.reduce((n, t) => n + t.flows.length + t.demotions.length, 0),
        )
    )
        throw new Error('too many tiers or flows to forecast');
    const entry = c.tiers.find((t) => t.flows.length === 0);
    return {
        name: c.name,
        title: c.title,
        theme: c.theme,
        platforms: c.platforms.map((r) => r.ref?.name ?? r.$refText),
        audiences: c.audiences.map((r) => r.ref?.name ?? r.$refText),
        rules: c.rules,
        ...lowerFields('Community', c),
        data: c.data ? lowerData(c.data) : undefined,
        tiers: c.tiers.map(lowerTier),
        entryTier: entry?.name,
        contents: c.contents.map(lowerContent),
        activities: c.activities.map(lowerActivity),
        referrals: c.referrals.map(lowerReferral),
        channels: c.channels.map(lowerChannel),
        organic: c.organic ? lowerOrganic(c.organic) : undefined,
        kpis: c.kpis.map((k) => lowerKpi(k, frame)),
        source: sourceOf(c),
    };
}

function lowerTier(t: A.Tier): M.Tier {
    const fee = t.entry?.fee ? readQuantity(t.entry.fee) : undefined;
    return {
        name: t.name,
        title: t.title,
        entry: t.entry
            ? { condition: fee ? 'fee' : (t.entry.condition ?? 'open'), detail: t.entry.detail, fee: money(t.entry.fee), feePer: fee?.period }
            : undefined,
        flowsFrom: t.flows.map((f) => ({ tier: f.tier.ref?.name ?? f.tier.$refText, rate: rate(f.rate)! })),
        demotionsTo: t.demotions.map((f) => ({ tier: f.tier.ref?.name ?? f.tier.$refText, rate: rate(f.rate)! })),
        ...lowerFields('Tier', t),
        platform: t.platform?.ref?.name ?? t.platform?.$refText,
        benefits: t.benefits,
        source: sourceOf(t),
    };
}

export function lowerSchedule(s: A.Schedule): M.Schedule {
    if (A.isOneOff(s)) {
        return {
            frequency: 'once',
            interval: 1,
            weekdays: [],
            monthDays: [],
            times: s.time ? [pad(s.time)] : [],
            date: s.date,
            source: sourceOf(s),
        };
    }
    const f = s.frequency;
    const weekdays = s.weekdays.map((d) => WEEKDAYS[d]);
    let frequency: M.Schedule['frequency'];
    if (f === 'day' || f === 'days') frequency = 'daily';
    else if (f === 'month' || f === 'months') frequency = 'monthly';
    else frequency = 'weekly';
    if (f === 'weekday') weekdays.push('MO', 'TU', 'WE', 'TH', 'FR');
    else if (f in WEEKDAYS) weekdays.unshift(WEEKDAYS[f]);
    return {
        frequency,
        interval: Math.max(1, Math.round(s.interval ?? 1)),
        weekdays: [...new Set(weekdays)],
        monthDays: s.monthDays.filter((d) => d >= 1 && d <= 31).map(Math.round),
        times: s.times.map(pad),
        from: s.from,
        until: s.until,
        count: s.count !== undefined ? Math.max(1, Math.round(s.count)) : undefined,
        source: sourceOf(s),
    };
}

/**
 * A block's window (`from … until …` on a line of its own) bounds its recurring schedules: a
 * schedule's own `from`/`until` narrows it further, never widens it. One-off dates stand as written.
 */
function withinWindow(s: M.Schedule, from: string | undefined, until: string | undefined): M.Schedule {
    if (s.frequency === 'once' || (from === undefined && until === undefined)) return s;
    const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a > b ? a : b);
    const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);
    return { ...s, from: later(s.from, from), until: earlier(s.until, until) };
}

function lowerContent(c: A.Content): M.Content {
    return {
        name: c.name,
        title: c.title,
        kind: c.kind ?? 'educational',
        format: c.format,
        schedules: c.schedules.map((x) => withinWindow(lowerSchedule(x), c.from, c.until)),
        tiers: c.tiers.map((r) => r.ref?.name ?? r.$refText),
        platform: c.platform?.ref?.name ?? c.platform?.$refText,
        reachPerPost: dist(c.reach),
        joinRate: dist(c.conversion),
        into: c.into?.ref?.name ?? c.into?.$refText,
        delivery: c.delivery,
        costPerPost: dist(c.cost),
        durationMinutes: c.duration ? Math.round((days(c.duration) ?? 0) * 1440) : undefined,
        owner: c.owner,
        link: c.link,
        label: c.label,
        source: sourceOf(c),
    };
}

function lowerActivity(a: A.Activity): M.Activity {
    const duration = days(a.duration);
    return {
        name: a.name,
        title: a.title,
        mode: a.mode ?? 'online',
        kind: a.kind ?? 'discussion',
        location: a.location,
        schedules: a.schedules.map((x) => withinWindow(lowerSchedule(x), a.from, a.until)),
        durationMinutes: duration !== undefined ? Math.round(duration * 1440) : 60,
        tiers: a.tiers.map((r) => r.ref?.name ?? r.$refText),
        ...lowerFields('Activity', a),
        owner: a.owner,
        materials: a.materials,
        incentives: a.incentives.map((i) => ({ kind: i.kind, amount: num(i.amount) })),
        lottery: a.lottery
            ? {
                  topPrize: num(a.lottery.topPrize),
                  odds: a.lottery.odds,
                  drawDate: a.lottery.drawDate,
                  drawTime: a.lottery.drawTime ? pad(a.lottery.drawTime) : undefined,
                  redemption: a.lottery.redemption,
                  freeEntry: a.lottery.freeEntry,
              }
            : undefined,
        data: a.data ? lowerData(a.data) : undefined,
        source: sourceOf(a),
    };
}

function lowerData(d: A.DataCollection): M.DataCollection {
    return { fields: d.fields, purpose: d.purpose, retentionDays: days(d.retention), consent: d.consent, consentKind: d.consentKind };
}

function lowerReferral(r: A.Referral): M.Referral {
    return {
        name: r.name,
        title: r.title,
        mechanic: r.mechanic ?? 'invite-code',
        reward: dist(r.reward),
        rewardEachSide: r.eachSide,
        rewardKind: r.rewardKind,
        invites: rate(r.invites) ?? { value: { kind: 'fixed', value: 0 }, per: 'month' },
        conversion: dist(r.conversion) ?? { kind: 'fixed', value: 0 },
        cycleDays: Math.max(1 / 24, days(r.cycle) ?? 7),
        tiers: r.tiers.map((t) => t.ref?.name ?? t.$refText),
        into: r.into?.ref?.name ?? r.into?.$refText,
        from: r.from,
        until: r.until,
        sharesTo: r.sharesTo,
        source: sourceOf(r),
    };
}

function lowerChannel(c: A.Channel): M.Channel {
    const spend = c.spend ? readQuantity(c.spend) : undefined;
    return {
        name: c.name,
        title: c.title,
        spend: money(c.spend),
        spendPer: spend?.period,
        ...lowerFields('Channel', c),
        into: c.into?.ref?.name ?? c.into?.$refText,
        from: c.from,
        until: c.until,
        source: sourceOf(c),
    };
}

function lowerOrganic(o: A.Organic): M.Organic {
    const zero: M.Rate = { value: { kind: 'fixed', value: 0 }, per: 'month' };
    return { innovation: rate(o.innovation) ?? zero, imitation: rate(o.imitation) ?? zero, into: o.into?.ref?.name ?? o.into?.$refText, source: sourceOf(o) };
}

const METRICS: Record<string, M.KpiMetric> = {
    MembersMetric: 'members',
    NewMembersMetric: 'new-members',
    ActiveRateMetric: 'active-rate',
    ActiveMembersMetric: 'active-members',
    RetentionMetric: 'retention',
    ChurnMetric: 'churn',
    ConversionMetric: 'conversion',
    RevenueMetric: 'revenue',
    CostMetric: 'cost',
    RoiMetric: 'roi',
    ParticipationMetric: 'participation',
    RepurchaseMetric: 'repurchase-rate',
};

/** A KPI's name: its own, or one derived from what it measures ("retention-30d", "conversion-Prospect-Core"). */
export function kpiName(k: A.Kpi): string {
    if (k.name) return k.name;
    const m = k.metric;
    const base = METRICS[m.$type] ?? 'kpi';
    if (A.isConversionMetric(m)) return `${base}-${m.from.$refText}-${m.to.$refText}`;
    if (A.isRetentionMetric(m)) return `${base}-${Math.round(days(m.window) ?? 0)}d`;
    if ((A.isMembersMetric(m) || A.isNewMembersMetric(m) || A.isChurnMetric(m)) && m.tier) return `${base}-${m.tier.$refText}`;
    return base;
}

function lowerKpi(k: A.Kpi, frame: PlanFrame): M.Kpi {
    const m = k.metric;
    const target = readQuantity(k.target);
    let deadlineWeek = k.deadlineWeek ?? frame.horizonWeeks ?? 26;
    if (k.deadlineDate && frame.start) {
        const ms = Date.parse(`${k.deadlineDate}T00:00:00Z`) - Date.parse(`${frame.start}T00:00:00Z`);
        deadlineWeek = Math.max(1, Math.ceil((ms / 86_400_000 + 1) / 7));
    }
    const op = k.op === '≥' ? '>=' : k.op === '≤' ? '<=' : (k.op as M.Kpi['op']);
    return {
        name: kpiName(k),
        metric: METRICS[m.$type],
        tier: A.isMembersMetric(m) || A.isNewMembersMetric(m) || A.isChurnMetric(m) ? m.tier?.$refText : undefined,
        fromTier: A.isConversionMetric(m) ? m.from.$refText : undefined,
        toTier: A.isConversionMetric(m) ? m.to.$refText : undefined,
        windowDays: A.isRetentionMetric(m) ? days(m.window) : undefined,
        op,
        // `>= 40% above 3000`: a relative target against a stated baseline number is 3000 × 1.4.
        target: k.base ? readQuantity(k.base).center * (1 + target.center) : k.baseScenario ? 1 + target.center : target.center,
        ...(k.baseScenario ? { relativeTo: { scenario: k.baseScenario.ref?.name ?? k.baseScenario.$refText, factor: 1 + target.center } } : {}),
        targetPer: k.base ? readQuantity(k.base).period : target.period,
        deadlineWeek: Math.max(1, Math.round(deadlineWeek)),
        source: sourceOf(k),
    };
}

function lowerScenario(s: A.Scenario): M.Scenario {
    const overrides: M.Scenario['overrides'] = [];
    const drops: string[] = [];
    for (const change of s.changes) {
        if (A.isDrop(change)) {
            drops.push(change.target.ref ? nameOf(change.target.ref) : change.target.$refText);
        } else {
            const m = readQuantity(change.value);
            overrides.push({
                target: change.plan ? 'plan' : change.target?.ref ? nameOf(change.target.ref) : (change.target?.$refText ?? ''),
                property: change.property,
                // "3 points" are percentage points, held as fractions like "3%" (as a lift in the plan body).
                value: m.unitClass === 'points' ? scaleDist(m.dist, 0.01) : m.dist,
                per: m.period,
                unit: m.unit,
            });
        }
    }
    const solved = s.solved ? lowerSolvedFor(s.solved) : undefined;
    return { name: s.name, title: s.title, overrides, drops, ...(solved ? { solved } : {}), source: sourceOf(s) };
}

/** `solved for Growth at 80%`; left out when the probability is not a plain share (the checker says so). */
function lowerSolvedFor(s: A.SolvedFor): M.SolvedFor | undefined {
    const m = readQuantity(s.probability);
    const p = m.dist.kind === 'fixed' ? m.dist.value : NaN;
    if (!(m.unitClass === 'percent' && p > 0 && p <= 1)) return undefined;
    return { kpis: s.kpis.map((k) => (k.ref ? kpiName(k.ref) : k.$refText)), probability: p };
}

function nameOf(node: A.Named): string {
    return A.isKpi(node) ? kpiName(node) : node.name;
}

function pad(time: string): string {
    const [h, m] = time.split(':');
    return `${h.padStart(2, '0')}:${m}`;
}
