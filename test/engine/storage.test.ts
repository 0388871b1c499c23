// The raw result stores only the series that do not follow from others; members, active rate,
// cumulative cost and revenue, ROI, groups and staff hours are computed on reading. These tests pin
// the derivations to their definitions and the readers (rawValue, SeriesReader in any week order) to
// each other, and check that KPI values taken inside the simulation agree with the series read back.
import { describe, expect, it } from 'vitest';
import { S } from '../../engine/compile.js';
import { simulatePlan } from '../../engine/forecast.js';
import type { Plan } from '../../engine/model.js';
import { rawValue, SeriesReader, storedSlots } from '../../engine/simulate.js';
import { community, fixed, plan, rate, tier } from './helpers.js';

function sample(): Plan {
    return plan(
        [
            community({
                audiences: ['A'],
                platforms: ['G'],
                orderValue: { kind: 'triangular', min: 50, mode: 100, max: 150 },
                tiers: [
                    tier('Fans', { seed: fixed(3000), churn: rate({ kind: 'uniform', min: 0.05, max: 0.15 }), active: rate(0.3, 'week'), buys: rate(0.02) }),
                    tier('Core', {
                        flowsFrom: [{ tier: 'Fans', rate: rate(0.05) }],
                        churn: rate(0.02),
                        active: rate(0.6, 'week'),
                        entry: { condition: 'fee', fee: { value: fixed(1), per: 'day' }, feePer: 'day' },
                    }),
                ],
                channels: [{ name: 'Ads', spend: { value: fixed(700), per: 'week' }, spendPer: 'week', costPerJoin: { kind: 'uniform', min: 5, max: 15 } }],
                contents: [
                    {
                        name: 'Tips',
                        kind: 'educational',
                        schedules: [{ frequency: 'daily', interval: 1, weekdays: [], monthDays: [], times: ['20:00'] }],
                        tiers: [],
                        costPerPost: fixed(10),
                    },
                ],
                kpis: [
                    { name: 'Members', metric: 'members', op: '>=', target: 3000, deadlineWeek: 12 },
                    { name: 'Active', metric: 'active-rate', op: '>=', target: 0.3, deadlineWeek: 9 },
                    { name: 'Cost', metric: 'cost', op: '<=', target: 20000, deadlineWeek: 14 },
                    { name: 'Revenue', metric: 'revenue', op: '>=', target: 1000, deadlineWeek: 14 },
                    { name: 'Roi', metric: 'roi', op: '>=', target: 0, deadlineWeek: 16 },
                ],
            }),
        ],
        {
            horizonWeeks: 16,
            audiences: [{ name: 'A', size: fixed(200_000), interests: [], regions: [], activeWindows: [] }],
            platforms: [{ name: 'G', kind: 'wechat-group', limits: { 'group-capacity': 500 } }],
        },
    );
}

describe('raw result storage', () => {
    const runs = 40;
    const [raw] = simulatePlan(sample(), runs, 7);
    const c = raw.compiled;
    const H = c.horizon;

    it('stores only the series that do not follow from others, counts of people apart', () => {
        const { slot, isCount, values, counts } = storedSlots(c);
        const derived = [S.members, S.activeRate, S.cumulativeCost, S.cumulativeRevenue, S.roi, S.staffHours, c.groupSeries0];
        for (const s of derived) expect(slot[s]).toBe(-1);
        const countSeries = [S.newMembers, S.activeMembers, S.churned, S.promotions, S.demotions, c.tierSeries0, c.tierSeries0 + 1];
        for (let s = 0; s < c.series.length; s++) expect(isCount[s]).toBe(countSeries.includes(s) ? 1 : 0);
        const slotsOf = (count: number) => [...slot].filter((x, s) => x >= 0 && isCount[s] === count);
        expect(slotsOf(0)).toEqual(slotsOf(0).map((_, i) => i));
        expect(slotsOf(1)).toEqual(slotsOf(1).map((_, i) => i));
        expect(raw.series.length).toBe(values * H * runs);
        expect(raw.counts.length).toBe(counts * H * runs);
        // An audience of 200,000 keeps every count below 2^24: Float32 holds them exactly.
        expect(raw.counts).toBeInstanceOf(Float32Array);
    });

    it('keeps counts as Float64 when an audience could exceed 2^24 people or there is none', () => {
        const big = sample();
        big.audiences[0].size = fixed(20_000_000);
        expect(simulatePlan(big, 3, 1)[0].counts).toBeInstanceOf(Float64Array);
        const open = sample();
        open.audiences = [];
        open.communities[0].audiences = [];
        expect(simulatePlan(open, 3, 1)[0].counts).toBeInstanceOf(Float64Array);
    });

    it('derives members, active rate, cumulative money, ROI and groups by their definitions', () => {
        for (let r = 0; r < runs; r++) {
            let cost = 0;
            let revenue = 0;
            for (let w = 0; w < H; w++) {
                const at = (s: number) => rawValue(raw, s, w, r);
                let members = 0;
                for (const s of [S.newMembers, S.activeMembers, S.churned, S.promotions]) expect(Number.isInteger(at(s))).toBe(true);
                for (let t = 0; t < c.T; t++) members += at(c.tierSeries0 + t);
                cost += at(S.cost);
                revenue += at(S.revenue);
                expect(at(S.members)).toBe(members);
                expect(at(S.activeRate)).toBe(members > 0 ? at(S.activeMembers) / members : NaN);
                expect(at(S.cumulativeCost)).toBe(cost);
                expect(at(S.cumulativeRevenue)).toBe(revenue);
                expect(at(S.roi)).toBe((revenue - cost) / Math.max(cost, 1));
                expect(at(c.groupSeries0)).toBe(Math.ceil(members / 500));
                expect(at(S.staffHours)).toBe(raw.staffHours[w]);
            }
        }
    });

    it('reads the same values with a SeriesReader in any order of weeks and series', () => {
        const reader = new SeriesReader(raw);
        const out = new Float64Array(runs);
        const orders = [Array.from({ length: H }, (_, w) => w), Array.from({ length: H }, (_, w) => H - 1 - w), [3, 9, 2, 15, 0, 15, 7, 1]];
        // Every value is compared; the differences are collected and asserted once.
        const differ: string[] = [];
        for (const weeks of orders) {
            for (let s = 0; s < c.series.length; s++) {
                for (const w of weeks) {
                    reader.read(s, w, out);
                    for (let r = 0; r < runs; r++) {
                        const v = rawValue(raw, s, w, r);
                        if (!(Object.is(out[r], v) || out[r] === v)) differ.push(`${c.series[s].key} week ${w + 1} run ${r}: ${out[r]} ≠ ${v}`);
                    }
                }
            }
        }
        expect(differ).toEqual([]);
    });

    it('takes KPI values inside the simulation that match the series at the deadline', () => {
        const seriesOf: Record<string, number> = {
            members: S.members,
            'active-rate': S.activeRate,
            cost: S.cumulativeCost,
            revenue: S.cumulativeRevenue,
            roi: S.roi,
        };
        c.kpis.forEach((ck, k) => {
            for (let r = 0; r < runs; r++) expect(raw.kpiValues[k * runs + r]).toBe(rawValue(raw, seriesOf[ck.kpi.metric], ck.week, r));
        });
    });
});
