// Degenerate and extreme plans that the zod schema accepts (the validator would warn about most of
// them): the engine must still give finite, non-negative numbers — ROI may be negative — and never
// NaN or Infinity, neither in the raw runs nor in the report.
import { describe, expect, it } from 'vitest';
import { S } from '../../engine/compile.js';
import { forecast, simulatePlan } from '../../engine/forecast.js';
import type { Community, Dist, Plan, Schedule } from '../../engine/model.js';
import { rawValue } from '../../engine/simulate.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

const daily: Schedule = { frequency: 'daily', interval: 1, weekdays: [], monthDays: [], times: ['09:00', '12:00', '18:00', '21:00'] };
const weekly: Schedule = { frequency: 'weekly', interval: 1, weekdays: ['MO'], monthDays: [], times: ['10:00'] };

/** A community using every mechanism, with every number taken from `n` (or its override). */
function everything(n: (what: string) => Dist, extra: Partial<Community> = {}): Community {
    const r = (what: string) => ({ value: n(what), per: 'month' as const });
    return community({
        audiences: ['A'],
        platforms: ['G'],
        orderValue: n('money'),
        tiers: [
            tier('Fans', { seed: n('seed'), churn: r('rate'), active: r('rate'), buys: r('rate'), capacity: undefined }),
            tier('Core', {
                seed: n('seed'),
                flowsFrom: [{ tier: 'Fans', rate: r('rate') }],
                demotionsTo: [{ tier: 'Fans', rate: r('rate') }],
                churn: r('rate'),
                active: { value: n('rate'), per: 'week' },
                buys: r('rate'),
                entry: { condition: 'fee', fee: { value: n('money'), per: 'day' }, feePer: 'day' },
            }),
            tier('Club', { flowsFrom: [{ tier: 'Core', rate: r('rate') }], entry: { condition: 'fee', fee: { value: n('money') } }, capacity: 50 }),
        ],
        organic: { innovation: r('bass'), imitation: r('bass') },
        channels: [{ name: 'Ads', spend: { value: n('money'), per: 'week' }, spendPer: 'week', costPerJoin: n('cpj') }],
        referrals: [
            {
                name: 'Ref',
                mechanic: 'invite-code',
                rewardEachSide: true,
                reward: n('money'),
                invites: r('invites'),
                conversion: n('rate'),
                cycleDays: 7,
                tiers: [],
                sharesTo: [],
            },
        ],
        contents: [
            { name: 'Tips', kind: 'educational', schedules: [daily], tiers: [], costPerPost: n('money') },
            { name: 'Sale', kind: 'promotional', schedules: [daily], tiers: ['Fans'], costPerPost: n('money') },
        ],
        activities: [
            {
                name: 'Meetup',
                mode: 'offline',
                kind: 'salon',
                schedules: [weekly],
                durationMinutes: 120,
                tiers: ['Core'],
                reach: n('rate'),
                capacity: 0,
                staff: 3,
                lifts: { retention: n('rate'), activity: n('rate'), promotion: n('rate') },
                costPerRun: n('money'),
                incentives: [],
                materials: [],
            },
        ],
        kpis: [
            { name: 'Members', metric: 'members', op: '>=', target: 10, deadlineWeek: 8 },
            { name: 'New', metric: 'new-members', tier: 'Core', op: '>=', target: 10, deadlineWeek: 8 },
            { name: 'Churn', metric: 'churn', op: '<=', target: 0.1, targetPer: 'month', deadlineWeek: 8 },
            { name: 'Conv', metric: 'conversion', fromTier: 'Fans', toTier: 'Core', op: '>=', target: 0.05, deadlineWeek: 8 },
            { name: 'Ret', metric: 'retention', windowDays: 30, op: '>=', target: 0.5, deadlineWeek: 8 },
            { name: 'Roi', metric: 'roi', op: '>=', target: 1, deadlineWeek: 8 },
            { name: 'Rev', metric: 'revenue', op: '>=', target: 1, deadlineWeek: 8 },
        ],
        ...extra,
    });
}

function planOf(c: Community, audience: Dist, extra: Partial<Plan> = {}): Plan {
    return plan([c], {
        horizonWeeks: 12,
        audiences: [{ name: 'A', size: audience, interests: [], regions: [], activeWindows: [] }],
        platforms: [{ name: 'G', kind: 'wechat-group', limits: { 'group-capacity': 500 } }],
        budget: 1000,
        ...extra,
    });
}

/** Series whose value is legitimately undefined in some weeks (no members yet, no cohort old enough). */
const mayBeUndefined = (key: string) => key === 'active-rate' || key === 'participation' || key === 'repurchase-rate' || key.startsWith('retention-');

function expectSane(p: Plan, runs = 40): void {
    // Every value is checked; what fails is collected and asserted once (an expect() per value of
    // every series, week and run cost seconds of matcher overhead).
    const failures: string[] = [];
    for (const raw of simulatePlan(p, runs, 3)) {
        const c = raw.compiled;
        c.series.forEach((def, s) => {
            for (let w = 0; w < c.horizon; w++) {
                for (let r = 0; r < raw.runs; r++) {
                    const v = rawValue(raw, s, w, r);
                    if (Number.isNaN(v) && mayBeUndefined(def.key)) continue;
                    if (!Number.isFinite(v)) failures.push(`${def.key} week ${w + 1} run ${r} = ${v}: not finite`);
                    else if (s !== S.roi && !(v >= 0)) failures.push(`${def.key} week ${w + 1} run ${r} = ${v}: negative`);
                }
            }
        });
        for (let i = 0; i < raw.kpiValues.length; i++) {
            const v = raw.kpiValues[i];
            const kpi = c.kpis[Math.floor(i / raw.runs)].kpi;
            // Rates over nobody are undefined (NaN in the raw runs, null in the report), never infinite.
            if (Number.isNaN(v) && ['retention', 'active-rate', 'churn', 'conversion'].includes(kpi.metric)) continue;
            if (!Number.isFinite(v)) failures.push(`KPI ${kpi.name} = ${v}: not finite`);
        }
    }
    const report = forecast(p, { runs, seed: 3, sensitivity: { runs: 8 } });
    for (const [path, v] of numbers(report)) {
        if (!Number.isFinite(v)) failures.push(`${path} = ${v}: not finite`);
        else if (!/roi|sensitivity/i.test(path) && !(v >= 0)) failures.push(`${path} = ${v}: negative`);
    }
    expect(failures).toEqual([]);
}

function* numbers(value: unknown, path = ''): Generator<[string, number]> {
    if (typeof value === 'number') yield [path, value];
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* numbers(value[i], `${path}[${i}]`);
    else if (value && typeof value === 'object') {
        const { key, metric } = value as { key?: unknown; metric?: unknown };
        const tag = typeof key === 'string' ? key : typeof metric === 'string' ? metric : undefined;
        for (const [k, v] of Object.entries(value)) yield* numbers(v, `${path}${tag !== undefined ? `<${tag}>` : ''}.${k}`);
    }
}

const all = (d: Dist) => () => d;

describe('robustness: any plan the schema accepts gives finite, non-negative numbers', () => {
    it('survives seeds of 1e308 members with 100 % monthly churn (the fuzz finding)', () => {
        const p = planOf(community({ audiences: ['A'], tiers: [tier('A', { seed: fixed(1e308), churn: rate(1) })] }), fixed(1000), { horizonWeeks: 8 });
        expectSane(p);
        const members = seriesOf(forecast(p, { runs: 20, seed: 1 }), 'members');
        expect(members.p10[0]).toBe(0); // everyone churns in the first week
    });

    it('survives 1e308 in every number (counts, money, rates, Bass coefficients, invitations)', () => {
        expectSane(planOf(everything(all(fixed(1e308))), fixed(1e308)));
        expectSane(planOf(everything(all({ kind: 'uniform', min: 0, max: 1e308 })), { kind: 'triangular', min: 1e300, mode: 1e305, max: 1e308 }));
    });

    it('survives 100 % rates everywhere and tiny costs per join', () => {
        expectSane(
            planOf(
                everything((w) => (w === 'cpj' ? fixed(1e-300) : w === 'rate' ? fixed(1) : w === 'seed' ? fixed(100) : fixed(5))),
                fixed(10_000),
            ),
        );
    });

    it('survives negative numbers everywhere (clamped to zero)', () => {
        expectSane(planOf(everything(all(fixed(-5))), fixed(-100)));
        expectSane(planOf(everything(all({ kind: 'uniform', min: -1e308, max: 1e308 })), fixed(500)));
    });

    it('survives a zero audience, zero seeds and no audience at all (unbounded pool)', () => {
        const n = (w: string) => (w === 'seed' ? fixed(0) : w === 'rate' ? fixed(0.2) : w === 'invites' ? fixed(1e9) : w === 'bass' ? fixed(0.5) : fixed(10));
        expectSane(planOf(everything(n), fixed(0)));
        expectSane(planOf(everything(n, { audiences: [] }), fixed(0), { horizonWeeks: 30 }));
        // An unbounded pool with compounding referrals at their ceiling stays finite over a long horizon.
        expectSane(
            planOf(
                everything((w) => (w === 'invites' ? fixed(1e308) : w === 'rate' ? fixed(1) : fixed(1e6)), { audiences: [] }),
                fixed(0),
                { horizonWeeks: 104 },
            ),
            8,
        );
    });

    it('survives a community without tiers, content or anything else', () => {
        expectSane(planOf(community({ audiences: ['A'] }), fixed(100)));
        expectSane(planOf(community({ tiers: [tier('Empty')] }), fixed(0)));
    });

    it('defines ROI with zero cost: (revenue − cost) / max(cost, 1), so 0 when nothing is spent or earned', () => {
        const free = (fee: number) =>
            planOf(
                community({
                    audiences: ['A'],
                    tiers: [tier('Paid', { seed: fixed(100), entry: { condition: 'fee', fee: { value: fixed(fee), per: 'week' }, feePer: 'week' } })],
                }),
                fixed(1000),
                { horizonWeeks: 4 },
            );
        const idle = forecast(free(0), { runs: 10, seed: 1 });
        expect(seriesOf(idle, 'roi').p50).toEqual([0, 0, 0, 0]);
        const earning = forecast(free(2), { runs: 10, seed: 1 });
        // 100 members × 2 a week, nothing spent: ROI = cumulative revenue / 1.
        expect(seriesOf(earning, 'roi').p50).toEqual([200, 400, 600, 800]);
        expectSane(free(0));
    });
});
