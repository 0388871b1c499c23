// Property tests over generated plans: people are never negative, never more than the addressable
// audience, and every week's change equals joins minus churn (promotions only move people).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { S } from '../../engine/compile.js';
import { simulatePlan } from '../../engine/forecast.js';
import { rawValue } from '../../engine/simulate.js';
import type { Plan } from '../../engine/model.js';
import { community, fixed, plan, rate, tier } from './helpers.js';

const share = fc.double({ min: 0, max: 0.6, noNaN: true });

const planArb = fc
    .record({
        audience: fc.integer({ min: 50, max: 20_000 }),
        tiers: fc.integer({ min: 1, max: 3 }),
        seedShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
        churn: fc.array(share, { minLength: 3, maxLength: 3 }),
        promo: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 3, maxLength: 3 }),
        demote: fc.double({ min: 0, max: 0.2, noNaN: true }),
        p: fc.double({ min: 0, max: 0.2, noNaN: true }),
        q: fc.double({ min: 0, max: 1, noNaN: true }),
        spend: fc.integer({ min: 0, max: 50_000 }),
        cpj: fc.integer({ min: 1, max: 50 }),
        invites: fc.double({ min: 0, max: 10, noNaN: true }),
        conversion: fc.double({ min: 0, max: 1, noNaN: true }),
        cycle: fc.integer({ min: 1, max: 30 }),
        capacity: fc.option(fc.integer({ min: 0, max: 500 })),
        weeks: fc.integer({ min: 1, max: 20 }),
    })
    .map((g): { plan: Plan; audience: number; seeds: number } => {
        const names = ['T0', 'T1', 'T2'].slice(0, g.tiers);
        const seedEach = Math.floor((g.audience * g.seedShare) / g.tiers);
        const tiers = names.map((name, i) =>
            tier(name, {
                seed: fixed(seedEach),
                churn: rate(g.churn[i]),
                capacity: i === g.tiers - 1 && g.capacity !== null ? g.capacity : undefined,
                flowsFrom: i > 0 ? [{ tier: names[i - 1], rate: rate(g.promo[i]) }] : [],
                demotionsTo: i > 0 ? [{ tier: names[0], rate: rate(g.demote) }] : [],
            }),
        );
        const p = plan(
            [
                community({
                    audiences: ['A'],
                    tiers,
                    organic: { innovation: rate(g.p), imitation: rate(g.q) },
                    channels: [{ name: 'Ads', spend: { value: fixed(g.spend), per: 'week' }, spendPer: 'week', costPerJoin: fixed(g.cpj) }],
                    referrals: [
                        {
                            name: 'R',
                            mechanic: 'invite-code',
                            rewardEachSide: true,
                            reward: fixed(5),
                            invites: rate(g.invites),
                            conversion: fixed(g.conversion),
                            cycleDays: g.cycle,
                            tiers: [],
                            sharesTo: [],
                        },
                    ],
                }),
            ],
            { audiences: [{ name: 'A', size: fixed(g.audience), interests: [], regions: [], activeWindows: [] }], horizonWeeks: g.weeks },
        );
        return { plan: p, audience: g.audience, seeds: seedEach * g.tiers };
    });

describe('simulation invariants', () => {
    it('keeps members within [0, audience] and conserves people week by week', () => {
        fc.assert(
            fc.property(planArb, fc.integer({ min: 0, max: 1000 }), ({ plan: p, audience }, seed) => {
                const [raw] = simulatePlan(p, 5, seed);
                const c = raw.compiled;
                const H = c.horizon;
                // Every check of every run and week; what fails is collected and asserted once per plan.
                const failures: string[] = [];
                const check = (ok: boolean, what: () => string) => {
                    if (!ok) failures.push(what());
                };
                for (let r = 0; r < raw.runs; r++) {
                    const at = (s: number, w: number) => rawValue(raw, s, w, r);
                    // Start: the seeds, capped by tier capacity.
                    let previous = 0;
                    for (const t of p.communities[0].tiers) previous += Math.min((t.seed as { value: number }).value, t.capacity ?? Infinity);
                    let joined = previous;
                    for (let w = 0; w < H; w++) {
                        const where = `run ${r} week ${w + 1}`;
                        let sum = 0;
                        for (let t = 0; t < c.T; t++) {
                            const m = at(c.tierSeries0 + t, w);
                            check(m >= 0, () => `${where}: tier ${t} has ${m} members, below 0`);
                            check(Number.isInteger(m), () => `${where}: tier ${t} has ${m} members, not a whole number`);
                            sum += m;
                        }
                        const members = at(S.members, w);
                        check(Object.is(sum, members), () => `${where}: the tiers sum to ${sum}, members are ${members}`);
                        check(members <= audience, () => `${where}: ${members} members, above the audience of ${audience}`);
                        joined += at(S.newMembers, w);
                        check(joined <= audience, () => `${where}: ${joined} people joined, above the audience of ${audience}`); // nobody is reached twice
                        const change = at(S.newMembers, w) - at(S.churned, w);
                        check(
                            Object.is(members - previous, change),
                            () => `${where}: members changed by ${members - previous}, joins minus churn is ${change}`,
                        );
                        previous = members;
                    }
                }
                expect(failures).toEqual([]);
            }),
            { numRuns: 150 },
        );
    });
});
