import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlansAgain } from '../helpers/workspace.js';
import { lowerPlan } from '../../language/lower.js';
import { Plan } from '../../engine/model.js';

const ROOT = resolve(__dirname, '../..');

async function lowered(file: string) {
    const ws = await loadPlansAgain([join(ROOT, 'examples', file)], { lang: 'en', root: ROOT, cwd: ROOT });
    return lowerPlan(ws.services, ws.requested[0].document);
}

describe('lowering the fitness example to the plan model', () => {
    it('keeps the plan frame and imports platforms and audiences', async () => {
        const plan = await lowered('fitness-wechat.community');
        expect(() => Plan.parse(plan)).not.toThrow();
        expect([plan.name, plan.start, plan.horizonWeeks, plan.timezone, plan.currency, plan.budget]).toEqual([
            'FitHome 2027 H1',
            '2027-01-04',
            26,
            'Asia/Shanghai',
            'CNY',
            120000,
        ]);
        expect(plan.team).toEqual({ people: 3, hoursPerWeekEach: 40 });
        expect(plan.platforms[0]).toMatchObject({ name: 'WeChatGroups', kind: 'wechat-group' });
        expect(plan.platforms[0].limits['group-capacity']).toBe(500);
        expect(plan.platforms[0].limits['qr-join']).toBe(200);
        expect(plan.audiences[0].size).toEqual({ kind: 'fixed', value: 200000 });
        expect(plan.audiences[0].activeWindows).toEqual([
            { start: '07:00', end: '08:30' },
            { start: '20:00', end: '23:00' },
        ]);
    });

    it('turns tiers, flows and rates into canonical units', async () => {
        const c = (await lowered('fitness-wechat.community')).communities[0];
        expect(c.entryTier).toBe('Prospect');
        const [prospect, core] = c.tiers;
        expect(prospect.churn).toEqual({ value: { kind: 'triangular', min: 0.08, mode: 0.12, max: 0.16 }, per: 'month' });
        expect(prospect.active).toEqual({ value: { kind: 'fixed', value: 0.25 }, per: 'week' });
        expect(prospect.seed).toEqual({ kind: 'fixed', value: 300 });
        expect(core.flowsFrom).toEqual([{ tier: 'Prospect', rate: { value: { kind: 'triangular', min: 0.04, mode: 0.06, max: 0.08 }, per: 'month' } }]);
        expect(core.entry).toMatchObject({ condition: 'fee', feePer: 'day', fee: { value: { kind: 'fixed', value: 1 } } });
    });

    it('lowers cadences, activities, referrals, channels, KPIs and scenarios', async () => {
        const plan = await lowered('fitness-wechat.community');
        const c = plan.communities[0];
        expect(c.contents[0].schedules[0]).toMatchObject({ frequency: 'daily', interval: 1, times: ['20:00'] });
        expect(c.contents[1].schedules[0]).toMatchObject({ frequency: 'weekly', weekdays: ['FR'], times: ['12:00'] });
        const challenge = c.activities[0];
        expect(challenge.schedules[0]).toMatchObject({ frequency: 'weekly', weekdays: ['MO'], from: '2027-01-11', until: '2027-03-29' });
        expect(challenge.durationMinutes).toBe(7 * 1440);
        expect(challenge.lifts.retention).toEqual({ kind: 'fixed', value: 0.02 });
        const salon = c.activities[1];
        expect(salon).toMatchObject({ mode: 'offline', kind: 'salon', location: "Shanghai, Jing'an", capacity: 60, staff: 3, durationMinutes: 180 });
        expect(salon.schedules[0]).toMatchObject({ frequency: 'once', date: '2027-03-20', times: ['14:00'] });
        expect(c.referrals[0]).toMatchObject({ mechanic: 'invite-code', rewardEachSide: true, cycleDays: 7, invites: { per: 'month' } });
        expect(c.channels[0]).toMatchObject({ spendPer: 'week', spend: { value: { kind: 'fixed', value: 3000 } } });
        expect(c.organic?.innovation).toEqual({ value: { kind: 'fixed', value: 0.01 }, per: 'month' });
        expect(c.kpis.map((k) => k.name)).toEqual(['Growth', 'active-rate', 'retention-30d', 'conversion-Prospect-Core', 'roi']);
        expect(c.kpis[0]).toMatchObject({ metric: 'members', op: '>=', target: 20000, deadlineWeek: 26 });
        expect(c.kpis[3]).toMatchObject({ metric: 'conversion', fromTier: 'Prospect', toTier: 'Core', target: 0.06, targetPer: 'month' });
        expect(plan.scenarios[0]).toMatchObject({
            name: 'DoubleAds',
            overrides: [{ target: 'DouyinAds', property: 'paid', value: { kind: 'fixed', value: 6000 }, per: 'week' }],
        });
    });

    it('records where each item is written, for revealing it in the editor', async () => {
        const c = (await lowered('fitness-wechat.community')).communities[0];
        expect(c.tiers[0].source).toMatchObject({ line: 22, character: 2 });
        expect(c.tiers[0].source?.uri).toMatch(/fitness-wechat\.community$/);
    });

    it('lowers every shipped example', async () => {
        for (const f of ['education-ab', 'beauty-multiplatform', 'retail-promos', 'oss-discord']) {
            const plan = await lowered(`${f}.community`);
            expect(plan.communities.length, f).toBeGreaterThan(0);
        }
    });
});
