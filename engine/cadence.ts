// Counting occurrences of a model Schedule per plan week, for the simulation (posts per week, activity
// runs per week). This is deliberately a small counting function over calendar days, not a calendar
// expander: times of day only multiply the count, and time zones do not matter because every date
// in the model is already local to the plan.
//
// Semantics follow RFC 5545 recurrence rules closely enough for counting:
// - the series starts at `from` (or the plan start) — the DTSTART — and ends at `until` (inclusive);
// - `once` happens on `date` (or the series start);
// - `daily` every `interval` days from the start; `weekly` every `interval` weeks (weeks start on
//   Monday, counted from the start's week) on `weekdays` (default: the start's weekday);
//   `monthly` every `interval` months on `monthDays` (default: the start's day of month) or, with
//   `weekdays` and no month days, on every such weekday of the month; month days a month lacks are
//   skipped;
// - `weekdays` / `monthDays` also filter daily series;
// - every listed time of day is one occurrence (none listed = one);
// - `count` caps the total number of occurrences from the series start.
import type { Activity, Content, Plan, Schedule, Weekday } from './model.js';

const DAY_MS = 86_400_000;
const WEEKDAY_INDEX: Record<Weekday, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 };

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function dayNumber(iso: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!m) throw new Error(`Not an ISO date: "${iso}"`);
    return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The ISO date of a day number. */
export function isoDate(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6. */
function weekdayOf(day: number): number {
    // 1970-01-01 was a Thursday (3).
    return (((day + 3) % 7) + 7) % 7;
}

/**
 * Occurrences of `schedule` on each day in [fromDay, toDay) (day numbers), added into `out` at
 * index `day − fromDay`. Returns the total added.
 */
export function occurrencesByDay(schedule: Schedule, planStartDay: number, fromDay: number, toDay: number, out: Float64Array | number[]): number {
    const perDay = schedule.times.length > 0 ? schedule.times.length : 1;
    const seriesStart = schedule.from !== undefined ? dayNumber(schedule.from) : planStartDay;
    const seriesEnd = schedule.until !== undefined ? dayNumber(schedule.until) : Infinity;
    let total = 0;

    if (schedule.frequency === 'once') {
        const day = schedule.date !== undefined ? dayNumber(schedule.date) : seriesStart;
        const n = schedule.count !== undefined ? Math.min(perDay, schedule.count) : perDay;
        if (day >= fromDay && day < toDay && day <= seriesEnd) {
            out[day - fromDay] += n;
            total += n;
        }
        return total;
    }

    const interval = Math.max(1, schedule.interval);
    let remaining = schedule.count ?? Infinity;
    const last = Math.min(seriesEnd, toDay - 1);
    /** One matching day, in date order: counts toward `count` from the series start, lands in `out` from `fromDay`. */
    const add = (day: number): void => {
        const n = Math.min(perDay, remaining);
        remaining -= n;
        if (day >= fromDay) {
            out[day - fromDay] += n;
            total += n;
        }
    };
    // Daily and weekly series without days of the month step from one matching day to the next
    // (compiling a plan's cadences is part of every check); the rest test each day of the range.
    if (schedule.monthDays.length === 0 && schedule.frequency === 'daily') {
        const weekdays = schedule.weekdays.length > 0 ? new Set(schedule.weekdays.map((w) => WEEKDAY_INDEX[w])) : undefined;
        for (let day = seriesStart; day <= last && remaining > 0; day += interval) if (!weekdays || weekdays.has(weekdayOf(day))) add(day);
        return total;
    }
    if (schedule.monthDays.length === 0 && schedule.frequency === 'weekly') {
        const startMonday = seriesStart - weekdayOf(seriesStart);
        const weekdays =
            schedule.weekdays.length > 0 ? [...new Set(schedule.weekdays.map((w) => WEEKDAY_INDEX[w]))].sort((a, b) => a - b) : [weekdayOf(seriesStart)];
        for (let monday = startMonday; monday <= last && remaining > 0; monday += 7 * interval) {
            for (const wd of weekdays) {
                const day = monday + wd;
                if (day < seriesStart) continue;
                if (day > last || remaining <= 0) break;
                add(day);
            }
        }
        return total;
    }
    for (let day = seriesStart; day <= last && remaining > 0; day++) if (matchesDay(schedule, seriesStart, interval, day)) add(day);
    return total;
}

/**
 * Whether a repeating series of `schedule` (first day `seriesStart`) falls on `day`, day by day:
 * the rule every series follows (test/engine/cadence.test.ts holds the stepping paths above to it).
 */
export function matchesDay(schedule: Schedule, seriesStart: number, interval: number, day: number): boolean {
    const wd = weekdayOf(day);
    const hasWeekday = (d: number) => schedule.weekdays.some((w) => WEEKDAY_INDEX[w] === d);
    // The calendar date only where a day of the month decides (a Date per day of the horizon was
    // most of compiling a daily post).
    const dom = () => new Date(day * DAY_MS).getUTCDate();
    switch (schedule.frequency) {
        case 'daily':
            if ((day - seriesStart) % interval !== 0) return false;
            if (schedule.weekdays.length > 0 && !hasWeekday(wd)) return false;
            if (schedule.monthDays.length > 0 && !schedule.monthDays.includes(dom())) return false;
            return true;
        case 'weekly': {
            const week = Math.floor((day - (seriesStart - weekdayOf(seriesStart))) / 7);
            if (week % interval !== 0) return false;
            if (schedule.weekdays.length > 0 ? !hasWeekday(wd) : wd !== weekdayOf(seriesStart)) return false;
            if (schedule.monthDays.length > 0 && !schedule.monthDays.includes(dom())) return false;
            return true;
        }
        case 'monthly': {
            const date = new Date(day * DAY_MS);
            const startDate = new Date(seriesStart * DAY_MS);
            const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
            const startMonth = startDate.getUTCFullYear() * 12 + startDate.getUTCMonth();
            if ((month - startMonth) % interval !== 0) return false;
            if (schedule.monthDays.length > 0) return schedule.monthDays.includes(date.getUTCDate()) && (schedule.weekdays.length === 0 || hasWeekday(wd));
            if (schedule.weekdays.length > 0) return hasWeekday(wd);
            return date.getUTCDate() === startDate.getUTCDate();
        }
        default:
            return false;
    }
}

/**
 * Occurrences of `schedule` in each plan week: element w counts week w+1 (days
 * planStart + 7w … planStart + 7w + 6).
 */
export function occurrencesPerWeek(schedule: Schedule, planStart: string, horizonWeeks: number): Float64Array {
    const start = dayNumber(planStart);
    const days = new Float64Array(horizonWeeks * 7);
    occurrencesByDay(schedule, start, start, start + horizonWeeks * 7, days);
    const weeks = new Float64Array(horizonWeeks);
    for (let d = 0; d < days.length; d++) weeks[(d / 7) | 0] += days[d];
    return weeks;
}

/** Occurrences in one plan week (0-based `week`). */
export function occurrencesInWeek(schedule: Schedule, planStart: string, week: number): number {
    const start = dayNumber(planStart) + week * 7;
    const days = new Float64Array(7);
    return occurrencesByDay(schedule, dayNumber(planStart), start, start + 7, days);
}

/**
 * Per plan week, whether an event of this schedule lasting `durationMinutes` is under way on some
 * day of the week (1) or not (0), counting each run from its start day through its last day.
 */
export function coveragePerWeek(schedule: Schedule, planStart: string, horizonWeeks: number, durationMinutes: number): Float64Array {
    const start = dayNumber(planStart);
    // Bounded by the horizon: the checker projects plans that still have errors (`lasts 1e308
    // minutes` is reported as out of range) and must not allocate by it.
    const spanDays = Math.min(Math.max(1, Math.ceil(durationMinutes / 1440)) || 1, (horizonWeeks + 1) * 7);
    const lookBack = spanDays;
    const days = new Float64Array(horizonWeeks * 7 + lookBack);
    occurrencesByDay(schedule, start, start - lookBack, start + horizonWeeks * 7, days);
    const weeks = new Float64Array(horizonWeeks);
    for (let i = 0; i < days.length; i++) {
        if (days[i] === 0) continue;
        const first = i - lookBack;
        for (let d = Math.max(0, first); d < Math.min(horizonWeeks * 7, first + spanDays); d++) weeks[(d / 7) | 0] = 1;
    }
    return weeks;
}

/** Share of days of each plan week inside [from, until] (inclusive ISO dates; open ends allowed). */
export function windowFractionPerWeek(planStart: string, horizonWeeks: number, from?: string, until?: string): Float64Array {
    const start = dayNumber(planStart);
    const lo = from !== undefined ? dayNumber(from) : -Infinity;
    const hi = until !== undefined ? dayNumber(until) : Infinity;
    const weeks = new Float64Array(horizonWeeks);
    for (let w = 0; w < horizonWeeks; w++) {
        let n = 0;
        for (let d = 0; d < 7; d++) {
            const day = start + w * 7 + d;
            if (day >= lo && day <= hi) n++;
        }
        weeks[w] = n / 7;
    }
    return weeks;
}

/** Runs of an activity over the horizon as its schedules give them (the total `Salon.runs = 6` scales). */
export function runsOf(plan: Plan, activity: Activity): number {
    let total = 0;
    for (const s of activity.schedules) for (const n of occurrencesPerWeek(s, plan.start, plan.horizonWeeks)) total += n;
    return total;
}

/** Posts and weeks from a schedule's first posting week to its last. */
export function cadenceSpan(posts: Float64Array): { weeks: number; total: number } {
    let first = -1;
    let last = -1;
    let total = 0;
    for (let w = 0; w < posts.length; w++) {
        if (!(posts[w] > 0)) continue;
        if (first < 0) first = w;
        last = w;
        total += posts[w];
    }
    return { weeks: first < 0 ? 0 : last - first + 1, total };
}

/** A content's posts per week as its schedules give them (the cadence `rescaleCadence` sets). */
export function cadenceOf(plan: Plan, content: Content): number {
    const posts = new Float64Array(plan.horizonWeeks);
    for (const s of content.schedules) {
        const n = occurrencesPerWeek(s, plan.start, plan.horizonWeeks);
        for (let w = 0; w < posts.length; w++) posts[w] += n[w];
    }
    const { weeks, total } = cadenceSpan(posts);
    return weeks === 0 ? 0 : total / weeks;
}
