// Goal seeking (engine/solve.ts): the closed form, a re-simulation with another seed, and an
// allocation that never does worse than the best single lever.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlansAgain } from '../helpers/workspace.js';
import type { Plan } from '../../engine/model.js';
import { evaluate, solve, SolveError } from '../../engine/solve.js';
import { lowerPlan } from '../../language/lower.js';
import { ROOT } from '../helpers/cli.js';
import { community, fixed, plan, tier } from './helpers.js';

async function fitness(): Promise<Plan> {
    const ws = await loadPlansAgain([join(ROOT, 'examples/fitness-wechat.community')], { lang: 'en', root: ROOT, cwd: ROOT });
    return lowerPlan(ws.services, ws.requested[0].document);
}

describe('solve', () => {
    it('matches the closed form on a paid channel alone (no saturation, no churn, fixed cost per join)', () => {
        // members at week H = H × spend / cost per join (Poisson joins, no audience): spend* = target × cpj / H.
        const p = plan([
            community({
                tiers: [tier('T')],
                channels: [{ name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(10) }],
                kpis: [{ name: 'Big', metric: 'members', op: '>=', target: 20000, deadlineWeek: 26 }],
            }),
        ]);
        const r = solve(p, {
            kpis: ['Big'],
            probability: 0.8,
            levers: [{ target: 'Ads', property: 'paid', min: 0, max: 20000 }],
            objective: 'minimise-cost',
            runs: 1000,
            seed: 1,
        });
        const closed = (20000 * 10) / 26;
        expect(r.reached).toBe(true);
        expect(r.direction).toBe('more');
        expect(Math.abs(r.best.values[0] - closed) / closed).toBeLessThan(0.02);
    });

    it('says plainly when nothing in the range reaches the probability, and how close the best gets', () => {
        const p = plan([
            community({
                tiers: [tier('T')],
                channels: [{ name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(10) }],
                kpis: [{ name: 'Big', metric: 'members', op: '>=', target: 20000, deadlineWeek: 26 }],
            }),
        ]);
        const r = solve(p, {
            kpis: ['Big'],
            probability: 0.8,
            levers: [{ target: 'Ads', property: 'paid', min: 0, max: 7650 }],
            objective: 'minimise-cost',
            runs: 400,
            seed: 1,
        });
        expect(r.reached).toBe(false);
        expect(r.best.values[0]).toBe(7650);
        expect(r.best.probabilities[0]).toBeGreaterThan(0);
        expect(r.best.probabilities[0]).toBeLessThan(0.8);
    });

    it('gives a promotion rate that a re-simulation with another seed meets within ±3 points of the requested probability (fitness)', async () => {
        const p = await fitness();
        const lever = { target: 'Core', property: 'Prospect', min: 0.04, max: 0.12 };
        const r = solve(p, { kpis: ['conversion-Prospect-Core'], probability: 0.8, levers: [lever], objective: 'minimise-cost', runs: 2000, seed: 5 });
        expect(r.reached).toBe(true);
        const again = evaluate(p, { kpis: ['conversion-Prospect-Core'], runs: 2000, seed: 99 }, [lever], r.best.values);
        expect(Math.abs(again.probabilities[0] - 0.8)).toBeLessThanOrEqual(0.03);
    }, 120_000);

    it('an allocation over three levers never does worse than the best single lever under the same budget (fitness)', async () => {
        const p = await fitness();
        const levers = [
            { target: 'Core', property: 'Prospect', min: 0.03, max: 0.1 },
            { target: 'MorningChallenge', property: 'promotion', min: 0, max: 0.06 },
            { target: 'DouyinAds', property: 'paid', min: 0, max: 6000 },
        ];
        const r = solve(p, { kpis: ['conversion-Prospect-Core'], probability: 0.9, levers, budget: 300000, objective: 'minimise-cost', runs: 300, seed: 3 });
        const singles = r.singles!;
        const meets = (e: { probabilities: number[]; feasible: boolean }) => e.feasible && e.probabilities.every((x) => x >= 0.9);
        const best = r.best;
        for (const s of singles) {
            if (meets(s.best)) {
                expect(meets(best)).toBe(true);
                expect(best.cost).toBeLessThanOrEqual(s.best.cost + 1e-6);
            } else if (!meets(best)) expect(Math.min(...best.probabilities)).toBeGreaterThanOrEqual(Math.min(...s.best.probabilities));
        }
        expect(best.feasible).toBe(true);
    }, 180_000);

    it('refuses an unknown lever, an empty range and an unknown KPI with one-line errors', async () => {
        const p = await fitness();
        const base = { kpis: ['Growth'], probability: 0.8, objective: 'minimise-cost' as const, runs: 10, seed: 1 };
        expect(() => solve(p, { ...base, levers: [{ target: 'Nope', property: 'paid', min: 0, max: 1 }] })).toThrow(SolveError);
        expect(() => solve(p, { ...base, levers: [{ target: 'DouyinAds', property: 'colour', min: 0, max: 1 }] })).toThrow(
            /Cannot override "colour" of channel "DouyinAds"; overridable: paid, cost/,
        );
        expect(() => solve(p, { ...base, levers: [{ target: 'DouyinAds', property: 'paid', min: 5, max: 5 }] })).toThrow(/empty/);
        expect(() => solve(p, { ...base, kpis: ['Nope'], levers: [{ target: 'DouyinAds', property: 'paid', min: 0, max: 1 }] })).toThrow(/unknown KPI "Nope"/);
    });
});
