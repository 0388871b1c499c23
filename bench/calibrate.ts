// Calibration benchmark: the fitness calibration example fitted to 26 weeks of actuals the engine
// simulates from it (target ≤ 10 s on this 2-core machine), as `community calibrate` runs it.
// `bench/run.ts` calls benchCalibrate(); `node --import tsx bench/calibrate.ts` runs it alone.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actuals } from '../engine/actuals/parse.js';
import { Assumptions } from '../engine/assumptions.js';
import { calibrateCommunity } from '../engine/calibrate/calibrate.js';
import { seededRandom } from '../engine/calibrate/seeded.js';
import { compileCommunity, S } from '../engine/compile.js';
import { rawValue, simulateCommunity } from '../engine/simulate.js';
import { loadPlans } from '../cli/workspace.js';
import { lowerPlan } from '../language/lower.js';
import type { Figure } from './figure.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function benchCalibrate(): Promise<Figure[]> {
    const ws = await loadPlans([resolve(here, '../examples/fitness-calibration.community')], { lang: 'en', cwd: resolve(here, '..') });
    const plan = lowerPlan(ws.services, ws.requested[0].document);
    const c = compileCommunity(plan, plan.communities[0], new Assumptions(plan.assumptions));
    const raw = simulateCommunity(c, seededRandom(7), { runs: 1 });
    const series = new Map<string, Float64Array>();
    const put = (key: string, s: number) =>
        series.set(
            key,
            Float64Array.from({ length: c.horizon }, (_, w) => rawValue(raw, s, w, 0)),
        );
    c.tierNames.forEach((t, i) => put(`members:${t}`, c.tierSeries0 + i));
    put('members', S.members);
    put('joins', S.newMembers);
    put('leaves', S.churned);
    put('active', S.activeMembers);
    put('revenue', S.revenue);
    const weeks = Array.from({ length: c.horizon }, (_, w) => w);
    const actuals: Actuals = { mapping: 'canonical', horizon: c.horizon, series, weeks, rowOfWeek: new Map(weeks.map((w) => [w, w + 2])) };
    const t0 = performance.now();
    calibrateCommunity(c, actuals, { seed: 42 });
    const fit = performance.now() - t0;
    const t1 = performance.now();
    calibrateCommunity(c, actuals, { seed: 42, backtest: 4 });
    const withBacktest = performance.now() - t1;
    return [
        { name: 'calibrate fitness example to 26 weeks of actuals (target ≤ 10 s)', value: fit, unit: 'ms' },
        { name: 'calibrate fitness example, 26 weeks, with --backtest 4', value: withBacktest, unit: 'ms' },
    ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    for (const f of await benchCalibrate()) console.log(`${f.name}: ${Math.round(f.value)} ${f.unit}`);
}
