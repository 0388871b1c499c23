// The simulation against closed forms: Bass diffusion, K-factor compounding, Markov stationarity.
import { describe, expect, it } from 'vitest';
import { forecast } from '../../engine/forecast.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

describe('closed forms', () => {
    it('organic growth without churn follows the Bass cumulative adoption F(t) within 2 %', () => {
        const M = 1_000_000;
        const p = 0.01; // per month
        const q = 0.3; // per month
        const bass = plan(
            [community({ audiences: ['A'], tiers: [tier('Members')], organic: { innovation: rate(p), imitation: rate(q) } })],
            { audiences: [{ name: 'A', size: fixed(M), interests: [], regions: [], activeWindows: [] }], horizonWeeks: 52 },
        );
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
                    referrals: [{ name: 'Invite', mechanic: 'invite-code', rewardEachSide: false, invites: rate(invitesPerMonth), conversion: fixed(conversion), cycleDays, tiers: [], sharesTo: [] }],
                }),
            ],
            { audiences: [{ name: 'Everyone', size: fixed(1e10), interests: [], regions: [], activeWindows: [] }], horizonWeeks: 30 },
        );
        const members = seriesOf(forecast(referral, { runs: 200, seed: 3 }), 'members');
        const K = ((invitesPerMonth / (52 / 12)) * (cycleDays / 7)) * conversion; // invites per cycle × conversion
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
});
