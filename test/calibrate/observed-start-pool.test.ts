// Forecasting from the last observed week on worker threads: the same bytes in this thread and on 1
// or 2 workers (the state of the observed weeks is part of the job).
import { afterAll, describe, expect, it } from 'vitest';
import { forecast, forecastSimulations } from '../../engine/forecast.js';
import { SimulationPool } from '../../runtime/pool.js';
import { runWork } from '../../runtime/run.js';
import { fixed } from '../engine/helpers.js';
import { oneTier, weeks } from './observed-helpers.js';

describe('observed start on the worker pool', () => {
    const pools: SimulationPool[] = [];
    afterAll(async () => {
        await Promise.all(pools.map((x) => x.destroy()));
    });

    it('gives the same bytes in this thread and on 1 or 2 workers', async () => {
        const p = oneTier({
            channels: [
                { name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: { kind: 'triangular', min: 5, mode: 10, max: 20 } },
            ],
        });
        const observed = new Map([['C', weeks({ members: [950, 990, 1010], 'spend:Ads': [900, 1000, 1100] })]]);
        const options = { runs: 2500, seed: 5, observed };
        const here = JSON.stringify(forecast(p, options));
        expect(JSON.parse(here).forecasts[0].communities[0].fromWeek).toBe(4);
        for (const threads of [1, 2]) {
            const pool = SimulationPool.create(threads, undefined, true);
            if (!pool) throw new Error('no worker script next to runtime/pool.ts');
            pools.push(pool);
            const report = await runWork(forecastSimulations(p, options), { pool, poolFrom: 0 });
            expect(JSON.stringify(report)).toBe(here);
        }
    }, 60_000);
});
