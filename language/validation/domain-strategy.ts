// Strategy checks: a paid tier nobody can reach, an AB two-pool plan whose low-threshold pool gets
// no activity, KPIs that measure nothing the plan models, and KPIs its own numbers rule out.
import { inLang, t } from '../../engine/messages.js';
import type { ValidationAcceptor } from 'langium';
import type { CommunityServices } from '../community-module.js';
import {
    isActiveMembersMetric,
    isActiveRateMetric,
    isChurnMetric,
    isConversionMetric,
    isCostMetric,
    isMembersMetric,
    isNewMembersMetric,
    isRepurchaseMetric,
    isRetentionMetric,
    isRevenueMetric,
    isRoiMetric,
    type Community,
    type Kpi,
    type Tier,
} from '../generated/ast.js';
import { kpiName } from '../lower.js';
import { readQuantity } from '../quantity.js';
import { communityFacts, fmt } from './domain-calc.js';
import { report } from './report.js';

const METRIC_WORDS: Record<string, { en: string; zh: string }> = {
    RevenueMetric: { en: 'revenue', zh: '收入' },
    CostMetric: { en: 'cost', zh: '成本' },
    RoiMetric: { en: 'ROI', zh: 'ROI' },
    ActiveRateMetric: { en: 'the active rate', zh: '活跃率' },
    ActiveMembersMetric: { en: 'active members', zh: '活跃成员' },
    ChurnMetric: { en: 'churn', zh: '流失率' },
    RetentionMetric: { en: 'retention', zh: '留存率' },
    ConversionMetric: { en: 'conversion', zh: '转化率' },
    NewMembersMetric: { en: 'new members', zh: '新成员' },
    MembersMetric: { en: 'members', zh: '成员数' },
    RepurchaseMetric: { en: 'the repurchase rate', zh: '复购率' },
    ParticipationMetric: { en: 'participation', zh: '活动参与率' },
};

export function kpiLabel(kpi: Kpi): string {
    return kpi.name ?? kpi.$cstNode?.text.replace(/^(?:kpi|指标)\s+/, '').split(/\s+(>=|<=|>|<|≥|≤)/)[0] ?? 'KPI';
}

export class StrategyChecks {
    constructor(private readonly services: CommunityServices) {}

    /** Read once: each access through the services container goes through its proxy, and checks ask per node. */
    private settings?: CommunityServices['community']['Settings'];
    private get lang() {
        return (this.settings ??= this.services.community.Settings).lang;
    }

    private intoTargets(community: Community): Set<Tier> {
        const targets = new Set<Tier>();
        for (const src of [...community.channels, ...community.referrals, ...(community.organic ? [community.organic] : [])]) {
            if (src.into?.ref) targets.add(src.into.ref);
        }
        return targets;
    }

    paidTiers(community: Community, accept: ValidationAcceptor): void {
        const targets = this.intoTargets(community);
        const entryTier = community.tiers.find((t) => t.flows.length === 0) ?? community.tiers[0];
        const hasSource = community.channels.length + community.referrals.length > 0 || community.organic !== undefined;
        for (const tier of community.tiers) {
            if (!tier.entry?.fee) continue;
            if (tier.flows.length > 0 || targets.has(tier)) continue;
            if (tier === entryTier && (hasSource || (tier.seed && readQuantity(tier.seed).center > 0))) continue;
            const suggestion = community.tiers.find((t) => t !== tier && !t.entry?.fee)?.name ?? 'Prospect';
            report(accept, this.lang, 'paid-tier-no-way-in', { tier: tier.name, suggestion }, { node: tier, property: 'name' });
        }
    }

    twoPools(community: Community, accept: ValidationAcceptor): void {
        for (const high of community.tiers) {
            if (!high.entry?.fee) continue;
            for (const flow of high.flows) {
                const low = flow.tier.ref;
                if (!low || low.entry?.fee) continue;
                const served = community.activities.some((a) => a.tiers.length === 0 || a.tiers.some((t) => t.ref === low));
                if (!served) report(accept, this.lang, 'ab-low-pool-idle', { tier: low.name, high: high.name }, { node: low, property: 'name' });
            }
        }
    }

    /** KPIs whose metric nothing in the plan produces. */
    unmodelled(kpi: Kpi, accept: ValidationAcceptor): void {
        const community = kpi.$container;
        const lang = this.lang;
        const metric = kpi.metric;
        const tiers = community.tiers;
        const hasCost =
            community.contents.some((c) => c.cost) ||
            community.activities.some((a) => a.cost) ||
            community.channels.some((c) => c.spend) ||
            community.referrals.some((r) => r.reward);
        const hasRevenue = (community.orderValue !== undefined && tiers.some((t) => t.buys)) || tiers.some((t) => t.entry?.fee);
        let missing: string | undefined;
        if ((isRevenueMetric(metric) || isRepurchaseMetric(metric)) && !hasRevenue) missing = t('kpi.no-revenue', {}, lang);
        else if (isCostMetric(metric) && !hasCost) missing = t('kpi.no-cost', {}, lang);
        else if (isRoiMetric(metric) && !(hasCost && hasRevenue)) missing = t('kpi.roi-needs-both', {}, lang);
        else if ((isActiveRateMetric(metric) || isActiveMembersMetric(metric)) && !tiers.some((t) => t.active)) missing = t('kpi.no-active', {}, lang);
        else if (
            (isChurnMetric(metric) || isRetentionMetric(metric)) &&
            !(isChurnMetric(metric) && metric.tier?.ref ? metric.tier.ref.churn : tiers.some((t) => t.churn))
        )
            missing = t('kpi.no-churn', {}, lang);
        else if (isConversionMetric(metric) && metric.from.ref && metric.to.ref && !metric.to.ref.flows.some((f) => f.tier.ref === metric.from.ref)) {
            missing = t('kpi.no-flow', { from: metric.from.ref.name, to: metric.to.ref.name }, lang);
        } else if (isNewMembersMetric(metric) && community.channels.length + community.referrals.length === 0 && !community.organic)
            missing = t('kpi.no-growth', {}, lang);
        if (missing === undefined) return;
        const words = METRIC_WORDS[metric.$type];
        report(accept, this.lang, 'kpi-unmodelled', { kpi: kpiLabel(kpi), metric: inLang(words, lang), missing }, { node: kpi, property: 'metric' });
    }

    /**
     * KPIs that even the best end of every range cannot reach (slow category). The value is the
     * engine's own KPI value in the `best` projection (every input at its favourable end, draws at
     * their expectation: engine/projection.ts). A Monte Carlo run can still beat an expectation by
     * chance, so the warning needs the target beyond the best case by a noise margin: three binomial
     * standard deviations (3√x + 1). It therefore fires only where
     * the forecast's P90 misses too (test/language/checker-forecast.test.ts).
     */
    impossible(kpi: Kpi, accept: ValidationAcceptor): void {
        const community = kpi.$container;
        const facts = communityFacts(this.services, community);
        const compiled = facts.model?.compiled;
        const k = compiled ? compiled.kpis.findIndex((x) => x.kpi.name === kpiName(kpi)) : -1;
        if (!compiled || k < 0) return;
        const atLeast = kpi.op === '>=' || kpi.op === '>' || kpi.op === '≥';
        if (!atLeast) return;
        const metric = kpi.metric;
        // Only where the best case is an upper bound of every run: counts of the whole community
        // (more seeds, audience, conversion and less churn never mean fewer people). A tier's own
        // count (promotions out of it), rates and shares (a bigger community dilutes them) are not.
        const wholeCommunity = !('tier' in metric) || metric.tier === undefined;
        const counts = (isMembersMetric(metric) || isNewMembersMetric(metric) || isActiveMembersMetric(metric)) && wholeCommunity;
        if (!counts) return;
        // With no source of members at all, kpi-unmodelled is the message, not this one.
        const modelsGrowth = compiled.sources.length > 0 || community.tiers.some((t) => t.seed && readQuantity(t.seed).center > 0);
        if (!modelsGrowth) return;
        const best = facts.best.kpiValues[k];
        if (!Number.isFinite(best)) return;
        // A target relative to another scenario is per run (engine/kpi-targets.ts): no fixed number to compare.
        if (compiled.kpis[k].kpi.relativeTo) return;
        const target = compiled.kpis[k].kpi.target;
        const week = compiled.kpis[k].week + 1;
        let reason: string | undefined;
        if (target > best + 3 * Math.sqrt(Math.max(0, best)) + 1) {
            reason = t('kpi.best-end-short', { week, best: fmt(best) }, this.lang);
        }
        if (reason) report(accept, this.lang, 'kpi-impossible', { kpi: kpiLabel(kpi), reason }, { node: kpi, property: 'target' });
    }
}
