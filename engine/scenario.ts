// Scenarios: a scenario's overrides and drops applied to a deep copy of the plan. The original plan
// is never changed. Unknown targets or properties are errors (the checker reports them in the
// editor; the engine refuses to guess).
import { WEEKS_PER, type Dist, type Period, type Plan, type Rate } from './model.js';
import { distCentre } from './random.js';
import { parsePeriod } from './rates.js';

/** What went wrong, for the checker's coded diagnostic (language/validation/scenarios.ts). */
export interface ScenarioProblem {
    kind: 'unknown-scenario' | 'unknown-property' | 'needs-period' | 'unknown-target' | 'unknown-drop' | 'ambiguous-target';
    /** Index of the override (or drop) in the scenario's list. */
    index?: number;
    params: Record<string, string>;
}

export class ScenarioError extends Error {
    constructor(message: string, readonly problem?: ScenarioProblem) {
        super(message);
        this.name = 'ScenarioError';
    }
}

type Override = Plan['scenarios'][number]['overrides'][number];

/** The plan as the named scenario sees it (a deep copy); `null` gives a plain copy. */
export function applyScenario(plan: Plan, scenarioName: string | null): Plan {
    const copy: Plan = structuredClone(plan);
    if (scenarioName === null) return copy;
    const scenario = plan.scenarios.find((s) => s.name === scenarioName);
    if (!scenario) throw new ScenarioError(`Unknown scenario "${scenarioName}"; the plan has: ${plan.scenarios.map((s) => s.name).join(', ') || 'none'}.`);
    scenario.overrides.forEach((o, index) => {
        try {
            checkUnambiguous(copy, o.target);
            applyOverride(copy, o, scenario.name);
        } catch (e) {
            if (e instanceof ScenarioError && e.problem) e.problem.index = index;
            throw e;
        }
    });
    scenario.drops.forEach((name, index) => {
        try {
            dropItem(copy, name, scenario.name);
        } catch (e) {
            if (e instanceof ScenarioError && e.problem) e.problem.index = index;
            throw e;
        }
    });
    return copy;
}

/** An override's target must name one item: an audience and a tier of the same name would be a guess. */
function checkUnambiguous(plan: Plan, name: string): void {
    if (name === 'plan') return;
    const kinds: string[] = [];
    if (plan.platforms.some((p) => p.name === name)) kinds.push('platform');
    if (plan.audiences.some((a) => a.name === name)) kinds.push('audience');
    for (const c of plan.communities) {
        if (c.name === name) kinds.push('community');
        if (c.tiers.some((t) => t.name === name)) kinds.push('tier');
        if (c.contents.some((t) => t.name === name)) kinds.push('content');
        if (c.activities.some((t) => t.name === name)) kinds.push('activity');
        if (c.referrals.some((t) => t.name === name)) kinds.push('referral');
        if (c.channels.some((t) => t.name === name)) kinds.push('channel');
    }
    const distinct = [...new Set(kinds)];
    if (distinct.length > 1) {
        throw new ScenarioError(`"${name}" names both ${distinct.join(' and ')}: rename one so the override is not a guess.`, { kind: 'ambiguous-target', params: { name, kinds: distinct.join(', ') } });
    }
}

function rateOf(o: Override, existing: Rate | undefined, what: string): Rate {
    const per = parsePeriod(o.per) ?? existing?.per;
    if (!per) throw new ScenarioError(`${what} is a rate: the override needs a period (e.g. "per month").`, { kind: 'needs-period', params: { property: what } });
    return { value: o.value, per };
}

/** `5 per week`, `20 per month`: posts per week (a cadence needs its period). */
function postsPerWeek(o: Override, what: string): number {
    const per = parsePeriod(o.per);
    if (!per) throw new ScenarioError(`${what} is a cadence: the override needs a period (e.g. "5 per week").`, { kind: 'needs-period', params: { property: what } });
    return Math.max(0, distCentre(o.value)) / WEEKS_PER[per];
}

function weeksFrom(value: number, unit: string | undefined): number {
    const per: Period = parsePeriod(unit) ?? 'week';
    return Math.max(1, Math.round(value * WEEKS_PER[per]));
}

function daysFrom(value: number, unit: string | undefined): number {
    const per = parsePeriod(unit) ?? 'day';
    return value * WEEKS_PER[per] * 7;
}

function unknownProperty(kind: string, name: string, property: string, known: string[]): never {
    throw new ScenarioError(`Cannot override "${property}" of ${kind} "${name}"; overridable: ${known.join(', ')}.`, { kind: 'unknown-property', params: { property, kind, name, known: known.join(', ') } });
}

function applyOverride(plan: Plan, o: Override, scenario: string): void {
    const centre = distCentre(o.value);
    const prop = o.property;
    const where = `${o.target}.${prop}`;
    if (o.target === 'plan') {
        if (prop === 'budget') plan.budget = centre;
        else if (prop === 'horizon') plan.horizonWeeks = weeksFrom(centre, o.unit ?? o.per);
        else unknownProperty('the', 'plan', prop, ['budget', 'horizon']);
        return;
    }
    const platform = plan.platforms.find((p) => p.name === o.target);
    if (platform) {
        const key = prop === 'capacity' ? 'group-capacity' : prop;
        platform.limits[key] = centre;
        return;
    }
    const audience = plan.audiences.find((a) => a.name === o.target);
    if (audience) {
        if (prop === 'size') audience.size = o.value;
        else unknownProperty('audience', audience.name, prop, ['size']);
        return;
    }
    for (const community of plan.communities) {
        if (community.name === o.target) {
            if (prop === 'innovation' || prop === 'imitation') {
                const organic = community.organic ?? { innovation: { value: { kind: 'fixed', value: 0 }, per: 'year' }, imitation: { value: { kind: 'fixed', value: 0 }, per: 'year' } };
                organic[prop] = rateOf(o, community.organic?.[prop], where);
                community.organic = organic;
            } else if (prop === 'order-value' || prop === 'orderValue' || prop === 'order') community.orderValue = o.value;
            else if (prop === 'margin') community.margin = o.value;
            else if (prop === 'baseline') community.baselineBuys = rateOf(o, community.baselineBuys, where);
            else unknownProperty('community', community.name, prop, ['innovation', 'imitation', 'order-value', 'margin', 'baseline']);
            return;
        }
        const tier = community.tiers.find((t) => t.name === o.target);
        if (tier) {
            switch (prop) {
                case 'churn':
                case 'active':
                case 'buys':
                case 'repurchase':
                    tier[prop] = rateOf(o, tier[prop], where);
                    return;
                case 'seed':
                    tier.seed = o.value;
                    return;
                case 'capacity':
                    tier.capacity = centre;
                    return;
                case 'fee': {
                    const entry = tier.entry ?? { condition: 'fee' };
                    const feePer = parsePeriod(o.per) ?? entry.feePer;
                    tier.entry = { ...entry, condition: 'fee', fee: { value: o.value, per: o.per ?? entry.fee?.per }, feePer };
                    return;
                }
                default: {
                    const flow = tier.flowsFrom.find((f) => f.tier === prop);
                    if (flow) {
                        flow.rate = rateOf(o, flow.rate, where);
                        return;
                    }
                    unknownProperty('tier', tier.name, prop, ['churn', 'active', 'buys', 'repurchase', 'seed', 'capacity', 'fee', ...tier.flowsFrom.map((f) => f.tier)]);
                }
            }
        }
        const content = community.contents.find((c) => c.name === o.target);
        if (content) {
            if (prop === 'cost') content.costPerPost = o.value;
            else if (prop === 'reach') content.reachPerPost = o.value;
            else if (prop === 'conversion') content.joinRate = o.value;
            else if (prop === 'posts') content.postsPerWeek = postsPerWeek(o, where);
            else unknownProperty('content', content.name, prop, ['cost', 'reach', 'conversion', 'posts']);
            return;
        }
        const activity = community.activities.find((a) => a.name === o.target);
        if (activity) {
            switch (prop) {
                case 'reach':
                    activity.reach = o.value;
                    return;
                case 'cost':
                    activity.costPerRun = o.value;
                    return;
                case 'capacity':
                    activity.capacity = centre;
                    return;
                case 'staff':
                    activity.staff = centre;
                    return;
                case 'runs':
                    activity.runsTotal = Math.max(0, centre);
                    return;
                case 'retention':
                case 'activity':
                case 'promotion':
                case 'buys':
                    activity.lifts[prop] = o.value;
                    return;
                default:
                    unknownProperty('activity', activity.name, prop, ['reach', 'cost', 'capacity', 'staff', 'runs', 'retention', 'activity', 'promotion', 'buys']);
            }
        }
        const referral = community.referrals.find((r) => r.name === o.target);
        if (referral) {
            switch (prop) {
                case 'invites':
                    referral.invites = rateOf(o, referral.invites, where);
                    return;
                case 'conversion':
                    referral.conversion = o.value;
                    return;
                case 'cycle':
                    referral.cycleDays = daysFrom(centre, o.unit ?? o.per);
                    return;
                case 'reward':
                    // The stated conversion holds at the stated reward; a changed reward moves it (engine/rewards.ts).
                    referral.rewardAsWritten ??= referral.reward ?? { kind: 'fixed', value: 0 };
                    referral.reward = o.value;
                    return;
                default:
                    unknownProperty('referral', referral.name, prop, ['invites', 'conversion', 'cycle', 'reward']);
            }
        }
        const channel = community.channels.find((c) => c.name === o.target);
        if (channel) {
            if (prop === 'paid' || prop === 'spend') {
                // One reading everywhere: a spend with a period is per that period, one without is a
                // total over the channel's weeks (as in the channel itself, engine/compile.ts).
                channel.spend = { value: o.value, per: o.per };
                channel.spendPer = parsePeriod(o.per);
            } else if (prop === 'cost' || prop === 'cost-per-join' || prop === 'costPerJoin') channel.costPerJoin = o.value;
            else unknownProperty('channel', channel.name, prop, ['paid', 'cost']);
            return;
        }
        const kpi = community.kpis.find((k) => k.name === o.target);
        if (kpi) {
            if (prop === 'target') kpi.target = centre;
            else unknownProperty('KPI', kpi.name, prop, ['target']);
            return;
        }
    }
    throw new ScenarioError(`Scenario "${scenario}" overrides "${where}", but the plan has no item named "${o.target}".`, { kind: 'unknown-target', params: { scenario, where, name: o.target } });
}

function dropItem(plan: Plan, name: string, scenario: string): void {
    let dropped = false;
    const keep = <T extends { name: string }>(items: T[]): T[] => {
        const kept = items.filter((i) => i.name !== name);
        if (kept.length !== items.length) dropped = true;
        return kept;
    };
    plan.platforms = keep(plan.platforms);
    plan.audiences = keep(plan.audiences);
    plan.communities = keep(plan.communities);
    for (const c of plan.communities) {
        if (c.platforms.includes(name) || c.audiences.includes(name)) dropped = true;
        c.platforms = c.platforms.filter((p) => p !== name);
        c.audiences = c.audiences.filter((a) => a !== name);
        c.contents = keep(c.contents);
        c.activities = keep(c.activities);
        c.referrals = keep(c.referrals);
        c.channels = keep(c.channels);
        c.kpis = keep(c.kpis);
        const tierCount = c.tiers.length;
        c.tiers = keep(c.tiers);
        if (c.tiers.length !== tierCount) {
            // Without the tier, flows that touch it, KPIs and targets that name it go too.
            for (const t of c.tiers) {
                t.flowsFrom = t.flowsFrom.filter((f) => f.tier !== name);
                t.demotionsTo = t.demotionsTo.filter((f) => f.tier !== name);
            }
            for (const x of [...c.contents, ...c.activities, ...c.referrals]) x.tiers = x.tiers.filter((t) => t !== name);
            for (const x of [...c.referrals, ...c.channels, ...c.contents]) if (x.into === name) x.into = undefined;
            if (c.organic?.into === name) c.organic.into = undefined;
            c.kpis = c.kpis.filter((k) => k.tier !== name && k.fromTier !== name && k.toTier !== name);
            if (c.entryTier === name) c.entryTier = c.tiers.find((t) => t.flowsFrom.length === 0)?.name ?? c.tiers[0]?.name;
        }
    }
    if (!dropped) throw new ScenarioError(`Scenario "${scenario}" drops "${name}", but the plan has no item of that name.`, { kind: 'unknown-drop', params: { scenario, name } });
}

/** Every scenario name, in plan order. */
export function scenarioNames(plan: Plan): string[] {
    return plan.scenarios.map((s) => s.name);
}

/** Convenience for callers holding a Dist they want to show. */
export function describeDist(d: Dist): string {
    switch (d.kind) {
        case 'fixed':
            return String(d.value);
        case 'uniform':
            return `${d.min}..${d.max}`;
        case 'triangular':
            return `${d.min}..${d.max} likely ${d.mode}`;
    }
}
