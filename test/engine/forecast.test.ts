import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { forecast, simulatePlan } from '../../engine/forecast.js';
import { S } from '../../engine/compile.js';
import { COST_CATEGORIES, SeriesReader } from '../../engine/simulate.js';
import { forecastJsonSchema, ForecastReport } from '../../engine/forecast-schema.js';
import type { Dist, Plan } from '../../engine/model.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

/** A mid-sized community with seeds, churn, a promotion flow, paid growth, content and fees. */
function sample(churn: Dist = fixed(0.08)): Plan {
    return plan(
        [
            community({
                audiences: ['A'],
                platforms: ['G'],
                orderValue: fixed(100),
                tiers: [
                    tier('Fans', { seed: fixed(200_000), churn: { value: churn, per: 'month' }, active: rate(0.3, 'week'), buys: rate(0.02) }),
                    tier('Core', {
                        flowsFrom: [{ tier: 'Fans', rate: rate(0.05) }],
                        churn: rate(0.02),
                        active: rate(0.6, 'week'),
                        entry: { condition: 'fee', fee: { value: fixed(1), per: 'day' }, feePer: 'day' },
                    }),
                ],
                channels: [{ name: 'Ads', spend: { value: fixed(7000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(10) }],
                contents: [
                    {
                        name: 'Tips',
                        kind: 'educational',
                        schedules: [{ frequency: 'daily', interval: 1, weekdays: [], monthDays: [], times: ['20:00'] }],
                        tiers: [],
                        costPerPost: fixed(100),
                    },
                ],
                kpis: [
                    { name: 'Big', metric: 'members', op: '>=', target: 100_000, deadlineWeek: 26 },
                    { name: 'Huge', metric: 'members', op: '>=', target: 10_000_000, deadlineWeek: 26 },
                    { name: 'Conv', metric: 'conversion', fromTier: 'Fans', toTier: 'Core', op: '>=', target: 0.04, targetPer: 'month', deadlineWeek: 20 },
                ],
            }),
        ],
        {
            audiences: [{ name: 'A', size: fixed(2_000_000), interests: [], regions: [], activeWindows: [] }],
            platforms: [{ name: 'G', kind: 'wechat-group', limits: { 'group-capacity': 500 } }],
            budget: 1_000_000,
        },
    );
}

describe('forecast', () => {
    it('gives P10 = P50 = P90 without uncertainty (deterministic money exactly, large counts up to binomial noise)', () => {
        const report = forecast(sample(), { runs: 300, seed: 1 });
        const cost = seriesOf(report, 'cost');
        for (let w = 0; w < 26; w++) {
            expect(cost.p10[w]).toBe(cost.p90[w]);
            expect(cost.p50[w]).toBe(7000 + 7 * 100);
        }
        const members = seriesOf(report, 'members');
        for (let w = 0; w < 26; w++) expect((members.p90[w]! - members.p10[w]!) / members.p50[w]!).toBeLessThan(0.005);
    });

    it('widens the bands when a rate gets a wider ±', () => {
        const band = (d: Dist) => {
            const m = seriesOf(forecast(sample(d), { runs: 400, seed: 2 }), 'members');
            return m.p90[25]! - m.p10[25]!;
        };
        const none = band(fixed(0.08));
        const narrow = band({ kind: 'triangular', min: 0.07, mode: 0.08, max: 0.09 });
        const wide = band({ kind: 'triangular', min: 0.04, mode: 0.08, max: 0.12 });
        expect(narrow).toBeGreaterThan(none * 2);
        expect(wide).toBeGreaterThan(narrow * 2);
    });

    it('is byte-identical for a seed and differs across seeds', () => {
        const p = sample({ kind: 'uniform', min: 0.05, max: 0.1 });
        const a = JSON.stringify(forecast(p, { runs: 200, seed: 42 }));
        const b = JSON.stringify(forecast(p, { runs: 200, seed: 42 }));
        const c = JSON.stringify(forecast(p, { runs: 200, seed: 43 }));
        expect(a).toBe(b);
        expect(a).not.toBe(c);
    });

    it('reports KPI probabilities, values at the deadline, money, groups and retention', () => {
        const report = forecast(sample(), { runs: 300, seed: 3 });
        const c = report.forecasts[0].communities[0];
        const big = c.kpis.find((k) => k.name === 'Big')!;
        const huge = c.kpis.find((k) => k.name === 'Huge')!;
        expect(big.probability).toBe(1);
        expect(huge.probability).toBe(0);
        expect(big.p50).toBe(seriesOf(report, 'members').p50[25]);
        // Conversion Fans → Core measured per month over the trailing window ≈ the planned 5 %.
        const conv = c.kpis.find((k) => k.name === 'Conv')!;
        expect(conv.p50!).toBeGreaterThan(0.048);
        expect(conv.p50!).toBeLessThan(0.052);
        expect(conv.probability).toBe(1);
        // Groups on a 500-seat platform: ceil(members / 500).
        const groups = seriesOf(report, 'groups:G');
        expect(groups.p50[0]).toBe(Math.ceil(seriesOf(report, 'members').p50[0]! / 500));
        // Core pays ¥1 a day: weekly revenue ≥ 7 × Core members.
        const core = seriesOf(report, 'members:Core');
        expect(seriesOf(report, 'revenue').p50[10]!).toBeGreaterThan(7 * core.p50[10]!);
        // Retention: null until a cohort is old enough, then a share in (0, 1].
        const r30 = seriesOf(report, 'retention-30d');
        expect(r30.p50[3]).toBeNull();
        expect(r30.p50[10]!).toBeGreaterThan(0.8);
        expect(r30.p50[10]!).toBeLessThanOrEqual(1);
        const roi = seriesOf(report, 'roi');
        const cumCost = seriesOf(report, 'cumulative-cost').p50[25]!;
        const cumRev = seriesOf(report, 'cumulative-revenue').p50[25]!;
        expect(roi.p50[25]!).toBeCloseTo((cumRev - cumCost) / cumCost, 1);
        expect(report.forecasts[0].budget!.probabilityWithin).toBe(1);
        expect(report.forecasts[0].budget!.cost.p50).toBeCloseTo(cumCost, 0);
    });

    it("splits each run's total cost into content, activities, paid and referral", () => {
        const p = sample({ kind: 'uniform', min: 0.05, max: 0.1 });
        const [raw] = simulatePlan(p, 300, 3);
        const cumulative = new SeriesReader(raw).read(S.cumulativeCost, raw.compiled.horizon - 1, new Float64Array(raw.runs));
        for (let r = 0; r < raw.runs; r++) {
            let sum = 0;
            for (let k = 0; k < COST_CATEGORIES.length; k++) sum += raw.costByCategory[k * raw.runs + r];
            expect(sum).toBeCloseTo(cumulative[r], 6);
        }
        const byCategory = Object.fromEntries(forecast(p, { runs: 300, seed: 3 }).forecasts[0].communities[0].costByCategory!.map((x) => [x.category, x]));
        // 26 weeks of daily posts at 100 and 7,000 a week of ads; no activities, no referrals.
        expect(byCategory.content.p50).toBeCloseTo(26 * 7 * 100, 0);
        expect(byCategory.paid.p50).toBeCloseTo(26 * 7000, 0);
        expect(byCategory.activities.p90).toBe(0);
        expect(byCategory.referral.p90).toBe(0);
    });

    it('validates against the zod schema and the shipped JSON Schema, which is up to date', () => {
        const report = forecast(sample({ kind: 'uniform', min: 0.05, max: 0.1 }), { runs: 50, seed: 5, sensitivity: { runs: 20 } });
        expect(() => ForecastReport.parse(report)).not.toThrow();
        const shipped = JSON.parse(readFileSync(new URL('../../schemas/forecast.schema.json', import.meta.url), 'utf8'));
        expect(shipped).toEqual(forecastJsonSchema());
        const validate = new Ajv2020({ strict: false }).compile(shipped);
        const ok = validate(JSON.parse(JSON.stringify(report)));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
        expect(validate({ ...report, format_version: '0' })).toBe(false);
    });

    it('runs scenarios on a copy of the plan', () => {
        const p = sample();
        p.scenarios = [{ name: 'MoreAds', overrides: [{ target: 'Ads', property: 'paid', value: fixed(70_000), per: 'week' }], drops: ['Tips'] }];
        const before = JSON.stringify(p);
        const report = forecast(p, { runs: 100, seed: 4, scenarios: [null, 'MoreAds'] });
        expect(JSON.stringify(p)).toBe(before);
        expect(report.forecasts.map((f) => f.scenario)).toEqual([null, 'MoreAds']);
        const base = seriesOf(report, 'new-members', 0).p50[0]!;
        const more = seriesOf(report, 'new-members', 1).p50[0]!;
        expect(more / base).toBeGreaterThan(8);
        expect(seriesOf(report, 'cost', 1).p50[0]).toBe(70_000); // Tips dropped: no post costs
    });

    it('ranks parameters by their effect on the chosen KPI', () => {
        const report = forecast(sample({ kind: 'uniform', min: 0.05, max: 0.1 }), { runs: 100, seed: 6, sensitivity: { kpi: 'Big', runs: 100 } });
        const s = report.sensitivity!;
        expect(s.kpi).toBe('Big');
        expect(s.parameters.length).toBeGreaterThan(5);
        const swings = s.parameters.map((p) => p.swing);
        expect(swings).toEqual([...swings].sort((a, b) => b - a));
        // Seed members drive a members KPI far more than the post cost, which cannot move it at all.
        const seed = s.parameters.find((p) => p.id === 'C.Fans.seed')!;
        const postCost = s.parameters.find((p) => p.id === 'C.Tips.cost')!;
        expect(seed.swing).toBeGreaterThan(50_000);
        expect(postCost.swing).toBe(0);
        expect(seed.high.value!).toBeGreaterThan(seed.low.value!);
        expect(() => forecast(sample(), { runs: 10, sensitivity: { kpi: 'Nope' } })).toThrow(/No KPI named "Nope"/);
    });
});
