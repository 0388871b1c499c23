// CSV and JSON schedules: CSV round-trips (RFC 4180 parse back gives the same rows), the BOM option,
// and the JSON's format_version and content.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRow, scheduleCsv, scheduleJson, SCHEDULE_FORMAT_VERSION } from '../../engine/csv.js';
import { expandPlan, type PlanSchedule } from '../../engine/schedule.js';
import { planFromFile, ROOT } from './helpers.js';

/** A strict RFC 4180 parser (quoted fields, doubled quotes, CRLF records) for the round-trip. */
function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let i = 0;
    let quoted = false;
    while (i < text.length) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"') {
                if (text[i + 1] === '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                i++;
                continue;
            }
            field += ch;
            i++;
            continue;
        }
        if (ch === '"' && field === '') {
            quoted = true;
            i++;
        } else if (ch === ',') {
            row.push(field);
            field = '';
            i++;
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(field);
            rows.push(row);
            row = [];
            field = '';
            i += 2;
        } else {
            field += ch;
            i++;
        }
    }
    if (field !== '' || row.length > 0) {
        row.push(field);
        rows.push(row);
    }
    return rows;
}

let schedule: PlanSchedule;
beforeAll(async () => {
    schedule = expandPlan(await planFromFile(join(ROOT, 'test/compile/fixtures/dst-xss.community')));
});

describe('CSV schedule', () => {
    it('round-trips every row, including commas, quotes, pipes and Chinese text', () => {
        const text = scheduleCsv(schedule);
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
        const rows = parseCsv(text);
        expect(rows[0]).toEqual([...CSV_COLUMNS]);
        expect(rows.slice(1)).toEqual(schedule.occurrences.map((o) => csvRow(o, schedule.currency)));
        expect(rows.length - 1).toBe(schedule.occurrences.length);
        const meetup = rows.find((r) => r[6] === 'Meetup')!;
        expect(meetup[15]).toBe('Hall A, Floor 2; Room <3>');
        expect(meetup[7]).toContain('线下见面会');
    });

    it('starts with a UTF-8 BOM when asked (Excel)', () => {
        const text = scheduleCsv(schedule, { bom: true });
        expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(parseCsv(text.slice(1))).toEqual(parseCsv(scheduleCsv(schedule)));
    });
});

describe('JSON schedule', () => {
    it('has a format_version, series with RRULEs and one row per occurrence', () => {
        const doc = JSON.parse(scheduleJson(schedule));
        expect(doc.format_version).toBe(SCHEDULE_FORMAT_VERSION);
        expect(doc.timezone).toBe('America/New_York');
        expect(doc.occurrences).toHaveLength(schedule.occurrences.length);
        expect(doc.series.find((s: { item: string }) => s.item === 'Tips').rrule).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;WKST=MO;COUNT=16');
        expect(doc.occurrences[0]).toMatchObject({ date: '2027-03-01', community: 'Club' });
        expect(scheduleJson(schedule)).toBe(JSON.stringify(doc, null, 2) + '\n');
    });
});
