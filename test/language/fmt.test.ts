// The checker's number format (language/validation/domain-calc.ts `fmt`) is Intl's en-US format with
// at most `digits` decimals, written without building Intl's formatter (its first use costs a
// `community check` ~25 ms): every message keeps its text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmt } from '../../language/validation/domain-calc.js';

const intl = (n: number, digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);

describe('fmt', () => {
    it('writes what Intl.NumberFormat en-US writes, for any number and 0–4 decimals', () => {
        const number = fc.oneof(
            fc.double({ noNaN: false }),
            fc.double({ min: -1e7, max: 1e7 }),
            fc.integer({ min: -10_000_000, max: 10_000_000 }).map((i) => i / 1000),
            fc.integer({ min: -100_000, max: 100_000 }).map((i) => i + 0.5),
            fc.integer({ min: -100_000, max: 100_000 }).map((i) => i / 100 + 0.005),
            fc.constantFrom(0, -0, 0.5, -0.5, 1.5, 2.5, -2.5, 999.5, 999_999.5, 1e21, -1e21, 9.995, 1.005, Infinity, -Infinity, Number.NaN),
        );
        fc.assert(fc.property(number, fc.integer({ min: 0, max: 4 }), (n, digits) => {
            expect(fmt(n, digits)).toBe(intl(n, digits));
        }), { numRuns: 20_000 });
    });

    it('groups thousands and drops trailing zeros', () => {
        expect(fmt(18400)).toBe('18,400');
        expect(fmt(0.625, 2)).toBe('0.63');
        expect(fmt(1234567.5, 1)).toBe('1,234,567.5');
        expect(fmt(-1200.04, 1)).toBe('-1,200');
        expect(fmt(12.3)).toBe('12');
    });
});
