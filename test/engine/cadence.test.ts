import { describe, expect, it } from 'vitest';
import { coveragePerWeek, occurrencesInWeek, occurrencesPerWeek, windowFractionPerWeek } from '../../engine/cadence.js';
import type { Schedule } from '../../engine/model.js';

const START = '2027-01-04'; // a Monday
const s = (x: Partial<Schedule>): Schedule => ({ frequency: 'weekly', interval: 1, weekdays: [], monthDays: [], times: [], ...x });

describe('cadence', () => {
    it('counts a daily post with two times as 14 a week', () => {
        const weeks = occurrencesPerWeek(s({ frequency: 'daily', times: ['08:00', '20:00'] }), START, 4);
        expect([...weeks]).toEqual([14, 14, 14, 14]);
    });
    it('counts weekly posts on listed weekdays, every 2 weeks', () => {
        expect([...occurrencesPerWeek(s({ weekdays: ['FR'] }), START, 3)]).toEqual([1, 1, 1]);
        expect([...occurrencesPerWeek(s({ interval: 2, weekdays: ['MO', 'TH'] }), START, 4)]).toEqual([2, 0, 2, 0]);
    });
    it('defaults a weekly series to the weekday of its start', () => {
        expect([...occurrencesPerWeek(s({ from: '2027-01-13' }), START, 3)]).toEqual([0, 1, 1]);
    });
    it('honours from, until and count', () => {
        expect([...occurrencesPerWeek(s({ weekdays: ['MO'], from: '2027-01-11', until: '2027-01-25' }), START, 5)]).toEqual([0, 1, 1, 1, 0]);
        expect([...occurrencesPerWeek(s({ frequency: 'daily', count: 10 }), START, 3)]).toEqual([7, 3, 0]);
    });
    it('counts monthly series on month days and skips days a month lacks', () => {
        const weeks = occurrencesPerWeek(s({ frequency: 'monthly', monthDays: [31] }), START, 13); // Jan 31, (no Feb 31), Mar 31
        expect(weeks.reduce((a, b) => a + b, 0)).toBe(2);
        expect(occurrencesInWeek(s({ frequency: 'monthly', monthDays: [15] }), START, 1)).toBe(1); // Jan 15 is in week 2
    });
    it('counts one-off events on their date', () => {
        const once = s({ frequency: 'once', date: '2027-03-20', times: ['14:00'] });
        const weeks = occurrencesPerWeek(once, START, 26);
        expect(weeks.reduce((a, b) => a + b, 0)).toBe(1);
        expect(weeks[10]).toBe(1); // 2027-03-15 … 2027-03-21
    });
    it('marks the weeks an event is under way, including multi-day runs', () => {
        const challenge = s({ weekdays: ['SU'], from: '2027-01-10', until: '2027-01-10' });
        expect([...coveragePerWeek(challenge, START, 4, 7 * 1440)]).toEqual([1, 1, 0, 0]);
        expect([...coveragePerWeek(challenge, START, 4, 60)]).toEqual([1, 0, 0, 0]);
    });
    it('gives the share of each week inside a date window', () => {
        expect([...windowFractionPerWeek(START, 3, '2027-01-08', '2027-01-12')]).toEqual([3 / 7, 2 / 7, 0]);
        expect([...windowFractionPerWeek(START, 2)]).toEqual([1, 1]);
    });
});
