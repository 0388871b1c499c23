// Resource checks: money over budget (with the breakdown), staff hours against team capacity per
// week, and activity capacity against expected turnout. All read the projection: slow category.
import { t, type PlainMessageKey } from '../../engine/messages.js';
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { CommunityServices } from '../community-module.js';
import { isModel, isPlan, type Activity, type Community, type Model, type Tier } from '../generated/ast.js';
import { readQuantity } from '../quantity.js';
import { communityFacts, costBreakdown, DEFAULT_HOURS_PER_PERSON, fmt, HOURS_PER_POST, membersAt, pct, type CostLine } from './domain-calc.js';
import { report } from './report.js';

// The same words as the forecast's cost categories (reports, preview, simulate).
const WHAT: Record<CostLine['what'], PlainMessageKey> = {
    content: 'cost.content',
    activities: 'cost.activities',
    channels: 'cost.channels',
    referrals: 'cost.referrals',
};

export class ResourceChecks {
    constructor(private readonly services: CommunityServices) {}

    /** Read once: each access through the services container goes through its proxy, and checks ask per node. */
    private settings?: CommunityServices['community']['Settings'];
    private get lang() {
        return (this.settings ??= this.services.community.Settings).lang;
    }

    /** All communities of a file against the plan budget; reported on the plan's budget when it is here. */
    budget(model: Model, accept: ValidationAcceptor): void {
        const communities = model.elements.filter((e): e is Community => e.$type === 'Community');
        if (communities.length === 0) return;
        const facts = communityFacts(this.services, communities[0]);
        if (facts.plan.budget === undefined || !facts.plan.plan) return;
        const totals = new Map<CostLine['what'], number>();
        for (const c of communities)
            for (const line of costBreakdown(c, communityFacts(this.services, c))) totals.set(line.what, (totals.get(line.what) ?? 0) + line.amount);
        const total = [...totals.values()].reduce((a, b) => a + b, 0);
        if (total <= facts.plan.budget) return;
        const breakdown = [...totals]
            .filter(([, v]) => v > 0)
            .sort((a, b) => b[1] - a[1])
            .map(([what, v]) => `${t(WHAT[what], {}, this.lang)} ${fmt(v)}`)
            .join(' · ');
        const args = { total: fmt(total), budget: fmt(facts.plan.budget), currency: facts.plan.currency ?? '', breakdown };
        const plan = facts.plan.plan;
        if (AstUtils.getContainerOfType(plan, isModel) === model && isPlan(plan)) {
            report(accept, this.lang, 'over-budget', args, { node: plan, property: 'budget' });
        } else {
            report(accept, this.lang, 'over-budget', args, { node: communities[0], property: 'name' });
        }
    }

    /** Staff hours per week (posts, activity runs) against the team's hours. */
    staff(community: Community, accept: ValidationAcceptor): void {
        const facts = communityFacts(this.services, community);
        const people = facts.plan.teamPeople;
        if (people === undefined || !facts.plan.start) return;
        const capacity = people * (facts.plan.teamHoursEach ?? DEFAULT_HOURS_PER_PERSON);
        const engine = facts.mid.engine;
        if (!engine) return;
        // The forecast's staff-hours series (engine/staff.ts): posting plus activity runs.
        const H = engine.compiled.horizon;
        for (let w = 0; w < H; w++) {
            const hours = engine.staffHours[w];
            if (hours > capacity) {
                let posts = 0;
                for (let c = 0; c < engine.compiled.contentNames.length; c++) posts += engine.compiled.contentPosts[c * H + w];
                const activityHours = hours - engine.compiled.contentHours[w];
                const breakdown = t('staff.breakdown', { posts: fmt(posts), perPost: HOURS_PER_POST, activities: fmt(activityHours, 1) }, this.lang);
                report(
                    accept,
                    this.lang,
                    'staff-hours',
                    { week: w + 1, hours: fmt(hours), breakdown, capacity: fmt(capacity) },
                    { node: community, property: 'name' },
                );
                return;
            }
        }
    }

    /** Expected turnout (reach × members of the targeted tiers) against the activity's capacity. */
    capacity(activity: Activity, accept: ValidationAcceptor): void {
        if (!activity.capacity) return;
        const community = activity.$container;
        const facts = communityFacts(this.services, community);
        const runs = facts.runs.get(activity);
        if (!runs) return;
        const capacity = readQuantity(activity.capacity).center;
        const reach = activity.reach ? readQuantity(activity.reach).center : facts.plan.assumptions.get('activity-reach');
        const tiers = activity.tiers.map((t) => t.ref);
        // Every run over capacity is counted; the message names the busiest one and the first.
        let worst: { week: number; turnout: number; members: number } | undefined;
        let first = 0;
        let over = 0;
        let total = 0;
        for (let w = 0; w < runs.length; w++) {
            if (runs[w] === 0) continue;
            total += runs[w];
            const members = membersAt(facts.mid, tiers, w);
            const turnout = reach * members;
            if (turnout <= capacity) continue;
            over += runs[w];
            if (!first) first = w + 1;
            if (!worst || turnout > worst.turnout) worst = { week: w + 1, turnout, members };
        }
        if (!worst) return;
        const sessions = Math.ceil(worst.turnout / capacity);
        report(
            accept,
            this.lang,
            'activity-capacity',
            {
                activity: activity.name,
                turnout: fmt(worst.turnout),
                week: worst.week,
                reach: pct(reach),
                members: fmt(worst.members),
                capacity: fmt(capacity),
                over: fmt(over),
                total: fmt(total),
                first,
            },
            { node: activity, property: 'capacity', data: { sessions, turnout: Math.ceil(worst.turnout) } },
        );
    }

    /** A tier that fills its own capacity: the forecast holds it there, which caps KPIs that count it. */
    tierFull(tier: Tier, accept: ValidationAcceptor): void {
        if (!tier.capacity) return;
        const capacity = readQuantity(tier.capacity).center;
        if (!(capacity > 0)) return;
        const facts = communityFacts(this.services, tier.$container);
        const members = facts.mid.members.get(tier);
        if (!members) return;
        for (let w = 1; w < members.length; w++) {
            if (members[w] >= capacity - 0.5) {
                report(accept, this.lang, 'tier-full', { tier: tier.name, capacity: fmt(capacity), week: w }, { node: tier, property: 'capacity' });
                return;
            }
        }
    }
}
