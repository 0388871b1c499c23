import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    coveragePerWeek,
    dayNumber,
    isoDate,
    matchesDay,
    occurrencesByDay,
    occurrencesInWeek,
    occurrencesPerWeek,
    windowFractionPerWeek,
} from '../../engine/cadence.js';
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
    it('steps daily and weekly series to the same days as testing each day of the range', () => {
        // The rule day by day, with `count` counted from the series start in date order.
        const byEachDay = (schedule: Schedule, planStart: number, fromDay: number, toDay: number): number[] => {
            const out = new Array<number>(toDay - fromDay).fill(0);
            const perDay = schedule.times.length || 1;
            const first = schedule.from !== undefined ? dayNumber(schedule.from) : planStart;
            const end = Math.min(schedule.until !== undefined ? dayNumber(schedule.until) : Infinity, toDay - 1);
            let remaining = schedule.count ?? Infinity;
            for (let day = first; day <= end && remaining > 0; day++) {
                if (!matchesDay(schedule, first, Math.max(1, schedule.interval), day)) continue;
                const n = Math.min(perDay, remaining);
                remaining -= n;
                if (day >= fromDay) out[day - fromDay] += n;
            }
            return out;
        };
        const planStart = dayNumber(START);
        const weekday = fc.constantFrom<Schedule['weekdays'][number]>('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
        const schedule = fc.record({
            frequency: fc.constantFrom<Schedule['frequency']>('daily', 'weekly'),
            interval: fc.integer({ min: 1, max: 5 }),
            weekdays: fc.array(weekday, { maxLength: 4 }),
            monthDays: fc.oneof(fc.constant([] as number[]), fc.array(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 })),
            times: fc.array(fc.constantFrom('08:00', '12:00', '20:00'), { maxLength: 3 }),
            from: fc.option(
                fc.integer({ min: -30, max: 60 }).map((d) => isoDate(planStart + d)),
                { nil: undefined },
            ),
            until: fc.option(
                fc.integer({ min: -10, max: 200 }).map((d) => isoDate(planStart + d)),
                { nil: undefined },
            ),
            count: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
        });
        fc.assert(
            fc.property(schedule, fc.integer({ min: -40, max: 30 }), fc.integer({ min: 1, max: 190 }), (sch, from, length) => {
                const fromDay = planStart + from;
                const out = new Array<number>(length).fill(0);
                const total = occurrencesByDay(sch, planStart, fromDay, fromDay + length, out);
                const expected = byEachDay(sch, planStart, fromDay, fromDay + length);
                expect(out).toEqual(expected);
                expect(total).toBe(expected.reduce((a, b) => a + b, 0));
            }),
            { numRuns: 2000, seed: 20261202 },
        );
    });
});
