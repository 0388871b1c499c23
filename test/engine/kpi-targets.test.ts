// KPIs relative to another scenario (`members >= 20% above scenario NoAds`): each run's target is the
// factor × the same KPI in the same run of that scenario (common random numbers), in the forecast,
// the sensitivity and solve alike (engine/kpi-targets.ts).
import { describe, expect, it } from 'vitest';
import { forecast, simulatePlan } from '../../engine/forecast.js';
import type { Kpi, Plan } from '../../engine/model.js';
import { applyScenario } from '../../engine/scenario.js';
import { solve } from '../../engine/solve.js';
import { community, fixed, plan, rate, tier } from './helpers.js';

const relative = (factor: number, scenario: string, op: Kpi['op'] = '>='): Kpi => ({
    name: 'Uplift',
    metric: 'members',
    op,
    target: factor,
    relativeTo: { scenario, factor },
    deadlineWeek: 13,
});

function withAds(kpi: Kpi): Plan {
    return plan(
        [
            community({
                tiers: [tier('A', { seed: fixed(1000), churn: rate(0.05) })],
                channels: [
                    {
                        name: 'Ads',
                        spend: { value: fixed(2000), per: 'week' },
                        spendPer: 'week',
                        costPerJoin: { kind: 'triangular', min: 5, mode: 10, max: 15 },
                    },
                ],
                referrals: [
                    {
                        name: 'R',
                        mechanic: 'invite-code',
                        rewardEachSide: false,
                        invites: rate(1),
                        conversion: fixed(0.1),
                        cycleDays: 7,
                        tiers: [],
                        sharesTo: [],
                    },
                ],
                kpis: [kpi],
            }),
        ],
        {
            horizonWeeks: 13,
            scenarios: [
                { name: 'Same', overrides: [], drops: [] },
                { name: 'NoAds', overrides: [], drops: ['Ads'] },
            ],
        },
    );
}

describe('KPIs relative to another scenario', () => {
    it('compares run by run with the same draws: 0% above an identical scenario holds in every run, more than 0% in none', () => {
        const atLeast = forecast(withAds(relative(1, 'Same')), { runs: 300, seed: 4 }).forecasts[0].communities[0].kpis[0];
        const strictly = forecast(withAds(relative(1, 'Same', '>')), { runs: 300, seed: 4 }).forecasts[0].communities[0].kpis[0];
        expect(atLeast.probability).toBe(1);
        expect(strictly.probability).toBe(0);
    });

    it('P(success) is the share of runs whose members reach 1.2 × the same run without ads; the target shown is its median', () => {
        const p = withAds(relative(1.2, 'NoAds'));
        const k = forecast(p, { runs: 500, seed: 9 }).forecasts[0].communities[0].kpis[0];
        const [main] = simulatePlan(p, 500, 9);
        const [base] = simulatePlan(applyScenario(p, 'NoAds'), 500, 9);
        let hits = 0;
        const targets: number[] = [];
        for (let r = 0; r < 500; r++) {
            targets.push(1.2 * base.kpiValues[r]);
            if (main.kpiValues[r] >= 1.2 * base.kpiValues[r]) hits++;
        }
        targets.sort((a, b) => a - b);
        expect(k.probability).toBeCloseTo(hits / 500, 4);
        expect(k.target).toBeCloseTo(targets[Math.round(0.5 * 499)], 3);
        expect(k.relativeTo).toEqual({ scenario: 'NoAds', factor: 1.2 });
        // The ads bring far more than 20 %: met in (nearly) every run.
        expect(k.probability).toBeGreaterThan(0.95);
    });

    it('solve finds the ad spend that beats the no-ads plan by 150 % at 80 %, and the forecast agrees', () => {
        const p = withAds(relative(2.5, 'NoAds'));
        const result = solve(p, {
            kpis: ['Uplift'],
            probability: 0.8,
            objective: 'minimise-cost',
            runs: 400,
            seed: 1,
            levers: [{ target: 'Ads', property: 'paid', min: 0, max: 20000 }],
        });
        expect(result.reached).toBe(true);
        const spend = result.best.values[0];
        expect(spend).toBeGreaterThan(0);
        const solved: Plan = {
            ...p,
            communities: [{ ...p.communities[0], channels: [{ ...p.communities[0].channels[0], spend: { value: fixed(spend), per: 'week' } }] }],
        };
        const k = forecast(solved, { runs: 400, seed: 1 }).forecasts[0].communities[0].kpis[0];
        expect(k.probability).toBeGreaterThanOrEqual(0.78);
    });
});
