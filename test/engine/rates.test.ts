import { describe, expect, it } from 'vitest';
import { parsePeriod, probabilityPer, weeklyAmount, weeklyProbability } from '../../engine/rates.js';

describe('rate conversion', () => {
    it('converts monthly shares to weekly exactly: 1 − (1 − c)^(12/52)', () => {
        expect(weeklyProbability(0.12, 'month')).toBeCloseTo(1 - Math.pow(0.88, 12 / 52), 12);
        // Compounding the weekly rate over 52/12 weeks gives the monthly rate back.
        expect(probabilityPer(weeklyProbability(0.12, 'month'), 'month')).toBeCloseTo(0.12, 12);
        expect(weeklyProbability(0.3, 'year')).toBeCloseTo(1 - Math.pow(0.7, 1 / 52), 12);
        expect(weeklyProbability(0.01, 'day')).toBeCloseTo(1 - Math.pow(0.99, 7), 12);
        expect(weeklyProbability(0.25, 'week')).toBe(0.25);
    });
    it('clamps impossible shares', () => {
        expect(weeklyProbability(0, 'month')).toBe(0);
        expect(weeklyProbability(-1, 'month')).toBe(0);
        expect(weeklyProbability(1.5, 'month')).toBe(1);
    });
    it('scales amounts linearly and reads period words', () => {
        expect(weeklyAmount(12_000, 'month')).toBeCloseTo((12_000 * 12) / 52, 9);
        expect(weeklyAmount(1, 'day')).toBe(7);
        expect(parsePeriod('monthly')).toBe('month');
        expect(parsePeriod('weeks')).toBe('week');
        expect(parsePeriod('run')).toBeUndefined();
    });
});
