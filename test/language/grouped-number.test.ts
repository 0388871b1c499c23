// The checker's numbers are printed without Intl (language/validation/grouped-number.ts, for start-up
// time); what a user reads must stay exactly what Intl's en-US format printed before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedNumber } from '../../language/validation/grouped-number.js';
import { fmt } from '../../language/validation/domain-calc.js';

const intl = [0, 1, 2, 3].map((d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 }));

describe('groupedNumber prints what Intl en-US prints', () => {
    it('on the values a message shows', () => {
        expect(fmt(18400)).toBe('18,400');
        expect(fmt(0.625, 2)).toBe('0.63');
        expect(fmt(229830)).toBe('229,830');
        expect(fmt(1.005, 2)).toBe('1.01'); // the shortest decimal is rounded, not the binary value
        expect(fmt(999.5)).toBe('1,000');
        expect(fmt(-2.5)).toBe('-3');
        expect(fmt(-0.001)).toBe('-0');
        expect(fmt(12, 2)).toBe('12');
    });

    it('on edge values', () => {
        const edges = [
            0,
            -0,
            1e21,
            1.5e-7,
            5e-324,
            Number.MAX_VALUE,
            -Number.MAX_VALUE,
            NaN,
            Infinity,
            -Infinity,
            0.045,
            0.05,
            0.995,
            9.995,
            99999.995,
            0.0005,
            0.00049,
            1e-7,
            123456789.987,
        ];
        const wrong = edges.flatMap((v) =>
            [0, 1, 2, 3].filter((d) => groupedNumber(v, d) !== intl[d].format(v)).map((d) => `${v} (${d}): ${groupedNumber(v, d)} ≠ ${intl[d].format(v)}`),
        );
        expect(wrong).toEqual([]);
    });

    it('on any double and any digit count 0–3', () => {
        fc.assert(
            fc.property(fc.double(), fc.integer({ min: 0, max: 3 }), (v, d) => groupedNumber(v, d) === intl[d].format(v)),
            { numRuns: 20_000 },
        );
        // Halves at every decimal place, where the rounding direction matters.
        fc.assert(
            fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 0, max: 3 }), (k, d) => {
                const v = (k + 0.5) / 10 ** d;
                return groupedNumber(v, d) === intl[d].format(v);
            }),
            { numRuns: 20_000 },
        );
    });
});
