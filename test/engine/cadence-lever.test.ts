// Content cadence as a lever: `Tips.posts = 5 per week` in a scenario, and `--vary Tips.posts` in solve.
import { describe, expect, it } from 'vitest';
import { Assumptions } from '../../engine/assumptions.js';
import { cadenceOf, compileCommunity, rescaleCadence } from '../../engine/compile.js';
import { forecast } from '../../engine/forecast.js';
import type { Content, Plan } from '../../engine/model.js';
import { applyScenario } from '../../engine/scenario.js';
import { solve } from '../../engine/solve.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

const weekly = (interval = 1): Content['schedules'][number] => ({ frequency: 'weekly', interval, weekdays: ['MO'], monthDays: [], times: ['20:00'] });
const tips = (interval = 1): Content => ({ name: 'Tips', kind: 'tips', schedules: [weekly(interval)], tiers: [], costPerPost: fixed(100) });

function withTips(interval = 1, posts?: number): Plan {
    return plan(
        [
            community({
                tiers: [tier('A', { seed: fixed(5000), churn: rate(0.08), active: rate(0.2, 'week') })],
                contents: [tips(interval)],
                kpis: [{ name: 'Keep', metric: 'members', op: '>=', target: 3915, deadlineWeek: 13 }],
            }),
        ],
        {
            horizonWeeks: 13,
            scenarios:
                posts === undefined ? [] : [{ name: 'More', overrides: [{ target: 'Tips', property: 'posts', value: fixed(posts), per: 'week' }], drops: [] }],
        },
    );
}

describe('content cadence lever', () => {
    it('scales the schedule to the cadence over its span, keeping its shape', () => {
        const every = new Float64Array([1, 1, 1, 1]);
        rescaleCadence(every, 7);
        expect([...every]).toEqual([7, 7, 7, 7]);
        const fortnightly = new Float64Array([1, 0, 1, 0, 1, 0]);
        rescaleCadence(fortnightly, 2);
        // Weeks 0–4 are its span: 3 posts over 5 weeks become 10.
        expect([...fortnightly].reduce((s, x) => s + x, 0)).toBeCloseTo(10, 12);
        expect(fortnightly[1]).toBe(0);
        expect(cadenceOf(withTips(2), tips(2))).toBeCloseTo(7 / 13, 2);
    });

    it('a scenario Tips.posts = 5 per week posts five times as much: content cost × 5, more activity', () => {
        const p = withTips(1, 5);
        const base = compileCommunity(p, p.communities[0], new Assumptions());
        const more = applyScenario(p, 'More');
        const scaled = compileCommunity(more, more.communities[0], new Assumptions());
        const posts = (c: typeof base) => c.contentPosts.reduce((s, x) => s + x, 0);
        expect(posts(scaled)).toBeCloseTo(5 * posts(base), 9);
        const report = forecast(p, { runs: 300, seed: 2, scenarios: [null, 'More'] });
        const cost = (i: number) => report.forecasts[i].communities[0].costByCategory!.find((c) => c.category === 'content')!.mean;
        expect(cost(1)).toBeCloseTo(5 * cost(0), 0);
        expect(seriesOf(report, 'active-rate', 1).mean[6]!).toBeGreaterThan(seriesOf(report, 'active-rate', 0).mean[6]!);
    });

    it('solve finds the cadence that keeps enough members, and a forecast at it agrees', () => {
        const p = withTips();
        const r = solve(p, {
            kpis: ['Keep'],
            probability: 0.5,
            objective: 'minimise-cost',
            runs: 400,
            seed: 3,
            levers: [{ target: 'Tips', property: 'posts', min: 0, max: 7 }],
        });
        expect(r.reached).toBe(true);
        const cadence = r.best.values[0];
        const solved: Plan = { ...p, communities: [{ ...p.communities[0], contents: [{ ...tips(), postsPerWeek: cadence }] }] };
        const k = forecast(solved, { runs: 400, seed: 3 }).forecasts[0].communities[0].kpis[0];
        expect(k.probability).toBeGreaterThanOrEqual(0.48);
    });
});

describe('activity runs lever', () => {
    const salon = (runsTotal?: number): Plan =>
        plan(
            [
                community({
                    tiers: [tier('A', { seed: fixed(2000), churn: rate(0.08), active: rate(0.2, 'week') })],
                    activities: [
                        {
                            name: 'Salon',
                            mode: 'offline',
                            kind: 'salon',
                            durationMinutes: 180,
                            tiers: [],
                            lifts: {},
                            materials: [],
                            incentives: [],
                            schedules: [
                                { frequency: 'once', interval: 1, weekdays: [], monthDays: [], times: ['14:00'], date: '2027-01-09' },
                                { frequency: 'once', interval: 1, weekdays: [], monthDays: [], times: ['14:00'], date: '2027-02-06' },
                            ],
                            reach: fixed(0.4),
                            capacity: 60,
                            costPerRun: fixed(1000),
                            runsTotal,
                        },
                    ],
                }),
            ],
            { horizonWeeks: 13 },
        );

    it('Salon.runs = 6 triples the runs of each date: cost × 3, seats × 3, more taking part', () => {
        const a = new Assumptions();
        const base = compileCommunity(salon(), salon().communities[0], a).activities[0];
        const more = compileCommunity(salon(6), salon(6).communities[0], a).activities[0];
        expect(more.runs.reduce((s, x) => s + x, 0)).toBeCloseTo(6, 12);
        expect(more.runsUnderWay[1]).toBeCloseTo(3 * base.runsUnderWay[1], 12);
        const scenario = { ...salon(), scenarios: [{ name: 'Six', overrides: [{ target: 'Salon', property: 'runs', value: fixed(6) }], drops: [] }] };
        const report = forecast(scenario, { runs: 200, seed: 1, scenarios: [null, 'Six'] });
        const cost = (i: number) => report.forecasts[i].communities[0].costByCategory!.find((c) => c.category === 'activities')!.mean;
        expect(cost(1)).toBeCloseTo(3 * cost(0), 0);
        const part = (i: number) => seriesOf(report, 'participation', i).mean[1]!;
        expect(part(1)).toBeCloseTo(3 * part(0), 3);
    });
});
