import { describe, expect, it } from 'vitest';
import { distMean, normalQuantile, Random, scaleDist, triangularQuantile } from '../../engine/random.js';

function moments(draw: () => number, n: number) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
        const x = draw();
        s += x;
        s2 += x * x;
    }
    const mean = s / n;
    return { mean, variance: s2 / n - mean * mean };
}

describe('Random', () => {
    it('repeats a sequence for a seed and differs across seeds', () => {
        const a = Random.fromSeed(42);
        const b = Random.fromSeed(42);
        const c = Random.fromSeed(43);
        const xs = Array.from({ length: 20 }, () => a.uniform());
        expect(Array.from({ length: 20 }, () => b.uniform())).toEqual(xs);
        expect(Array.from({ length: 20 }, () => c.uniform())).not.toEqual(xs);
        for (const x of xs) expect(x > 0 && x < 1).toBe(true);
    });

    it('forks independent streams deterministically', () => {
        const root = Random.fromSeed(1);
        const f1 = root.fork(1).uniform();
        expect(Random.fromSeed(1).fork(1).uniform()).toBe(f1);
        expect(root.fork(2).uniform()).not.toBe(f1);
    });

    it.each([
        [20, 0.3],
        [5, 0.9],
        [100_000, 0.02],
        [500, 0.5],
    ])('draws binomial(%i, %f) with the right mean and variance', (n, p) => {
        const rng = Random.fromSeed(5);
        const { mean, variance } = moments(() => rng.binomial(n, p), 100_000);
        expect(mean / (n * p)).toBeCloseTo(1, 2);
        expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
        expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
    });

    it('draws small binomials exactly (pmf of binomial(4, 0.3))', () => {
        const rng = Random.fromSeed(9);
        const counts = [0, 0, 0, 0, 0];
        const N = 200_000;
        for (let i = 0; i < N; i++) counts[rng.binomial(4, 0.3)]++;
        const pmf = [0.2401, 0.4116, 0.2646, 0.0756, 0.0081];
        counts.forEach((c, k) => expect(Math.abs(c / N - pmf[k])).toBeLessThan(0.004));
    });

    it('keeps binomial draws within 0..n and handles edge probabilities', () => {
        const rng = Random.fromSeed(2);
        expect(rng.binomial(0, 0.5)).toBe(0);
        expect(rng.binomial(10, 0)).toBe(0);
        expect(rng.binomial(10, 1)).toBe(10);
        for (let i = 0; i < 10_000; i++) {
            const k = rng.binomial(1000, 0.999);
            expect(k >= 0 && k <= 1000).toBe(true);
        }
    });

    it('draws Poisson counts with the right mean', () => {
        const rng = Random.fromSeed(4);
        expect(moments(() => rng.poisson(3.5), 100_000).mean).toBeCloseTo(3.5, 1);
        expect(moments(() => rng.poisson(400), 50_000).mean / 400).toBeCloseTo(1, 2);
    });

    it('samples fixed, uniform and triangular distributions', () => {
        const rng = Random.fromSeed(8);
        expect(rng.sample({ kind: 'fixed', value: 3 })).toBe(3);
        const tri = { kind: 'triangular', min: 2, mode: 3, max: 7 } as const;
        const uni = { kind: 'uniform', min: 10, max: 20 } as const;
        expect(moments(() => rng.sample(tri), 100_000).mean).toBeCloseTo(distMean(tri), 1);
        const u = moments(() => rng.sample(uni), 100_000);
        expect(u.mean).toBeCloseTo(15, 1);
        expect(u.variance).toBeCloseTo(100 / 12, 0);
        for (let i = 0; i < 1000; i++) {
            const x = rng.sample(tri);
            expect(x >= 2 && x <= 7).toBe(true);
        }
        expect(triangularQuantile(2, 3, 7, 0)).toBe(2);
        expect(triangularQuantile(2, 3, 7, 1)).toBe(7);
        expect(scaleDist(tri, 2)).toEqual({ kind: 'triangular', min: 4, mode: 6, max: 14 });
    });

    it('has an accurate normal quantile and normal draws', () => {
        expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
        expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
        const rng = Random.fromSeed(6);
        const m = moments(() => rng.normal(), 200_000);
        expect(Math.abs(m.mean)).toBeLessThan(0.01);
        expect(m.variance).toBeCloseTo(1, 1);
    });
});
