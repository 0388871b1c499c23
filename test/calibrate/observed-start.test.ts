// Forecasting from the last observed week (engine/observed-start.ts): the observed weeks are the
// actuals in every run, the forecast continues from their state — members per tier, cumulative cost
// and revenue, KPI windows (the same bytes from worker threads: observed-start-pool.test.ts).
import { describe, expect, it } from 'vitest';
import { S } from '../../engine/compile.js';
import { ExpectedDraws } from '../../engine/expected-draws.js';
import { forecast } from '../../engine/forecast.js';
import type { Plan } from '../../engine/model.js';
import { observedStart, observedWeekCount, splitWhole } from '../../engine/observed-start.js';
import { distMean } from '../../engine/random.js';
import { rawValue, simulateCommunity } from '../../engine/simulate.js';
import { community, fixed, plan, rate, seriesOf, tier } from '../engine/helpers.js';
import { compiled, H, oneTier, weeks } from './observed-helpers.js';

describe('observed start: the state of the last observed week', () => {
    it('a plan without uncertainty continues deterministically from the observed members (mean field, closed form)', () => {
        const c = compiled(oneTier());
        const observed = weeks({ members: [950, 900, 880, 800] });
        const start = observedStart(c, observed)!;
        expect(start.weeks).toBe(4);
        const raw = simulateCommunity(c, new ExpectedDraws(Float64Array.from(c.dists, distMean)), { runs: 1, start });
        expect(raw.observedWeeks).toBe(4);
        [950, 900, 880, 800].forEach((m, w) => expect(rawValue(raw, S.members, w, 0)).toBe(m));
        // 10 % a week leave from 800 on: 720, 648, …
        for (let w = 4; w < H; w++) expect(rawValue(raw, S.members, w, 0)).toBeCloseTo(800 * 0.9 ** (w - 3), 6);
        // Leaves of an observed week the file does not give: the plan's rate on the observed start of that week.
        expect(rawValue(raw, S.churned, 1, 0)).toBe(95);
    });

    it('every Monte Carlo run holds the observed weeks; with nothing random left the forecast is the continuation itself', () => {
        // No churn, no joins: members stay at the last observed count in every run; paid spend is fixed.
        const p = plan([
            community({
                name: 'C',
                tiers: [tier('Members', { seed: fixed(100), churn: rate(0) })],
                channels: [{ name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(1e9) }],
            }),
        ]);
        const observed = new Map([['C', weeks({ members: [120, 150, 170], 'spend:Ads': [400, 500, 600] })]]);
        const report = forecast(p, { runs: 300, seed: 3, observed });
        const cf = report.forecasts[0].communities[0];
        expect(cf.fromWeek).toBe(4);
        const members = seriesOf(report, 'members');
        expect(members.p10.slice(0, 3)).toEqual([120, 150, 170]);
        expect(members.p90.slice(0, 3)).toEqual([120, 150, 170]);
        for (let w = 3; w < H; w++) expect([members.p10[w], members.p90[w]]).toEqual([170, 170]);
        // Cumulative cost continues from the observed spend: 1,500 in weeks 1–3, then the plan's 1,000 a week.
        const cost = seriesOf(report, 'cumulative-cost');
        expect(cost.p50[2]).toBe(1500);
        expect([cost.p10[H - 1], cost.p90[H - 1]]).toEqual([1500 + 1000 * (H - 3), 1500 + 1000 * (H - 3)]);
        expect(cf.costByCategory!.find((x) => x.category === 'paid')!.p50).toBe(1500 + 1000 * (H - 3));
    });

    it('cumulative revenue continues from the observed total, and KPIs are judged on the whole horizon', () => {
        const p = plan(
            [
                community({
                    name: 'C',
                    audiences: ['A'],
                    orderValue: fixed(100),
                    tiers: [tier('Members', { seed: fixed(200), churn: rate(0.05, 'week'), buys: rate(0.1, 'week') })],
                    organic: { innovation: rate(0.01, 'week'), imitation: rate(0.2, 'week') },
                    kpis: [
                        { name: 'Joined', metric: 'new-members', op: '>=', target: 1, deadlineWeek: H },
                        { name: 'Early', metric: 'members', op: '>=', target: 260, deadlineWeek: 2 },
                        { name: 'Sales', metric: 'revenue', op: '>=', target: 1, deadlineWeek: H },
                    ],
                }),
            ],
            { audiences: [{ name: 'A', size: fixed(50000), interests: [], regions: [], activeWindows: [] } as unknown as Plan['audiences'][number]] },
        );
        const joins = [90, 80, 120, 100, 110];
        const revenue = [2000, 2500, 3000, 3100, 3300];
        const observed = new Map([['C', weeks({ members: [280, 250, 350, 430, 520], joins, revenue })]]);
        const report = forecast(p, { runs: 800, seed: 11, observed });
        const cf = report.forecasts[0].communities[0];
        const cumRevenue = seriesOf(report, 'cumulative-revenue');
        const total = revenue.reduce((a, b) => a + b, 0);
        expect([cumRevenue.p10[4], cumRevenue.p50[4], cumRevenue.p90[4]]).toEqual([total, total, total]);
        const weekly = seriesOf(report, 'revenue');
        expect(cumRevenue.mean[5]!).toBeCloseTo(total + weekly.mean[5]!, 1);
        // New members over the horizon: the observed joins plus the forecast ones, run by run.
        const newMembers = seriesOf(report, 'new-members');
        expect(newMembers.p50.slice(0, 5)).toEqual(joins);
        const sum = newMembers.mean.reduce((a, b) => a! + b!, 0)!;
        const joined = cf.kpis.find((k) => k.name === 'Joined')!;
        expect(joined.mean!).toBeCloseTo(sum, 0);
        expect(joined.mean!).toBeGreaterThan(joins.reduce((a, b) => a + b, 0));
        // A deadline inside the observed weeks is decided by the actuals: 250 members in week 2 < 260.
        const early = cf.kpis.find((k) => k.name === 'Early')!;
        expect([early.probability, early.p10, early.p90]).toEqual([0, 250, 250]);
        const sales = cf.kpis.find((k) => k.name === 'Sales')!;
        expect(sales.p50!).toBe(cumRevenue.p50[H - 1]);
        // The sources of new members still add up to them, observed weeks included.
        const bySource = cf.newMembersBySource!.reduce((a, s) => a + s.mean, 0);
        expect(bySource).toBeCloseTo(sum, 0);
    });

    it('a total member count is split over the tiers as the model splits the week; per-tier counts are taken as they are', () => {
        const p = plan([
            community({
                name: 'C',
                tiers: [
                    tier('P', { seed: fixed(900), churn: rate(0.1, 'week') }),
                    tier('Q', { seed: fixed(100), churn: rate(0.02, 'week'), flowsFrom: [{ tier: 'P', rate: rate(0.05, 'week') }] }),
                ],
            }),
        ]);
        const c = compiled(p);
        const total = observedStart(c, weeks({ members: [1000] }))!;
        expect(total.end[0] + total.end[1]).toBe(1000);
        expect(total.end[1]).toBeGreaterThan(100);
        const perTier = observedStart(c, weeks({ 'members:P': [700], 'members:Q': [300] }))!;
        expect([...perTier.end]).toEqual([700, 300]);
        expect(observedWeekCount(weeks({ joins: [5, 6] }), c.tierNames, H)).toBe(0);
        expect(observedStart(c, weeks({ joins: [5, 6] }))).toBeUndefined();
        expect([...splitWhole(10, [1, 1, 1])]).toEqual([4, 3, 3]);
    });
});
