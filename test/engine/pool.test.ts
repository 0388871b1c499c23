// The simulation pool (runtime/pool.ts) over real worker threads: the forecast JSON is the same bytes
// with 1, 2 and 4 threads, a solve and a calibration give what they give in this thread, a cancel
// stops the work between blocks, and the staging buffers stay as many as its slots job after job.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlans } from '../../cli/workspace.js';
import { Assumptions } from '../../engine/assumptions.js';
import { calibrateCommunity } from '../../engine/calibrate/calibrate.js';
import { compileCommunity } from '../../engine/compile.js';
import { forecast, forecastSimulations, planJobs, totalRuns } from '../../engine/forecast.js';
import { compileJob } from '../../engine/jobs.js';
import type { Plan } from '../../engine/model.js';
import { outputBytes, RUN_BLOCK, SimulationCancelled, type RawResult } from '../../engine/simulate.js';
import { solve, solveSteps, type SolveOptions } from '../../engine/solve.js';
import { loadActuals } from '../../language/actuals/load.js';
import { lowerPlan } from '../../language/lower.js';
import { CancelSource } from '../../runtime/cancel.js';
import { SimulationPool } from '../../runtime/pool.js';
import { runJobs, runSteps, runWork } from '../../runtime/run.js';
import { ROOT } from '../helpers/cli.js';

async function example(name: string): Promise<Plan> {
    const ws = await loadPlans([join(ROOT, 'examples', name)], { lang: 'en', root: ROOT, cwd: ROOT });
    return lowerPlan(ws.services, ws.requested[0].document);
}

const pools: SimulationPool[] = [];
function pool(threads: number): SimulationPool {
    const p = SimulationPool.create(threads);
    if (!p) throw new Error('no worker script next to runtime/pool.ts');
    pools.push(p);
    return p;
}
afterAll(async () => {
    await Promise.all(pools.map((p) => p.destroy()));
});

describe('simulation pool', () => {
    it('gives the same forecast JSON bytes with 1, 2 and 4 threads (every scenario, sensitivity)', async () => {
        const plan = await example('fitness-wechat.community');
        const options = { runs: 1500, seed: 42, scenarios: [null, ...plan.scenarios.map((s) => s.name)], sensitivity: { runs: 120 } };
        const one = JSON.stringify(forecast(plan, options), null, 2);
        for (const threads of [1, 2, 4]) {
            // One thread: the pool of one worker; 2 and 4: blocks spread over the workers.
            const p = SimulationPool.create(threads, undefined, true)!;
            pools.push(p);
            const done: number[] = [];
            const work = forecastSimulations(plan, options);
            const json = JSON.stringify(await runWork(work, { pool: p, poolFrom: 0, onProgress: (n) => done.push(n) }), null, 2);
            expect(json, `${threads} threads`).toBe(one);
            expect(done[done.length - 1]).toBe(totalRuns(work.jobs));
        }
    }, 240_000);

    it('solves on the pool to the same answer as in this thread', async () => {
        const plan = await example('fitness-wechat.community');
        const options: SolveOptions = {
            kpis: ['conversion-Prospect-Core'],
            probability: 0.8,
            objective: 'minimise-cost',
            runs: 1100,
            seed: 5,
            levers: [{ target: 'Core', property: 'Prospect', min: 0.03, max: 0.12 }],
        };
        const here = solve(plan, options);
        const there = await runSteps(solveSteps(plan, options), { pool: pool(2), poolFrom: 0 });
        expect(there).toEqual(here);
    }, 240_000);

    it('calibrates in a worker to the same fit as in this thread, and stops when cancelled', async () => {
        const plan = await example('fitness-calibration.community');
        const community = plan.communities[0];
        const loaded = await loadActuals(community.actuals!.fsPath, 'actuals', plan, community, community.actuals!.mapping);
        const compiled = compileCommunity(plan, community, new Assumptions(plan.assumptions));
        const here = calibrateCommunity(compiled, loaded.actuals!, { seed: 42 });
        const p = pool(2);
        const there = await p.calibrate(compiled, loaded.actuals!, { seed: 42 });
        expect(JSON.stringify(there.quantities)).toBe(JSON.stringify(here.quantities));
        expect(there.ess).toBe(here.ess);
        const cancel = new CancelSource();
        const started = performance.now();
        const run = p.calibrate(compiled, loaded.actuals!, { seed: 42, token: cancel });
        // Cancelled while the task is on its way to the worker, which reads the mark at every step of
        // the fit. (A cancel 50 ms later came after the warm worker had finished, on a quiet machine.)
        cancel.cancel();
        await expect(run).rejects.toBeInstanceOf(SimulationCancelled);
        expect(performance.now() - started).toBeLessThan(5000);
        // The mark is read in the middle of a fit too: the same fit in this thread, cancelled once it
        // has reported progress, stops there.
        let reported = 0;
        let steps = 0;
        const midway = () =>
            calibrateCommunity(compiled, loaded.actuals!, {
                seed: 42,
                onProgress: () => reported++,
                isCancelled: () => reported > 0 && ++steps > 10,
            });
        expect(midway).toThrow(SimulationCancelled);
        expect(reported).toBeGreaterThan(0);
        expect(steps).toBe(11);
    }, 120_000);

    it('rejects with SimulationCancelled as soon as the token is cancelled, then serves the next request', async () => {
        const plan = await example('fitness-wechat.community');
        const p = pool(2);
        const cancel = new CancelSource();
        let cancelledAt = 0;
        const run = runWork(forecastSimulations(plan, { runs: 100_000, seed: 1 }), {
            pool: p,
            token: cancel,
            onProgress: (done) => {
                if (done >= 2048 && cancelledAt === 0) {
                    cancelledAt = performance.now();
                    cancel.cancel();
                }
            },
        });
        await expect(run).rejects.toBeInstanceOf(SimulationCancelled);
        // Generous: the bound the server promises is 100 ms on a quiet machine.
        expect(performance.now() - cancelledAt).toBeLessThan(1000);
        const after = await runWork(forecastSimulations(plan, { runs: 2000, seed: 1 }), { pool: p, poolFrom: 0 });
        expect(JSON.stringify(after)).toBe(JSON.stringify(forecast(plan, { runs: 2000, seed: 1 })));
    }, 120_000);

    it('keeps as many staging buffers as it has slots over job after job, and its results share no memory with it', async () => {
        const plan = { ...(await example('fitness-wechat.community')), horizonWeeks: 52 };
        const p = pool(2);
        const jobs = (seed: number) => planJobs(plan, 3 * RUN_BLOCK + 100, seed);
        const block = Math.max(...jobs(1).map((job) => outputBytes(compileJob(job), RUN_BLOCK)));
        const bound = p.stagingStats().slots * block;
        const arrays = (raw: RawResult) => [
            raw.series,
            raw.counts,
            raw.kpiValues,
            raw.costByCategory,
            raw.joinsBySource,
            raw.joinsBySourceWeekly,
            raw.marginByRun,
            raw.baselineRevenue,
            raw.staffHours,
        ];
        const kept: RawResult[][] = [];
        const allocated: number[] = [];
        for (let seed = 1; seed <= 5; seed++) {
            const raws = await runJobs(jobs(seed), { pool: p, poolFrom: 0 });
            kept.push(raws);
            const stats = p.stagingStats();
            allocated.push(stats.allocated);
            expect(stats.allocated).toBeLessThanOrEqual(stats.slots);
            expect(stats.free).toBe(stats.slots);
            expect(stats.bytes).toBeLessThanOrEqual(bound);
            // Nothing a caller keeps is shared memory, nor a view on a staging buffer (those are lent again).
            for (const raw of raws)
                for (const a of arrays(raw)) {
                    expect(a.buffer).toBeInstanceOf(ArrayBuffer);
                    expect(a.buffer).not.toBeInstanceOf(SharedArrayBuffer);
                    expect(a.buffer.byteLength).toBe(a.byteLength);
                }
        }
        // Jobs of one size after the first allocate nothing.
        expect(allocated.every((n) => n === allocated[0])).toBe(true);
        // Two calls at once share the slots; every result, the first job's too, is still this thread's bytes.
        const [a, b] = await Promise.all([runJobs(jobs(6), { pool: p, poolFrom: 0 }), runJobs(jobs(7), { pool: p, poolFrom: 0 })]);
        expect(p.stagingStats().allocated).toBe(allocated[0]);
        expect(p.stagingStats().free).toBe(p.stagingStats().slots);
        const bytes = (raws: RawResult[]) =>
            raws
                .map((raw) =>
                    arrays(raw)
                        .map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64'))
                        .join(' '),
                )
                .join('|');
        for (const [seed, raws] of [...kept.map((r, i) => [i + 1, r] as const), [6, a] as const, [7, b] as const]) {
            expect(bytes(raws), `seed ${seed}`).toBe(bytes(await runJobs(jobs(seed))));
        }
    }, 240_000);
    it('gives a short call started beside a long one the next free slot, not the long one’s last', async () => {
        const plan = await example('fitness-wechat.community');
        const p = pool(2);
        await p.warm();
        const order: string[] = [];
        const long = runJobs(planJobs(plan, 24 * RUN_BLOCK, 3), { pool: p, poolFrom: 0 }).then(() => order.push('long'));
        await new Promise((r) => setTimeout(r, 50));
        const short = runJobs(planJobs(plan, RUN_BLOCK, 4), { pool: p, poolFrom: 0 }).then(() => order.push('short'));
        await Promise.all([long, short]);
        // Before the fair wake-up the short call waited until the long one had sent all 24 blocks.
        expect(order).toEqual(['short', 'long']);
        expect(p.stagingStats().free).toBe(p.stagingStats().slots);
    }, 120_000);

    it('fails a call whose progress hook throws, and keeps every slot for the next call', async () => {
        const plan = await example('fitness-wechat.community');
        const p = pool(2);
        const jobs = planJobs(plan, 6 * RUN_BLOCK, 5);
        await expect(
            runJobs(jobs, {
                pool: p,
                poolFrom: 0,
                onProgress: () => {
                    throw new Error('progress hook broke');
                },
            }),
        ).rejects.toThrow('progress hook broke');
        // The tasks still in flight come back after the call failed.
        await new Promise((r) => setTimeout(r, 2000));
        expect(p.stagingStats().free).toBe(p.stagingStats().slots);
        const again = await runJobs(jobs, { pool: p, poolFrom: 0 });
        expect(JSON.stringify(again.map((r) => Array.from(r.kpiValues)))).toBe(JSON.stringify((await runJobs(jobs)).map((r) => Array.from(r.kpiValues))));
    }, 120_000);

    it('drops its staging buffers when released (an idle pool does so after STAGING_IDLE_MS) and allocates afresh after', async () => {
        const plan = await example('fitness-wechat.community');
        const p = pool(2);
        const jobs = planJobs(plan, 2 * RUN_BLOCK, 6);
        await runJobs(jobs, { pool: p, poolFrom: 0 });
        const before = p.stagingStats();
        expect(before.bytes).toBeGreaterThan(0);
        p.releaseStaging();
        expect(p.stagingStats().bytes).toBe(0);
        const again = await runJobs(jobs, { pool: p, poolFrom: 0 });
        expect(p.stagingStats().allocated).toBeGreaterThan(before.allocated);
        expect(JSON.stringify(again.map((r) => Array.from(r.series)))).toBe(JSON.stringify((await runJobs(jobs)).map((r) => Array.from(r.series))));
    }, 120_000);
});
