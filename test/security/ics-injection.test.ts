// .ics property injection: a plan or community title with CR/LF tries to end the calendar and start
// VEVENTs of its own; NUL, ESC and C1 controls try to reach NAME/SUMMARY/LOCATION/DESCRIPTION. Two
// independent parsers (node-ical, and python-icalendar from Debian) must read exactly the plan's events.
import { execFileSync } from 'node:child_process';
import ical from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendars, icsEscaped, icsPlain, type CalendarFile } from '../../engine/ics.js';
import { expandPlan, type PlanSchedule } from '../../engine/schedule.js';
import { planFromText } from '../compile/helpers.js';

const HOSTILE = 'A\\r\\nEND:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:x';
const PLAN = `plan "${HOSTILE}" {
  start 2027-01-04
  horizon 4 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community Club "Club\\nBEGIN:VEVENT\\nUID:evil@attacker\\nSUMMARY:gotcha\\nEND:VEVENT" {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  content Tips "Tips\\0\u001b[2J\u009b31m\\rDTSTART:19700101T000000Z" {
    kind educational
    every week on Monday at 09:00
    for Members
    owner "Ann\\r\\nATTENDEE:mailto:evil@attacker"
  }
  activity Meetup "Meetup\\n\\nEND:VEVENT" {
    offline meetup at "Hall\u0007 A\\r\\nLOCATION:elsewhere"
    every 2 weeks on Saturday at 18:00
    lasts 2 hours
    for Members
  }
}
`;

let schedule: PlanSchedule;
let calendars: CalendarFile[];

beforeAll(async () => {
    const plan = await planFromText(PLAN);
    schedule = expandPlan(plan);
    calendars = buildCalendars(
        schedule,
        plan.communities.map((c) => ({ name: c.name, title: c.title })),
    );
});

/** What python3-icalendar (Debian's, so a parser independent of ours) reads from one calendar. */
function pythonRead(text: string): { calendars: number; names: string[]; uids: string[]; summaries: string[] } {
    const script = `
import sys, json, icalendar
cals = icalendar.Calendar.from_ical(sys.stdin.read(), multiple=True)
out = {"calendars": len(cals), "names": [], "uids": [], "summaries": []}
for cal in cals:
    out["names"].append(str(cal.get("X-WR-CALNAME")))
    for ev in cal.walk("VEVENT"):
        out["uids"].append(str(ev.get("UID")))
        out["summaries"].append(str(ev.get("SUMMARY")))
print(json.dumps(out))
`;
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

describe('.ics property injection', () => {
    it('escapes the raw calendar properties and strips control characters', () => {
        expect(icsEscaped('A\r\nB;C,D\\E')).toBe('A\\nB\\;C\\,D\\\\E');
        expect(icsPlain('x\u0000\u001b[2J\u009b\ty\rz')).toBe('x[2J\ty\nz');
    });

    it('keeps every line a real property: no control characters, NAME and X-WR-CALNAME escaped', () => {
        for (const file of calendars) {
            const lines = file.text.replace(/\r\n[ \t]/g, '').split('\r\n');
            expect(file.text.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/);
            expect(lines.filter((l) => l === 'BEGIN:VCALENDAR')).toHaveLength(1);
            expect(lines.filter((l) => l.startsWith('UID:'))).toHaveLength(lines.filter((l) => l === 'BEGIN:VEVENT').length);
            expect(lines.some((l) => /^UID:(x|evil@attacker)$/.test(l))).toBe(false);
            expect(lines.find((l) => l.startsWith('X-WR-CALNAME:'))).toMatch(/^X-WR-CALNAME:A\\nEND:VCALENDAR\\nBEGIN:VEVENT\\nUID:x/);
        }
    });

    it('node-ical reads exactly the plan’s events, with the title as text', () => {
        const expected = schedule.series.map((s) => s.uid).sort();
        for (const file of calendars) {
            const parsed = Object.values(ical.sync.parseICS(file.text));
            const events = parsed.filter((e) => e?.type === 'VEVENT');
            const wanted =
                file.community === null
                    ? expected
                    : schedule.series
                          .filter((s) => s.community === file.community)
                          .map((s) => s.uid)
                          .sort();
            expect(events.map((e) => (e as { uid: string }).uid).sort()).toEqual(wanted);
            expect(parsed.filter((e) => e?.type === 'VCALENDAR')).toHaveLength(1);
        }
        expect(expected).toHaveLength(2);
    });

    it('python3-icalendar reads exactly the plan’s events, with the title as text', () => {
        for (const file of calendars) {
            const read = pythonRead(file.text);
            const wanted = schedule.series
                .filter((s) => file.community === null || s.community === file.community)
                .map((s) => s.uid)
                .sort();
            expect(read.calendars).toBe(1);
            expect(read.uids.sort()).toEqual(wanted);
            expect(read.names[0].startsWith('A\nEND:VCALENDAR\nBEGIN:VEVENT\nUID:x')).toBe(true);
            expect(read.summaries.some((s) => s.startsWith('Tips[2J31m\nDTSTART:19700101T000000Z'))).toBe(true);
        }
    });
});
