// engine/stats.ts: the percentiles a forecast shows are the nearest-rank values of the sorted runs,
// whichever way they are found (plain selection for few values, buckets for many).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileRank, summarise } from '../../engine/stats.js';

/** The definition: sort the defined values, take the value at round(q·(n − 1)). */
function bySorting(values: number[]): { p10: number | null; p50: number | null; p90: number | null; mean: number | null } {
    const defined = values.filter((v) => !Number.isNaN(v));
    if (defined.length === 0) return { p10: null, p50: null, p90: null, mean: null };
    let sum = 0;
    for (const v of defined) sum += v;
    const sorted = Float64Array.from(defined).sort();
    const at = (q: number) => sorted[quantileRank(q, sorted.length)];
    return { p10: at(0.1), p50: at(0.5), p90: at(0.9), mean: sum / defined.length };
}

// −0 and +0 compare equal, so which of them a rank shows is not defined: the runs hold +0 only.
const value = fc
    .oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        fc.integer({ min: -50, max: 5_000 }),
        fc.constantFrom(0, 1, Number.NaN, 1e-310, 2e-310, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity),
    )
    .map((v) => (v === 0 ? 0 : v));

describe('summarise', () => {
    it('gives the nearest-rank P10/P50/P90 and the mean of the defined values, for few and many runs', () => {
        fc.assert(
            fc.property(fc.oneof(fc.array(value, { maxLength: 300 }), fc.array(value, { minLength: 256, maxLength: 3_000, size: 'max' })), (values) => {
                const got = summarise(Float64Array.from(values), values.length);
                expect(got).toEqual(bySorting(values));
            }),
            { numRuns: 300 },
        );
    });

    it('reads only the first n values', () => {
        const a = Float64Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 1_000);
        const got = summarise(a.slice(), 500);
        expect(got).toEqual(bySorting(Array.from(a.subarray(0, 500))));
    });

    it('finds the ranks in skewed runs (one huge outlier puts nearly every run in one bucket)', () => {
        const runs = Array.from({ length: 10_000 }, (_, i) => 100 + ((i * 2_654_435_761) % 997) / 10);
        runs[1234] = 1e15;
        runs[77] = Number.NaN;
        expect(summarise(Float64Array.from(runs), runs.length)).toEqual(bySorting(runs));
    });

    it('gives the same value for every percentile when every run is the same', () => {
        expect(summarise(new Float64Array(10_000).fill(3.5), 10_000)).toEqual({ p10: 3.5, p50: 3.5, p90: 3.5, mean: 3.5 });
        expect(summarise(new Float64Array(20).fill(Number.NaN), 20)).toEqual({ p10: null, p50: null, p90: null, mean: null });
    });
});
