// The block streams of the Monte Carlo (engine/random.ts, engine/simulate.ts): nearby seeds give
// unrelated draws, blocks never share a stream, and however the blocks of a simulation are grouped
// (one thread, or any split over workers) the merged result is the same bytes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlansAgain } from '../helpers/workspace.js';
import { compileJob, forecast, forecastSimulations, planJobs } from '../../engine/forecast.js';
import type { Plan } from '../../engine/model.js';
import { BlockStreams, Random } from '../../engine/random.js';
import { BlockRun, blockCount, mergeBlocks, RUN_BLOCK, simulateBlocks, simulateStreams, SimulationCancelled, type RawResult } from '../../engine/simulate.js';
import { lowerPlan } from '../../language/lower.js';
import { runWork } from '../../runtime/run.js';
import { ROOT } from '../helpers/cli.js';

async function fitness(): Promise<Plan> {
    const ws = await loadPlansAgain([join(ROOT, 'examples/fitness-wechat.community')], { lang: 'en', root: ROOT, cwd: ROOT });
    return lowerPlan(ws.services, ws.requested[0].document);
}

/** Pearson correlation of x[i] and y[i]. */
function correlation(x: number[], y: number[]): number {
    const n = x.length;
    const mx = x.reduce((a, b) => a + b, 0) / n;
    const my = y.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) ** 2;
        syy += (y[i] - my) ** 2;
    }
    return sxy / Math.sqrt(sxx * syy);
}

/** Every typed array of a raw result, as bytes, by name. */
function bytesOf(raw: RawResult): Record<string, Buffer> {
    const out: Record<string, Buffer> = {};
    for (const [key, value] of Object.entries(raw)) if (ArrayBuffer.isView(value)) out[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return out;
}

describe('block streams', () => {
    it('gives nearby small seeds unrelated first draws (xoroshiro128+ seeded directly does not)', () => {
        const seeds = Array.from({ length: 2000 }, (_, i) => 1000 + i);
        const first = seeds.map((s) => Random.forBlock(s, 0, 0).normal());
        // Neighbouring seeds: no correlation, and the draws look standard normal.
        expect(Math.abs(correlation(first.slice(0, -1), first.slice(1)))).toBeLessThan(0.08);
        const mean = first.reduce((a, b) => a + b, 0) / first.length;
        const sd = Math.sqrt(first.reduce((a, b) => a + (b - mean) ** 2, 0) / first.length);
        expect(Math.abs(mean)).toBeLessThan(0.08);
        expect(Math.abs(sd - 1)).toBeLessThan(0.06);
        // The first draw does not follow the seed either.
        expect(Math.abs(correlation(seeds, first))).toBeLessThan(0.08);
        // Why the streams hash the seed: the generator's own seeding makes neighbours' first draws nearly equal.
        const direct = seeds.map((s) => Random.fromSeed(s).normal());
        expect(Math.abs(correlation(direct.slice(0, -1), direct.slice(1)))).toBeGreaterThan(0.9);
    });

    it('gives every block and every community its own stream', () => {
        const draws = (r: Random) => Array.from({ length: 8 }, () => r.uniform());
        const a = draws(Random.forBlock(42, 0, 0));
        expect(draws(Random.forBlock(42, 0, 0))).toEqual(a);
        for (const other of [Random.forBlock(42, 0, 1), Random.forBlock(42, 1, 0), Random.forBlock(43, 0, 0)]) {
            expect(draws(other).some((x, i) => x !== a[i])).toBe(true);
        }
        // Blocks asked for out of order equal blocks asked for in order (the jumps restart from the stream's start).
        const streams = new BlockStreams(42, 3);
        const late = draws(streams.block(5));
        const early = draws(streams.block(2));
        expect(draws(Random.forBlock(42, 3, 5))).toEqual(late);
        expect(draws(Random.forBlock(42, 3, 2))).toEqual(early);
    });

    it('merges any grouping of the blocks into the same bytes', async () => {
        const plan = await fitness();
        const runs = 2 * RUN_BLOCK + 300;
        const [job] = planJobs(plan, runs, 7);
        const c = compileJob(job);
        expect(blockCount(runs)).toBe(3);
        const whole = bytesOf(simulateStreams(c, 7, 0, runs));
        const groupings = [
            [
                [0, 1],
                [1, 1],
                [2, 1],
            ],
            [
                [0, 2],
                [2, 1],
            ],
            [
                [0, 1],
                [1, 2],
            ],
            [
                [2, 1],
                [0, 2],
            ],
        ];
        for (const grouping of groupings) {
            const merged = bytesOf(
                mergeBlocks(
                    c,
                    runs,
                    grouping.map(([first, count]) => simulateBlocks(c, 7, 0, runs, first, count)),
                ),
            );
            expect(Object.keys(merged)).toEqual(Object.keys(whole));
            for (const key of Object.keys(whole)) expect(merged[key].equals(whole[key]), `${key} of grouping ${JSON.stringify(grouping)}`).toBe(true);
        }
        // A BlockRun stepped one block at a time, in any order (the in-thread runner's way), gives them too.
        const run = new BlockRun(c, 7, 0, runs, 0, 3);
        expect([2, 0, 1].map((k) => run.step(k))).toEqual([300, RUN_BLOCK, RUN_BLOCK]);
        const stepped = bytesOf(mergeBlocks(c, runs, [run.result()]));
        expect(Object.keys(stepped)).toEqual(Object.keys(whole));
        for (const key of Object.keys(whole)) expect(stepped[key].equals(whole[key]), `${key} of the stepped run`).toBe(true);
        expect(() => mergeBlocks(c, runs, [simulateBlocks(c, 7, 0, runs, 0, 1), simulateBlocks(c, 7, 0, runs, 2, 1)])).toThrow(/block 1 is missing/);
    }, 120_000);

    it('runs the forecast block by block in this thread with the same JSON bytes as in one go, and stops between blocks when cancelled', async () => {
        const plan = await fitness();
        const options = { runs: 2500, seed: 11, scenarios: [null, ...plan.scenarios.map((s) => s.name)], sensitivity: { runs: 60 } };
        const once = JSON.stringify(forecast(plan, options));
        const progress: number[] = [];
        const stepped = JSON.stringify(await runWork(forecastSimulations(plan, options), { onProgress: (n) => progress.push(n) }));
        expect(stepped).toBe(once);
        expect(progress.length).toBeGreaterThan(3);
        let blocks = 0;
        const cancelled = runWork(forecastSimulations(plan, options), {
            token: { isCancelled: () => blocks >= 2, onCancel: () => () => undefined },
            onProgress: () => blocks++,
        });
        await expect(cancelled).rejects.toBeInstanceOf(SimulationCancelled);
        expect(blocks).toBe(2);
    }, 120_000);
});
