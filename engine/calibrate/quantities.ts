// The plan's quantities a calibration can estimate, read off a compiled community: each names its
// distribution slot, the plan's value, what it is called in a scenario override (for --write), which
// observed series can inform it, and its prior (the plan's own distribution when it is uncertain, a
// wide log-uniform around the plan's value when the plan states one number).
import type { CompiledCommunity } from '../compile.js';
import type { Dist } from '../model.js';
import { isUncertain } from '../random.js';

export type QuantityUnit = 'share' | 'rate' | 'money';

export interface Quantity {
    id: string;
    /** What a strategist calls it: "Prospect churn", "Core from Prospect", "DouyinAds cost per join". */
    label: string;
    labelZh: string;
    slot: number;
    unit: QuantityUnit;
    /** The period of a share or rate ("month", "week"…), as the plan wrote it. */
    per?: string;
    /** The override target and property: `Prospect.churn`, `Core.Prospect`, `FitHome.innovation`. */
    target: string;
    property: string;
    /** Observed series keys any one of which informs the quantity. */
    informedBy: string[];
    prior: Dist;
    /** True when the prior is the plan's own distribution (false: wide prior around a stated value). */
    planPrior: boolean;
    /** Upper bound of the value (1 for shares). */
    max: number;
}

/** Factor of the wide prior around a single stated value: log-uniform on [x / F, x · F]. */
export const WIDE_PRIOR_FACTOR = 4;

function priorOf(dist: Dist, max: number, stated: boolean): { prior: Dist; planPrior: boolean } | undefined {
    if (isUncertain(dist)) return { prior: dist, planPrior: true };
    if (!stated) return undefined;
    const x = dist.kind === 'fixed' ? dist.value : 0;
    if (!(x > 0)) return undefined;
    return { prior: { kind: 'uniform', min: x / WIDE_PRIOR_FACTOR, max: Math.min(max, x * WIDE_PRIOR_FACTOR) }, planPrior: false };
}

/**
 * Every quantity of the community that calibration can estimate, in a stable order. By default only
 * the plan's uncertain numbers (ranges, ±) are free: a single stated number is what the strategist
 * fixed, and freeing every one of them gives more unknowns than weekly totals can separate.
 * `stated: true` also frees single numbers, under a wide log-uniform prior.
 */
export function calibratableQuantities(c: CompiledCommunity, stated = false): Quantity[] {
    const out: Quantity[] = [];
    const community = c.community;
    const tiers = community.tiers;
    const memberSeries = (t: number) => ['members', `members:${c.tierNames[t]}`];
    const push = (q: Omit<Quantity, 'prior' | 'planPrior'>) => {
        if (q.slot < 0) return;
        const p = priorOf(c.dists[q.slot], q.max, stated);
        if (p) out.push({ ...q, ...p });
    };
    c.tierNames.forEach((name, t) => {
        const tier = tiers[t];
        push({
            id: `${name}.churn`,
            label: `${name} churn`,
            labelZh: `${name} 流失率`,
            slot: c.tierChurn[t],
            unit: 'share',
            per: tier?.churn?.per,
            target: name,
            property: 'churn',
            informedBy: [...memberSeries(t), 'leaves', `leaves:${name}`],
            max: 1,
        });
    });
    for (const f of c.flows) {
        const from = c.tierNames[f.from];
        const to = c.tierNames[f.to];
        const rate = f.demotion ? tiers[f.from]?.demotionsTo.find((d) => d.tier === to)?.rate : tiers[f.to]?.flowsFrom.find((d) => d.tier === from)?.rate;
        if (f.demotion) continue; // demotions are overridden by no scenario property yet; left as planned
        push({
            id: `${to}.${from}`,
            label: `${to} from ${from}`,
            labelZh: `${from} → ${to} 晋升率`,
            slot: f.rate,
            unit: 'share',
            per: rate?.per,
            target: to,
            property: from,
            informedBy: [`members:${from}`, `members:${to}`],
            max: 1,
        });
    }
    c.tierNames.forEach((name, t) => {
        const tier = tiers[t];
        push({
            id: `${name}.active`,
            label: `${name} active rate`,
            labelZh: `${name} 活跃率`,
            slot: c.tierActive[t],
            unit: 'share',
            per: tier?.active?.per,
            target: name,
            property: 'active',
            informedBy: ['active'],
            max: 1,
        });
    });
    c.tierNames.forEach((name, t) => {
        const tier = tiers[t];
        push({
            id: `${name}.buys`,
            label: `${name} buy rate`,
            labelZh: `${name} 购买率`,
            slot: c.tierBuys[t],
            unit: 'share',
            per: tier?.buys?.per,
            target: name,
            property: 'buys',
            informedBy: ['revenue'],
            max: 1,
        });
    });
    if (c.organic && community.organic) {
        const joins = ['joins', 'members', ...c.tierNames.map((t) => `members:${t}`)];
        if (c.audiences.length > 0) {
            push({
                id: `${community.name}.innovation`,
                label: 'organic innovation p',
                labelZh: '自然增长创新系数 p',
                slot: c.organic.p,
                unit: 'rate',
                per: community.organic.innovation.per,
                target: community.name,
                property: 'innovation',
                informedBy: joins,
                max: Infinity,
            });
            push({
                id: `${community.name}.imitation`,
                label: 'organic imitation q',
                labelZh: '自然增长模仿系数 q',
                slot: c.organic.q,
                unit: 'rate',
                per: community.organic.imitation.per,
                target: community.name,
                property: 'imitation',
                informedBy: joins,
                max: Infinity,
            });
        }
    }
    for (const ch of c.channels) {
        if (ch.spend < 0) continue;
        push({
            id: `${ch.name}.cost`,
            label: `${ch.name} cost per join`,
            labelZh: `${ch.name} 单个入群成本`,
            slot: ch.costPerJoin,
            unit: 'money',
            target: ch.name,
            property: 'cost',
            informedBy: ['joins', 'members', ...c.tierNames.map((t) => `members:${t}`)],
            max: Infinity,
        });
    }
    for (const r of c.referrals) {
        // Invitations and conversion enter only as their product K: the fit moves conversion and keeps
        // the plan's invitations, and the report says it stands for invites × conversion.
        push({
            id: `${r.name}.conversion`,
            label: `${r.name} conversion (× invites)`,
            labelZh: `${r.name} 转化率（× 邀请数）`,
            slot: r.conversion,
            unit: 'share',
            target: r.name,
            property: 'conversion',
            informedBy: ['referral-joins', 'joins', 'members', ...c.tierNames.map((t) => `members:${t}`)],
            max: 1,
        });
    }
    return out;
}
