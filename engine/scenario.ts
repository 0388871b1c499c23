// Scenarios: a scenario's overrides and drops applied to a deep copy of the plan. The original plan
// is never changed. Unknown targets or properties are errors (the checker reports them in the
// editor; the engine refuses to guess).
// What each kind of item lets a scenario override, and how, is the property registry
// (engine/properties/registry.ts); this module finds the item and applies the registry's entry.
import type { Dist, Plan } from './model.js';
import { distCentre } from './random.js';
import { rateOf, ScenarioError, type Access } from './properties/access.js';
import { overridable, overridableNames, type ItemKind, type ItemOf } from './properties/registry.js';

export { ScenarioError, type ScenarioProblem } from './properties/access.js';

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
        throw new ScenarioError(`"${name}" names both ${distinct.join(' and ')}: rename one so the override is not a guess.`, {
            kind: 'ambiguous-target',
            params: { name, kinds: distinct.join(', ') },
        });
    }
}

function unknownProperty(kind: string, name: string, property: string, known: string[]): never {
    throw new ScenarioError(`Cannot override "${property}" of ${kind} "${name}"; overridable: ${known.join(', ')}.`, {
        kind: 'unknown-property',
        params: { property, kind, name, known: known.join(', ') },
    });
}

/** Applies the registry's override of `o.property` to an item of `kind`; false when the kind has no such property. */
function overrideItem<K extends ItemKind>(kind: K, item: ItemOf<K>, o: Override, where: string): boolean {
    const def = overridable(kind, o.property);
    if (!def) return false;
    (def.override.access as Access<ItemOf<K>>).write(item, o, where);
    return true;
}

/** Overrides a property of an item, or says what can be overridden on that kind of item. */
function overrideOrRefuse<K extends ItemKind>(kind: K, what: string, item: ItemOf<K> & { name: string }, o: Override, where: string): void {
    if (!overrideItem(kind, item, o, where)) unknownProperty(what, item.name, o.property, overridableNames(kind));
}

function applyOverride(plan: Plan, o: Override, scenario: string): void {
    const centre = distCentre(o.value);
    const prop = o.property;
    const where = `${o.target}.${prop}`;
    if (o.target === 'plan') {
        const def = overridable('Plan', prop);
        if (def) def.override.access.write(plan, o, where);
        else unknownProperty('the', 'plan', prop, overridableNames('Plan'));
        return;
    }
    const platform = plan.platforms.find((p) => p.name === o.target);
    if (platform) {
        // `capacity` is the group capacity; any other name is an entry of the platform-limits table.
        if (!overrideItem('Platform', platform, o, where)) platform.limits[prop] = centre;
        return;
    }
    const audience = plan.audiences.find((a) => a.name === o.target);
    if (audience) {
        overrideOrRefuse('Audience', 'audience', audience, o, where);
        return;
    }
    for (const community of plan.communities) {
        if (community.name === o.target) {
            overrideOrRefuse('Community', 'community', community, o, where);
            return;
        }
        const tier = community.tiers.find((t) => t.name === o.target);
        if (tier) {
            if (overrideItem('Tier', tier, o, where)) return;
            // A promotion flow is overridden by the name of the tier it comes from: `VIP.Free = 6% per month`.
            const flow = tier.flowsFrom.find((f) => f.tier === prop);
            if (flow) flow.rate = rateOf(o, flow.rate, where);
            else unknownProperty('tier', tier.name, prop, [...overridableNames('Tier'), ...tier.flowsFrom.map((f) => f.tier)]);
            return;
        }
        const content = community.contents.find((c) => c.name === o.target);
        if (content) {
            overrideOrRefuse('Content', 'content', content, o, where);
            return;
        }
        const activity = community.activities.find((a) => a.name === o.target);
        if (activity) {
            overrideOrRefuse('Activity', 'activity', activity, o, where);
            return;
        }
        const referral = community.referrals.find((r) => r.name === o.target);
        if (referral) {
            overrideOrRefuse('Referral', 'referral', referral, o, where);
            return;
        }
        const channel = community.channels.find((c) => c.name === o.target);
        if (channel) {
            overrideOrRefuse('Channel', 'channel', channel, o, where);
            return;
        }
        const kpi = community.kpis.find((k) => k.name === o.target);
        if (kpi) {
            if (prop === 'target') kpi.target = centre;
            else unknownProperty('KPI', kpi.name, prop, ['target']);
            return;
        }
    }
    throw new ScenarioError(`Scenario "${scenario}" overrides "${where}", but the plan has no item named "${o.target}".`, {
        kind: 'unknown-target',
        params: { scenario, where, name: o.target },
    });
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
    if (!dropped)
        throw new ScenarioError(`Scenario "${scenario}" drops "${name}", but the plan has no item of that name.`, {
            kind: 'unknown-drop',
            params: { scenario, name },
        });
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
