// The levers of forecast model v2, each against its equation (docs/forecast-model.md).
import { describe, expect, it } from 'vitest';
import { Assumptions } from '../../engine/assumptions.js';
import { compileCommunity, S } from '../../engine/compile.js';
import { CONTENT_EFFECTS } from '../../engine/content-effects.js';
import { CONTENT_KINDS } from '../../engine/catalog.js';
import { forecast, simulatePlan } from '../../engine/forecast.js';
import type { Activity, Content, Plan, Schedule } from '../../engine/model.js';
import { projectCompiled } from '../../engine/projection.js';
import { rawValue } from '../../engine/simulate.js';
import { community, fixed, plan, rate, seriesOf, tier } from './helpers.js';

const daily = (times = ['20:00']): Schedule => ({ frequency: 'daily', interval: 1, weekdays: [], monthDays: [], times });
const once = (date: string): Schedule => ({ frequency: 'once', interval: 1, weekdays: [], monthDays: [], times: ['14:00'], date });
const content = (name: string, kind: string, extra: Partial<Content> = {}): Content => ({ name, kind, schedules: [daily()], tiers: [], ...extra });
const activity = (name: string, extra: Partial<Activity> = {}): Activity => ({
    name,
    mode: 'offline',
    kind: 'salon',
    schedules: [once('2027-01-05')],
    durationMinutes: 180,
    tiers: [],
    lifts: {},
    materials: [],
    incentives: [],
    ...extra,
});

function mean(xs: (number | null)[]): number {
    return xs.reduce((s: number, v) => s + (v ?? 0), 0);
}

describe('engagement → retention', () => {
    it('reduces to a constant churn you can compute: c × (r·a1 + 1 − a1) / (r·a0 + 1 − a0)', () => {
        // One tier, no inflows; daily ugc posts add a constant activity lift every week.
        const c = 0.05;
        const a0 = 0.3;
        const p: Plan = plan([
            community({ tiers: [tier('T', { seed: fixed(1e6), churn: rate(c, 'week'), active: rate(a0, 'week') })], contents: [content('Tips', 'ugc')] }),
        ]);
        const assumptions = new Assumptions();
        const compiled = compileCommunity(p, p.communities[0], assumptions);
        const a1 = a0 + compiled.contentActive[0];
        const r = assumptions.get('active-churn-ratio');
        const expected = (c * (r * a1 + 1 - a1)) / (r * a0 + 1 - a0);
        const [raw] = simulatePlan(p, 200, 5);
        let exposed = 1e6;
        for (let w = 0; w < 10; w++) {
            let sum = 0;
            for (let run = 0; run < 200; run++) sum += rawValue(raw, S.churned, w, run);
            const churned = sum / 200;
            const weekly = churned / exposed;
            expect(weekly).toBeCloseTo(expected, 3);
            exposed -= churned;
        }
        expect(expected).toBeLessThan(c);
    });

    it('changes nothing without content or activities (the stated churn at the stated active rate)', () => {
        const p = plan([community({ tiers: [tier('T', { seed: fixed(1e6), churn: rate(0.05, 'week'), active: rate(0.3, 'week') })] })]);
        const proj = projectCompiled(compileCommunity(p, p.communities[0], new Assumptions()), 'mean');
        expect(proj.tierMembers[0][1]).toBeCloseTo(1e6 * 0.95, 0);
        expect(proj.tierMembers[0][10]).toBeCloseTo(1e6 * 0.95 ** 10, -1);
    });
});

describe('content kinds', () => {
    it('every kind the catalogue offers (and any other) moves the forecast', () => {
        const base = (contents: Content[]) =>
            plan(
                [
                    community({
                        orderValue: fixed(100),
                        referrals: [
                            {
                                name: 'R',
                                mechanic: 'invite-code',
                                rewardEachSide: false,
                                invites: rate(1, 'month'),
                                conversion: fixed(0.2),
                                cycleDays: 7,
                                tiers: [],
                                sharesTo: [],
                            },
                        ],
                        audiences: ['A'],
                        tiers: [tier('T', { seed: fixed(5000), churn: rate(0.1), active: rate(0.2, 'week'), buys: rate(0.02) })],
                        contents,
                    }),
                ],
                { audiences: [{ name: 'A', size: fixed(1e6), interests: [], regions: [], activeWindows: [] }] },
            );
        const without = projectCompiled(compileCommunity(base([]), base([]).communities[0], new Assumptions()), 'mean');
        for (const kind of [...Object.keys(CONTENT_KINDS), 'anything-else']) {
            const p = base([content('X', kind, { schedules: [{ ...daily(), frequency: 'weekly', weekdays: ['FR'] }] })]);
            const withKind = projectCompiled(compileCommunity(p, p.communities[0], new Assumptions()), 'mean');
            const H = p.horizonWeeks;
            const changed =
                withKind.tierMembers[0][H] !== without.tierMembers[0][H] ||
                rawValue(withKind.raw, S.cumulativeRevenue, H - 1, 0) !== rawValue(without.raw, S.cumulativeRevenue, H - 1, 0);
            expect(changed, kind).toBe(true);
        }
        expect(Object.keys(CONTENT_EFFECTS)).toContain('other');
    });

    it('promotional posts and livestreams convert in the week: revenue rises with them', () => {
        const mk = (contents: Content[]) =>
            plan([community({ orderValue: fixed(100), tiers: [tier('T', { seed: fixed(10000), buys: rate(0.01) })], contents })]);
        const rev = (p: Plan) => rawValue(projectCompiled(compileCommunity(p, p.communities[0], new Assumptions()), 'mean').raw, S.cumulativeRevenue, 25, 0);
        const none = rev(mk([]));
        expect(rev(mk([content('Sale', 'promotional', { schedules: [{ ...daily(), frequency: 'weekly', weekdays: ['FR'] }] })]))).toBeGreaterThan(none);
        expect(rev(mk([content('Live', 'livestream', { schedules: [{ ...daily(), frequency: 'weekly', weekdays: ['WE'] }] })]))).toBeGreaterThan(none);
    });
});

describe('public-platform content', () => {
    it('brings posts × views per post × join rate a week from a large audience', () => {
        const p = plan(
            [
                community({
                    platforms: ['Red'],
                    audiences: ['A'],
                    tiers: [tier('T')],
                    contents: [
                        content('Notes', 'educational', {
                            platform: 'Red',
                            schedules: [{ ...daily(), frequency: 'weekly', weekdays: ['MO', 'TH'] }],
                            reachPerPost: fixed(2000),
                            joinRate: fixed(0.01),
                        }),
                    ],
                }),
            ],
            {
                platforms: [{ name: 'Red', kind: 'xiaohongshu', limits: {} }],
                audiences: [{ name: 'A', size: fixed(1e9), interests: [], regions: [], activeWindows: [] }],
            },
        );
        const report = forecast(p, { runs: 400, seed: 2 });
        const weekly = seriesOf(report, 'new-members').mean;
        for (let w = 0; w < 26; w++) expect(weekly[w]!).toBeGreaterThan(40 * 0.9);
        expect(mean(weekly) / 26).toBeCloseTo(40, -0.5);
        const bySource = report.forecasts[0].communities[0].newMembersBySource!;
        expect(bySource.map((s) => [s.source, s.kind])).toEqual([['Notes', 'content']]);
    });

    it("uses the platform kind's documented defaults when the item gives none", () => {
        const p = plan(
            [community({ platforms: ['Red'], audiences: ['A'], tiers: [tier('T')], contents: [content('Notes', 'educational', { platform: 'Red' })] })],
            {
                platforms: [{ name: 'Red', kind: 'xiaohongshu', limits: {} }],
                audiences: [{ name: 'A', size: fixed(1e9), interests: [], regions: [], activeWindows: [] }],
            },
        );
        const c = compileCommunity(p, p.communities[0], new Assumptions());
        expect(c.publicContents).toHaveLength(1);
        expect(c.dists[c.publicContents[0].reach]).toEqual({ kind: 'triangular', min: 200, mode: 1500, max: 10000 });
        const moved = compileCommunity(p, p.communities[0], new Assumptions({ 'reach-per-post-xiaohongshu': 3000 }));
        expect(moved.dists[moved.publicContents[0].reach]).toEqual({ kind: 'triangular', min: 400, mode: 3000, max: 20000 });
    });
});

describe('activities leave a trace', () => {
    it("a run's retention lift decays with the half-life: churn_k = c − lift × 0.5^(k / h)", () => {
        const c = 0.1;
        const lift = 0.05;
        const p = plan([
            community({
                tiers: [tier('T', { seed: fixed(1e7), churn: rate(c, 'week') })],
                activities: [activity('Salon', { reach: fixed(1), lifts: { retention: fixed(lift) } })],
            }),
        ]);
        const assumptions = new Assumptions();
        const h = assumptions.get('activity-half-life');
        const proj = projectCompiled(compileCommunity(p, p.communities[0], assumptions), 'mean');
        for (let k = 0; k < 8; k++) {
            const start = proj.tierMembers[0][k];
            const churned = rawValue(proj.raw, S.churned, k, 0);
            expect(churned / start).toBeCloseTo(c - lift * Math.pow(0.5, k / h), 3);
        }
    });

    it("an offline activity without lifts has its kind's default effect; participation is a series and a KPI", () => {
        const mk = (activities: Activity[]) =>
            plan([
                community({
                    tiers: [tier('T', { seed: fixed(1000), churn: rate(0.1), active: rate(0.2, 'week') })],
                    activities,
                    kpis: [{ name: 'P', metric: 'participation', op: '>=', target: 0.1, deadlineWeek: 2 }],
                }),
            ]);
        const p = mk([activity('Salon', { schedules: [{ ...daily(), frequency: 'weekly', weekdays: ['SA'] }] })]);
        const proj = projectCompiled(compileCommunity(p, p.communities[0], new Assumptions()), 'mean');
        const none = projectCompiled(compileCommunity(mk([]), mk([]).communities[0], new Assumptions()), 'mean');
        expect(proj.tierMembers[0][26]).toBeGreaterThan(none.tierMembers[0][26]);
        expect(rawValue(proj.raw, S.participation, 0, 0)).toBeCloseTo(0.2, 6);
        expect(proj.kpiValues[0]).toBeCloseTo(0.2, 6);
    });
});

describe('money: margin, baseline, attribution', () => {
    const p = plan(
        [
            community({
                orderValue: fixed(200),
                margin: fixed(0.4),
                baselineBuys: rate(0.02),
                audiences: ['A'],
                tiers: [tier('T', { seed: fixed(2000), churn: rate(0.05), buys: rate(0.02) })],
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
                        name: 'Invite',
                        mechanic: 'invite-code',
                        reward: fixed(10),
                        rewardEachSide: false,
                        invites: rate(0.5),
                        conversion: fixed(0.2),
                        cycleDays: 7,
                        tiers: [],
                        sharesTo: [],
                    },
                ],
                organic: { innovation: rate(0.01), imitation: rate(0.3) },
            }),
        ],
        { audiences: [{ name: 'A', size: fixed(200000), interests: [], regions: [], activeWindows: [] }] },
    );

    it('ROI on margin = margin × (gross ROI + 1) − 1; incremental revenue ≈ 0 when the baseline equals the buy rate', () => {
        const money = forecast(p, { runs: 500, seed: 4 }).forecasts[0].communities[0].money!;
        expect(money.margin).toBe(0.4);
        expect(money.roi.p50).toBeCloseTo(0.4 * (money.grossRoi.p50 + 1) - 1, 3);
        expect(money.roi.p50).toBeLessThan(money.grossRoi.p50);
        const gross = money.incrementalRevenue!;
        expect(Math.abs(gross.mean)).toBeLessThan(0.03 * 200 * 0.02 * 2000 * 26);
    });

    it("new members by source add up to the run's new members, in every run", () => {
        const [raw] = simulatePlan(p, 300, 9);
        const c = raw.compiled;
        expect(c.sources.map((s) => s.name)).toEqual(['organic', 'Ads', 'Invite']);
        for (let r = 0; r < 300; r++) {
            let total = 0;
            for (let w = 0; w < c.horizon; w++) total += rawValue(raw, S.newMembers, w, r);
            let bySource = 0;
            for (let s = 0; s < c.sources.length; s++) bySource += raw.joinsBySource[s * 300 + r];
            expect(bySource).toBeCloseTo(total, 6);
        }
    });
});

describe('defects fixed', () => {
    it('a tier never exceeds its capacity when promotions out of it are blocked by a full tier', () => {
        const p = plan(
            [
                community({
                    audiences: ['A'],
                    tiers: [
                        tier('Low', { seed: fixed(100), capacity: 100 }),
                        tier('High', { seed: fixed(50), capacity: 50, flowsFrom: [{ tier: 'Low', rate: rate(0.5, 'week') }] }),
                    ],
                    channels: [{ name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(10) }],
                }),
            ],
            { audiences: [{ name: 'A', size: fixed(100000), interests: [], regions: [], activeWindows: [] }] },
        );
        const [raw] = simulatePlan(p, 50, 1);
        for (let w = 0; w < 26; w++)
            for (let r = 0; r < 50; r++) {
                expect(rawValue(raw, raw.compiled.tierSeries0, w, r)).toBeLessThanOrEqual(100);
                expect(rawValue(raw, raw.compiled.tierSeries0 + 1, w, r)).toBeLessThanOrEqual(50);
            }
    });

    it('assume fatigue-threshold applies to every platform kind unless a kind-specific key is given', () => {
        expect(new Assumptions({ 'fatigue-threshold': 3 }).fatigueThreshold('wechat-group')).toBe(3);
        expect(new Assumptions({ 'fatigue-threshold': 3, 'fatigue-threshold-wechat-group': 9 }).fatigueThreshold('wechat-group')).toBe(9);
        expect(new Assumptions().fatigueThreshold('wechat-group')).toBe(14);
    });

    it('one promotional post a week does not get the full promotional-share churn uplift (volume floor)', () => {
        const p = plan([
            community({
                tiers: [tier('T', { seed: fixed(1000) })],
                contents: [content('Promo', 'promotional', { schedules: [{ ...daily(), frequency: 'weekly', weekdays: ['FR'] }] })],
            }),
        ]);
        const a = new Assumptions();
        const c = compileCommunity(p, p.communities[0], a);
        expect(c.contentChurn[0]).toBeCloseTo(a.get('promo-churn-uplift') / a.get('promo-share-floor'), 9);
    });
});

describe('tier ↔ platform', () => {
    it('a tier that names its platform needs groups only there', () => {
        const p = plan(
            [
                community({
                    platforms: ['WeChat', 'Douyin'],
                    tiers: [
                        tier('Fans', { seed: fixed(1000), platform: 'Douyin' }),
                        tier('Members', { seed: fixed(300), platform: 'WeChat' }),
                        tier('Everyone', { seed: fixed(100) }),
                    ],
                }),
            ],
            {
                platforms: [
                    { name: 'WeChat', kind: 'wechat-group', limits: { 'group-capacity': 100 } },
                    { name: 'Douyin', kind: 'douyin-fan-group', limits: { 'group-capacity': 100 } },
                ],
            },
        );
        const [raw] = simulatePlan(p, 3, 1);
        const c = raw.compiled;
        expect(rawValue(raw, c.groupSeries0, 0, 0)).toBe(Math.ceil((300 + 100) / 100));
        expect(rawValue(raw, c.groupSeries0 + 1, 0, 0)).toBe(Math.ceil((1000 + 100) / 100));
        const report = forecast(p, { runs: 3, seed: 1 });
        expect(seriesOf(report, 'groups:WeChat').p50[0]).toBe(4);
        expect(seriesOf(report, 'groups:Douyin').p50[0]).toBe(11);
    });
});

describe('review regressions', () => {
    it('a capacity deficit bouncing between two capped tiers (a promotion one way, a demotion back) never leaves a tier over capacity', () => {
        const p = plan(
            [
                community({
                    audiences: ['A'],
                    tiers: [
                        tier('A', { seed: fixed(21), capacity: 24, demotionsTo: [] }),
                        tier('B', { seed: fixed(5), capacity: 15 }),
                        tier('C', {
                            seed: fixed(21),
                            capacity: 21,
                            flowsFrom: [
                                { tier: 'A', rate: rate(0.6, 'week') },
                                { tier: 'B', rate: rate(0.9, 'week') },
                            ],
                            demotionsTo: [
                                { tier: 'A', rate: rate(0.9, 'week') },
                                { tier: 'B', rate: rate(0.05, 'week') },
                            ],
                        }),
                    ],
                    channels: [{ name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(10) }],
                }),
            ],
            { audiences: [{ name: 'A', size: fixed(100000), interests: [], regions: [], activeWindows: [] }] },
        );
        const [raw] = simulatePlan(p, 200, 4);
        const caps = [24, 15, 21];
        for (let w = 0; w < 26; w++)
            for (let r = 0; r < 200; r++) for (let t = 0; t < 3; t++) expect(rawValue(raw, raw.compiled.tierSeries0 + t, w, r)).toBeLessThanOrEqual(caps[t]);
    });
});
