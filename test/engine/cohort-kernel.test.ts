// The generated cohort step against the plain definition: every tier keeps stay × its members and
// receives each incoming flow; survival is the non-churned share of the cohort.
import { describe, expect, it } from 'vitest';
import { cohortKernel, cohortStride } from '../../engine/cohort-kernel.js';

function lcg(seed: number) {
    let x = seed >>> 0;
    return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('cohort kernel', () => {
    it.each([
        { T: 1, from: [], to: [] },
        { T: 3, from: [0, 1], to: [1, 2] },
        { T: 4, from: [0, 1, 3, 2], to: [2, 2, 1, 0] }, // two flows into tier 2, a demotion back to 0
    ])('steps cohorts and records survival exactly as defined ($T tiers, $from.length flows)', ({ T, from, to }) => {
        const B = 5;
        const nb = 4;
        const CB = cohortStride(B);
        const F = from.length;
        const rnd = lcg(T * 31 + F);
        const stay = Float64Array.from({ length: T * B }, rnd);
        const keep = Float64Array.from({ length: T * B }, rnd);
        const frac = Float64Array.from({ length: Math.max(1, F) * B }, rnd);
        const slots = 3;
        const cohorts = Float64Array.from({ length: slots * T * CB }, () => Math.floor(rnd() * 100));
        const sizes = Float64Array.from({ length: slots * B }, () => 50 + Math.floor(rnd() * 50));
        // Run 1 of slot 0 is an empty cohort: its survival is 0/0 = NaN.
        sizes[1] = 0;
        for (let t = 0; t < T; t++) cohorts[t * CB + 1] = 0;
        const survival = new Float64Array(slots * B).fill(-1);
        // slot 0 moves and records, slot 1 moves without recording, slot 2 records only (oldest age)
        const live = Int32Array.from([0, 0, 0, 1, T * CB, -1, B, 1, 2 * T * CB, 2 * B, 2 * B, 0]);
        const before = cohorts.slice();
        cohortKernel(T, Int32Array.from(from), Int32Array.from(to), B, CB)(cohorts, live, 3, stay, keep, frac, survival, sizes, nb);
        for (let c = 0; c < slots; c++) {
            const base = c * T * CB;
            for (let j = 0; j < B; j++) {
                const x = (t: number) => before[base + t * CB + j];
                let surv = 0;
                for (let t = 0; t < T; t++) surv += x(t) * keep[t * B + j];
                for (let t = 0; t < T; t++) {
                    let expected = x(t) * stay[t * B + j];
                    for (let f = 0; f < F; f++) if (to[f] === t) expected += x(from[f]) * frac[f * B + j];
                    const moved = c < 2 && j < nb;
                    expect(cohorts[base + t * CB + j]).toBe(moved ? expected : x(t));
                }
                const recorded = c !== 1 && j < nb;
                const want = surv / sizes[c * B + j];
                expect(survival[c * B + j]).toBe(recorded ? want : -1);
            }
        }
        expect(Number.isNaN(survival[1])).toBe(true);
    });

    it('reuses one compiled step per tier structure', () => {
        const a = cohortKernel(2, Int32Array.from([0]), Int32Array.from([1]), 8, cohortStride(8));
        const b = cohortKernel(2, Int32Array.from([0]), Int32Array.from([1]), 8, cohortStride(8));
        const c = cohortKernel(2, Int32Array.from([1]), Int32Array.from([0]), 8, cohortStride(8));
        expect(a).toBe(b);
        expect(c).not.toBe(a);
    });

    it('refuses a flow outside the tiers with a clear message', () => {
        expect(() => cohortKernel(2, Int32Array.from([0]), Int32Array.from([2]), 8, cohortStride(8))).toThrow('cohort kernel: flow 0 (0 → 2) outside 2 tiers');
    });
});
