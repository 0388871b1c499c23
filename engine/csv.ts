// The schedule as data: CSV (csv-stringify, UTF-8, optional BOM for Excel) and JSON with a
// format_version, one row per occurrence. Deterministic: rows are sorted by engine/schedule.ts.
import { stringify } from 'csv-stringify/sync';
import type { Occurrence, PlanSchedule } from './schedule.js';

export const SCHEDULE_FORMAT_VERSION = '1.0';

/** CSV columns, in order. `tiers` lists tier names separated by ";". */
export const CSV_COLUMNS = [
    'date', 'time', 'end', 'start', 'week', 'community', 'item', 'title', 'kind', 'subkind',
    'tiers', 'owner', 'staff', 'cost', 'currency', 'location', 'source',
] as const;

export interface CsvOptions {
    /** Start with a UTF-8 byte-order mark so Excel reads Chinese text correctly. */
    bom?: boolean;
}

export function csvRow(o: Occurrence, currency: string): string[] {
    return [
        o.date, o.time, o.end, o.start, String(o.week), o.community, o.item, o.title, o.kind, o.subkind,
        o.tiers.join(';'), o.owner, o.staff === null ? '' : String(o.staff), o.cost === null ? '' : String(roundMoney(o.cost)),
        o.cost === null ? '' : currency, o.location, o.source,
    ];
}

export function roundMoney(value: number): number {
    return Math.round(value * 100) / 100;
}

export function scheduleCsv(schedule: PlanSchedule, options: CsvOptions = {}): string {
    const rows = schedule.occurrences.map((o) => csvRow(o, schedule.currency));
    const text = stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
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
            id: s.id, uid: s.uid, community: s.community, item: s.item, title: s.title, kind: s.kind, subkind: s.subkind,
            allDay: s.allDay, time: s.time, durationMinutes: s.durationMinutes, rrule: s.rrule, count: s.occurrences.length,
            first: s.occurrences[0]?.start ?? null, source: s.source,
        })),
        occurrences: schedule.occurrences.map((o) => ({ ...o, cost: o.cost === null ? null : roundMoney(o.cost) })),
    };
    return JSON.stringify(doc, null, 2) + '\n';
}
