// Rewards and incentives that are not cash: coupons, points, gifts, resource packs (资料包), badges.
// A reward has two values per unit written: what it costs the community (a coupon costs only when it
// is redeemed, points cost their cash value when they are spent) and what it is worth to the person
// receiving it (a coupon is worth less than its face value, a free resource pack is worth something
// though it costs nothing to hand out). The cost enters the forecast's cost; the worth enters a
// referral's conversion when a scenario, `solve` or the sensitivity changes the reward (the
// conversion the plan states is the conversion at the reward as written). docs/forecast-model.md,
// "Rewards", gives each factor and its `assume` key.
import type { Assumptions } from './assumptions.js';
import type { Dist } from './model.js';
import { distMean } from './random.js';

/** Reward kinds the model knows; anything else (and no kind) is cash. */
export const REWARD_KINDS = ['cash', 'red-packet', 'coupon', 'points', 'gift', 'pack', 'badge'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

function known(kind: string | undefined): RewardKind {
    return (REWARD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RewardKind) : 'cash';
}

/** What one unit of the written amount costs the community, by kind (cash: 1). */
export function rewardCostFactor(kind: string | undefined, a: Assumptions): number {
    switch (known(kind)) {
        case 'coupon':
            return a.get('coupon-redemption');
        case 'points':
            return a.get('point-value') * a.get('points-redemption');
        case 'badge':
            return 0;
        default:
            // cash, red packets and gifts cost what is written; a pack costs its written production cost, if any.
            return 1;
    }
}

/** What the reward is worth to whoever receives it, in plan currency per reward. */
export function rewardWorth(kind: string | undefined, amount: number, a: Assumptions): number {
    switch (known(kind)) {
        case 'coupon':
            return amount * a.get('coupon-worth');
        case 'points':
            return amount * a.get('point-value');
        case 'pack':
            return a.get('pack-worth');
        case 'badge':
            return a.get('badge-worth');
        default:
            return amount;
    }
}

/**
 * Factor on a referral's conversion when its reward differs from the one the plan states:
 * ((anchor + worth now) / (anchor + worth as written))^elasticity, 1 when the reward is as written.
 */
export function rewardConversionScale(kind: string | undefined, now: Dist | undefined, asWritten: Dist | undefined, a: Assumptions): number {
    if (asWritten === undefined && now === undefined) return 1;
    const worthNow = rewardWorth(kind, now ? distMean(now) : 0, a);
    const worthThen = rewardWorth(kind, asWritten ? distMean(asWritten) : 0, a);
    if (worthNow === worthThen) return 1;
    const anchor = a.get('reward-anchor');
    return Math.pow((anchor + Math.max(0, worthNow)) / (anchor + Math.max(0, worthThen)), a.get('reward-elasticity'));
}
