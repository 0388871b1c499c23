// Expands the cadences of a plan (every content schedule and activity run) into dated occurrences in
// the plan's time zone over its horizon. Pure: no langium, no vscode, no I/O.
//
// Each (item, schedule, time of day) becomes one *series*: an RFC 5545 recurrence rule with an
// explicit DTSTART. The same rule string drives both this expansion (rrule-temporal, which is
// DST-correct: 09:00 stays 09:00 local across a change) and the RRULE written into the .ics files,
// so a calendar client expands exactly the occurrences listed in the CSV/JSON schedules.
//
// Semantics follow engine/cadence.ts (which the forecast counts with):
// - a series starts at `from` (or the plan start) and ends at `until` (inclusive);
// - `once` happens on `date` (or the series start); every listed time is one occurrence;
// - weekly rules default to the start's weekday, monthly ones to the start's day of month; weeks
//   start on Monday (WKST=MO); month days a month lacks are skipped;
// - `count` caps the occurrences of the whole schedule (all its times) from the series start;
// - only occurrences inside the horizon [start, start + 7 × horizonWeeks days) are kept.
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { stableHash } from './stable-hash.js';
import type { Activity, Content, Community, Dist, Plan, Schedule, SourceRef } from './model.js';
import { distMean } from './random.js';
import { compareText } from './text.js';

export type ItemKind = 'content' | 'online activity' | 'offline activity';
export const ITEM_KINDS: readonly ItemKind[] = ['content', 'online activity', 'offline activity'];

/** What an occurrence and its series both say about the item. */
export interface ItemFields {
    community: string;
    item: string;
    title: string;
    kind: ItemKind;
    /** content kind (educational, promotional…) or activity kind (challenge, salon…). */
    subkind: string;
    tiers: string[];
    owner: string;
    staff: number | null;
    /** Expected cost of this occurrence (mean of the distribution) in the plan currency; null when none. */
    cost: number | null;
    location: string;
}

/** One dated occurrence: a row of the CSV/JSON schedule. */
export interface Occurrence extends ItemFields {
    /** Local date YYYY-MM-DD in the plan's time zone. */
    date: string;
    /** Local time HH:MM, or "" for all-day items. */
    time: string;
    /** Local end: YYYY-MM-DDTHH:MM for timed items, the last day YYYY-MM-DD (inclusive) for all-day ones. */
    end: string;
    /** The start as an ISO instant with the local offset (2027-03-15T09:00:00-04:00), or the date for all-day items. */
    start: string;
    /** 1-based plan week. */
    week: number;
    /** file:line of the schedule in the plan (1-based line). */
    source: string;
    /** The series (stable id) this occurrence belongs to. */
    series: string;
}

/** A recurring (or single) series, as written into a calendar. */
export interface ScheduleSeries extends ItemFields {
    /** Stable id: community/item/s<schedule index>/<time or all-day>. */
    id: string;
    /** Stable iCalendar UID derived from plan + community + item + schedule + time. */
    uid: string;
    communityTitle: string;
    materials: string[];
    platform: string;
    source: string;
    allDay: boolean;
    /** "HH:MM" or "" for all-day. */
    time: string;
    durationMinutes: number;
    /** Days an all-day occurrence spans (1 for content). */
    spanDays: number;
    /**
     * RRULE value (without "RRULE:") that, started at the first occurrence, yields exactly the
     * occurrences below; null for a single occurrence.
     */
    rrule: string | null;
    occurrences: Occurrence[];
}

export interface PlanSchedule {
    plan: string;
    timezone: string;
    start: string;
    /** Last day of the horizon (inclusive). */
    end: string;
    horizonWeeks: number;
    currency: string;
    series: ScheduleSeries[];
    /** All occurrences, sorted by start instant, then community, item. */
    occurrences: Occurrence[];
}

/** Mean of a distribution (the expected value used for costs in schedules), null when there is none. */
export function optionalMean(d: Dist | undefined): number | null {
    return d ? distMean(d) : null;
}

export function sourceText(src: SourceRef | undefined): string {
    if (!src) return '';
    let path = src.uri;
    if (path.startsWith('file://')) {
        try {
            path = decodeURIComponent(new URL(path).pathname);
        } catch {
            // keep the URI as it is
        }
    }
    return `${path}:${src.line + 1}`;
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

interface Horizon {
    tz: string;
    first: Temporal.PlainDate;
    /** Exclusive end day. */
    endExclusive: Temporal.PlainDate;
}

interface ItemInfo {
    community: Community;
    item: string;
    title: string;
    kind: ItemKind;
    subkind: string;
    tiers: string[];
    owner: string;
    staff: number | null;
    cost: number | null;
    location: string;
    materials: string[];
    platform: string;
    durationMinutes: number;
    schedules: Schedule[];
    source: string;
}

/**
 * The calendar slot of a timed post without `lasts`: 15 minutes, so a calendar shows a block rather
 * than a zero-length event (docs/compile.md). A post without a time of day is an all-day event.
 */
export const DEFAULT_CONTENT_MINUTES = 15;

function contentInfo(community: Community, c: Content, show: (ref: SourceRef) => string): ItemInfo {
    return {
        community,
        item: c.name,
        title: c.title ?? c.name,
        kind: 'content',
        subkind: c.kind,
        tiers: c.tiers,
        owner: c.owner ?? '',
        staff: null,
        cost: optionalMean(c.costPerPost),
        location: '',
        materials: [],
        platform: c.platform ?? '',
        // Lowering turns `lasts` into days × 1440, which is not always a whole number of minutes.
        durationMinutes: c.durationMinutes !== undefined ? Math.round(c.durationMinutes) : DEFAULT_CONTENT_MINUTES,
        schedules: c.schedules,
        source: c.source ? show(c.source) : '',
    };
}

function activityInfo(community: Community, a: Activity, show: (ref: SourceRef) => string): ItemInfo {
    return {
        community,
        item: a.name,
        title: a.title ?? a.name,
        kind: a.mode === 'offline' ? 'offline activity' : 'online activity',
        subkind: a.kind,
        tiers: a.tiers,
        owner: a.owner ?? '',
        staff: a.staff ?? null,
        cost: optionalMean(a.costPerRun),
        location: a.location ?? '',
        materials: a.materials,
        platform: '',
        durationMinutes: a.durationMinutes,
        schedules: a.schedules,
        source: a.source ? show(a.source) : '',
    };
}

/** The calendar slot of a lottery draw (the public draw the rules require to be announced). */
export const DRAW_MINUTES = 30;

/**
 * A lottery's public draw as its own calendar item: "<activity>.draw", once on its draw date (at its
 * draw time, else all day). Schedules only: the forecast counts the activity's runs, not the draw.
 */
function drawInfo(community: Community, a: Activity, show: (ref: SourceRef) => string): ItemInfo | undefined {
    const date = a.lottery?.drawDate;
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
    const time = a.lottery?.drawTime?.replace(/^(\d):/, '0$1:');
    const times = time && /^\d{2}:\d{2}$/.test(time) ? [time] : [];
    const info = activityInfo(community, a, show);
    return {
        ...info,
        item: `${a.name}.draw`,
        title: `${info.title} (draw)`,
        subkind: 'lottery-draw',
        staff: null,
        cost: null,
        materials: [],
        durationMinutes: DRAW_MINUTES,
        schedules: [{ frequency: 'once', interval: 1, weekdays: [], monthDays: [], times, date, source: a.source }],
    };
}

/** The RRULE parts (without COUNT/UNTIL) of a repeating schedule started on `start`; null for `once`. */
export function ruleFor(schedule: Schedule, start: Temporal.PlainDate): string | null {
    if (schedule.frequency === 'once') return null;
    const interval = Math.max(1, schedule.interval);
    const parts: string[] = [];
    const byDay = schedule.weekdays.length > 0 ? WEEKDAY_CODES.filter((d) => schedule.weekdays.includes(d)) : [];
    const byMonthDay = [...new Set(schedule.monthDays)].sort((x, y) => x - y);
    switch (schedule.frequency) {
        case 'daily':
            parts.push('FREQ=DAILY', `INTERVAL=${interval}`);
            if (byDay.length) parts.push(`BYDAY=${byDay.join(',')}`);
            if (byMonthDay.length) parts.push(`BYMONTHDAY=${byMonthDay.join(',')}`);
            break;
        case 'weekly': {
            const days = byDay.length ? byDay : [WEEKDAY_CODES[start.dayOfWeek - 1]];
            if (byMonthDay.length) {
                // RFC 5545 does not allow BYMONTHDAY with WEEKLY; every week on those days that are
                // also those month days is the same as a daily rule filtered by both.
                if (interval !== 1) return 'UNSUPPORTED';
                parts.push('FREQ=DAILY', 'INTERVAL=1', `BYDAY=${days.join(',')}`, `BYMONTHDAY=${byMonthDay.join(',')}`);
            } else {
                parts.push('FREQ=WEEKLY', `INTERVAL=${interval}`, `BYDAY=${days.join(',')}`);
            }
            break;
        }
        case 'monthly':
            parts.push('FREQ=MONTHLY', `INTERVAL=${interval}`);
            if (byMonthDay.length) {
                parts.push(`BYMONTHDAY=${byMonthDay.join(',')}`);
                if (byDay.length) parts.push(`BYDAY=${byDay.join(',')}`);
            } else if (byDay.length) {
                parts.push(`BYDAY=${byDay.join(',')}`);
            } else {
                parts.push(`BYMONTHDAY=${start.day}`);
            }
            break;
    }
    parts.push('WKST=MO');
    return parts.join(';');
}

interface Raw {
    zdt: Temporal.ZonedDateTime;
    timeIndex: number;
    /** The instant as epoch nanoseconds and the local date, read once (sorting and clipping read them often). */
    ns: bigint;
    date: Temporal.PlainDate;
}

function rawOf(zdt: Temporal.ZonedDateTime, timeIndex: number): Raw {
    return { zdt, timeIndex, ns: zdt.epochNanoseconds, date: zdt.toPlainDate() };
}

/** Temporal.Instant.compare on epoch nanoseconds. */
function compareNs(a: bigint, b: bigint): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Occurrence instants of one schedule (all its times), after `count`, before clipping to the horizon. */
function expandSchedule(schedule: Schedule, h: Horizon, planStart: Temporal.PlainDate): { raw: Raw[]; seriesStart: Temporal.PlainDate } {
    const seriesStart = schedule.from ? Temporal.PlainDate.from(schedule.from) : planStart;
    const lastDay = schedule.until
        ? minDate(Temporal.PlainDate.from(schedule.until), h.endExclusive.subtract({ days: 1 }))
        : h.endExclusive.subtract({ days: 1 });
    const times = schedule.times.length > 0 ? schedule.times : [''];
    // All-day series are expanded on UTC midnights: only the calendar dates matter.
    const zoneFor = (time: string) => (time === '' ? 'UTC' : h.tz);
    const raw: Raw[] = [];

    if (schedule.frequency === 'once') {
        const day = schedule.date ? Temporal.PlainDate.from(schedule.date) : seriesStart;
        times.forEach((time, i) => raw.push(rawOf(zoned(day, time, zoneFor(time)), i)));
    } else {
        const rule = ruleFor(schedule, seriesStart)!;
        times.forEach((time, i) => {
            const zone = zoneFor(time);
            const endInstant = zoned(lastDay.add({ days: 1 }), '', zone).toInstant();
            if (rule === 'UNSUPPORTED') {
                // Weeks are counted from the series start, so starting later (at the plan start) keeps the phase.
                const firstDay = schedule.count === undefined && Temporal.PlainDate.compare(h.first, seriesStart) > 0 ? h.first : seriesStart;
                for (let d = firstDay; Temporal.PlainDate.compare(d, lastDay) <= 0; d = d.add({ days: 1 })) {
                    if (matchesWeeklyMonthDays(schedule, seriesStart, d)) raw.push(rawOf(zoned(d, time, zone), i));
                }
                return;
            }
            const dtstart = zoned(seriesStart, time, zone);
            if (Temporal.Instant.compare(dtstart.toInstant(), endInstant) >= 0) return;
            const rr = new RRuleTemporal({ rruleString: rule, dtstart });
            // Without `count`, occurrences before the plan start are never needed: expand from the
            // window's start (rrule keeps the rule's phase, anchored at DTSTART). With `count`, the
            // count runs from the series start, so expand from there, but stop after `count`.
            const from = schedule.count === undefined ? laterInstant(dtstart.toInstant(), zoned(h.first, '', zone).toInstant()) : dtstart.toInstant();
            for (const z of occurrencesBetween(rr, from, endInstant, zone, schedule.count ?? Infinity)) raw.push(rawOf(z, i));
        });
    }
    raw.sort((x, y) => compareNs(x.ns, y.ns) || x.timeIndex - y.timeIndex);
    const withinUntil = raw.filter((r) => Temporal.PlainDate.compare(r.date, lastDay) <= 0 || schedule.frequency === 'once');
    const counted = schedule.count !== undefined ? withinUntil.slice(0, schedule.count) : withinUntil;
    return { raw: counted, seriesStart };
}

/** Days per call to rrule's between(): far below its iteration cap for any daily rule. */
const EXPANSION_CHUNK_DAYS = 366;

/**
 * Occurrences of a rule in [from, end), at most `limit`, in order. rrule-temporal caps the periods
 * one query may scan (10,000), so the window is walked in chunks of a year; each between() call
 * starts at a DTSTART-phase-aligned period near its chunk, so the rule's INTERVAL phase is kept.
 */
function occurrencesBetween(rr: RRuleTemporal, from: Temporal.Instant, end: Temporal.Instant, zone: string, limit: number): Temporal.ZonedDateTime[] {
    const out: Temporal.ZonedDateTime[] = [];
    let lo = from;
    while (Temporal.Instant.compare(lo, end) < 0 && out.length < limit) {
        const next = lo.toZonedDateTimeISO(zone).add({ days: EXPANSION_CHUNK_DAYS }).toInstant();
        const hi = Temporal.Instant.compare(next, end) < 0 ? next : end;
        const loNs = lo.epochNanoseconds;
        const hiNs = hi.epochNanoseconds;
        // In [lo, hi), in time order (ZonedDateTime.compare compares the instants).
        const found = rr
            .between(new Date(lo.epochMilliseconds), new Date(hi.epochMilliseconds), true)
            .map((z) => {
                const zdt = toPolyfill(z);
                return { zdt, ns: zdt.epochNanoseconds };
            })
            .filter((x) => x.ns >= loNs && x.ns < hiNs)
            .sort((x, y) => compareNs(x.ns, y.ns));
        for (const { zdt } of found) {
            if (out.length >= limit) break;
            out.push(zdt);
        }
        lo = hi;
    }
    return out;
}

function laterInstant(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
    return Temporal.Instant.compare(a, b) >= 0 ? a : b;
}

function matchesWeeklyMonthDays(schedule: Schedule, seriesStart: Temporal.PlainDate, d: Temporal.PlainDate): boolean {
    const interval = Math.max(1, schedule.interval);
    const startMonday = seriesStart.subtract({ days: seriesStart.dayOfWeek - 1 });
    const week = Math.floor(startMonday.until(d, { largestUnit: 'days' }).days / 7);
    if (week % interval !== 0) return false;
    const wd = WEEKDAY_CODES[d.dayOfWeek - 1];
    if (schedule.weekdays.length > 0 ? !schedule.weekdays.includes(wd) : d.dayOfWeek !== seriesStart.dayOfWeek) return false;
    return schedule.monthDays.includes(d.day);
}

/**
 * rrule-temporal returns ZonedDateTimes of its own bundled Temporal; normalise to ours. Built from
 * the instant and the zone it names (the same date-time as printing it and parsing that back, which
 * cost a third of expanding a long series).
 */
function toPolyfill(z: { epochNanoseconds: bigint; timeZoneId: string; calendarId: string }): Temporal.ZonedDateTime {
    return z instanceof Temporal.ZonedDateTime ? z : new Temporal.ZonedDateTime(z.epochNanoseconds, z.timeZoneId, z.calendarId);
}

function zoned(day: Temporal.PlainDate, time: string, zone: string): Temporal.ZonedDateTime {
    const [hour, minute] = time === '' ? [0, 0] : time.split(':').map(Number);
    return Temporal.PlainDateTime.from({ year: day.year, month: day.month, day: day.day, hour, minute }).toZonedDateTime(zone, {
        disambiguation: 'compatible',
    });
}

function minDate(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
    return Temporal.PlainDate.compare(a, b) <= 0 ? a : b;
}

function pad2(n: number): string {
    return String(n).padStart(2, '0');
}

export function localDateTime(z: Temporal.ZonedDateTime): string {
    return `${z.toPlainDate().toString()}T${pad2(z.hour)}:${pad2(z.minute)}`;
}

/** Expands every content cadence and activity of the plan into series and dated occurrences. */
export interface ExpandOptions {
    /** How a source location is shown (default: file path:line); compile makes paths relative. */
    source?: (ref: SourceRef) => string;
}

export function expandPlan(plan: Plan, options: ExpandOptions = {}): PlanSchedule {
    const showSource = options.source ?? sourceText;
    const planStart = Temporal.PlainDate.from(plan.start);
    const h: Horizon = { tz: plan.timezone, first: planStart, endExclusive: planStart.add({ days: plan.horizonWeeks * 7 }) };
    const series: ScheduleSeries[] = [];

    for (const community of plan.communities) {
        const items = [
            ...community.contents.map((c) => contentInfo(community, c, showSource)),
            ...community.activities.map((a) => activityInfo(community, a, showSource)),
            ...community.activities.flatMap((a) => drawInfo(community, a, showSource) ?? []),
        ];
        for (const info of items) {
            // All-day items span whole days: `lasts 3 days` covers three; shorter or no duration, one.
            const spanDays = Math.max(1, Math.ceil(info.durationMinutes / 1440));
            info.schedules.forEach((schedule, si) => {
                const { raw } = expandSchedule(schedule, h, planStart);
                const times = schedule.times.length > 0 ? schedule.times : [''];
                const scheduleSource = (schedule.source ? showSource(schedule.source) : '') || info.source;
                times.forEach((time, ti) => {
                    const mine = raw
                        .filter((r) => r.timeIndex === ti)
                        .filter((r) => Temporal.PlainDate.compare(r.date, h.first) >= 0 && Temporal.PlainDate.compare(r.date, h.endExclusive) < 0);
                    if (mine.length === 0) return;
                    const allDay = time === '';
                    const id = `${community.name}/${info.item}/s${si + 1}/${allDay ? 'all-day' : time}`;
                    const uid = `${stableHash(`${plan.name}\u0000${id}`)}@community-plans`;
                    const first = mine[0].date;
                    let rule = ruleFor(schedule, first);
                    if (rule === 'UNSUPPORTED') rule = null;
                    const occurrences = mine.map((r) => occurrenceOf(r.zdt, allDay, info, spanDays, planStart, scheduleSource, id));
                    const base: Omit<ScheduleSeries, 'rrule' | 'occurrences' | 'id' | 'uid'> = {
                        community: community.name,
                        communityTitle: community.title ?? community.name,
                        item: info.item,
                        title: info.title,
                        kind: info.kind,
                        subkind: info.subkind,
                        tiers: info.tiers,
                        owner: info.owner,
                        staff: info.staff,
                        cost: info.cost,
                        location: info.location,
                        materials: info.materials,
                        platform: info.platform,
                        source: scheduleSource,
                        allDay,
                        time,
                        durationMinutes: info.durationMinutes,
                        spanDays,
                    };
                    if (rule !== null && mine.length > 1) {
                        series.push({ ...base, id, uid, rrule: `${rule};COUNT=${mine.length}`, occurrences });
                    } else if (rule !== null || mine.length === 1) {
                        series.push({ ...base, id, uid, rrule: null, occurrences: occurrences.slice(0, 1) });
                        // A `once` schedule has a single occurrence per time; nothing else to add.
                    } else {
                        // Not expressible as an RFC 5545 rule: one single event per occurrence.
                        occurrences.forEach((o, k) => {
                            const oid = `${id}/${o.date}`;
                            series.push({
                                ...base,
                                id: oid,
                                uid: `${stableHash(`${plan.name}\u0000${oid}`)}@community-plans`,
                                rrule: null,
                                occurrences: [{ ...occurrences[k], series: oid }],
                            });
                        });
                    }
                });
            });
        }
    }
    const occurrences = series.flatMap((s) => s.occurrences).sort(compareOccurrences);
    return {
        plan: plan.name,
        timezone: plan.timezone,
        start: plan.start,
        end: h.endExclusive.subtract({ days: 1 }).toString(),
        horizonWeeks: plan.horizonWeeks,
        currency: plan.currency,
        series,
        occurrences,
    };
}

function occurrenceOf(
    z: Temporal.ZonedDateTime,
    allDay: boolean,
    info: ItemInfo,
    spanDays: number,
    planStart: Temporal.PlainDate,
    source: string,
    seriesId: string,
): Occurrence {
    const date = z.toPlainDate();
    const week = Math.floor(planStart.until(date, { largestUnit: 'days' }).days / 7) + 1;
    let end: string;
    let start: string;
    if (allDay) {
        end = date.add({ days: spanDays - 1 }).toString();
        start = date.toString();
    } else {
        end = localDateTime(z.add({ minutes: info.durationMinutes }));
        start = z.toString({ timeZoneName: 'never', smallestUnit: 'second' });
    }
    return {
        date: date.toString(),
        time: allDay ? '' : `${pad2(z.hour)}:${pad2(z.minute)}`,
        end,
        start,
        week,
        community: info.community.name,
        item: info.item,
        title: info.title,
        kind: info.kind,
        subkind: info.subkind,
        tiers: info.tiers,
        owner: info.owner,
        staff: info.staff,
        cost: info.cost,
        location: info.location,
        source,
        series: seriesId,
    };
}

/** Sort key: the start instant (all-day items at local midnight), then community and item. */
export function occurrenceInstant(o: Occurrence, timezone: string): number {
    if (o.time === '') return Temporal.PlainDate.from(o.date).toZonedDateTime({ timeZone: timezone }).epochMilliseconds;
    return Temporal.Instant.from(o.start).epochMilliseconds;
}

function compareOccurrences(a: Occurrence, b: Occurrence): number {
    return (
        compareText(a.date, b.date) ||
        compareText(a.time, b.time) ||
        compareText(a.community, b.community) ||
        compareText(a.item, b.item) ||
        compareText(a.series, b.series)
    );
}
