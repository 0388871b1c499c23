// A paid channel's `capacity`: the most people it brings a week, whatever its spend buys — added
// through the "Adding a property" recipe (ARCHITECTURE.md). Closed form, the written plan, its
// checks, a scenario override and a solve lever.
import { describe, expect, it } from 'vitest';
import { forecast } from '../../engine/forecast.js';
import { applyScenario } from '../../engine/scenario.js';
import { currentValue } from '../../engine/solve.js';
import type { Channel } from '../../engine/model.js';
import { lowerPlan } from '../../language/lower.js';
import { codes, makeServices, PLAN_HEADER, validate } from '../helpers/language.js';
import { parseHelper } from 'langium/test';
import type { Model } from '../../language/generated/ast.js';
import { community, fixed, plan, seriesOf, tier } from './helpers.js';

/** No audience (an unbounded pool, so joins are Poisson with the expected joins as their mean), one channel buying 1,000 joins a week. */
function adsPlan(channel: Partial<Channel> = {}) {
    const ads: Channel = { name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(1), ...channel };
    return plan([community({ tiers: [tier('Members')], channels: [ads] })], {
        horizonWeeks: 10,
        scenarios: [{ name: 'Small', overrides: [{ target: 'Ads', property: 'capacity', value: fixed(100), per: 'week' }], drops: [] }],
    });
}

const mean = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0) / xs.length;

describe('channel capacity', () => {
    it('caps the expected joins of a week at the capacity; the spend is paid in full', () => {
        const runs = 400;
        const free = forecast(adsPlan(), { runs, seed: 5 });
        const capped = forecast(adsPlan({ capacityPerWeek: 200 }), { runs, seed: 5 });
        // Poisson(1000) and Poisson(200) a week: the mean over 400 runs × 10 weeks is within 1 %.
        expect(mean(seriesOf(free, 'new-members').mean) / 1000).toBeCloseTo(1, 1);
        expect(Math.abs(mean(seriesOf(capped, 'new-members').mean) / 200 - 1)).toBeLessThan(0.01);
        // Members after 10 weeks: 10 × 200, no churn.
        expect(Math.abs(seriesOf(capped, 'members').mean[9]! / 2000 - 1)).toBeLessThan(0.01);
        // The spend is booked whatever the channel delivers.
        expect(seriesOf(capped, 'cost').mean.every((c) => c === 1000)).toBe(true);
    });

    it('a scenario overrides it (`Ads.capacity = 100 per week`) and solve reads it as a lever', () => {
        const p = adsPlan({ capacityPerWeek: 200 });
        expect(applyScenario(p, 'Small').communities[0].channels[0].capacityPerWeek).toBe(100);
        const both = forecast(p, { runs: 400, seed: 5, scenarios: [null, 'Small'] });
        expect(Math.abs(mean(seriesOf(both, 'new-members', 0).mean) / 200 - 1)).toBeLessThan(0.01);
        expect(Math.abs(mean(seriesOf(both, 'new-members', 1).mean) / 100 - 1)).toBeLessThan(0.015);
        expect(currentValue(p, { target: 'Ads', property: 'capacity', min: 0, max: 1000 })).toBe(200);
    });

    it('is written as a count per period, lowered to people per week, and checked like one', async () => {
        const text = `${PLAN_HEADER}community C {\n  tier Members { entry open }\n  channel Ads {\n    paid 1000 CNY per week\n    cost per join 1 CNY\n    capacity 866.6666666 per month\n  }\n}\n`;
        const { diagnostics } = await validate(text);
        expect(codes(diagnostics)).toEqual([]);
        const { Community } = makeServices();
        const doc = await parseHelper<Model>(Community)(text);
        expect(lowerPlan(Community, doc).communities[0].channels[0].capacityPerWeek).toBeCloseTo(200, 4);
        // Without a period it is no capacity a strategist can read: the value check asks for one.
        const bare = await validate(text.replace('866.6666666 per month', '300'));
        expect(codes(bare.diagnostics)).toContain('missing-period');
        const twice = await validate(text.replace('    capacity 866.6666666 per month\n', '    capacity 300 per week\n    capacity 400 per week\n'));
        expect(codes(twice.diagnostics)).toContain('duplicate-property');
    });
});
