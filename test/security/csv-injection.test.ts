// CSV row and formula injection: a cell with a bare CR or LF must not start a new row, `a;=1+1` must
// not split into a formula in semicolon-locale Excel, and control characters never reach a cell.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvText, scheduleCsv } from '../../engine/csv.js';
import { expandPlan, type PlanSchedule } from '../../engine/schedule.js';
import { planFromText } from '../compile/helpers.js';

const PLAN = `plan "CSV" {
  start 2027-01-04
  horizon 2 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community Club {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  content Tips "Weekly tips\\n=1+2" {
    kind educational
    every week on Monday at 09:00
    for Members
    owner "a;=1+1"
  }
  activity Meetup "Meetup\\r=HYPERLINK(1)" {
    offline meetup at "Hall\\tA\\0"
    every week on Saturday at 18:00
    for Members
  }
}
`;

let schedule: PlanSchedule;
beforeAll(async () => {
    schedule = expandPlan(await planFromText(PLAN));
});

describe('CSV cells cannot inject rows or formulas', () => {
    it('quotes cells with CR, LF, delimiter, semicolon, tab or quote', () => {
        const text = scheduleCsv(schedule);
        expect(text).toContain('"Weekly tips\n\'=1+2"');
        expect(text).toContain('"a;\'=1+1"');
        expect(text).toContain('"Meetup\r\'=HYPERLINK(1)"');
        expect(text).toContain('"Hall\tA"');
        expect(text).not.toContain('\u0000');
    });

    it('parses back to exactly one row per occurrence, no cell starting a formula', () => {
        for (const delimiter of [',', ';']) {
            const rows: string[][] = parse(scheduleCsv(schedule), { delimiter, relax_column_count: true, relax_quotes: true });
            if (delimiter === ',') {
                expect(rows).toHaveLength(schedule.occurrences.length + 1);
                expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
            }
            // Whatever the reader's delimiter, no cell of any row is a formula.
            for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
        }
    });

    it('guards leading formula characters and drops control characters', () => {
        expect(csvText('=1+1')).toBe("'=1+1");
        expect(csvText('\u0000=1+1')).toBe("'=1+1");
        expect(csvText('ok\u001b[31m')).toBe('ok[31m');
        expect(csvText('a;=1+1, -2')).toBe("a;'=1+1, '-2");
    });
});
