// The schedule as data: CSV (csv-stringify, UTF-8, optional BOM for Excel) and JSON with a
// format_version, one row per occurrence. Deterministic: rows are sorted by engine/schedule.ts.
import { stringify } from 'csv-stringify/sync';
import type { Occurrence, PlanSchedule } from './schedule.js';

export const SCHEDULE_FORMAT_VERSION = '1.0';

/** CSV columns, in order. `tiers` lists tier names separated by ";". */
export const CSV_COLUMNS = [
    'date',
    'time',
    'end',
    'start',
    'week',
    'community',
    'item',
    'title',
    'kind',
    'subkind',
    'tiers',
    'owner',
    'staff',
    'cost',
    'currency',
    'location',
    'source',
] as const;

export interface CsvOptions {
    /** Start with a UTF-8 byte-order mark so Excel reads Chinese text correctly. */
    bom?: boolean;
}

/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, or a leading tab or carriage
 * return, which Excel skips before looking for one) gets a leading apostrophe, so it shows as text.
 * Only free-text cells go through here; numeric columns stay numbers.
 */
export function csvText(value: string): string {
    // Control characters other than TAB, CR and LF have no business in a cell (NUL truncates it in some readers).
    const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
    // A reader with another delimiter (semicolon-locale Excel, tab imports) or one that breaks rows
    // inside quotes sees a new cell after any separator or line break: guard those starts too.
    // (A leading tab or CR is covered by the leading apostrophe below.)
    const inner = clean.replace(/([\r\n,;\t] *)(?=[=+\-@])/g, (sep: string, _: string, at: number) => (at === 0 && /^[\t\r]/.test(sep) ? sep : `${sep}'`));
    return /^[=+\-@\t\r]/.test(inner) ? `'${inner}` : inner;
}

/**
 * csv-stringify quotes a cell with the delimiter, a quote or the whole record delimiter (CRLF) only:
 * a bare CR or LF would start a new row (whose first cell escapes the apostrophe guard), and `a;=1+1`
 * splits into a formula in Excel for semicolon locales, a tab likewise in tab-separated imports.
 * So any cell with CR, LF, comma, semicolon, tab or a quote is quoted.
 */
export const CSV_QUOTING = { quoted_match: /[\r\n,;\t"]/ } as const;

export function csvRow(o: Occurrence, currency: string): string[] {
    const t = csvText;
    return [
        t(o.date),
        t(o.time),
        t(o.end),
        t(o.start),
        String(o.week),
        t(o.community),
        t(o.item),
        t(o.title),
        t(o.kind),
        t(o.subkind),
        t(o.tiers.join(';')),
        t(o.owner),
        o.staff === null ? '' : String(o.staff),
        o.cost === null ? '' : String(roundMoney(o.cost)),
        o.cost === null ? '' : t(currency),
        t(o.location),
        t(o.source),
    ];
}

export function roundMoney(value: number): number {
    return Math.round(value * 100) / 100;
}

export function scheduleCsv(schedule: PlanSchedule, options: CsvOptions = {}): string {
    const rows = schedule.occurrences.map((o) => csvRow(o, schedule.currency));
    const text = stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows', ...CSV_QUOTING });
    return (options.bom ? '\uFEFF' : '') + text;
}

export function scheduleJson(schedule: PlanSchedule): string {
    const doc = {
        format_version: SCHEDULE_FORMAT_VERSION,
        plan: schedule.plan,
        timezone: schedule.timezone,
        start: schedule.start,
        end: schedule.end,
        horizonWeeks: schedule.horizonWeeks,
        currency: schedule.currency,
        series: schedule.series.map((s) => ({
            id: s.id,
            uid: s.uid,
            community: s.community,
            item: s.item,
            title: s.title,
            kind: s.kind,
            subkind: s.subkind,
            allDay: s.allDay,
            time: s.time,
            durationMinutes: s.durationMinutes,
            rrule: s.rrule,
            count: s.occurrences.length,
            first: s.occurrences[0]?.start ?? null,
            source: s.source,
        })),
        occurrences: schedule.occurrences.map((o) => ({ ...o, cost: o.cost === null ? null : roundMoney(o.cost) })),
    };
    return JSON.stringify(doc, null, 2) + '\n';
}
