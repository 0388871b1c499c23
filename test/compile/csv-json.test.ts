// CSV and JSON schedules: CSV round-trips (RFC 4180 parse back gives the same rows), the BOM option,
// and the JSON's format_version and content.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRow, csvText, scheduleCsv, scheduleJson, SCHEDULE_FORMAT_VERSION } from '../../engine/csv.js';
import { expandPlan, type PlanSchedule } from '../../engine/schedule.js';
import { planFromFile, planFromText, ROOT } from './helpers.js';

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

    it('neutralises formula-like text cells with a leading apostrophe; numbers stay numbers', async () => {
        const plan = await planFromText(`plan "P" {
  start 2027-03-01
  horizon 2 weeks
  timezone "UTC"
  currency USD
}
community Club "=HYPERLINK(\\"http://x\\")" {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  activity Meet "+cmd|' /C calc'!A0" {
    offline meetup at "@SUM(1+1)*cmd"
    every week on Monday at 09:00
    lasts 1 hour
    owner "-2+3"
    staff 2
    cost 10 USD
  }
  content Tab "\\t=1+1" {
    kind news
    every week on Tuesday at 09:00
    owner "\\r=1+1"
  }
}
`);
        const s = expandPlan(plan);
        const rows = parseCsv(scheduleCsv(s)).slice(1);
        const meet = rows.find((r) => r[6] === 'Meet')!;
        expect(meet[7]).toBe("'+cmd|' /C calc'!A0");
        expect(meet[11]).toBe("'-2+3");
        expect(meet[15]).toBe("'@SUM(1+1)*cmd");
        expect(meet[12]).toBe('2');
        expect(meet[13]).toBe('10');
        expect(meet[4]).toBe('1');
        const tab = rows.find((r) => r[6] === 'Tab')!;
        expect(tab[7]).toBe("'\t=1+1");
        expect(tab[11]).toBe("'\r=1+1");
        // No free-text cell of any row starts a formula.
        const numeric = new Set([4, 12, 13]);
        for (const row of rows) row.forEach((cell, i) => !numeric.has(i) && expect(cell).not.toMatch(/^[=+\-@\t\r]/));
        expect(csvText('-5')).toBe("'-5");
        expect(csvText('Plain text')).toBe('Plain text');
        expect(csvText('')).toBe('');
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
