// Repurchase (复购): first purchases at the tier's `buys` rate, repeat purchases at its `repurchase`
// rate, and the repurchase-rate KPI (of everyone who has bought, the share who bought again), each
// against its closed form (docs/forecast-model.md, "Purchases").
import { describe, expect, it } from 'vitest';
import { forecast } from '../../engine/forecast.js';
import type { Kpi, Plan } from '../../engine/model.js';
import { WEEKS_PER } from '../../engine/model.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

const weeklyOf = (monthly: number) => 1 - Math.pow(1 - monthly, 1 / WEEKS_PER.month);
const kpi: Kpi = { name: 'Loyal', metric: 'repurchase-rate', op: '>=', target: 0.3, deadlineWeek: 26 };

function shop(extra: { buys: number; repurchase?: number; churn?: number; n?: number }): Plan {
    return plan([
        community({
            orderValue: fixed(100),
            tiers: [
                tier('T', {
                    seed: fixed(extra.n ?? 1e6),
                    buys: rate(extra.buys),
                    repurchase: extra.repurchase === undefined ? undefined : rate(extra.repurchase),
                    churn: extra.churn ? rate(extra.churn) : undefined,
                }),
            ],
            kpis: [kpi],
        }),
    ]);
}

/**
 * Expected never / once / twice+ buyers among members week by week, churn c first (every class alike),
 * then N' = N(1−f), O' = O + Nf − Or, T' = T + Or; everyone who bought once (Σ Nf) and twice (Σ Or)
 * is counted whether they stay or not.
 */
function closedForm(n: number, f: number, r: number, weeks: number, c = 0): { share: number[]; buys: number[] } {
    let N = n;
    let O = 0;
    let T = 0;
    let ever = 0;
    let again = 0;
    const share: number[] = [];
    const buys: number[] = [];
    for (let w = 0; w < weeks; w++) {
        N *= 1 - c;
        O *= 1 - c;
        T *= 1 - c;
        buys.push(N * f + (O + T) * r);
        const first = N * f;
        const second = O * r;
        N -= first;
        O += first - second;
        T += second;
        ever += first;
        again += second;
        share.push(again / ever);
    }
    return { share, buys };
}

describe('repurchase', () => {
    it("the repurchase rate and revenue follow N' = N(1−f), O' = O + Nf − Or, T' = T + Or", () => {
        const f = weeklyOf(0.1);
        const r = weeklyOf(0.3);
        const expected = closedForm(1e6, f, r, 26);
        const report = forecast(shop({ buys: 0.1, repurchase: 0.3 }), { runs: 200, seed: 3 });
        const share = seriesOf(report, 'repurchase-rate').mean;
        const revenue = seriesOf(report, 'revenue').mean;
        for (const w of [0, 1, 4, 12, 25]) {
            expect(share[w]!).toBeCloseTo(expected.share[w], 3);
            expect(revenue[w]! / (100 * expected.buys[w])).toBeCloseTo(1, 2);
        }
        // Buyers who buy again more often than first-timers: revenue grows week by week with a flat membership.
        expect(revenue[25]!).toBeGreaterThan(revenue[0]! * 1.5);
    });

    it('without a repurchase rate buyers buy again at the buy rate: revenue is flat, the share is 1 − (1−f)·… of the closed form with r = f', () => {
        const f = weeklyOf(0.1);
        const expected = closedForm(1e6, f, f, 26);
        const report = forecast(shop({ buys: 0.1 }), { runs: 200, seed: 3 });
        const share = seriesOf(report, 'repurchase-rate').mean;
        const revenue = seriesOf(report, 'revenue').mean;
        expect(share[25]!).toBeCloseTo(expected.share[25], 3);
        expect(revenue[25]! / revenue[0]!).toBeCloseTo(1, 2);
        expect(revenue[0]! / (100 * 1e6 * f)).toBeCloseTo(1, 2);
    });

    it('draws exactly what a plan without repurchase drew when the rate is not given (same seed, same revenue)', () => {
        const a = forecast(shop({ buys: 0.05, churn: 0.1, n: 5000 }), { runs: 300, seed: 11 });
        const b = forecast(shop({ buys: 0.05, churn: 0.1, n: 5000, repurchase: 0.05 }), { runs: 300, seed: 11 });
        // A repurchase rate equal to the buy rate blends to the same weekly rate, so both draw the same purchases.
        expect(seriesOf(b, 'revenue').p50).toEqual(seriesOf(a, 'revenue').p50);
        expect(seriesOf(b, 'members').p50).toEqual(seriesOf(a, 'members').p50);
    });

    it('churn takes buyers in proportion to their share of the tier; those who left cannot buy again', () => {
        const f = weeklyOf(0.1);
        const r = weeklyOf(0.3);
        const expected = closedForm(1e6, f, r, 26, weeklyOf(0.2));
        const report = forecast(shop({ buys: 0.1, repurchase: 0.3, churn: 0.2 }), { runs: 200, seed: 5 });
        const share = seriesOf(report, 'repurchase-rate').mean;
        for (const w of [3, 12, 25]) expect(share[w]!).toBeCloseTo(expected.share[w], 3);
        expect(share[25]!).toBeLessThan(closedForm(1e6, f, r, 26).share[25]);
    });

    it('buyers move with the members who change tier: a promotion leaves the share as in one tier', () => {
        const f = weeklyOf(0.1);
        const r = weeklyOf(0.3);
        const two = plan([
            community({
                orderValue: fixed(100),
                tiers: [
                    tier('A', { seed: fixed(1e6), buys: rate(0.1), repurchase: rate(0.3) }),
                    tier('B', { buys: rate(0.1), repurchase: rate(0.3), flowsFrom: [{ tier: 'A', rate: rate(0.25) }] }),
                ],
                kpis: [kpi],
            }),
        ]);
        const report = forecast(two, { runs: 200, seed: 6 });
        const share = seriesOf(report, 'repurchase-rate').mean;
        const expected = closedForm(1e6, f, r, 26);
        for (const w of [3, 12, 25]) expect(share[w]!).toBeCloseTo(expected.share[w], 3);
    });

    it('scores the repurchase-rate KPI at its deadline from the same series', () => {
        const report = forecast(shop({ buys: 0.1, repurchase: 0.3, n: 2000 }), { runs: 400, seed: 8 });
        const k = report.forecasts[0].communities[0].kpis[0];
        const p50 = seriesOf(report, 'repurchase-rate').p50[25]!;
        expect(k.metric).toBe('repurchase-rate');
        expect(k.p50).toBeCloseTo(p50, 2);
        expect(k.probability).toBeGreaterThan(0.95);
        const low = forecast(shop({ buys: 0.1, repurchase: 0.02, n: 2000 }), { runs: 400, seed: 8 });
        expect(low.forecasts[0].communities[0].kpis[0].probability).toBeLessThan(0.05);
    });
});
