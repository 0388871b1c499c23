// Rewards that are not cash (coupons, points, gifts, resource packs, badges): their cost and their
// effect on a referral's conversion when the reward changes (engine/rewards.ts, docs/forecast-model.md).
import { describe, expect, it } from 'vitest';
import { Assumptions } from '../../engine/assumptions.js';
import { compileCommunity } from '../../engine/compile.js';
import { forecast } from '../../engine/forecast.js';
import type { Activity, Plan, Referral } from '../../engine/model.js';
import { rewardConversionScale, rewardCostFactor, rewardWorth } from '../../engine/rewards.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

const referral = (extra: Partial<Referral>): Referral => ({
    name: 'R',
    mechanic: 'invite-code',
    rewardEachSide: false,
    invites: rate(1, 'month'),
    conversion: fixed(0.1),
    cycleDays: 7,
    tiers: [],
    sharesTo: [],
    ...extra,
});
const withReferral = (r: Partial<Referral>, scenarios: Plan['scenarios'] = []): Plan =>
    plan([community({ tiers: [tier('T', { seed: fixed(5000) })], referrals: [referral(r)] })], { scenarios });
const costOf = (p: Plan, scenario = 0) => forecast(p, { runs: 300, seed: 2 }).forecasts[scenario].communities[0];

describe('reward kinds', () => {
    const a = new Assumptions();

    it('cost per unit written: cash and gifts 1, coupons their redemption share, points value × redemption, badges 0', () => {
        expect(rewardCostFactor(undefined, a)).toBe(1);
        expect(rewardCostFactor('cash', a)).toBe(1);
        expect(rewardCostFactor('gift', a)).toBe(1);
        expect(rewardCostFactor('coupon', a)).toBe(0.3);
        expect(rewardCostFactor('points', a)).toBeCloseTo(0.01 * 0.5, 12);
        expect(rewardCostFactor('badge', a)).toBe(0);
        expect(rewardWorth('pack', 0, a)).toBe(20);
        expect(rewardWorth('coupon', 20, a)).toBe(10);
    });

    it("a referral's reward cost per join is amount × sides × the kind's cost factor", () => {
        const cash = costOf(withReferral({ reward: fixed(20), rewardEachSide: true }));
        const coupon = costOf(withReferral({ reward: fixed(20), rewardEachSide: true, rewardKind: 'coupon' }));
        const points = costOf(withReferral({ reward: fixed(500), rewardKind: 'points' }));
        const pack = costOf(withReferral({ rewardKind: 'pack' }));
        const joins = (c: typeof cash) => c.newMembersBySource!.find((s) => s.source === 'R')!.mean;
        const referralCost = (c: typeof cash) => c.costByCategory!.find((x) => x.category === 'referral')!.mean;
        // Same draws (the reward does not change conversion as written): the same joins.
        expect(joins(coupon)).toBe(joins(cash));
        expect(referralCost(cash) / joins(cash)).toBeCloseTo(40, 0);
        expect(referralCost(coupon) / joins(coupon)).toBeCloseTo(40 * 0.3, 0);
        expect(referralCost(points) / joins(points)).toBeCloseTo(500 * 0.01 * 0.5, 1);
        expect(referralCost(pack)).toBe(0);
    });

    it('a larger reward raises conversion by ((anchor + worth) / (anchor + worth as written))^elasticity', () => {
        const p = withReferral({ reward: fixed(20), rewardKind: 'coupon' }, [
            { name: 'Bigger', overrides: [{ target: 'R', property: 'reward', value: fixed(60) }], drops: [] },
        ]);
        const expected = Math.pow((10 + 60 * 0.5) / (10 + 20 * 0.5), 0.3);
        expect(rewardConversionScale('coupon', fixed(60), fixed(20), a)).toBeCloseTo(expected, 12);
        const scenario = {
            ...p,
            communities: [{ ...p.communities[0], referrals: [{ ...p.communities[0].referrals[0], reward: fixed(60), rewardAsWritten: fixed(20) }] }],
        };
        expect(compileCommunity(scenario, scenario.communities[0], a).referrals[0].conversionScale).toBeCloseTo(expected, 12);
        const report = forecast(p, { runs: 400, seed: 3, scenarios: [null, 'Bigger'] });
        const base = seriesOf(report, 'new-members', 0).mean.reduce((s: number, v) => s + (v ?? 0), 0);
        const bigger = seriesOf(report, 'new-members', 1).mean.reduce((s: number, v) => s + (v ?? 0), 0);
        expect(bigger).toBeGreaterThan(base * 1.05);
        // The plan as written keeps its stated conversion.
        expect(compileCommunity(p, p.communities[0], a).referrals[0].conversionScale).toBe(1);
    });

    it("an activity's incentive costs participants × amount × the kind's cost factor, paid in the week a run starts", () => {
        const act = (incentives: Activity['incentives']): Activity => ({
            name: 'Camp',
            mode: 'online',
            kind: 'challenge',
            schedules: [{ frequency: 'once', interval: 1, weekdays: [], monthDays: [], times: ['20:00'], date: '2027-01-05' }],
            durationMinutes: 60,
            tiers: [],
            lifts: {},
            materials: [],
            incentives,
            reach: fixed(0.4),
        });
        const p = (incentives: Activity['incentives']) => plan([community({ tiers: [tier('T', { seed: fixed(1000) })], activities: [act(incentives)] })]);
        const activities = (x: Plan) => costOf(x).costByCategory!.find((c) => c.category === 'activities')!.mean;
        const none = activities(p([]));
        expect(activities(p([{ kind: 'coupon', amount: 20 }])) - none).toBeCloseTo(400 * 20 * 0.3, 0);
        expect(activities(p([{ kind: 'points', amount: 100 }])) - none).toBeCloseTo(400 * 100 * 0.005, 0);
        expect(activities(p([{ kind: 'badge' }]))).toBe(none);
    });
});
