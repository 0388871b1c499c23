// iCalendar (RFC 5545) calendars of a plan's schedule, written with ical-generator: one calendar per
// community and one for the whole plan. Recurring items are one VEVENT with an RRULE (not copies),
// local times carry TZID with a VTIMEZONE generated from the time-zone database (Temporal), UIDs are
// derived from plan + community + item so a re-import updates instead of duplicating, and DTSTAMP
// is fixed from the plan unless a `now` is given, so output is byte-for-byte deterministic.
// ical-generator folds lines at 75 octets without splitting UTF-8 characters (checked by tests).
import ical, { ICalCalendarMethod, ICalEventTransparency, type ICalCalendar } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { Lang } from './diagnostics.js';
import type { PlanSchedule, ScheduleSeries } from './schedule.js';
import { stableHash } from './stable-hash.js';

export const PRODID = { company: 'community-plans', product: 'community compile', language: 'EN' };

/**
 * User text made safe for any iCalendar TEXT value: RFC 5545 forbids CONTROL characters (all C0
 * but TAB, and DEL) in TEXT, and C1 controls are dropped too (terminals and some viewers act on
 * them). Line breaks stay: ical-generator writes them as the `\n` escape in the fields it escapes.
 */
export function icsPlain(value: string): string {
    return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

/**
 * TEXT escaping (RFC 5545 §3.3.11) for the calendar properties ical-generator writes raw (NAME,
 * X-WR-CALNAME, X-WR-CALDESC): without it a plan title with a line break could start properties
 * or whole VEVENTs of its own.
 */
export function icsEscaped(value: string): string {
    return icsPlain(value)
        .replace(/[\\;,]/g, (c) => `\\${c}`)
        .replace(/\n/g, '\\n');
}

export interface IcsOptions {
    /** DTSTAMP instant; default: the plan's start date at 00:00 UTC (deterministic). */
    now?: Date;
    lang?: Lang;
    /** Paid-channel and referral-campaign windows (engine/report/calendar.ts campaignWindows), each an all-day event over its dates. */
    windows?: CalendarWindow[];
}

/** A campaign window as the calendars show it: from and until are ISO dates, both days included. */
export interface CalendarWindow {
    community: string;
    item: string;
    label: string;
    kind: 'channel' | 'referral';
    from: string;
    until: string;
}

const LABELS = {
    en: {
        channel: 'Paid channel',
        referral: 'Referral campaign',
        window: 'Runs',
        content: 'Content',
        'online activity': 'Online activity',
        'offline activity': 'Offline activity',
        tiers: 'For',
        owner: 'Owner',
        staff: 'Staff',
        cost: 'Cost',
        materials: 'Materials',
        where: 'Where',
        source: 'Source',
        platform: 'Platform',
        plan: 'Plan',
    },
    'zh-CN': {
        channel: '投放渠道',
        referral: '裂变活动',
        window: '活动期',
        content: '内容',
        'online activity': '线上活动',
        'offline activity': '线下活动',
        tiers: '面向',
        owner: '负责人',
        staff: '人员',
        cost: '成本',
        materials: '物料',
        where: '地点',
        source: '来源',
        platform: '平台',
        plan: '计划',
    },
} as const;

/** DTSTAMP for a plan: its start date at midnight UTC, unless `now` is given. */
export function stampFor(schedule: PlanSchedule, now?: Date): Date {
    return now ?? new Date(`${schedule.start}T00:00:00Z`);
}

function offsetText(ns: number): string {
    const total = Math.round(ns / 1e9);
    const sign = total < 0 ? '-' : '+';
    const abs = Math.abs(total);
    const h = Math.floor(abs / 3600);
    const m = Math.floor((abs % 3600) / 60);
    const s = abs % 60;
    return sign + String(h).padStart(2, '0') + String(m).padStart(2, '0') + (s ? String(s).padStart(2, '0') : '');
}

function icsLocal(p: Temporal.PlainDateTime): string {
    const two = (n: number) => String(n).padStart(2, '0');
    return `${String(p.year).padStart(4, '0')}${two(p.month)}${two(p.day)}T${two(p.hour)}${two(p.minute)}${two(p.second)}`;
}

/**
 * A VTIMEZONE for `tz` covering [from, to] (ISO dates): one observance per offset change found in
 * the time-zone database, plus the offset in force at `from`. Returns null for UTC.
 */
export function vtimezone(tz: string, from: string, to: string): string | null {
    if (tz === 'UTC' || tz === 'Etc/UTC') return null;
    const start = Temporal.PlainDate.from(from).toZonedDateTime({ timeZone: tz });
    const end = Temporal.PlainDate.from(to).toZonedDateTime({ timeZone: tz });
    const standardOf = (year: number): number => {
        const jan = Temporal.ZonedDateTime.from({ year, month: 1, day: 1, timeZone: tz }).offsetNanoseconds;
        const jul = Temporal.ZonedDateTime.from({ year, month: 7, day: 1, timeZone: tz }).offsetNanoseconds;
        return Math.min(jan, jul);
    };
    const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`];
    const observance = (kind: 'STANDARD' | 'DAYLIGHT', local: Temporal.PlainDateTime, fromNs: number, toNs: number, name: string) => {
        lines.push(`BEGIN:${kind}`, `DTSTART:${icsLocal(local)}`, `TZOFFSETFROM:${offsetText(fromNs)}`, `TZOFFSETTO:${offsetText(toNs)}`);
        if (name) lines.push(`TZNAME:${name}`);
        lines.push(`END:${kind}`);
    };
    const abbreviation = (z: Temporal.ZonedDateTime): string => {
        const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })
            .formatToParts(new Date(z.epochMilliseconds))
            .find((p) => p.type === 'timeZoneName')?.value;
        return part && !/^GMT[+-]/.test(part) ? part : '';
    };
    const initialKind = start.offsetNanoseconds > standardOf(start.year) ? 'DAYLIGHT' : 'STANDARD';
    observance(initialKind, start.toPlainDateTime(), start.offsetNanoseconds, start.offsetNanoseconds, abbreviation(start));
    let cursor = start;
    for (;;) {
        const next = cursor.getTimeZoneTransition('next');
        if (!next || Temporal.ZonedDateTime.compare(next, end) > 0) break;
        const before = next.subtract({ nanoseconds: 1 });
        // DTSTART of an observance is the local time just before the change, in the old offset.
        const local = next.toInstant().toZonedDateTimeISO('UTC').toPlainDateTime().add({ nanoseconds: before.offsetNanoseconds });
        const kind = next.offsetNanoseconds > standardOf(next.year) ? 'DAYLIGHT' : 'STANDARD';
        observance(kind, local, before.offsetNanoseconds, next.offsetNanoseconds, abbreviation(next));
        cursor = next;
    }
    lines.push('END:VTIMEZONE');
    return lines.join('\r\n');
}

function money(value: number, currency: string, lang: Lang): string {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 2 }).format(value);
}

function describe(s: ScheduleSeries, currency: string, lang: Lang): string {
    const L = LABELS[lang];
    const lines: string[] = [`${L[s.kind]}: ${s.subkind}`];
    if (s.tiers.length) lines.push(`${L.tiers}: ${s.tiers.join(', ')}`);
    if (s.platform) lines.push(`${L.platform}: ${s.platform}`);
    if (s.owner) lines.push(`${L.owner}: ${s.owner}`);
    if (s.staff !== null) lines.push(`${L.staff}: ${s.staff}`);
    if (s.cost !== null) lines.push(`${L.cost}: ${money(s.cost, currency, lang)}`);
    if (s.location) lines.push(`${L.where}: ${s.location}`);
    if (s.materials.length) lines.push(`${L.materials}: ${s.materials.join(', ')}`);
    if (s.source) lines.push(`${L.source}: ${s.source.replace(/^.*[\\/]/, '')}`);
    return lines.join('\n');
}

function addSeries(cal: ICalCalendar, s: ScheduleSeries, schedule: PlanSchedule, stamp: Date, lang: Lang): void {
    const first = s.occurrences[0];
    const summary = icsPlain(s.title !== s.item ? `${s.title} (${s.item})` : s.item);
    const categories = [{ name: icsPlain(s.kind) }, { name: icsPlain(s.subkind) }, { name: icsPlain(s.community) }];
    const common = {
        id: s.uid,
        stamp,
        summary,
        description: icsPlain(describe(s, schedule.currency, lang)),
        location: s.location ? icsPlain(s.location) : undefined,
        categories,
        repeating: s.rrule ? `RRULE:${s.rrule}` : undefined,
    };
    if (s.allDay) {
        const day = Temporal.PlainDate.from(first.date);
        cal.createEvent({ ...common, allDay: true, start: day, end: day.add({ days: s.spanDays }) });
    } else {
        const start = Temporal.PlainDateTime.from(`${first.date}T${first.time}`).toZonedDateTime(schedule.timezone, { disambiguation: 'compatible' });
        // Content lasts `durationMinutes` (its `lasts`, or the 15-minute default slot); only an
        // explicit `lasts 0 minutes` leaves DTEND out, so the event ends when it starts (RFC 5545 §3.6.1).
        const end = s.durationMinutes > 0 ? start.add({ minutes: s.durationMinutes }) : undefined;
        cal.createEvent({ ...common, start, end, timezone: schedule.timezone });
    }
}

/**
 * A campaign window as one all-day event (DTSTART;VALUE=DATE, DTEND the day after `until`, as
 * RFC 5545 §3.6.1 ends all-day events), transparent so it does not show the team as busy. Its UID
 * is derived from plan + community + item like the schedule's, so a re-import updates it.
 */
function addWindow(cal: ICalCalendar, w: CalendarWindow, schedule: PlanSchedule, stamp: Date, lang: Lang): void {
    const L = LABELS[lang];
    const from = Temporal.PlainDate.from(w.from);
    const until = Temporal.PlainDate.from(w.until);
    const sep = lang === 'zh-CN' ? '：' : ': ';
    cal.createEvent({
        id: `${stableHash(`${schedule.plan}\u0000${w.community}\u0000${w.item}\u0000window`)}@community-plans`,
        stamp,
        allDay: true,
        start: from,
        end: until.add({ days: 1 }),
        summary: icsPlain(`${L[w.kind]}${sep}${w.label}`),
        description: icsPlain(`${L[w.kind]}${sep}${w.label}\n${L.window}${sep}${w.from} – ${w.until}`),
        categories: [{ name: icsPlain(w.kind === 'channel' ? 'paid channel' : 'referral campaign') }, { name: icsPlain(w.community) }],
        transparency: ICalEventTransparency.TRANSPARENT,
    });
}

function newCalendar(name: string, description: string, schedule: PlanSchedule): ICalCalendar {
    const horizonFrom = Temporal.PlainDate.from(schedule.start).subtract({ days: 7 }).toString();
    const horizonTo = Temporal.PlainDate.from(schedule.end).add({ days: 14 }).toString();
    return ical({
        prodId: PRODID,
        // ical-generator writes these two raw: escape them here (see icsEscaped).
        name: icsEscaped(name),
        description: icsEscaped(description),
        method: ICalCalendarMethod.PUBLISH,
        timezone: { name: null, generator: (tz: string) => vtimezone(tz, horizonFrom, horizonTo) },
        x: [['X-WR-TIMEZONE', schedule.timezone]],
    });
}

export interface CalendarFile {
    /** File name: plan.ics or <community>.ics. */
    name: string;
    community: string | null;
    text: string;
}

/** Longest file name part, in UTF-8 bytes: well under the 255-byte limit of common file systems, leaving room for suffixes. */
export const MAX_FILE_NAME_BYTES = 100;
/**
 * Names Windows reserves for devices, with or without an extension (CON.ics is a device too),
 * including COM0/LPT0 and the superscript digits ¹²³ that Windows also treats as device numbers.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;

/**
 * Safe file name part: letters (any script), digits, dot, dash and underscore; at most
 * MAX_FILE_NAME_BYTES bytes of UTF-8, cut between characters, with a short stable hash of the
 * whole name when cut (so long names that share a beginning stay apart); Windows device names
 * (CON, NUL, COM1…) get a trailing "_".
 */
export function fileSafe(name: string, fallback = 'unnamed'): string {
    let cleaned =
        name
            .normalize('NFC')
            .replace(/[^\p{L}\p{N}._-]+/gu, '-')
            .replace(/^[-.]+|[-.]+$/g, '') || fallback;
    const encoder = new TextEncoder();
    if (encoder.encode(cleaned).length > MAX_FILE_NAME_BYTES) {
        const hash = stableHash(name).slice(0, 8);
        const budget = MAX_FILE_NAME_BYTES - hash.length - 1;
        let kept = '';
        let bytes = 0;
        for (const ch of cleaned) {
            const size = encoder.encode(ch).length;
            if (bytes + size > budget) break;
            kept += ch;
            bytes += size;
        }
        cleaned = `${kept.replace(/[-.]+$/, '')}-${hash}`;
    }
    const dot = cleaned.indexOf('.');
    const stem = dot < 0 ? cleaned : cleaned.slice(0, dot);
    if (WINDOWS_RESERVED.test(stem)) cleaned = `${stem}_${cleaned.slice(stem.length)}`;
    return cleaned;
}

/** The whole plan's calendar (plan.ics) and one per community (<community>.ics), with the campaign windows given in `options.windows`. */
export function buildCalendars(schedule: PlanSchedule, communities: { name: string; title?: string }[], options: IcsOptions = {}): CalendarFile[] {
    const lang = options.lang ?? 'en';
    const stamp = stampFor(schedule, options.now);
    const files: CalendarFile[] = [];
    const whole = newCalendar(schedule.plan, `${LABELS[lang].plan}: ${schedule.plan}`, schedule);
    for (const s of schedule.series) addSeries(whole, s, schedule, stamp, lang);
    for (const w of options.windows ?? []) addWindow(whole, w, schedule, stamp, lang);
    files.push({ name: 'plan.ics', community: null, text: whole.toString() + '\r\n' });
    const used = new Set(['plan']);
    for (const c of communities) {
        const cal = newCalendar(`${schedule.plan} · ${c.title ?? c.name}`, `${LABELS[lang].plan}: ${schedule.plan}`, schedule);
        for (const s of schedule.series) if (s.community === c.name) addSeries(cal, s, schedule, stamp, lang);
        for (const w of options.windows ?? []) if (w.community === c.name) addWindow(cal, w, schedule, stamp, lang);
        let base = fileSafe(c.name);
        while (used.has(base.toLowerCase())) base += '_';
        used.add(base.toLowerCase());
        files.push({ name: `${base}.ics`, community: c.name, text: cal.toString() + '\r\n' });
    }
    return files;
}
