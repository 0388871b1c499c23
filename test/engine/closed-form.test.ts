// The simulation against closed forms: Bass diffusion, K-factor compounding, Markov stationarity.
import { describe, expect, it } from 'vitest';
import { forecast, simulatePlan } from '../../engine/forecast.js';
import { S } from '../../engine/compile.js';
import { rawValue } from '../../engine/simulate.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

describe('closed forms', () => {
    it('organic growth without churn follows the Bass cumulative adoption F(t) within 2 %', () => {
        const M = 1_000_000;
        const p = 0.01; // per month
        const q = 0.3; // per month
        const bass = plan([community({ audiences: ['A'], tiers: [tier('Members')], organic: { innovation: rate(p), imitation: rate(q) } })], {
            audiences: [{ name: 'A', size: fixed(M), interests: [], regions: [], activeWindows: [] }],
            horizonWeeks: 52,
        });
        const members = seriesOf(forecast(bass, { runs: 200, seed: 7 }), 'members');
        for (let w = 1; w <= 52; w++) {
            const t = (w * 12) / 52; // months elapsed at the end of week w
            const e = Math.exp(-(p + q) * t);
            const F = (1 - e) / (1 + (q / p) * e);
            expect(Math.abs(members.p50[w - 1]! / (M * F) - 1)).toBeLessThan(0.02);
        }
        // Past the peak of the S-curve (t* = ln(q/p)/(p+q) ≈ 11 months) more than half has joined.
        expect(members.p50[51]! / M).toBeGreaterThan(0.5);
    });

    it.each([7, 14])('a referral campaign alone compounds as U0·(1+K)^(t/cycle) within 2 % (cycle %i days)', (cycleDays) => {
        const U0 = 2000;
        const invitesPerMonth = 2;
        const conversion = 0.25;
        const referral = plan(
            [
                community({
                    audiences: ['Everyone'],
                    tiers: [tier('Members', { seed: fixed(U0) })],
                    referrals: [
                        {
                            name: 'Invite',
                            mechanic: 'invite-code',
                            rewardEachSide: false,
                            invites: rate(invitesPerMonth),
                            conversion: fixed(conversion),
                            cycleDays,
                            tiers: [],
                            sharesTo: [],
                        },
                    ],
                }),
            ],
            { audiences: [{ name: 'Everyone', size: fixed(1e10), interests: [], regions: [], activeWindows: [] }], horizonWeeks: 30 },
        );
        const members = seriesOf(forecast(referral, { runs: 200, seed: 3 }), 'members');
        const K = (invitesPerMonth / (52 / 12)) * (cycleDays / 7) * conversion; // invites per cycle × conversion
        for (let w = 1; w <= 30; w++) {
            const expected = U0 * Math.pow(1 + K, (7 * w) / cycleDays);
            expect(Math.abs(members.p50[w - 1]! / expected - 1)).toBeLessThan(0.02);
        }
    });

    it('tier flows alone settle on the stationary distribution of the weekly Markov chain within 2 %', () => {
        // A ⇄ B ⇄ C with monthly promotion and demotion rates, no churn, no inflows.
        const tiers = [
            tier('A', { seed: fixed(300_000) }),
            tier('B', { flowsFrom: [{ tier: 'A', rate: rate(0.1) }], demotionsTo: [{ tier: 'A', rate: rate(0.08) }] }),
            tier('C', { flowsFrom: [{ tier: 'B', rate: rate(0.05) }], demotionsTo: [{ tier: 'B', rate: rate(0.1) }] }),
        ];
        const report = forecast(plan([community({ tiers })], { horizonWeeks: 400 }), { runs: 40, seed: 11 });
        const w = (m: number) => 1 - Math.pow(1 - m, 12 / 52);
        // Weekly transition matrix and its stationary vector by power iteration.
        const P = [
            [1 - w(0.1), w(0.1), 0],
            [w(0.08), 1 - w(0.08) - w(0.05), w(0.05)],
            [0, w(0.1), 1 - w(0.1)],
        ];
        let pi = [1, 0, 0];
        for (let i = 0; i < 20000; i++) pi = [0, 1, 2].map((j) => pi.reduce((s, x, k) => s + x * P[k][j], 0));
        const total = seriesOf(report, 'members').p50[399]!;
        expect(total).toBe(300_000); // nobody leaves a closed chain
        ['A', 'B', 'C'].forEach((name, i) => {
            const share = seriesOf(report, `members:${name}`).p50[399]! / total;
            expect(Math.abs(share / pi[i] - 1)).toBeLessThan(0.02);
        });
    });

    // Active members are a sum of per-tier binomials (Poisson-binomial): mean Σnp, variance Σnp(1 − p),
    // whether the sum is drawn tier by tier (small variance) or as one normal (variance ≥ 12).
    it.each([
        ['small tiers, drawn exactly', 10, 8],
        ['larger tiers, drawn as one normal', 40, 30],
    ])('active members have the Poisson-binomial mean and variance (%s)', (_label, a, b) => {
        const members = plan(
            [community({ tiers: [tier('A', { seed: fixed(a), active: rate(0.3, 'week') }), tier('B', { seed: fixed(b), active: rate(0.6, 'week') })] })],
            { horizonWeeks: 1 },
        );
        const runs = 40_000;
        const [raw] = simulatePlan(members, runs, 11);
        let sum = 0;
        let sq = 0;
        // Every run is a whole count within the members; the ones that are not are collected and asserted once.
        const outside: number[] = [];
        for (let r = 0; r < runs; r++) {
            const x = rawValue(raw, S.activeMembers, 0, r);
            if (!(Number.isInteger(x) && x >= 0 && x <= a + b)) outside.push(x);
            sum += x;
            sq += x * x;
        }
        expect(outside).toEqual([]);
        const mean = sum / runs;
        const variance = sq / runs - mean * mean;
        const mu = a * 0.3 + b * 0.6;
        const v = a * 0.3 * 0.7 + b * 0.6 * 0.4;
        expect(Math.abs(mean / mu - 1)).toBeLessThan(0.01);
        expect(Math.abs(variance / v - 1)).toBeLessThan(0.05);
    });
});
