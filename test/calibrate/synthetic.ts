// Synthetic actuals: the engine simulates one Monte Carlo run of a plan whose numbers are known
// (every quantity fixed at its truth), and its weekly series become the actuals a fit must recover.
import { Assumptions } from '../../engine/assumptions.js';
import { compileCommunity, S } from '../../engine/compile.js';
import type { Actuals } from '../../engine/actuals/parse.js';
import type { Community, Dist, Plan } from '../../engine/model.js';
import { seededRandom } from '../../engine/calibrate/seeded.js';
import { rawValue, simulateCommunity } from '../../engine/simulate.js';
import { community, plan, rate, tier } from '../engine/helpers.js';

const tri = (min: number, mode: number, max: number): Dist => ({ kind: 'triangular', min, mode, max });
const fixed = (value: number): Dist => ({ kind: 'fixed', value });

export interface Truth {
    prospectChurn: number;
    coreFrom: number;
    coreChurn: number;
    costPerJoin: number;
    conversion: number;
    prospectActive: number;
}

export const TRUTH: Truth = { prospectChurn: 0.12, coreFrom: 0.06, coreChurn: 0.04, costPerJoin: 15, conversion: 0.25, prospectActive: 0.25 };

/** The fitness example's structure (three tiers, promotions, paid channel, referral, organic growth, revenue). */
export function fitnessPlan(values: Truth, uncertain: boolean): Plan {
    const u = (x: number, lo: number, hi: number) => (uncertain ? tri(x * lo, x, x * hi) : fixed(x));
    const c: Community = community({
        name: 'FitHome',
        audiences: ['OfficeWorkers'],
        orderValue: fixed(199),
        tiers: [
            tier('Prospect', {
                seed: fixed(300),
                churn: rate(u(values.prospectChurn, 0.5, 1.8)),
                active: rate(u(values.prospectActive, 0.5, 1.6), 'week'),
                buys: rate(0.01),
            }),
            tier('Core', {
                flowsFrom: [{ tier: 'Prospect', rate: rate(u(values.coreFrom, 0.5, 1.8)) }],
                churn: rate(u(values.coreChurn, 0.5, 1.8)),
                active: rate(0.6, 'week'),
                buys: rate(0.05),
            }),
            tier('Ambassador', { flowsFrom: [{ tier: 'Core', rate: rate(0.02) }], churn: rate(0.01), active: rate(0.8, 'week') }),
        ],
        channels: [{ name: 'DouyinAds', spend: { value: fixed(3000), per: 'week' }, spendPer: 'week', costPerJoin: u(values.costPerJoin, 0.6, 1.6) }],
        referrals: [
            {
                name: 'InviteCode',
                invites: rate(0.8),
                conversion: u(values.conversion, 0.5, 1.8),
                cycleDays: 7,
                tiers: ['Core', 'Ambassador'],
                rewardEachSide: false,
            },
        ],
        organic: { innovation: rate(0.01), imitation: rate(0.3) },
    } as Partial<Community>);
    return plan([c], { audiences: [{ name: 'OfficeWorkers', size: fixed(200000) } as Plan['audiences'][number]] });
}

/** Weekly actuals from one seeded Monte Carlo run of the plan with the true values. */
export function syntheticActuals(seed: number, weeks = 26, truth: Truth = TRUTH): Actuals {
    const p = fitnessPlan(truth, false);
    const c = compileCommunity(p, p.communities[0], new Assumptions(p.assumptions));
    const raw = simulateCommunity(c, seededRandom(seed), { runs: 1 });
    const H = c.horizon;
    const series = new Map<string, Float64Array>();
    const put = (key: string, f: (w: number) => number) => {
        const a = new Float64Array(H).fill(NaN);
        for (let w = 0; w < weeks; w++) a[w] = f(w);
        series.set(key, a);
    };
    put('members', (w) => rawValue(raw, S.members, w, 0));
    c.tierNames.forEach((t, i) => put(`members:${t}`, (w) => rawValue(raw, c.tierSeries0 + i, w, 0)));
    put('joins', (w) => rawValue(raw, S.newMembers, w, 0));
    put('leaves', (w) => rawValue(raw, S.churned, w, 0));
    put('active', (w) => rawValue(raw, S.activeMembers, w, 0));
    put('revenue', (w) => rawValue(raw, S.revenue, w, 0));
    const weeksList = Array.from({ length: weeks }, (_, w) => w);
    return { mapping: 'canonical', horizon: H, series, weeks: weeksList, rowOfWeek: new Map(weeksList.map((w) => [w, w + 2])) };
}
