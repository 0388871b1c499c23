// The month-by-month calendar of both reports: per day the number of posts, the activities and
// lottery draws that start that day, and the campaign windows (paid channels and referral
// campaigns, from their `from` to their `until`, else the whole horizon) that run that day.
import type { CalendarWindow } from '../ics.js';
import { Temporal } from 'temporal-polyfill';
import type { Plan } from '../model.js';
import type { Occurrence, PlanSchedule } from '../schedule.js';
import { compareText } from '../text.js';
import { displayName } from './common.js';

/** A paid-channel or referral-campaign window: the calendars' own type (engine/ics.ts). */
export type CampaignWindow = CalendarWindow;

export interface CalendarDay {
    date: string;
    day: number;
    /** Inside the plan's horizon. */
    inHorizon: boolean;
    posts: number;
    /** Activities and draws starting this day, in time order. */
    events: Occurrence[];
    /** Indexes into the month's `windows` of the campaign windows running this day. */
    windows: number[];
}

export interface CalendarMonth {
    /** YYYY-MM */
    month: string;
    year: number;
    monthNumber: number;
    /** Rows of seven days, Monday first; days of the neighbouring months fill the edges (null). */
    weeks: (CalendarDay | null)[][];
    windows: CampaignWindow[];
}

/** The campaign windows of the plan, clipped to the horizon, in plan order. */
export function campaignWindows(plan: Plan, schedule: PlanSchedule, community?: string): CampaignWindow[] {
    const clip = (from: string | undefined, until: string | undefined) => {
        const a = from && compareText(from, schedule.start) > 0 ? from : schedule.start;
        const b = until && compareText(until, schedule.end) < 0 ? until : schedule.end;
        return compareText(a, b) <= 0 ? { from: a, until: b } : null;
    };
    const out: CampaignWindow[] = [];
    for (const c of plan.communities) {
        if (community !== undefined && c.name !== community) continue;
        for (const ch of c.channels) {
            const w = clip(ch.from, ch.until);
            if (w) out.push({ community: c.name, item: ch.name, label: displayName(ch.name, ch.title), kind: 'channel', ...w });
        }
        for (const r of c.referrals) {
            const w = clip(r.from, r.until);
            if (w) out.push({ community: c.name, item: r.name, label: displayName(r.name, r.title), kind: 'referral', ...w });
        }
    }
    return out;
}

/** The months of the horizon for one community, with what happens on each day. */
export function calendarMonths(plan: Plan, schedule: PlanSchedule, community: string): CalendarMonth[] {
    const start = Temporal.PlainDate.from(schedule.start);
    const end = Temporal.PlainDate.from(schedule.end);
    const mine = schedule.occurrences.filter((o) => o.community === community);
    const posts = new Map<string, number>();
    const events = new Map<string, Occurrence[]>();
    for (const o of mine) {
        if (o.kind === 'content') posts.set(o.date, (posts.get(o.date) ?? 0) + 1);
        else events.set(o.date, [...(events.get(o.date) ?? []), o]);
    }
    const windows = campaignWindows(plan, schedule, community);
    const months: CalendarMonth[] = [];
    for (let m = start.toPlainYearMonth(); Temporal.PlainYearMonth.compare(m, end.toPlainYearMonth()) <= 0; m = m.add({ months: 1 })) {
        const first = m.toPlainDate({ day: 1 });
        const last = m.toPlainDate({ day: m.daysInMonth });
        const monthWindows = windows.filter((w) => compareText(w.from, last.toString()) <= 0 && compareText(w.until, first.toString()) >= 0);
        const weeks: (CalendarDay | null)[][] = [];
        let row: (CalendarDay | null)[] = Array.from({ length: first.dayOfWeek - 1 }, () => null);
        for (let d = first; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
            const date = d.toString();
            const inHorizon = Temporal.PlainDate.compare(d, start) >= 0 && Temporal.PlainDate.compare(d, end) <= 0;
            row.push({
                date,
                day: d.day,
                inHorizon,
                posts: posts.get(date) ?? 0,
                events: events.get(date) ?? [],
                windows: monthWindows.flatMap((w, i) => (inHorizon && compareText(w.from, date) <= 0 && compareText(w.until, date) >= 0 ? [i] : [])),
            });
            if (row.length === 7) {
                weeks.push(row);
                row = [];
            }
        }
        if (row.length > 0) weeks.push([...row, ...Array.from({ length: 7 - row.length }, () => null)]);
        months.push({ month: m.toString(), year: m.year, monthNumber: m.month, weeks, windows: monthWindows });
    }
    return months;
}
